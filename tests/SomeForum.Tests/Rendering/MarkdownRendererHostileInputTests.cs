using System.Net;
using AngleSharp.Html.Parser;
using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// Hostile input: raw HTML is never interpreted (it shows as the text that was typed), Markdown that
/// would make scripts, images or embeds makes none, and the output holds nothing outside the allowlist.
/// </summary>
public sealed class MarkdownRendererHostileInputTests
{
    private readonly MarkdownRenderer renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>", "script")]
    [InlineData("<SCRIPT SRC=https://xss.invalid/x.js></SCRIPT>", "script")]
    [InlineData("<scr<script>ipt>alert(1)</script>", "script")]
    [InlineData("<img src=x onerror=alert(1)>", "img")]
    [InlineData("<IMG SRC=\"https://example.com/a.png\">", "img")]
    [InlineData("<iframe src=\"https://xss.invalid/\"></iframe>", "iframe")]
    [InlineData("<object data=\"https://xss.invalid/x.swf\"></object>", "object")]
    [InlineData("<embed src=\"https://xss.invalid/x.swf\">", "embed")]
    [InlineData("<form action=\"https://xss.invalid/\"><input name=q><button>Go</button></form>", "form")]
    [InlineData("<style>p { color: red }</style>", "style")]
    [InlineData("<svg onload=alert(1)>", "svg")]
    [InlineData("<math><mtext><img src=x onerror=alert(1)></mtext></math>", "math")]
    [InlineData("<div>\n\n**bold**\n\n</div>", "div")]
    public void ToHtml_RawHtmlElement_IsShownAsTextNotRendered(string markdown, string element)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(RenderedHtmlSafety.FindProblems(html));
            using var document = new HtmlParser().ParseDocument(html);
            Assert.Empty(document.GetElementsByTagName(element));
            Assert.Contains("<" + element, WebUtility.HtmlDecode(html), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("<p onclick=\"alert(1)\">x</p>", "onclick")]
    [InlineData("<a href=\"https://example.com\" onmouseover=\"alert(1)\">x</a>", "onmouseover")]
    [InlineData("<b onerror=alert(1)>x</b>", "onerror")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "style")]
    [InlineData("<span style=\"color:red\">x</span>", "style")]
    public void ToHtml_RawHtmlAttribute_IsNotAnAttributeInTheOutput(string markdown, string attribute)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(RenderedHtmlSafety.FindProblems(html));
            using var document = new HtmlParser().ParseDocument(html);
            Assert.Empty(document.QuerySelectorAll($"[{attribute}]"));
        }
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](javascript:alert(1) \"title\")")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<javascript:alert(document.cookie)//https://example.com>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void ToHtml_ScriptOrDataLink_LeavesNoLinkAndNoScheme(string markdown)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(RenderedHtmlSafety.FindProblems(html));
            Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+)")]
    [InlineData("![x](data:image/png;base64,iVBORw0KGgo=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](https://example.com/picture.png)")]
    [InlineData("![x](https://example.com/picture.png \"onerror=alert(1)\")")]
    [InlineData("[![x](https://example.com/picture.png)](https://example.com/)")]
    public void ToHtml_Image_IsNotRendered(string markdown)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(RenderedHtmlSafety.FindProblems(html));
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("```\n</code></pre><script>alert(1)</script>\n```")]
    [InlineData("`</code><script>alert(1)</script>`")]
    [InlineData("# </h4><script>alert(1)</script>")]
    [InlineData("[</a><script>alert(1)</script>](https://example.com/)")]
    [InlineData("[x](https://example.com/\"><script>alert(1)</script>)")]
    [InlineData("https://example.com/\"><img/src/onerror=alert(1)>")]
    [InlineData("www.example.com/'onmouseover='alert(1)'")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("&#60;script&#62;alert(1)&#60;/script&#62;")]
    [InlineData("\\<script>alert(1)\\</script>")]
    public void ToHtml_MarkupSmuggledThroughMarkdown_StaysText(string markdown)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(RenderedHtmlSafety.FindProblems(html));
            using var document = new HtmlParser().ParseDocument(html);
            Assert.Empty(document.QuerySelectorAll("script, img"));
        }
    }

    [Theory]
    [InlineData(">", 5_000)]
    [InlineData("[", 10_000)]
    public void ToHtml_TextNestedDeeperThanTheParserTakes_IsRefusedAsTheWritersMistake(string unit, int count)
    {
        var text = string.Concat(Enumerable.Repeat(unit, count));

        var refused = Assert.Throws<UnrenderableTextException>(() => renderer.ToHtml(text, TextKind.Comment));
        Assert.Contains(unit == ">" ? "too deeply" : "too much markup", refused.Message, StringComparison.Ordinal);
        Assert.Throws<UnrenderableTextException>(() => renderer.ToExcerpt(text, 100));
    }

    [Fact]
    public void ToHtml_ModeratelyNestedQuotes_AreStillRendered()
    {
        var html = renderer.ToHtml(new string('>', MarkupBudget.MaxLineNesting) + " deep", TextKind.Comment);

        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(MarkupBudget.MaxLineNesting, document.QuerySelectorAll("blockquote").Length);
    }
}
