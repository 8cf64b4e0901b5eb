using Microsoft.AspNetCore.Http.Features;

namespace SomeForum.Web.Pingbacks;

internal static class RequestBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="limit"/>: refused at once when it says
    /// its length, and cut off after <paramref name="limit"/> bytes when it does not.
    /// </summary>
    public static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }
        using var body = new MemoryStream();
        var buffer = new byte[8 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                body.Write(buffer, 0, read);
                if (body.Length > limit) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return body.ToArray();
    }

    public static Task MethodNotAllowedAsync(HttpContext context, string what)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "POST";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"{what} takes POST requests only.\n", context.RequestAborted);
    }
}
