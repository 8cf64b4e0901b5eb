using System.Net;
using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// The typography people type (curly quotes, dashes, ellipses, non-breaking spaces, emoji) comes out as
/// typed. Entities are allowed on the way (U+00A0 may come out as &amp;nbsp;), so output is compared
/// after HTML-decoding.
/// </summary>
public sealed class MarkdownRendererTypographyTests
{
    private const string Sentence = "It\u2019s \u201Cquoted\u201D \u2013 en, \u2014 em\u2026 10\u00A0km \U0001F642";

    private readonly MarkdownRenderer renderer = new();

    public static TheoryData<string, TextKind> Characters()
    {
        var data = new TheoryData<string, TextKind>();
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            foreach (var character in new[] { "\u2019", "\u2018", "\u201C", "\u201D", "\u2013", "\u2014", "\u2026", "\u00A0", "\U0001F642", "\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469\u200D\U0001F467" })
            {
                data.Add(character, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public void ToHtml_TypographicCharacter_PassesThroughIntact(string character, TextKind kind)
    {
        var html = renderer.ToHtml($"a{character}b", kind);

        Assert.Equal($"<p>a{character}b</p>", WebUtility.HtmlDecode(html));
    }

    [Theory]
    [InlineData(TextKind.Post)]
    [InlineData(TextKind.Comment)]
    public void ToHtml_TypographyInEveryBlock_PassesThroughIntact(TextKind kind)
    {
        var markdown = string.Join("\n\n",
            Sentence,
            "# " + Sentence,
            "> " + Sentence,
            "- " + Sentence,
            "*" + Sentence + "*",
            "[" + Sentence + "](https://example.com/)",
            "`" + Sentence + "`",
            "```\n" + Sentence + "\n```");

        var decoded = WebUtility.HtmlDecode(renderer.ToHtml(markdown, kind));

        var heading = kind == TextKind.Post ? "h2" : "h4";
        Assert.Contains($"<p>{Sentence}</p>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<{heading}>{Sentence}</{heading}>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<blockquote>\n<p>{Sentence}</p>\n</blockquote>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<li>{Sentence}</li>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<em>{Sentence}</em>", decoded, StringComparison.Ordinal);
        Assert.Contains($">{Sentence}</a>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<code>{Sentence}</code>", decoded, StringComparison.Ordinal);
        Assert.Contains($"<pre><code>{Sentence}\n</code></pre>", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_TypographyAroundLineBreak_PassesThroughIntact()
    {
        var html = renderer.ToHtml("\u201Cone\u2026\u201D\n\u2014 two\u00A0\U0001F642", TextKind.Comment);

        Assert.Equal("<p>\u201Cone\u2026\u201D<br>\n\u2014 two\u00A0\U0001F642</p>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void ToHtml_StraightQuotesAndDashes_AreNotMadeTypographic()
    {
        // No SmartyPants: what people type is what they get.
        var html = renderer.ToHtml("it's \"x\" -- y --- z...", TextKind.Comment);

        Assert.Equal("<p>it's \"x\" -- y --- z...</p>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void ToHtml_NonBreakingSpaceEntity_BecomesNonBreakingSpace()
    {
        var html = renderer.ToHtml("10&nbsp;km", TextKind.Comment);

        Assert.Equal("<p>10\u00A0km</p>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void PlainTextToHtml_Typography_PassesThroughIntact()
    {
        var html = MarkdownRenderer.PlainTextToHtml(Sentence);

        Assert.Equal($"<p>{Sentence}</p>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void ToExcerpt_Typography_PassesThroughIntact()
    {
        Assert.Equal(Sentence, renderer.ToExcerpt(Sentence, 200));
    }
}
