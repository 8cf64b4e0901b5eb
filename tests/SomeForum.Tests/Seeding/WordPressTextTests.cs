using SomeForum.Tests.Rendering;
using SomeForum.Web.Rendering;
using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

/// <summary>WordPress's HTML (post bodies and comments) as this forum stores it: sanitized HTML, and Markdown that renders alike.</summary>
public sealed class WordPressTextTests
{
    private readonly MarkdownRenderer renderer = new();

    [Fact]
    public void AutoParagraphs_BlankLinesAndLineBreaks_BecomeParagraphsAndBreaks()
    {
        Assert.Equal("<p>One<br>\ntwo</p>\n\n<p>Three</p>", WordPressText.AutoParagraphs("One\ntwo\n\n\n  Three  "));
    }

    [Fact]
    public void AutoParagraphs_BlocksPreAndEditorMarkers_AreLeftAsWritten()
    {
        var text = "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\n<pre>a\n\nb</pre>\n\n<ul>\n<li>x</li>\n</ul>";
        Assert.Equal("<p>Block</p>\n\n<pre>a\n\nb</pre>\n\n<ul>\n<li>x</li>\n</ul>", WordPressText.AutoParagraphs(text));
    }

    [Theory]
    [InlineData("Plain <em>emphasis</em>, <strong>strong</strong> &amp; <del>gone</del>.", "Plain *emphasis*, **strong** & ~~gone~~.")]
    [InlineData("<a href=\"https://example.org/a(b)\">a link</a>", "[a link](<https://example.org/a(b)>)")]
    [InlineData("Stars * and _underscores_ and [brackets] and &lt;tags&gt;", "Stars \\* and \\_underscores\\_ and \\[brackets\\] and \\<tags\\>")]
    [InlineData("1. not a list\n\n- nor this", "1\\. not a list\n\n\\- nor this")]
    [InlineData("<ol start=\"3\"><li>three</li><li>four</li></ol>", "3. three\n4. four")]
    [InlineData("<blockquote>Quoted\n\nTwice</blockquote>", "> Quoted\n>\n> Twice")]
    [InlineData("<h1>Top</h1>", "# Top")]
    [InlineData("<pre>code ``` here</pre>", "````\ncode ``` here\n````")]
    [InlineData("<div class=\"x\"><span style=\"color:red\">Kept text</span></div><script>alert(1)</script>", "Kept text")]
    [InlineData("<b>Bold</b>, <I class=\"x\">italic</I>, <br>a break, <blockquote>and a quote</blockquote>", "**Bold**, *italic*,\na break,\n\n> and a quote")]
    public void Convert_Comment_GivesMarkdownThatKeepsTheTextAsText(string wordPress, string markdown)
    {
        Assert.Equal(markdown, WordPressText.Convert(renderer, wordPress, TextKind.Comment).Markdown);
    }

    [Theory]
    [InlineData("Plain <em>emphasis</em>, <strong>strong</strong> &amp; a <a href=\"https://example.org/\">link</a>.\nNext line.\n\nSecond paragraph.")]
    [InlineData("<ul><li>one</li><li>two <code>x*y</code></li></ul><blockquote><p>quoted</p></blockquote><h2>Heading</h2>")]
    [InlineData("Stars * and _underscores_ and [brackets] and &lt;tags&gt; &amp;copy; #hash")]
    public void Convert_RenderingTheMarkdown_GivesTheSanitizedHtml(string wordPress)
    {
        var (html, markdown) = WordPressText.Convert(renderer, wordPress, TextKind.Comment);
        Assert.Equal(Normalize(html), Normalize(renderer.ToHtml(markdown, TextKind.Comment)));

        static string Normalize(string html) => html.Replace("<br />", "<br>", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertHtml_ADisqusMessage_KeepsItsParagraphsBreaksAndEmphasis()
    {
        var (html, markdown) = WordPressText.ConvertHtml(renderer,
            "<p>First <b>bold</b> and <i>italic</i>.<br>Same paragraph.</p><p>A <a href=\"https://example.org/\" rel=\"nofollow noopener\" title=\"x\">link</a> <script>alert(1)</script></p>", TextKind.Comment);
        Assert.Equal("First **bold** and *italic*.\nSame paragraph.\n\nA [link](<https://example.org/>)", markdown);
        Assert.DoesNotContain("script", html, StringComparison.Ordinal);
        // What the pipeline stores is the Markdown rendered again: the same emphasis, break and link (Disqus's title attribute aside).
        var rendered = renderer.ToHtml(markdown, TextKind.Comment);
        foreach (var part in new[] { "<strong>bold</strong>", "<em>italic</em>", "<br", "<a href=\"https://example.org/\" rel=\"nofollow ugc noopener\">link</a>" })
        {
            Assert.Contains(part, rendered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SanitizeHtml_EveryXssVectorAsWordPressHtml_LeavesOnlyTheAllowlist()
    {
        Assert.Equal(XssVectors.ExpectedCount, XssVectors.Vectors.Count);
        foreach (var vector in XssVectors.Vectors)
        {
            var (html, markdown) = WordPressText.Convert(renderer, vector.Payload, TextKind.Post);
            Assert.True(RenderedHtmlSafety.FindProblems(html) is [], $"line {vector.Line}: {string.Join("; ", RenderedHtmlSafety.FindProblems(html))}");
            var rendered = renderer.ToHtml(markdown, TextKind.Post);
            Assert.True(RenderedHtmlSafety.FindProblems(rendered) is [], $"line {vector.Line} (Markdown): {string.Join("; ", RenderedHtmlSafety.FindProblems(rendered))}");
        }
    }

    [Fact]
    public void PlainText_PingbackExcerpt_LosesItsMarkup()
    {
        Assert.Equal("[...] A <b>short</b> one [...]", MarkdownRenderer.PlainTextOf("\n  [...] A &lt;b&gt;short&lt;/b&gt; <em>one</em> [...]\n"));
    }
}
