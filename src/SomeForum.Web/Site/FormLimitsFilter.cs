using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SomeForum.Web.Site;

/// <summary>
/// Reads a posted form once, before anything binds it: a form over the reader's limits (more fields than allowed,
/// a key or value too long) is answered 400. Left to model binding it would bind nothing, and the page would answer
/// as though its route were wrong (a 404), or fail on the error page that re-reads it (a 500).
/// </summary>
public sealed class FormLimitsFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After the comment form's size limit (which must come before any read), before the antiforgery check.</summary>
    public int Order => int.MinValue + 1;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType || context.Result is not null) return;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Answered here, in words: the error page a bare status is re-executed to would read the same form.
            request.Body = Stream.Null;
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "The form sent had too many fields, or a field too long, for this site: nothing was saved. Go back, reload the page and try again.\n",
            };
        }
    }
}
