using System.Globalization;
using System.Text;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Posts;

public static class Slug
{
    /// <summary>
    /// A readable URL segment from a title: lower case, accents dropped, words joined by hyphens.
    /// Letters of any script are kept, so a title in Greek or Japanese still gives a usable slug; a word that mixes
    /// look-alike scripts ("pаypal" with a Cyrillic а) is folded to the Latin it passes for, invisible letters dropped.
    /// </summary>
    public static string FromTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var builder = new StringBuilder(title.Length);
        var pendingHyphen = false;
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark || IsInvisible(c)) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0) builder.Append('-');
                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c != '\'' && c != '’')
            {
                pendingHyphen = true;
            }
            if (builder.Length >= PostLimits.SlugLength - 10) break;
        }
        var words = builder.ToString().Normalize(NormalizationForm.FormC).Split('-')
            .Select(word => MixedScripts(word) is null ? word : ReaderText.Fold(word));
        var slug = string.Join('-', words);
        return slug.Length > 0 ? slug : "post";
    }

    /// <summary>
    /// Letters that show nothing although Unicode calls them letters (Hangul fillers, the blank Braille pattern),
    /// and format characters (zero-width joiners, soft hyphens, direction marks): an address holding one looks like
    /// another address.
    /// </summary>
    public static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E' or '\u17B4' or '\u17B5';

    /// <summary>The two scripts a word of the slug mixes among those whose letters pass for each other, or null.</summary>
    public static (string First, string Second)? MixedScripts(string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        foreach (var word in slug.Split('-'))
        {
            string? first = null;
            foreach (var c in word)
            {
                if (ConfusableScript(c) is not { } script) continue;
                if (first is null) first = script;
                else if (first != script) return (first, script);
            }
        }
        return null;
    }

    /// <summary>What a slug looks like to a reader: two slugs with one skeleton cannot be told apart in an address bar.</summary>
    public static string Skeleton(string slug) => ReaderText.Fold(slug);

    // The scripts whose letters are mistaken for one another in most fonts; letters of other scripts (and digits) mix freely.
    private static string? ConfusableScript(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF' => "Latin",
        >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' => "Greek",
        >= '\u0400' and <= '\u052F' => "Cyrillic",
        >= '\u0530' and <= '\u058F' => "Armenian",
        _ => null,
    };
}
