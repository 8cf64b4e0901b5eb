using System.Globalization;

namespace SomeForum.Web.Site;

public static class Texts
{
    /// <summary>
    /// "1 comment", "1.234 Kommentare": a count with its noun in the reader's language. <paramref name="noun"/> names
    /// the pair of resources Count.{noun}.One and Count.{noun}.Other; English and German both use the singular for
    /// exactly one and the plural otherwise (a language with more forms would add them here).
    /// </summary>
    public static string Count(int count, string noun, CultureInfo? culture = null)
    {
        var ui = culture ?? CultureInfo.CurrentUICulture;
        var form = Strings.Get($"Count.{noun}.{(count == 1 ? "One" : "Other")}", ui);
        return string.Format(culture ?? CultureInfo.CurrentCulture, form, count);
    }
}
