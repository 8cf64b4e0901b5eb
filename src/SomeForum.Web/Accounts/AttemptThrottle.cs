using System.Net;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Attempts counted by address and client together, and by client alone, within a window: a stranger who knows
/// someone's address can stop only their own attempts, never lock its owner out (a count by address alone would).
/// The same counts apply to addresses that have no account, so the answer never tells which addresses do.
/// Kept in this process: behind a balancer of N instances a client gets at most N times the allowance.
/// </summary>
public abstract class AttemptThrottle(TimeProvider clock, TimeSpan window, int perAddressAndClient, int perClient)
{
    // An attempt list per key, oldest first; swept of keys whose attempts have all expired.
    private readonly Dictionary<string, Queue<DateTimeOffset>> attempts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly int longest = Math.Max(perAddressAndClient, perClient);
    private DateTimeOffset lastSweep;

    /// <summary>When the client may try this address again, or null when it may now.</summary>
    public DateTimeOffset? BlockedUntil(string address, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var pair = Until(PairKey(address, client), perAddressAndClient, now);
            var alone = Until(ClientKey(client), perClient, now);
            return pair is null ? alone : alone is null ? pair : pair > alone ? pair : alone;
        }
    }

    /// <summary>Answers 429 with Retry-After; the whole minutes to wait, for the page to say.</summary>
    public int RefuseUntil(HttpResponse response, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(response);
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = (minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return minutes;
    }

    protected void Count(string address, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Add(PairKey(address, client), now);
            Add(ClientKey(client), now);
            if (now - lastSweep > window) Sweep(now);
        }
    }

    /// <summary>Clears the pair's count (not the client's: one good account does not excuse trying others).</summary>
    protected void Forgive(string address, IPAddress? client)
    {
        lock (gate) attempts.Remove(PairKey(address, client));
    }

    private DateTimeOffset? Until(string key, int allowance, DateTimeOffset now)
    {
        if (!attempts.TryGetValue(key, out var list)) return null;
        while (list.Count > 0 && now - list.Peek() >= window) list.Dequeue();
        // Blocked until the oldest of the last `allowance` attempts leaves the window.
        return list.Count >= allowance ? list.ElementAt(list.Count - allowance) + window : null;
    }

    private void Add(string key, DateTimeOffset now)
    {
        if (!attempts.TryGetValue(key, out var list)) attempts[key] = list = new Queue<DateTimeOffset>();
        list.Enqueue(now);
        // More than the largest allowance is never needed to answer.
        while (list.Count > longest) list.Dequeue();
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, list) in attempts.ToList())
        {
            if (list.Count == 0 || now - list.Last() >= window) attempts.Remove(key);
        }
        lastSweep = now;
    }

    private static string PairKey(string address, IPAddress? client) => $"{address.Trim().ToUpperInvariant()}|{ClientKey(client)}";

    // IPv6 clients are counted by their /64, which one subscriber usually holds whole.
    private static string ClientKey(IPAddress? client)
    {
        if (client is null) return "unknown";
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        if (client.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return client.ToString();
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
