using System.Globalization;
using System.Resources;

namespace SomeForum.Web.Site;

/// <summary>
/// Every text of the interface, in one resource file per language (Strings.resx is English, Strings.de.resx German):
/// one file each is easy to check for completeness. Pages read it through <c>IStringLocalizer&lt;Strings&gt;</c>;
/// code with no request scope (dates, counts, messages built in a service) through <see cref="Get"/>.
/// </summary>
public sealed class Strings
{
    private Strings()
    {
    }

    public static ResourceManager Resources { get; } = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    /// <summary>The text in the reader's language (the current UI culture), or in <paramref name="culture"/>; the key itself when missing (a test catches that).</summary>
    public static string Get(string key, CultureInfo? culture = null) =>
        Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text with values put in, numbers and dates formatted for the language.</summary>
    public static string Format(string key, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), values);
}
