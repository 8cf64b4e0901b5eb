using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SomeForum.Web.Site;

/// <summary>How dates read on the page: a readable date, the exact UTC time in the markup.</summary>
public static class Dates
{
    public static string Readable(DateTime utc) => utc.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Exact(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time of day, "14:05 UTC", for moments within the hour or so (how long a link works); the date on hover.</summary>
    public static IHtmlContent Clock(DateTime utc)
    {
        var encoder = HtmlEncoder.Default;
        return new HtmlString(
            $"<time datetime=\"{encoder.Encode(Machine(utc))}\" title=\"{encoder.Encode(Exact(utc))}\">{encoder.Encode(utc.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture))}</time>");
    }

    /// <summary>A date as every page shows it: readable, exact on hover, UTC in the markup; "date unknown" when there is none.</summary>
    public static IHtmlContent Html(DateTime? utc)
    {
        if (utc is not { } date) return new HtmlString("<span class=\"date-unknown\">date unknown</span>");
        var encoder = HtmlEncoder.Default;
        return new HtmlString(
            $"<time datetime=\"{encoder.Encode(Machine(date))}\" title=\"{encoder.Encode(Exact(date))}\">{encoder.Encode(Readable(date))}</time>");
    }
}
