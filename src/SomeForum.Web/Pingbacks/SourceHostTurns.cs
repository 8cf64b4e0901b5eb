namespace SomeForum.Web.Pingbacks;

/// <summary>
/// Which source hosts the webmention workers of this instance may fetch from now: one request at a time per host, and
/// a host whose page could not be fetched (it stalled, refused, or failed) is left alone for a while, longer each time
/// it fails again. So sources on one slow or hostile host hold up one lane for one timeout, never the whole queue.
/// </summary>
public sealed class SourceHostTurns(TimeProvider clock)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private readonly HashSet<string> busy = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTime Until, int Failures)> resting = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The host and port a source is fetched from.</summary>
    public static string HostOf(string source) => Uri.TryCreate(source, UriKind.Absolute, out var uri) ? uri.Authority : source;

    /// <summary>Takes the source's host for one fetch, unless another lane is fetching from it or it is resting.</summary>
    public bool TryTake(string source)
    {
        var host = HostOf(source);
        lock (gate)
        {
            if (busy.Contains(host)) return false;
            if (resting.TryGetValue(host, out var rest) && rest.Until > clock.GetUtcNow().UtcDateTime) return false;
            busy.Add(host);
            return true;
        }
    }

    /// <summary>Gives the host back; after a fetch that failed, it rests (30 s, doubling with each failure in a row, at most 10 min).</summary>
    public void Release(string source, bool fetchFailed)
    {
        var host = HostOf(source);
        lock (gate)
        {
            busy.Remove(host);
            if (!fetchFailed)
            {
                resting.Remove(host);
                return;
            }
            var failures = resting.TryGetValue(host, out var rest) ? rest.Failures + 1 : 1;
            var pause = TimeSpan.FromTicks(Math.Min(FirstPause.Ticks << Math.Min(failures - 1, 8), LongestPause.Ticks));
            resting[host] = (clock.GetUtcNow().UtcDateTime + pause, failures);
        }
    }
}
