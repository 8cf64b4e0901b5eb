using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;

namespace SomeForum.Web.Moderation;

/// <summary>
/// Text as a reader reads it, for the moderation rules to judge: what a page will show, not how it was typed.
/// Character references are decoded, compatibility forms (fullwidth letters, ligatures) folded by NFKC, invisible
/// characters (zero-width, soft hyphen, bidirectional controls) dropped, look-alike letters of other scripts
/// folded to the Latin letter they pass for, and case ignored. "v&amp;#105;agra", "ｖｉａｇｒａ", "vi\u00ADagra" and a
/// Cyrillic "vіаgra" all read "viagra".
/// </summary>
public static class ReaderText
{
    private static readonly HtmlParser Parser = new();

    // Cyrillic, Greek and other letters that pass for Latin ones in most fonts (from Unicode's confusables, the
    // lower-case letters that matter for words). Folding them can make a Greek or Russian word match a Latin rule
    // word; the rules hold or mark spam, they do not delete, so a rare false match costs a moderator's look.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k',
        ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's',
        ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l', ['ɡ'] = 'g', ['ո'] = 'n', ['ս'] = 'u', ['օ'] = 'o',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p',
        ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ω'] = 'w', ['ı'] = 'i', ['ℓ'] = 'l',
    };

    /// <summary>One piece of text folded for matching.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decoded = text.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
        var normalized = decoded.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var folded = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Format characters (zero-width joiners and spaces, soft hyphens, direction marks) show nothing.
            if (category == UnicodeCategory.Format) continue;
            // A combining mark added to a letter hides it from a plain search: "vi̇agra".
            if (category == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(LookAlikes.TryGetValue(c, out var latin) ? latin : c);
        }
        return folded.ToString();
    }

    /// <summary>What a rendered page shows, folded for matching: its text, where its links go, and how many links it holds.</summary>
    public sealed record Page(IReadOnlyList<string> Folded, int Links);

    public static Page Read(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return new Page([], 0);
        var document = Parser.ParseDocument(html);
        var links = document.QuerySelectorAll("a[href]");
        return new Page([Fold(document.Body?.TextContent), .. links.Select(a => Fold(a.GetAttribute("href")))], links.Length);
    }

    /// <summary>The links readers will find on the page: the anchors the renderer kept.</summary>
    public static int CountLinks(string html) => Read(html).Links;
}
