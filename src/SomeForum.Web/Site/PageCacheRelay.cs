using Npgsql;
using SomeForum.Web.Data;

namespace SomeForum.Web.Site;

/// <summary>
/// Carries the page cache's evictions to every instance on the same PostgreSQL database: each eviction made here
/// is sent with NOTIFY, and <see cref="PageCacheListener"/> in every instance evicts the same tags from its own cache.
/// Comments just published go the same way, to the live streams open on their post in every instance
/// (<see cref="Live.LiveHub"/>): one channel and one listening session per instance, whatever the number of readers.
/// On SQLite there is one process and nothing to carry.
/// </summary>
/// <remarks>
/// The notice is sent after the change has committed, in its own short command. NOTIFY inside the writer's
/// transaction would go out exactly when it commits, but the thread's followers are told only after the commit (they
/// must never act on a change that rolls back), the rules page evicts outside any thread transaction, and a command
/// of its own keeps the relay out of the writers' transactions. What that costs: an instance that dies between its
/// commit and its notice leaves the others' pages of that change stale until they expire (at most 10 minutes).
/// </remarks>
public sealed class PageCacheRelay : IAsyncDisposable
{
    /// <summary>NOTIFY reaches the listeners on the same database only, so two forums on one server never mix.</summary>
    public const string Channel = "someforum_page_cache";

    private readonly NpgsqlDataSource senders;
    private readonly ILogger<PageCacheRelay> logger;

    public PageCacheRelay(string connectionString, ILogger<PageCacheRelay> logger)
    {
        senders = NpgsqlDataSource.Create(connectionString);
        ListenerConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ListenerName,
            // The listening session is held for the life of the app: it is not one a pool may hand to anybody else.
            Pooling = false,
        }.ConnectionString;
        this.logger = logger;
    }

    /// <summary>This instance, named in what it sends so that it can skip its own notices.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The listening session's application_name, so an operator (or a test) can find it in pg_stat_activity.</summary>
    public string ListenerName => $"someforum-pages-{InstanceId:N}";

    internal string ListenerConnectionString { get; }

    /// <summary>
    /// Whether this instance hears the others now. While it does not (before its first session, between a lost session
    /// and the next), a page it kept could be stale, so none is kept or served (see <see cref="ReaderCache"/>).
    /// </summary>
    public bool Listening
    {
        get => Volatile.Read(ref listening);
        internal set => Volatile.Write(ref listening, value);
    }

    private bool listening;

    /// <summary>Tells every other instance to evict these tags. A failure is logged, never thrown: the change is made.</summary>
    public async Task PublishAsync(IReadOnlyCollection<string> tags)
    {
        if (await NotifyAsync(Payload(InstanceId, tags)) is { } failure) logger.NotSent(failure, string.Join(',', tags));
    }

    /// <summary>
    /// Tells every other instance's live streams on the post that this comment was published. A failure is logged,
    /// never thrown: their readers see it on their next view.
    /// </summary>
    public async Task PublishCommentAsync(long postId, long commentId)
    {
        if (await NotifyAsync(PublishedPayload(InstanceId, postId, commentId)) is { } failure) logger.PublishedNotSent(failure, postId, commentId);
    }

    /// <summary>Sends one notice on the channel; the failure, if it was not sent.</summary>
    private async Task<Exception?> NotifyAsync(string payload)
    {
        try
        {
            // Not cancelled by a reader who leaves: the change is committed and the others must hear of it.
            await using var notify = senders.CreateCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = payload });
            await notify.ExecuteNonQueryAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return e;
        }
    }

    private const string Published = "published";

    /// <summary>
    /// "sender published post comment": e.g. "3f2a… published 12 345". Tags have no spaces, so this is never read
    /// as an eviction (an older instance would evict a tag no page has, and nothing else).
    /// </summary>
    internal static string PublishedPayload(Guid sender, long postId, long commentId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sender:N} {Published} {postId} {commentId}");

    internal static (Guid Sender, long PostId, long CommentId)? ParsePublished(string payload)
    {
        var parts = payload.Split(' ');
        return parts.Length == 4 && parts[1] == Published && Guid.TryParseExact(parts[0], "N", out var sender)
            && long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var post)
            && long.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var comment)
            ? (sender, post, comment)
            : null;
    }

    /// <summary>"sender tag,tag": e.g. "3f2a… post-12,listing".</summary>
    internal static string Payload(Guid sender, IEnumerable<string> tags) => $"{sender:N} {string.Join(',', tags)}";

    internal static (Guid Sender, string[] Tags)? Parse(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !Guid.TryParseExact(payload.AsSpan(0, space), "N", out var sender)) return null;
        var tags = payload[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return tags.Length == 0 || tags.Any(t => t.Contains(' ', StringComparison.Ordinal)) ? null : (sender, tags);
    }

    public ValueTask DisposeAsync() => senders.DisposeAsync();
}

/// <summary>
/// Holds one PostgreSQL session with LISTEN, evicts from this instance's cache what other instances name, and hands
/// the comments they published to this instance's live streams. When
/// the session is lost it connects again, waiting 1 s, then 2, 4, … up to 30 s between tries; notices sent while
/// nobody here listened are lost, so every session after the first begins by evicting every page. No page is kept
/// while nobody listens (<see cref="PageCacheRelay.Listening"/>), so the first session has nothing to evict.
/// </summary>
public sealed class PageCacheListener(PageCacheRelay relay, IServiceProvider services, ILogger<PageCacheListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    // A session that dies without a word (a dropped NAT entry, a failed-over server) would be waited on for ever:
    // a quiet session is asked a question this often, and must answer within the command timeout.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var sessions = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(sessions++ > 0, () => retry = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever ends the session, the listener logs it and listens again: it must outlive every failure.
            catch (Exception e)
#pragma warning restore CA1031
            {
                relay.Listening = false;
                logger.Lost(e, retry.TotalSeconds);
            }
            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task ListenAsync(bool again, Action listening, CancellationToken ct)
    {
        // Notices are raised on this task, inside WaitAsync (or a command): they are gathered here and acted on after it.
        var received = new List<string>();
        await using var session = new NpgsqlConnection(relay.ListenerConnectionString);
        session.Notification += (_, notice) => received.Add(notice.Payload);
        await session.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {PageCacheRelay.Channel}", session))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        // Listening from here on. Whatever changed while the last session was down was told to nobody here, so no page
        // kept during that session can be trusted; before the first session no page was kept.
        if (again)
        {
            await ReaderCache.EvictHereAsync(services, [ReaderCache.AllPages], ct);
            logger.Reconnected(PageCacheRelay.Channel);
        }
        else
        {
            logger.Listening(PageCacheRelay.Channel, relay.ListenerName);
        }
        relay.Listening = true;
        listening();
        while (true)
        {
            if (!await session.WaitAsync(Quiet, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", session) { CommandTimeout = 10 };
                await ping.ExecuteScalarAsync(ct);
            }
            foreach (var payload in received)
            {
                if (PageCacheRelay.ParsePublished(payload) is { } published)
                {
                    if (published.Sender != relay.InstanceId) services.GetService<Live.LiveHub>()?.Published(published.PostId, published.CommentId);
                    continue;
                }
                if (PageCacheRelay.Parse(payload) is not { } notice)
                {
                    logger.Unreadable(payload.Length);
                    continue;
                }
                var (sender, tags) = notice;
                if (sender == relay.InstanceId) continue;
                await ReaderCache.EvictHereAsync(services, tags, ct);
                if (logger.IsEnabled(LogLevel.Debug)) logger.Evicted(string.Join(',', tags), sender);
            }
            received.Clear();
        }
    }
}

public static class PageCacheRelaySetup
{
    /// <summary>
    /// On PostgreSQL: evictions and published comments are sent to every instance, and (when this one keeps pages or
    /// has live streams) received from them. Called by each feature that needs it; the relay and its listener are added once.
    /// </summary>
    public static WebApplicationBuilder AddPageCacheRelay(this WebApplicationBuilder builder, bool listen)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (DatabaseOptions.From(builder.Configuration).Provider != DatabaseProvider.Postgres) return builder;
        var connectionString = builder.Configuration.GetConnectionString(DataSetup.ConnectionStringName)!;
        if (!builder.Services.Any(s => s.ServiceType == typeof(PageCacheRelay)))
        {
            builder.Services.AddSingleton(s => new PageCacheRelay(connectionString, s.GetRequiredService<ILogger<PageCacheRelay>>()));
        }
        // Added once however often asked for (AddHostedService adds each kind of service once).
        if (listen) builder.Services.AddHostedService<PageCacheListener>();
        return builder;
    }
}

internal static partial class PageCacheRelayLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The page cache eviction of {Tags} was not sent to the other instances")]
    public static partial void NotSent(this ILogger logger, Exception exception, string tags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Comment {CommentId} on post {PostId} was published, but the other instances' live streams were not told")]
    public static partial void PublishedNotSent(this ILogger logger, Exception exception, long postId, long commentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Channel} for other instances' page cache evictions, as {ApplicationName}")]
    public static partial void Listening(this ILogger logger, string channel, string applicationName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Channel} again; every cached page was evicted, since notices sent meanwhile are lost")]
    public static partial void Reconnected(this ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The page cache listener lost its session; connecting again in {Seconds} s")]
    public static partial void Lost(this ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evicted {Tags} at the word of instance {Sender}")]
    public static partial void Evicted(this ILogger logger, string tags, Guid sender);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable page cache notice ({Length} characters) was ignored")]
    public static partial void Unreadable(this ILogger logger, int length);
}
