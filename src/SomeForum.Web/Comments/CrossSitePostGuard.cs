using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SomeForum.Web.Comments;

/// <summary>
/// Cross-site protection for the pages that carry the comment form, where a guest's page must be the same for
/// every guest (so that it can be cached) and so cannot hold a token of their own. A signed-in reader's post
/// needs the antiforgery token as everywhere else. A guest's post needs the browser's own word that it comes
/// from this site: <c>Sec-Fetch-Site: same-origin</c>, or, from a browser that does not send it, an <c>Origin</c>
/// naming this host. A client that sends neither is held to the token. (The same rule as Go's
/// CrossOriginProtection and the OWASP "verify origin with standard headers" defence.)
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CrossSitePostGuardAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Where the antiforgery filter it stands in for runs: after the request size limit.</summary>
    public int Order => 1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return;

        if (http.User.Identity?.IsAuthenticated != true)
        {
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            if (site.Length > 0)
            {
                if (site != "same-origin") context.Result = new BadRequestResult();
                return;
            }
            var origin = request.Headers.Origin.ToString();
            if (origin.Length > 0)
            {
                var same = Uri.TryCreate(origin, UriKind.Absolute, out var from)
                    && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
                if (!same) context.Result = new BadRequestResult();
                return;
            }
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new BadRequestResult();
        }
    }
}
