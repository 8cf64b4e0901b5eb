using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Site;

/// <summary>
/// Pages as an anonymous reader sees them, kept in memory and served without running the page again, until
/// a change to their thread evicts them. Only a request that carries nothing of its reader is served from or
/// stored in the cache: no sign-in, no held comment of their own, no remembered details, no message waiting.
/// A signed-in reader, or one whose page shows something of theirs, always gets a page made for them.
/// On PostgreSQL pages are kept only while the instance hears the others' evictions (<see cref="PageCacheRelay.Listening"/>).
/// </summary>
public static class ReaderCache
{
    public const string Policy = "Readers";

    /// <summary>Every cached page: evicted whole when something all pages show changes (the site settings, the moderation rules).</summary>
    public const string AllPages = "readers";

    /// <summary>The home page's listing, which shows every post's comment count.</summary>
    public const string Listing = "listing";

    public static string PostTag(long postId) => $"post-{postId}";

    public static WebApplicationBuilder AddReaderCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var enabled = builder.Configuration.GetSection(CachingOptions.Section).Get<CachingOptions>()?.Pages ?? true;
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(Policy, new ReaderPagePolicy(enabled));
        });
        builder.Services.AddSingleton<TagVersions>();
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "application/atom+xml"];
        });
        // Fastest: a guest's page is compressed once and then served from the cache; others' pages are not compressed.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddScoped<IThreadChangeSubscriber, ReaderCacheEvictor>();
        builder.AddPageCacheRelay(listen: enabled);
        return builder;
    }

    /// <summary>
    /// The cache, and inside it compression, so a guest's page is kept compressed (one copy for each
    /// Accept-Encoding) and served without compressing it again. Only pages that carry nothing of their reader
    /// are compressed: a page with a secret on it (a signed-in reader's anti-forgery token) beside text an
    /// attacker chose could be read by its compressed length (BREACH).
    /// </summary>
    public static WebApplication UseReaderCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOutputCache();
        app.UseWhen(IsGuest, guests => guests.UseResponseCompression());
        return app;
    }

    /// <summary>Evicts every page that shows what a tag names (see <see cref="EvictAsync(IServiceProvider, IReadOnlyCollection{string}, CancellationToken)"/>).</summary>
    public static Task EvictAsync(IServiceProvider services, string tag, CancellationToken ct) => EvictAsync(services, [tag], ct);

    /// <summary>
    /// Evicts every page that shows what these tags name, here and, on PostgreSQL, in every other instance
    /// (<see cref="PageCacheRelay"/>): the next view of such a page, through any instance, is made afresh.
    /// </summary>
    public static async Task EvictAsync(IServiceProvider services, IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        await EvictHereAsync(services, tags, ct);
        if (services.GetService<PageCacheRelay>() is { } relay) await relay.PublishAsync(tags);
    }

    /// <summary>Evicts from this instance's cache only, now and once more a moment later (see <see cref="TagVersions"/>).</summary>
    internal static async Task EvictHereAsync(IServiceProvider services, IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tags);
        var versions = services.GetRequiredService<TagVersions>();
        // What every page shows changed (saved settings or rules, here or, through the relay, in another instance):
        // read them again before the pages are made again.
        if (tags.Contains(AllPages))
        {
            foreach (var saved in services.GetServices<Data.ISavedInMemory>()) saved.Forget();
        }
        var store = services.GetRequiredService<IOutputCacheStore>();
        foreach (var tag in tags)
        {
            versions.Bump(tag);
            await store.EvictByTagAsync(tag, ct);
            // A page whose making began before the change and whose storing ends after the check below is
            // caught by a second eviction, once such a page has had time to be stored. With no page being made
            // there is none to catch, and a page kept meanwhile (made after the change) stays.
            if (!versions.AnyBeingMade) continue;
            _ = Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ContinueWith(_ => store.EvictByTagAsync(tag, CancellationToken.None).AsTask(),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
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
        var left = utc - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (left <= TimeSpan.Zero) cache.AllowCacheStorage = false;
        else if (cache.ResponseExpirationTimeSpan is not { } expiry || left < expiry) cache.ResponseExpirationTimeSpan = left;
    }

    /// <summary>A request that carries nothing of its reader: no sign-in, no cookie of theirs, no credentials.</summary>
    private static bool IsGuest(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true && http.Request.Cookies.Keys.All(IsNeutral) && http.Request.Headers.Authorization.Count == 0;

    /// <summary>Cookies that say nothing of the reader: the page is the same with or without them.</summary>
    private static bool IsNeutral(string cookie) =>
        cookie.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)
        // Read only when the guest comments again (it vouches for them); no page shows anything of it.
        || cookie == Comments.CommenterCookies.AuthorCookie
        // The reader's language: the cache keeps a page for each language (the policy varies by it).
        || cookie == Languages.Cookie;

    /// <summary>Keeps a page from being stored (its address is not the page's own, say).</summary>
    public static void DoNotStore(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IOutputCacheFeature>()?.Context is { } cache) cache.AllowCacheStorage = false;
    }

    /// <summary>
    /// How many times each tag was evicted. A page is stored only if none of its tags was evicted after its making
    /// began: a page read just before a change and finished just after it must not come back after the eviction.
    /// </summary>
    public sealed class TagVersions
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);
        private long clock;

        public long Now => Interlocked.Read(ref clock);

        public void Bump(string tag) => versions[tag] = Interlocked.Increment(ref clock);

        public bool ChangedSince(IEnumerable<string> tags, long since) => tags.Any(t => versions.TryGetValue(t, out var v) && v > since);

        private int beingMade;

        /// <summary>Whether a page that may yet be stored is being made (from its request's start to its end, storing included).</summary>
        public bool AnyBeingMade => Volatile.Read(ref beingMade) > 0;

        internal void Making(HttpContext http)
        {
            Interlocked.Increment(ref beingMade);
            // Called when the whole answer has been sent, after the cache has stored it.
            http.Response.OnCompleted(static state =>
            {
                Interlocked.Decrement(ref ((TagVersions)state).beingMade);
                return Task.CompletedTask;
            }, this);
        }
    }

    private const string LanguageKey = "language";

    /// <summary>The query values that change a page: a kept page is one per combination of them.</summary>
    private static readonly string[] PageQueryKeys = ["cpage", ForumUrls.HomePageQuery, NewSince.Query, ReaderOrder.Query];

    /// <summary>
    /// The address of this page as the page itself may show it (the language switch's way back). A page that may be
    /// kept shows only the query values it is kept by, or the first reader's other values would reach every reader.
    /// </summary>
    public static string OwnAddress(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        // An error page shown in place of the page asked for: back to that page.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } failed)
        {
            return $"{failed.OriginalPathBase}{failed.OriginalPath}{failed.OriginalQueryString}";
        }
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { AllowCacheStorage: true }) return $"{request.PathBase}{request.Path}{request.QueryString}";
        var kept = PageQueryKeys.Where(request.Query.ContainsKey).Select(k => new KeyValuePair<string, string?>(k, request.Query[k].ToString()));
        return $"{request.PathBase}{request.Path}{QueryString.Create(kept)}";
    }

    private sealed class ReaderPagePolicy(bool enabled) : IOutputCachePolicy
    {
        private const string Began = "someforum.cache.began";

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            var versions = http.RequestServices.GetRequiredService<TagVersions>();
            http.Items[Began] = versions.Now;
            var anonymous = enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && IsGuest(http)
                && http.RequestServices.GetService<PageCacheRelay>() is not { Listening: false };
            if (anonymous) versions.Making(http);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = anonymous;
            context.AllowCacheStorage = anonymous;
            context.AllowLocking = true;
            // The query values that change a page. A page marking what is new since a time is never stored (the post
            // page says so), but it must not be answered with the plain page either.
            context.CacheVaryByRules.QueryKeys = PageQueryKeys;
            context.CacheVaryByRules.HeaderNames = new[] { "Accept-Encoding" };
            // The reader's language (from the switch's cookie or Accept-Language, Site/Languages.cs): a page in one
            // language is never served to a reader of another.
            context.CacheVaryByRules.VaryByValues[LanguageKey] = System.Globalization.CultureInfo.CurrentUICulture.Name;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.Tags.Add(AllPages);
            if (anonymous)
            {
                // Names the copy that may be kept (a page that names itself, as a feed does, replaces it): a reader
                // who has it is answered 304 from the cache while it is kept, and a new copy has a new name. Set
                // now, because the cache takes the headers as they are when the page begins to be written.
                http.Response.Headers.ETag = $"\"{Guid.NewGuid():N}\"";
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // A page that sets a cookie was made for one reader; only a whole, plain page is kept.
            var began = context.HttpContext.Items[Began] as long? ?? 0;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
                || context.HttpContext.RequestServices.GetRequiredService<TagVersions>().ChangedSince(context.Tags, began))
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Evicts the pages a committed change alters: its post's pages and the listing.</summary>
    private sealed class ReaderCacheEvictor(IServiceProvider services) : IThreadChangeSubscriber
    {
        public async ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct)
        {
            if (!change.ChangesWhatReadersSee) return;
            await EvictAsync(services, [PostTag(change.PostId), Listing], ct);
        }
    }
}

/// <summary><c>Caching:Pages</c>: the guests' page cache. Each process keeps its own. On PostgreSQL every eviction
/// reaches every instance on the same database (<see cref="PageCacheRelay"/>), so the caches stay right together,
/// and so does a command (an import) run beside them. On SQLite there is one app process: a change written by another
/// process (the import command while the app runs) shows on pages kept before it once they expire (10 minutes at
/// most) or the app restarts.</summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    public bool Pages { get; set; } = true;
}
