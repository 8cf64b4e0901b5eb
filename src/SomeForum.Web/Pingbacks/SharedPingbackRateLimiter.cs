using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;

namespace SomeForum.Web.Pingbacks;

/// <summary>
/// The limits of <see cref="PingbackRateLimiter"/>, the same sliding minute, kept in the database so that every
/// instance on one PostgreSQL database counts the same permits. Each permit is a row; a take locks its two keys
/// (transaction advisory locks, always in one order), counts their rows of the last minute, and adds one to each
/// only when both are under the limit, so two instances cannot both take the last permit. Pings are few (the limit
/// is per minute) and each costs a source fetch, so a transaction of a few statements is nothing beside it.
/// </summary>
public sealed class SharedPingbackRateLimiter(ForumDb db, IOptionsMonitor<PingbackOptions> options, TimeProvider clock) : IPingbackRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // When this process last swept permits older than the window away (ticks); at most once a window each.
    private static long lastSweep;

    public async Task<bool> TryAcquireAsync(string sourceHost, string? caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sourceHost);
        var limit = options.CurrentValue.RateLimitPerMinute;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        // Case-insensitive, as the in-process limiter's keys are.
        string[] keys = ["host:" + sourceHost.ToLowerInvariant(), "caller:" + (caller ?? "unknown").ToLowerInvariant()];

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            foreach (var lockKey in keys.Select(AdvisoryKey.Of).Distinct().Order())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey.PingbackPermit}, {lockKey})", ct);
            }
            var used = await db.PingbackPermits.Where(p => keys.Contains(p.Key) && p.TakenAt > since)
                .GroupBy(p => p.Key).Select(g => g.Count()).ToListAsync(ct);
            if (used.Any(count => count >= limit)) return false;

            db.PingbackPermits.AddRange(keys.Select(key => new PingbackPermit { Key = key, TakenAt = now }));
            await db.SaveChangesAsync(ct);
            var last = Interlocked.Read(ref lastSweep);
            if (now.Ticks - last >= Window.Ticks && Interlocked.CompareExchange(ref lastSweep, now.Ticks, last) == last)
            {
                await db.PingbackPermits.Where(p => p.TakenAt <= since).ExecuteDeleteAsync(ct);
            }
            if (own is not null) await own.CommitAsync(ct);
            return true;
        }
    }
}
