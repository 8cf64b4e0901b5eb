using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Comments;

/// <summary>
/// Refuses a comment request larger than <see cref="CommentOptions.MaxRequestBytes"/> with 413,
/// before its body is read: at once when it says its length, and as soon as a body that did not
/// say passes the limit. It runs before the antiforgery check, which reads the whole form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CommentRequestLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (order 1000) and any other that might read the body.</summary>
    public int Order => int.MinValue;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return;

        var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<CommentOptions>>().CurrentValue.MaxRequestBytes;
        if (http.Request.ContentLength is { } length)
        {
            // The server lets no more through than the length the client gave.
            if (length > limit) Refuse(context);
            return;
        }

        // A body that does not say its length is read here, up to the limit and no further, and kept
        // for the antiforgery check and the model binder to read again.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        http.Request.EnableBuffering();
        try
        {
            var buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    Refuse(context);
                    return;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context);
            return;
        }
        http.Request.Body.Position = 0;
    }

    /// <summary>
    /// Answers 413, and leaves nothing of the body to read: the error page that the status is
    /// re-executed to would otherwise read the whole form to bind its parameters.
    /// </summary>
    private static void Refuse(AuthorizationFilterContext context)
    {
        context.HttpContext.Request.Body = Stream.Null;
        context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}
