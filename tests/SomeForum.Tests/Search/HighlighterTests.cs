using SomeForum.Web.Rendering;
using SomeForum.Web.Search;

namespace SomeForum.Tests.Search;

public sealed class HighlighterTests
{
    [Fact]
    public void Excerpt_TextWithMarkup_EncodedAndOnlyOurMarksRaw()
    {
        var html = Highlighter.Excerpt("Try <script>alert('Zebra')</script> & zebra.", ["zebra"]).Value;
        Assert.Equal("Try &lt;script&gt;alert(&#x27;<mark>Zebra</mark>&#x27;)&lt;/script&gt; &amp; <mark>zebra</mark>.", html);
    }

    [Fact]
    public void Excerpt_WordInsideALongerWord_NotMarked()
    {
        Assert.Equal("zebras and <mark>zebra</mark>", Highlighter.Excerpt("zebras and zebra", ["zebra"]).Value);
    }

    [Fact]
    public void Excerpt_LongText_CutAroundTheFirstMatch()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler", 100)) + " needle " + string.Join(' ', Enumerable.Repeat("after", 100));
        var html = Highlighter.Excerpt(text, ["needle"]).Value!;
        Assert.StartsWith("…", html, StringComparison.Ordinal);
        Assert.EndsWith("…", html, StringComparison.Ordinal);
        Assert.Contains(" <mark>needle</mark> ", html, StringComparison.Ordinal);
        Assert.True(html.Length < Highlighter.ExcerptLength + 40, html);
    }

    [Fact]
    public void Excerpt_NoMatchShown_TheStart()
    {
        Assert.Equal("Just text.", Highlighter.Excerpt("Just text.", ["elsewhere"]).Value);
    }

    [Fact]
    public void TextOf_RenderedHtml_TheWordsAReaderReads()
    {
        Assert.Equal("A <b> & link.", MarkdownRenderer.PlainTextOf("<p>A &lt;b&gt; &amp; <a href=\"https://example.org/x\">link</a>.</p>"));
    }
}
