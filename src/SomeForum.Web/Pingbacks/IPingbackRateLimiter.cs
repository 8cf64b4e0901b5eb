namespace SomeForum.Web.Pingbacks;

/// <summary>
/// The per-minute limits on pings and webmentions, per caller and per source host: in this process on SQLite
/// (<see cref="PingbackRateLimiter"/>, one process owns the file), in the database on PostgreSQL
/// (<see cref="SharedPingbackRateLimiter"/>, so a caller reaching several instances gets one allowance, not one each).
/// </summary>
public interface IPingbackRateLimiter
{
    /// <summary>Takes one permit for the source host and one for the caller, or none when either is used up.</summary>
    Task<bool> TryAcquireAsync(string sourceHost, string? caller, CancellationToken ct);
}
