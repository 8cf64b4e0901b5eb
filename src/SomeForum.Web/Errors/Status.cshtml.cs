using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using SomeForum.Web.Data;

namespace SomeForum.Web.Errors;

/// <summary>The page shown for every error status, with the status itself kept on the response.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet() => Describe(Code());

    public void OnPost() => Describe(Code());

    // From the route, never bound: binding a re-executed POST would read the form it failed on (it may be over the limits).
    private int? Code() =>
        int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    private void Describe(int? code)
    {
        // "/error" is where unhandled exceptions land; "/error/{code}" re-executes an error status.
        // A write the database refused (a full disk, a read-only file) is not the server's fault forever: 503, and the
        // reader is told to come back.
        var full = code is null && StorageFull.Is(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
        var status = code switch
        {
            null when full => 503,
            null => 500,
            < 400 or > 599 => 404,
            _ => code.Value,
        };
        Response.StatusCode = status;
        if (full) Response.Headers.RetryAfter = "120";
        var key = status switch
        {
            400 or 403 or 404 or 405 or 413 or 429 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            503 when full => "Full",
            >= 500 => "500",
            _ => "Other",
        };
        (Heading, Explanation) = (Site.Strings.Get($"Error.{key}.Heading"), Site.Strings.Get($"Error.{key}.Text"));
    }
}
