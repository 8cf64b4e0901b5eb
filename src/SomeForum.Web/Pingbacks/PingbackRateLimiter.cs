using Microsoft.Extensions.Options;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// At most <see cref="PingbackOptions.RateLimitPerMinute"/> pings and webmentions in any minute
/// from one caller, and as many naming one source host: the second bound is what keeps this site
/// from being used to flood somebody else's (the reflection attack that made pingback notorious).
/// </summary>
public sealed class PingbackRateLimiter(IOptionsMonitor<PingbackOptions> options, TimeProvider clock) : IPingbackRateLimiter
{
    public Task<bool> TryAcquireAsync(string sourceHost, string? caller, CancellationToken ct) => Task.FromResult(TryAcquire(sourceHost, caller));

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> recent = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private DateTimeOffset nextSweep;

    /// <summary>Takes one permit for the source host and one for the caller, or none when either is used up.</summary>
    public bool TryAcquire(string sourceHost, string? caller)
    {
        ArgumentNullException.ThrowIfNull(sourceHost);
        var limit = options.CurrentValue.RateLimitPerMinute;
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Sweep(now);
            var host = Entries("host:" + sourceHost, now);
            var from = Entries("caller:" + (caller ?? "unknown"), now);
            if (host.Count >= limit || from.Count >= limit) return false;
            host.Enqueue(now);
            from.Enqueue(now);
            return true;
        }
    }

    private Queue<DateTimeOffset> Entries(string key, DateTimeOffset now)
    {
        if (!recent.TryGetValue(key, out var entries)) recent[key] = entries = new Queue<DateTimeOffset>();
        while (entries.Count > 0 && entries.Peek() <= now - Window) entries.Dequeue();
        return entries;
    }

    /// <summary>Forgets keys with nothing in the last minute, so the table does not grow with every caller ever seen.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < nextSweep) return;
        nextSweep = now + Window;
        foreach (var key in recent.Where(r => r.Value.Count == 0 || r.Value.Last() <= now - Window).Select(r => r.Key).ToList())
        {
            recent.Remove(key);
        }
    }
}
