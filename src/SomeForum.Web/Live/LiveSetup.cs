using SomeForum.Web.Comments;
using SomeForum.Web.Site;

namespace SomeForum.Web.Live;

public static class LiveSetup
{
    public static WebApplicationBuilder AddLiveThreads(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!LiveOptions.From(builder.Configuration).Enabled) return builder;
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddSingleton<LiveStreams>();
        builder.Services.AddScoped<IThreadChangeSubscriber, LiveThreadFeeder>();
        // Comments published through the other instances on the same PostgreSQL database come through its one session.
        builder.AddPageCacheRelay(listen: true);
        return builder;
    }

    /// <summary>Ahead of sign-in, the page cache and the error pages (see <see cref="LiveStreams"/>).</summary>
    public static WebApplication UseLiveThreads(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<LiveStreams>() is not { } streams) return app;
        app.Use((http, next) => ForumUrls.SlugOfLive(http.Request.Path) is { } slug ? streams.ServeAsync(http, slug) : next(http));
        return app;
    }
}

/// <summary>
/// Follows the thread: a comment just published is handed to this instance's streams on its post and, on PostgreSQL,
/// sent to the other instances' (<see cref="PageCacheRelay"/>). Held, spam and trashed comments are never told.
/// </summary>
public sealed class LiveThreadFeeder(LiveHub hub, PageCacheRelay? relay = null) : IThreadChangeSubscriber
{
    public async ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.Published || change.CommentId is not { } id) return;
        hub.Published(change.PostId, id);
        if (relay is not null) await relay.PublishCommentAsync(change.PostId, id);
    }
}
