using System.Globalization;
using System.Text;

namespace SomeForum.Web.Posts;

public static class Slug
{
    /// <summary>
    /// A readable URL segment from a title: lower case, accents dropped, words joined by hyphens.
    /// Letters of any script are kept, so a title in Greek or Japanese still gives a usable slug.
    /// </summary>
    public static string FromTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var builder = new StringBuilder(title.Length);
        var pendingHyphen = false;
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark) continue;
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
        var slug = builder.ToString().Normalize(NormalizationForm.FormC);
        return slug.Length > 0 ? slug : "post";
    }
}
