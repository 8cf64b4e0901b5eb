using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>The Markdown people write comes out as the HTML they meant, in posts and in comments alike.</summary>
public sealed class MarkdownRendererMarkdownTests
{
    private const string Rel = MarkdownRenderer.LinkRel;

    private readonly MarkdownRenderer renderer = new();

    [Theory]
    [InlineData(TextKind.Post)]
    [InlineData(TextKind.Comment)]
    public void ToHtml_BlankLineBetweenText_RendersTwoParagraphs(TextKind kind)
    {
        Assert.Equal("<p>one</p>\n<p>two</p>", renderer.ToHtml("one\n\ntwo", kind));
    }

    [Theory]
    [InlineData(TextKind.Post)]
    [InlineData(TextKind.Comment)]
    public void ToHtml_SingleLineBreak_RendersBr(TextKind kind)
    {
        Assert.Equal("<p>first line<br>\nsecond line</p>", renderer.ToHtml("first line\nsecond line", kind));
    }

    [Theory]
    [InlineData("*em* and _em_", "<p><em>em</em> and <em>em</em></p>")]
    [InlineData("**strong** and __strong__", "<p><strong>strong</strong> and <strong>strong</strong></p>")]
    [InlineData("***both***", "<p><em><strong>both</strong></em></p>")]
    [InlineData("~~struck~~ out", "<p><del>struck</del> out</p>")]
    public void ToHtml_InlineEmphasis_RendersEmStrongAndDel(string markdown, string expected)
    {
        Assert.Equal(expected, renderer.ToHtml(markdown, TextKind.Comment));
    }

    [Fact]
    public void ToHtml_UnorderedList_RendersUl()
    {
        Assert.Equal("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", renderer.ToHtml("- one\n- two", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_OrderedListFromOne_RendersOlWithoutStart()
    {
        Assert.Equal("<ol>\n<li>one</li>\n<li>two</li>\n</ol>", renderer.ToHtml("1. one\n2. two", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_OrderedListFromThree_KeepsStartAttribute()
    {
        Assert.Equal("<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>", renderer.ToHtml("3. three\n4. four", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_NestedList_RendersListInsideItem()
    {
        Assert.Equal(
            "<ul>\n<li>outer\n<ol>\n<li>inner</li>\n</ol>\n</li>\n</ul>",
            renderer.ToHtml("- outer\n  1. inner", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_BlockQuote_RendersBlockquoteAroundParagraph()
    {
        Assert.Equal("<blockquote>\n<p>quoted<br>\ntwice</p>\n</blockquote>", renderer.ToHtml("> quoted\n> twice", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_InlineCode_RendersCodeWithTextEncoded()
    {
        Assert.Equal("<p>use <code>a &lt; b &amp;&amp; *c*</code> here</p>", renderer.ToHtml("use `a < b && *c*` here", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_FencedCodeBlock_RendersPreCodeWithoutLanguageClass()
    {
        const string markdown = "```csharp\nif (a < b) Run(\"**x**\");\n\nDone();\n```";
        Assert.Equal(
            "<pre><code>if (a &lt; b) Run(\"**x**\");\n\nDone();\n</code></pre>",
            renderer.ToHtml(markdown, TextKind.Comment));
    }

    [Fact]
    public void ToHtml_IndentedCodeBlock_RendersPreCode()
    {
        Assert.Equal("<pre><code>x = 1\n</code></pre>", renderer.ToHtml("    x = 1", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_ThematicBreak_RendersHr()
    {
        Assert.Equal("<p>above</p>\n<hr>\n<p>below</p>", renderer.ToHtml("above\n\n---\n\nbelow", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_InlineLink_RendersAnchorWithTitleAndRel()
    {
        Assert.Equal(
            $"<p>see <a href=\"https://example.com/a?b=1&amp;c=2\" title=\"The title\" rel=\"{Rel}\">the page</a></p>",
            renderer.ToHtml("see [the page](https://example.com/a?b=1&c=2 \"The title\")", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_ReferenceLink_RendersAnchor()
    {
        Assert.Equal(
            $"<p>see <a href=\"https://example.com/\" rel=\"{Rel}\">this</a></p>",
            renderer.ToHtml("see [this][ref]\n\n[ref]: https://example.com/", TextKind.Comment));
    }

    [Theory]
    [InlineData("go to https://example.com/a?b=1 now", "https://example.com/a?b=1", "https://example.com/a?b=1")]
    [InlineData("go to http://example.com/path now", "http://example.com/path", "http://example.com/path")]
    [InlineData("go to www.example.com now", "http://www.example.com", "www.example.com")]
    [InlineData("go to mailto:someone@example.com now", "mailto:someone@example.com", "someone@example.com")]
    [InlineData("go to <https://example.com/x> now", "https://example.com/x", "https://example.com/x")]
    [InlineData("go to <mailto:someone@example.com> now", "mailto:someone@example.com", "mailto:someone@example.com")]
    public void ToHtml_BareOrAngleBracketUrl_BecomesLink(string markdown, string href, string text)
    {
        Assert.Equal(
            $"<p>go to <a href=\"{href}\" rel=\"{Rel}\">{text}</a> now</p>",
            renderer.ToHtml(markdown, TextKind.Comment));
    }

    [Theory]
    [InlineData("# H", "<h4>H</h4>")]
    [InlineData("## H", "<h5>H</h5>")]
    [InlineData("### H", "<h6>H</h6>")]
    [InlineData("#### H", "<h6>H</h6>")]
    [InlineData("##### H", "<h6>H</h6>")]
    [InlineData("###### H", "<h6>H</h6>")]
    [InlineData("H\n===", "<h4>H</h4>")]
    [InlineData("H\n---", "<h5>H</h5>")]
    public void ToHtml_HeadingInComment_IsDemotedBelowTheThreadHeadings(string markdown, string expected)
    {
        Assert.Equal(expected, renderer.ToHtml(markdown, TextKind.Comment));
    }

    [Theory]
    [InlineData("# H", "<h2>H</h2>")]
    [InlineData("## H", "<h3>H</h3>")]
    [InlineData("### H", "<h4>H</h4>")]
    [InlineData("#### H", "<h5>H</h5>")]
    [InlineData("##### H", "<h6>H</h6>")]
    [InlineData("###### H", "<h6>H</h6>")]
    [InlineData("H\n===", "<h2>H</h2>")]
    [InlineData("H\n---", "<h3>H</h3>")]
    public void ToHtml_HeadingInPost_IsDemotedBelowThePageTitle(string markdown, string expected)
    {
        Assert.Equal(expected, renderer.ToHtml(markdown, TextKind.Post));
    }

    [Theory]
    [InlineData(TextKind.Post, "<blockquote>\n<h2>Quoted</h2>\n</blockquote>\n<ul>\n<li><h3>Listed</h3>\n</li>\n</ul>")]
    [InlineData(TextKind.Comment, "<blockquote>\n<h4>Quoted</h4>\n</blockquote>\n<ul>\n<li><h5>Listed</h5>\n</li>\n</ul>")]
    public void ToHtml_HeadingNestedInQuoteOrList_IsDemotedToo(TextKind kind, string expected)
    {
        Assert.Equal(expected, renderer.ToHtml("> # Quoted\n\n- ## Listed", kind));
    }

    [Fact]
    public void ToHtml_HeadingWithInlineMarkup_KeepsTheMarkup()
    {
        Assert.Equal("<h4>A <em>fine</em> <code>day</code></h4>", renderer.ToHtml("# A *fine* `day`", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_SurroundingBlankLines_AreTrimmed()
    {
        Assert.Equal("<p>text</p>", renderer.ToHtml("\n\n  text  \n\n", TextKind.Comment));
    }

    [Fact]
    public void ToHtml_EmptyInput_ReturnsEmpty()
    {
        Assert.Equal("", renderer.ToHtml("", TextKind.Post));
    }

    [Fact]
    public void ToHtml_NullInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => renderer.ToHtml(null!, TextKind.Post));
    }
}
