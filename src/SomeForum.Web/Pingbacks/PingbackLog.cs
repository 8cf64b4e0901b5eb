namespace SomeForum.Web.Pingbacks;

/// <summary>The receiver's log lines: every verification with its source, target, caller, outcome and duration.</summary>
internal static partial class PingbackLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "{Protocol} verification: source {SourceUrl}, target {TargetUrl}, caller {Caller}: {Outcome} in {DurationMs} ms")]
    public static partial void Verified(this ILogger logger, string protocol, string sourceUrl, string targetUrl, string caller, string outcome, long durationMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Pingback refused before any fetch: source {SourceUrl}, target {TargetUrl}, caller {Caller}: fault {FaultCode}")]
    public static partial void PingRefused(this ILogger logger, string sourceUrl, string targetUrl, string caller, int faultCode);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Pingback stored: source {SourceUrl}, post {PostId}, caller {Caller}, comment {CommentId} {Status}")]
    public static partial void PingStored(this ILogger logger, string sourceUrl, long postId, string caller, long commentId, string status);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Pingback call from {Caller} failed unexpectedly")]
    public static partial void PingFailed(this ILogger logger, Exception exception, string caller);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information,
        Message = "Webmention queued: request {RequestId}, source {SourceUrl}, target {TargetUrl}, caller {Caller}")]
    public static partial void WebmentionQueued(this ILogger logger, long requestId, string sourceUrl, string targetUrl, string caller);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information,
        Message = "Webmention refused: source {SourceUrl}, target {TargetUrl}, caller {Caller}: {StatusCode} {Reason}")]
    public static partial void WebmentionRefused(this ILogger logger, string sourceUrl, string targetUrl, string caller, int statusCode, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information,
        Message = "Webmention request {RequestId} processed (attempt {Attempt}): {State}, {Outcome}")]
    public static partial void WebmentionProcessed(this ILogger logger, long requestId, int attempt, WebmentionState state, string outcome);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "The webmention worker failed on the queue; it goes on after a pause")]
    public static partial void WorkerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "The webmention worker is paused (Pingback:ProcessWebmentions is false); queued webmentions wait")]
    public static partial void WorkerPaused(this ILogger logger);
}
