using AngleSharp.Html.Parser;
using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// Links: only absolute http, https (without a user:password part) and mailto addresses survive, every surviving link is marked
/// rel="nofollow ugc noopener", and a link that is dropped keeps its text.
/// </summary>
public sealed class MarkdownRendererLinkTests
{
    private readonly MarkdownRenderer renderer = new();

    [Theory]
    [InlineData("[x](https://example.com)", "https://example.com")]
    [InlineData("[x](https://example.com/a/b?c=d#e)", "https://example.com/a/b?c=d#e")]
    [InlineData("[x](http://example.com/)", "http://example.com/")]
    [InlineData("[x](HTTPS://EXAMPLE.COM/A)", "HTTPS://EXAMPLE.COM/A")]
    [InlineData("[x](https://example.com:8443/p)", "https://example.com:8443/p")]
    [InlineData("[x](mailto:someone@example.com)", "mailto:someone@example.com")]
    [InlineData("[x](mailto:someone@example.com?subject=Hi)", "mailto:someone@example.com?subject=Hi")]
    [InlineData("[x](<https://example.com/with space>)", "https://example.com/with%20space")]
    public void ToHtml_AbsoluteHttpHttpsOrMailtoLink_SurvivesWithRel(string markdown, string href)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var link = Assert.Single(Links(renderer.ToHtml(markdown, kind)));

            Assert.Equal(href, link.Href);
            Assert.Equal("nofollow ugc noopener", link.Rel);
            Assert.Equal("x", link.Text);
        }
    }

    [Theory]
    [InlineData("[a](https://example.com) and [b](mailto:b@example.com)")]
    [InlineData("https://example.com/bare and www.example.com")]
    [InlineData("<https://example.com/angle> and <mailto:b@example.com>")]
    [InlineData("[ref][r]\n\n[r]: https://example.com/ref \"Title\"")]
    [InlineData("> - # [deep](https://example.com/deep)")]
    public void ToHtml_EveryKindOfLink_GetsNofollowUgcNoopener(string markdown)
    {
        var links = Links(renderer.ToHtml(markdown, TextKind.Post));

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Equal(MarkdownRenderer.LinkRel, link.Rel));
    }

    [Theory]
    // Relative addresses mean something else on every page they land on.
    [InlineData("/path")]
    [InlineData("path/page")]
    [InlineData("../up")]
    [InlineData("#fragment")]
    [InlineData("?query=1")]
    // Protocol-relative and scheme tricks.
    [InlineData("//evil.example/x")]
    [InlineData("///evil.example/x")]
    [InlineData("\\/\\/evil.example")]
    [InlineData("<\\\\evil.example\\x>")]
    [InlineData("https:evil.example")]
    [InlineData("https:/evil.example")]
    [InlineData("http:///evil.example")]
    [InlineData("https://")]
    // Script and data schemes, however they are spelled.
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("javascript://example.com/%0Aalert(1)")]
    [InlineData("&#106;avascript:alert(1)")]
    [InlineData("javascript&#58;alert(1)")]
    [InlineData("javascript&colon;alert(1)")]
    [InlineData("java&#x09;script:alert(1)")]
    [InlineData("<java\tscript:alert(1)>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("VBScript:msgbox(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("DATA:text/html,<script>alert(1)</script>")]
    // Other schemes are not on the list either.
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://ftp.example.com/")]
    [InlineData("tel:+15555550100")]
    // A user:password part makes a link read as one site and go to another (https://paypal.com@evil.example).
    [InlineData("https://user@example.com:8443/p")]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("https://paypal.com@evil.example/login")]
    public void ToHtml_LinkToAnythingButAbsoluteHttpOrMailto_IsRemovedAndTextKept(string destination)
    {
        var markdown = $"before [the **text**]({destination}) after";
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Equal("<p>before the <strong>text</strong> after</p>", html);
        }
    }

    [Theory]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<JAVASCRIPT:alert(1)>", "JAVASCRIPT:alert(1)")]
    [InlineData("<vbscript:msgbox(1)>", "vbscript:msgbox(1)")]
    [InlineData("<data:text/html,hi>", "data:text/html,hi")]
    [InlineData("<ftp://ftp.example.com/>", "ftp://ftp.example.com/")]
    [InlineData("ftp://ftp.example.com/", "ftp://ftp.example.com/")]
    [InlineData("<file:///etc/passwd>", "file:///etc/passwd")]
    public void ToHtml_AutolinkToForbiddenScheme_IsRemovedAndTextKept(string markdown, string text)
    {
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            var html = renderer.ToHtml(markdown, kind);

            Assert.Empty(Links(html));
            Assert.Equal(text, ParagraphText(html));
        }
    }

    [Fact]
    public void ToHtml_ReferenceLinkToJavascript_IsRemovedAndTextKept()
    {
        var html = renderer.ToHtml("[click][r]\n\n[r]: javascript:alert(1)", TextKind.Comment);

        Assert.Equal("<p>click</p>", html);
    }

    [Fact]
    public void ToHtml_QuoteInAutolink_IsPercentEncodedNotAnAttribute()
    {
        var html = renderer.ToHtml("<https://example.com/\"onmouseover=\"alert(1)>", TextKind.Comment);

        var link = Assert.Single(Links(html));
        Assert.Equal(["href", "rel"], link.AttributeNames);
        Assert.Equal("https://example.com/%22onmouseover=%22alert(1)", link.Href);
    }

    [Fact]
    public void ToHtml_QuoteInLinkTitle_StaysInsideTheTitle()
    {
        var html = renderer.ToHtml("[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")", TextKind.Comment);

        var link = Assert.Single(Links(html));
        Assert.Equal(["href", "title", "rel"], link.AttributeNames);
        Assert.Equal("a\" onmouseover=\"alert(1)", link.Title);
    }

    private static List<Link> Links(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        return [.. document.QuerySelectorAll("a").Select(a => new Link(
            a.GetAttribute("href"), a.GetAttribute("rel"), a.GetAttribute("title"), a.TextContent,
            [.. a.Attributes.Select(attribute => attribute.Name)]))];
    }

    private sealed record Link(string? Href, string? Rel, string? Title, string Text, string[] AttributeNames);

    private static string ParagraphText(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        return Assert.Single(document.QuerySelectorAll("p")).TextContent;
    }
}
