using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Live;

/// <summary>
/// This instance's open streams, by post, and their number. A published comment is handed to every stream open on
/// its post, here; comments published through other instances arrive through the page cache's relay
/// (<see cref="Site.PageCacheListener"/>). Nothing here touches the database.
/// </summary>
public sealed class LiveHub(IOptions<LiveOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, HashSet<LiveListener>> byPost = [];
    private int open;

    /// <summary>Streams open now (or being opened).</summary>
    public int Open => Volatile.Read(ref open);

    /// <summary>Takes one of this instance's places for a stream, false when all are taken; a place taken is given back with <see cref="Leave"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref open) <= options.Value.MaxConnections) return true;
        Interlocked.Decrement(ref open);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref open);

    /// <summary>Follows a post's published comments until the listener is disposed.</summary>
    public LiveListener Listen(long postId)
    {
        var listener = new LiveListener(this, postId);
        lock (gate)
        {
            if (!byPost.TryGetValue(postId, out var listeners)) byPost[postId] = listeners = [];
            listeners.Add(listener);
        }
        return listener;
    }

    /// <summary>A comment readers could not see before and can now, on this post.</summary>
    public void Published(long postId, long commentId)
    {
        LiveListener[] listeners;
        lock (gate)
        {
            if (!byPost.TryGetValue(postId, out var following)) return;
            listeners = [.. following];
        }
        foreach (var listener in listeners) listener.Add(commentId);
    }

    internal void Remove(LiveListener listener)
    {
        lock (gate)
        {
            if (!byPost.TryGetValue(listener.PostId, out var listeners)) return;
            listeners.Remove(listener);
            if (listeners.Count == 0) byPost.Remove(listener.PostId);
        }
    }
}

/// <summary>
/// One stream's comments published since it last sent: how many, and the first of them. Counted rather than queued,
/// so a stream that cannot keep up holds two numbers, however many comments arrive.
/// </summary>
public sealed class LiveListener : IDisposable
{
    private readonly LiveHub hub;
    private readonly Lock gate = new();
    // A wake-up call: one is enough, however many comments came since the last.
    private readonly Channel<bool> arrived = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private int count;
    private long first;

    internal LiveListener(LiveHub hub, long postId) => (this.hub, PostId) = (hub, postId);

    public long PostId { get; }

    internal void Add(long commentId)
    {
        lock (gate)
        {
            if (count++ == 0) first = commentId;
        }
        arrived.Writer.TryWrite(true);
    }

    /// <summary>True when comments arrived, false when <paramref name="quiet"/> passed without any.</summary>
    public async Task<bool> WaitAsync(TimeSpan quiet, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(quiet);
        try
        {
            await arrived.Reader.ReadAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The comments published since the last call (how many, the first of them), and starts counting again.</summary>
    public (int Count, long First)? Take()
    {
        lock (gate)
        {
            if (count == 0) return null;
            var taken = (count, first);
            count = 0;
            return taken;
        }
    }

    public void Dispose() => hub.Remove(this);
}
