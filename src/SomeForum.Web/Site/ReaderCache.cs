using Microsoft.AspNetCore.OutputCaching;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Site;

/// <summary>
/// Pages as an anonymous reader sees them, kept in memory and served without running the page again, until
/// a change to their thread evicts them. Only a request that carries nothing of its reader is served from or
/// stored in the cache: no sign-in, no held comment of their own, no remembered details, no message waiting.
/// A signed-in reader, or one whose page shows something of theirs, always gets a page made for them.
/// </summary>
public static class ReaderCache
{
    public const string Policy = "Readers";

    /// <summary>Every cached page: evicted whole when something all pages show changes (the moderation rules).</summary>
    public const string AllPages = "readers";

    /// <summary>The home page's listing, which shows every post's comment count.</summary>
    public const string Listing = "listing";

    public static string PostTag(long postId) => $"post-{postId}";

    public static WebApplicationBuilder AddReaderCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(Policy, new ReaderPagePolicy());
        });
        builder.Services.AddScoped<IThreadChangeSubscriber, ReaderCacheEvictor>();
        return builder;
    }

    /// <summary>Names what a page shows (a post, the listing), so that a change to it evicts the page.</summary>
    public static void Tag(HttpContext http, string tag)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(tag);
    }

    /// <summary>Keeps the page no later than <paramref name="utc"/>, when something on it changes by itself.</summary>
    public static void ExpireBy(HttpContext http, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { } cache) return;
        var left = utc - DateTime.UtcNow;
        if (left <= TimeSpan.Zero) cache.AllowCacheStorage = false;
        else if (cache.ResponseExpirationTimeSpan is not { } expiry || left < expiry) cache.ResponseExpirationTimeSpan = left;
    }

    /// <summary>Cookies that say nothing of the reader: the page is the same with or without them.</summary>
    private static bool IsNeutral(string cookie) => cookie.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal);

    private sealed class ReaderPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            var anonymous = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && http.User.Identity?.IsAuthenticated != true
                && request.Cookies.Keys.All(IsNeutral)
                && request.Headers.Authorization.Count == 0;
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = anonymous;
            context.AllowCacheStorage = anonymous;
            context.AllowLocking = true;
            // The comment page and the home page's page are the only query values that change a page.
            context.CacheVaryByRules.QueryKeys = new[] { "cpage", "p" };
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.Tags.Add(AllPages);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // A page that sets a cookie was made for one reader; only a whole, plain page is kept.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Evicts the pages a committed change alters: its post's pages and the listing.</summary>
    private sealed class ReaderCacheEvictor(IOutputCacheStore store) : IThreadChangeSubscriber
    {
        public async ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct)
        {
            if (!change.ChangesWhatReadersSee) return;
            await store.EvictByTagAsync(PostTag(change.PostId), ct);
            await store.EvictByTagAsync(Listing, ct);
        }
    }
}
