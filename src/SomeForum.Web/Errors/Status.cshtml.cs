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
        (Heading, Explanation) = status switch
        {
            400 => ("Bad request", "The request could not be understood. If you sent a form, reload the page and try again."),
            403 => ("Not allowed", "You do not have permission to see this page."),
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            405 => ("Method not allowed", "This address does not accept that kind of request."),
            413 => ("Too large", "What you sent is larger than this site accepts."),
            429 => ("Too many requests", "You are sending requests too quickly. Wait a moment and try again."),
            503 when full => ("Could not be saved", "The server cannot store anything just now, so what you sent was not saved. Reading works; please try again in a while."),
            >= 500 => ("Something went wrong", "The server could not complete the request. Please try again later."),
            _ => ("Error", "The request could not be completed."),
        };
    }
}
