namespace SomeForum.Web.Pingbacks;

public enum WebmentionState
{
    /// <summary>Waiting for the worker (again, after a try that may pass later).</summary>
    Queued,
    /// <summary>Verified and applied: stored, updated, removed, or found to need nothing.</summary>
    Done,
    /// <summary>Given up: the source could not be used.</summary>
    Failed,
}

/// <summary>
/// A received webmention, kept in the database until the worker has verified it, so that what
/// was accepted with 202 is still done after a restart.
/// </summary>
public sealed class WebmentionRequest
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string Target { get; set; }

    /// <summary>The post the target named when the webmention was accepted.</summary>
    public long PostId { get; set; }

    public string? CallerIp { get; set; }
    public string? UserAgent { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int Attempts { get; set; }
    public WebmentionState State { get; set; } = WebmentionState.Queued;

    /// <summary>Not before then: a retry's delay, or a claimed request's lease (if the worker dies, another try follows).</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The source was found linking to this exact target.</summary>
    public bool LinkVerified { get; set; }

    /// <summary>What the last try found, in a few words.</summary>
    public string? Outcome { get; set; }
}
