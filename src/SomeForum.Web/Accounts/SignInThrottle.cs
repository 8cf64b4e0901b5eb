using System.Net;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Failed sign-ins counted by account and client together, and by client alone: a stranger who knows the owner's
/// address can stop only their own guessing, never lock the owner out (Identity's per-account lockout would). The
/// same counts apply to addresses that have no account, so the answer never tells which addresses do.
/// Kept in this process: behind a balancer of N instances a client gets at most N times the allowance.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from one client within the window.</summary>
    public const int PerAccountAndClient = 5;

    /// <summary>Wrong passwords from one client within the window, whatever the accounts tried.</summary>
    public const int PerClient = 20;

    // A failure list per key, oldest first; swept of keys whose failures have all expired.
    private readonly Dictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DateTimeOffset lastSweep;

    /// <summary>When the client may try this account again, or null when it may now.</summary>
    public DateTimeOffset? BlockedUntil(string email, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var pair = Until(PairKey(email, client), PerAccountAndClient, now);
            var alone = Until(ClientKey(client), PerClient, now);
            return pair is null ? alone : alone is null ? pair : pair > alone ? pair : alone;
        }
    }

    public void Failed(string email, IPAddress? client)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Add(PairKey(email, client), now);
            Add(ClientKey(client), now);
            if (now - lastSweep > Window) Sweep(now);
        }
    }

    /// <summary>A right password clears the pair's count (not the client's: one good account does not excuse guessing others).</summary>
    public void Succeeded(string email, IPAddress? client)
    {
        lock (gate) failures.Remove(PairKey(email, client));
    }

    private DateTimeOffset? Until(string key, int allowance, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var list)) return null;
        while (list.Count > 0 && now - list.Peek() >= Window) list.Dequeue();
        // Blocked until the oldest of the last `allowance` failures leaves the window.
        return list.Count >= allowance ? list.ElementAt(list.Count - allowance) + Window : null;
    }

    private void Add(string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var list)) failures[key] = list = new Queue<DateTimeOffset>();
        list.Enqueue(now);
        // More than the largest allowance is never needed to answer.
        while (list.Count > PerClient) list.Dequeue();
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, list) in failures.ToList())
        {
            if (list.Count == 0 || now - list.Last() >= Window) failures.Remove(key);
        }
        lastSweep = now;
    }

    private static string PairKey(string email, IPAddress? client) => $"{email.Trim().ToUpperInvariant()}|{ClientKey(client)}";

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
