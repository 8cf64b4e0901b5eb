using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.Web.Live;

/// <summary>
/// <c>GET /posts/{slug}/live</c>: a stream of Server-Sent Events for a reader with the post's page open
/// (wwwroot/js/live-thread.js). Each event says how many comments were published since the last one and links to
/// the first of them (<c>event: comments</c>, <c>data: {"count":3,"href":"/comments/123"}</c>); nothing of what they
/// say. Quiet streams get a comment line every <see cref="LiveOptions.HeartbeatSeconds"/>.
/// </summary>
/// <remarks>
/// Served ahead of sign-in, the page cache and the error pages: a stream is the same for every reader, needs no
/// cookie, and must hold nothing for its lifetime but its place in the <see cref="LiveHub"/>. The post is looked up
/// once, in a database context of its own that is gone before the stream begins. Streams end when the app stops,
/// so a stopping instance is not held up by them; browsers then open them again (through another instance).
/// </remarks>
public sealed class LiveStreams(LiveHub hub, IServiceScopeFactory scopes, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime)
{
    public const string EventName = "comments";

    public async Task ServeAsync(HttpContext http, string slug)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET";
            return;
        }
        if (!hub.TryEnter())
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return;
        }
        try
        {
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            await StreamAsync(http, slug, ending.Token);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The reader left, or the app is stopping: the stream simply ends.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            hub.Leave();
        }
    }

    private async Task StreamAsync(HttpContext http, string slug, CancellationToken ct)
    {
        var response = http.Response;
        if (await PublishedPostAsync(slug, ct) is not { } postId)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Following before the first byte goes out: once the browser sees the stream open, nothing published is missed.
        using var listener = hub.Listen(postId);
        response.ContentType = "text/event-stream; charset=utf-8";
        // nginx would otherwise hold the events in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        await SendAsync(response, $"retry: {options.Value.ReconnectSeconds * 1000}\n\n", ct);
        while (true)
        {
            var arrived = await listener.WaitAsync(heartbeat, ct);
            if (arrived && listener.Take() is { } news)
            {
                await SendAsync(response, Event(news.Count, news.First), ct);
            }
            else if (!arrived)
            {
                await SendAsync(response, ":\n\n", ct);
            }
        }
    }

    internal static string Event(int count, long firstCommentId) => string.Create(CultureInfo.InvariantCulture,
        $"event: {EventName}\ndata: {{\"count\":{count},\"href\":\"{ForumUrls.Permalink(firstCommentId)}\"}}\n\n");

    private static async Task SendAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }

    private async Task<long?> PublishedPostAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForumDb>().Posts.AsNoTracking()
            .Where(p => p.Slug == slug && p.Status == PostStatus.Published)
            .Select(p => (long?)p.Id).SingleOrDefaultAsync(ct);
    }
}
