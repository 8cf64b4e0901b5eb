namespace SomeForum.Web.Pingbacks;

/// <summary>
/// One ping or webmention counted against a key (a caller or a source host) at a moment: what
/// <see cref="SharedPingbackRateLimiter"/> counts so that every instance on one PostgreSQL database
/// shares the same allowance. Kept for a minute, then swept.
/// </summary>
public sealed class PingbackPermit
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public DateTime TakenAt { get; set; }
}
