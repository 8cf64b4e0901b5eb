using System.Text;
using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>PlainTextToHtml shows text as text; ToExcerpt makes a short one-line summary of Markdown.</summary>
public sealed class MarkdownRendererPlainTextTests
{
    private readonly MarkdownRenderer renderer = new();

    [Fact]
    public void PlainTextToHtml_HtmlTag_IsEncodedAsText()
    {
        Assert.Equal("<p>&lt;b&gt;bold&lt;/b&gt;</p>", MarkdownRenderer.PlainTextToHtml("<b>bold</b>"));
    }

    [Fact]
    public void PlainTextToHtml_ScriptAmpersandAndQuotes_AreEncoded()
    {
        var html = MarkdownRenderer.PlainTextToHtml("Tom & \"Jerry\" <script>alert('x')</script>");

        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
        Assert.EndsWith("</p>", html, StringComparison.Ordinal);
        var inner = html[3..^4];
        Assert.DoesNotContain("<", inner, StringComparison.Ordinal);
        Assert.DoesNotContain(">", inner, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", inner, StringComparison.Ordinal);
        Assert.DoesNotContain("'", inner, StringComparison.Ordinal);
        Assert.DoesNotContain("& ", inner, StringComparison.Ordinal);
        Assert.Equal("Tom & \"Jerry\" <script>alert('x')</script>", System.Net.WebUtility.HtmlDecode(inner));
    }

    [Fact]
    public void PlainTextToHtml_Markdown_IsNotInterpreted()
    {
        Assert.Equal("<p>**not bold** [x](https://example.com)</p>", MarkdownRenderer.PlainTextToHtml("**not bold** [x](https://example.com)"));
    }

    [Fact]
    public void PlainTextToHtml_SurroundingWhitespace_IsTrimmed()
    {
        Assert.Equal("<p>text</p>", MarkdownRenderer.PlainTextToHtml("  \n text \t\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    public void PlainTextToHtml_EmptyOrWhitespace_ReturnsEmpty(string text)
    {
        Assert.Equal("", MarkdownRenderer.PlainTextToHtml(text));
    }

    [Theory]
    [InlineData("one  two", "one two")]
    [InlineData("one\ntwo", "one two")]
    [InlineData("one\t \t two", "one two")]
    [InlineData("  \n one two \n  ", "one two")]
    [InlineData("one\r\ntwo", "one two")]
    [InlineData("one\u2003\u2009two", "one two")]
    public void ToExcerpt_RunsOfWhitespace_CollapseToOneSpace(string markdown, string expected)
    {
        Assert.Equal(expected, renderer.ToExcerpt(markdown, 100));
    }

    [Fact]
    public void ToExcerpt_Markdown_IsReducedToItsText()
    {
        const string markdown = "# Title\n\nSome **bold** and _em_ with [a link](https://example.com/).\n\n- item one\n- item two\n\n> quoted";

        Assert.Equal("Title. Some bold and em with a link. item one. item two. quoted", renderer.ToExcerpt(markdown, 200));
    }

    [Theory]
    [InlineData("one\n\n\ntwo", "one. two")]
    [InlineData("We have rules you can do.\n\n## What you can do here\n\n- Read a post\n- Write one", "We have rules you can do. What you can do here. Read a post. Write one")]
    [InlineData("Ask:\n\n1. Why?\n2. How!", "Ask: Why? How!")]
    [InlineData("He said \"go.\"\n\nThen left", "He said \"go.\" Then left")]
    [InlineData("A line\nbroken by the writer", "A line broken by the writer")]
    [InlineData("Code:\n\n    let x = 1\n\nafter", "Code: let x = 1. after")]
    public void ToExcerpt_Blocks_AreSeparatedAsSentences(string markdown, string expected)
    {
        Assert.Equal(expected, renderer.ToExcerpt(markdown, 200));
    }

    [Fact]
    public void ToExcerpt_TextWithinLimit_IsReturnedWholeWithoutEllipsis()
    {
        Assert.Equal("exactly ten", renderer.ToExcerpt("exactly ten", 11));
    }

    [Fact]
    public void ToExcerpt_LongText_IsCutAtAWordBoundaryWithEllipsis()
    {
        var excerpt = renderer.ToExcerpt("The quick brown fox jumps over the lazy dog", 20);

        Assert.Equal("The quick brown fox\u2026", excerpt);
        Assert.True(excerpt.Length <= 20, $"\"{excerpt}\" is longer than 20 characters");
    }

    [Fact]
    public void ToExcerpt_CutNeverEndsInASpace()
    {
        var excerpt = renderer.ToExcerpt("aaaa bbbb cccc dddd eeee", 15);

        Assert.Equal("aaaa bbbb cccc\u2026", excerpt);
    }

    [Fact]
    public void ToExcerpt_OneLongWord_IsCutHardWithEllipsisWithinTheLimit()
    {
        var excerpt = renderer.ToExcerpt("Donaudampfschifffahrtsgesellschaft", 10);

        Assert.Equal("Donaudamp\u2026", excerpt);
    }

    [Fact]
    public void ToExcerpt_NonBreakingSpace_IsKept()
    {
        Assert.Equal("10\u00A0km away", renderer.ToExcerpt("10\u00A0km \n away", 100));
    }

    [Fact]
    public void ToExcerpt_NonBreakingSpaceAtEdges_IsKept()
    {
        Assert.Equal("\u00A0a\u00A0", renderer.ToExcerpt("\u00A0a\u00A0", 100));
    }

    [Fact]
    public void ToExcerpt_NonBreakingSpace_IsNotACutPoint()
    {
        // "10 km" is bound together: the excerpt cuts at the ordinary space before it, not inside it.
        var excerpt = renderer.ToExcerpt("a walk of some 10\u00A0km today", 20);

        Assert.Equal("a walk of some\u2026", excerpt);
    }

    [Theory]
    [InlineData("\U0001F642\U0001F642\U0001F642\U0001F642\U0001F642\U0001F642", 4)]
    [InlineData("\U0001F642\U0001F642\U0001F642\U0001F642\U0001F642\U0001F642", 5)]
    [InlineData("a\U0001F642\U0001F642\U0001F642\U0001F642\U0001F642", 4)]
    [InlineData("\U0001D400\U0001D401\U0001D402\U0001D403\U0001D404\U0001D405\U0001D406", 6)]
    public void ToExcerpt_HardCutThroughAnEmoji_NeverSplitsASurrogatePair(string markdown, int maxLength)
    {
        var excerpt = renderer.ToExcerpt(markdown, maxLength);

        Assert.True(IsWellFormed(excerpt), $"\"{excerpt}\" holds a lone surrogate");
        Assert.EndsWith("\u2026", excerpt, StringComparison.Ordinal);
        Assert.True(excerpt.Length <= maxLength, $"\"{excerpt}\" is longer than {maxLength} characters");
        Assert.StartsWith(excerpt[..^1], markdown, StringComparison.Ordinal);
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
