using System.Net;
using System.Text.RegularExpressions;
using SomeForum.Web.Rendering;
using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

/// <summary>Page text is literal: what Markdown would read as markup is escaped, and nothing else changes.</summary>
public sealed partial class EscapeLiteralTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static readonly string[] MarkupElements =
        ["<em", "<strong", "<del", "<code", "<pre", "<h2", "<h3", "<h4", "<h5", "<h6", "<ul", "<ol", "<li", "<blockquote", "<hr", "<table", "<br"];

    [Theory]
    [InlineData("a * b", @"a \* b")]
    [InlineData("*bold*", @"\*bold\*")]
    [InlineData("snake_case and _emphasis_", @"snake\_case and \_emphasis\_")]
    [InlineData("see [1] and [a](b)", @"see \[1\] and \[a\](b)")]
    [InlineData("a < b > c", @"a \< b \> c")]
    [InlineData("<b>not html</b>", @"\<b\>not html\</b\>")]
    [InlineData("~~struck~~", @"\~\~struck\~\~")]
    [InlineData("a | b", @"a \| b")]
    [InlineData("`code`", @"\`code\`")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("&amp; &copy; &#169; &#xA9;", @"\&amp; \&copy; \&#169; \&#xA9;")]
    public void EscapeLiteral_MarkupCharacters_AreEscaped(string line, string expected)
    {
        Assert.Equal(expected, SeedDocumentParser.EscapeLiteral(line));
    }

    [Theory]
    [InlineData("1. First", @"1\. First")]
    [InlineData("10) Tenth", @"10\) Tenth")]
    [InlineData("2013. A year", @"2013\. A year")]
    [InlineData("# Not a heading", @"\# Not a heading")]
    [InlineData("#hashtag", @"\#hashtag")]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("+ not a list", @"\+ not a list")]
    [InlineData("---", @"\---")]
    [InlineData("===", @"\===")]
    [InlineData("* not a list", @"\* not a list")]
    [InlineData("> not a quote", @"\> not a quote")]
    public void EscapeLiteral_BlockMarkerAtLineStart_IsEscaped(string line, string expected)
    {
        Assert.Equal(expected, SeedDocumentParser.EscapeLiteral(line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Plain words, with punctuation: commas; colons! questions? (parentheses) and 100% effort.")]
    [InlineData("It\u2019s \u201Cquoted\u201D \u2013 with dashes \u2014 and an emoji \U0001F642")]
    [InlineData("Marketing & Communications, AT&T")]
    [InlineData("Our #SocialHRSuccess blog, 1. not at the start, - nor this, # nor this")]
    [InlineData("1.5 million people, 80% of them")]
    [InlineData("a) b) c) are not list markers")]
    [InlineData("So\u00A0What?")]
    [InlineData("see https://example.org/a/b?c=1#d for more")]
    [InlineData("www.example.org/page.")]
    public void EscapeLiteral_TextWithoutMarkup_IsUnchanged(string line)
    {
        Assert.Equal(line, SeedDocumentParser.EscapeLiteral(line));
    }

    [Theory]
    [InlineData("a * b * c")]
    [InlineData("*not emphasis* and _not either_ and __nor this__")]
    [InlineData("~~not struck~~")]
    [InlineData("[not a link](https://example.org)")]
    [InlineData("![not an image](https://example.org/i.png)")]
    [InlineData("<b>not html</b> <!-- nor a comment -->")]
    [InlineData("`not code`")]
    [InlineData(@"a trailing backslash \")]
    [InlineData("a | table | row")]
    [InlineData("&amp; &copy; &#169; stay as written")]
    [InlineData("1. not a list")]
    [InlineData("1) nor this")]
    [InlineData("# not a heading")]
    [InlineData("- not a list")]
    [InlineData("+ not a list")]
    [InlineData("* not a list")]
    [InlineData("> not a quote")]
    [InlineData("***")]
    [InlineData("___")]
    [InlineData("Tom & Jerry, 100% \u201Cliteral\u201D")]
    public void EscapeLiteral_RenderedAsMarkdown_ShowsThePageText(string line)
    {
        var escaped = SeedDocumentParser.EscapeLiteral(line);

        Assert.Equal(line, Renderer.ToExcerpt(escaped, 10_000));
        var html = Renderer.ToHtml(escaped, TextKind.Comment);
        Assert.DoesNotContain(MarkupElements, element => html.Contains(element, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("see http://example.com/a_b_c for more", "http://example.com/a_b_c")]
    [InlineData("https://en.wikipedia.org/wiki/Social_media.", "https://en.wikipedia.org/wiki/Social_media")]
    [InlineData("(https://example.org/~user/a*b*c)", "https://example.org/~user/a*b*c")]
    [InlineData("https://example.org/wiki/Foo_(bar)", "https://example.org/wiki/Foo_(bar)")]
    [InlineData("*https://example.org/x_y*", "https://example.org/x_y")]
    [InlineData("<https://example.org/x_y>", "https://example.org/x_y")]
    [InlineData("https://example.org/x|y and more", "https://example.org/x|y")]
    [InlineData("www.example.org/a_b", "http://www.example.org/a_b")]
    [InlineData("see https://example.org/plain.", "https://example.org/plain")]
    public void EscapeLiteral_WebAddress_StaysALinkToItselfAndReadsAsWritten(string line, string url)
    {
        var escaped = SeedDocumentParser.EscapeLiteral(line);

        Assert.Equal(line, Renderer.ToExcerpt(escaped, 10_000));
        var html = Renderer.ToHtml(escaped, TextKind.Comment);
        var href = Assert.Single(Href().Matches(html)).Groups["url"].Value;
        Assert.Equal(url, Uri.UnescapeDataString(WebUtility.HtmlDecode(href)));
        Assert.DoesNotContain(MarkupElements, element => html.Contains(element, StringComparison.Ordinal));
    }

    [Fact]
    public void EscapeLiteral_AddressInsideAWord_IsTextNotALink()
    {
        var escaped = SeedDocumentParser.EscapeLiteral("xhttp://example.org/a_b");

        Assert.Equal(@"xhttp://example.org/a\_b", escaped);
    }

    [Fact]
    public void Parse_BodyWithMarkup_IsEscapedLineByLine()
    {
        var text = string.Join("\n",
            "Title",
            "",
            "# Not a heading",
            "- nor a list",
            "",
            "  1. Meg Peppin · December 2, 2013",
            "",
            "    1. not a list in a comment",
            "    *emphasis* stays <literal>");

        var document = SeedDocumentParser.Parse(text, "markup.txt");

        Assert.Equal("\\# Not a heading\n\\- nor a list", document.Body);
        Assert.Equal("1\\. not a list in a comment\n\\*emphasis\\* stays \\<literal\\>", Assert.Single(document.Entries).Body);
    }

    [GeneratedRegex("href=\"(?<url>[^\"]*)\"")]
    private static partial Regex Href();
}
