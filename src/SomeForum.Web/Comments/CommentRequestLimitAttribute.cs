using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Comments;

/// <summary>
/// Refuses a comment request larger than <see cref="CommentOptions.MaxRequestBytes"/> with 413,
/// before its body is read: at once when it says its length, and when Kestrel's limit cuts off
/// a body that did not say.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CommentRequestLimitAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }

        var limit = http.RequestServices.GetRequiredService<IOptionsSnapshot<CommentOptions>>().Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var executed = await next();
        if (executed.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
