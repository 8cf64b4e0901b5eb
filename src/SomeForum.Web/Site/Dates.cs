using System.Globalization;

namespace SomeForum.Web.Site;

/// <summary>How dates read on the page: a readable date, the exact UTC time in the markup.</summary>
public static class Dates
{
    public static string Readable(DateTime utc) => utc.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Exact(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
