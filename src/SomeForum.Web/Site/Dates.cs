using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SomeForum.Web.Site;

/// <summary>How dates read on the page: a readable date in the reader's language, the exact UTC time in the markup.</summary>
public static class Dates
{
    /// <summary>"March 5, 2024", "5. März 2024": the pattern is the language's own (resource Date.Readable).</summary>
    public static string Readable(DateTime utc) => utc.ToString(Strings.Get("Date.Readable"), CultureInfo.CurrentCulture);

    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The same in every language: an ISO date and a 24-hour time read everywhere.</summary>
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
        var encoder = HtmlEncoder.Default;
        if (utc is not { } date) return new HtmlString($"<span class=\"date-unknown\">{encoder.Encode(Strings.Get("Date.Unknown"))}</span>");
        return new HtmlString(
            $"<time datetime=\"{encoder.Encode(Machine(date))}\" title=\"{encoder.Encode(Exact(date))}\">{encoder.Encode(Readable(date))}</time>");
    }
}
