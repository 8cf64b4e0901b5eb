using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Pingbacks;

/// <summary>What pingback.ping answers: a message on success, or a fault.</summary>
public sealed record PingResult(string? Message, XmlRpcFault? Fault)
{
    public static PingResult Success(string message) => new(message, null);

    public static PingResult Refused(FaultCode code, string message) => new(null, new XmlRpcFault(code, message));
}

/// <summary>
/// pingback.ping, step by step: the arguments, the target, a duplicate, the block rules and the
/// rate limit (all cheap, none touching the network), then one fetch of the source, then the one
/// comment pipeline. Every fault message is fixed text: nothing about our network or the source's
/// server is echoed back.
/// </summary>
public sealed class PingbackReceiver(
    MentionIntake intake, MentionVerifier verifier, CommentPipeline comments, ILogger<PingbackReceiver> logger)
{
    public const string Protocol = "Pingback";

    public async Task<PingResult> PingAsync(string sourceArgument, string targetArgument, PingCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var result = await CheckAndStoreAsync(sourceArgument, targetArgument, caller, ct);
        if (result.Fault is { } fault && fault.Code is not (FaultCode.SourceNotFound or FaultCode.NoLinkToTarget) && logger.IsEnabled(LogLevel.Information))
        {
            logger.PingRefused(Shorten(sourceArgument), Shorten(targetArgument), caller.Name, (int)fault.Code);
        }
        return result;
    }

    private async Task<PingResult> CheckAndStoreAsync(string sourceArgument, string targetArgument, PingCaller caller, CancellationToken ct)
    {
        var check = await intake.CheckAsync(sourceArgument, targetArgument, caller, refuseKnownSource: true, ct);
        if (Refusal(check.Verdict) is { } refusal) return refusal;
        var (source, target, sourceUrl) = (check.Source!, check.Target!, check.StoredSource);

        var verification = await verifier.VerifyAsync(Protocol, source, target, caller.Ip, ct);
        switch (verification.Outcome)
        {
            case VerificationOutcome.Linked:
                break;
            case VerificationOutcome.NoLink:
                return PingResult.Refused(FaultCode.NoLinkToTarget, "The sourceURI does not contain a link to the targetURI.");
            default:
                return PingResult.Refused(FaultCode.SourceNotFound, "The sourceURI does not exist or could not be fetched.");
        }

        var page = verification.Page!;
        CommentResult stored;
        try
        {
            stored = await comments.AddAsync(
                page.AsMention(check.PostId, CommentKind.Pingback, sourceUrl, caller.Ip, caller.UserAgent), CommentOrigin.Pingback, ct);
        }
        catch (DbUpdateException)
        {
            // The same ping, twice at once: the unique (post, source) index let one in.
            return Refusal(IntakeVerdict.AlreadyRegistered)!;
        }

        if (stored.Comment is not { } comment)
        {
            // The post may have changed while the source was fetched: the pipeline's own checks answer as the intake would.
            return stored.Rejection!.Problem switch
            {
                CommentProblem.PostNotFound => Refusal(IntakeVerdict.NoSuchPost)!,
                CommentProblem.Closed => Refusal(IntakeVerdict.Closed)!,
                CommentProblem.Duplicate => Refusal(IntakeVerdict.AlreadyRegistered)!,
                CommentProblem.StorageFull => PingResult.Refused(FaultCode.Generic, "The pingback could not be stored just now; please send it again later."),
                _ => PingResult.Refused(FaultCode.Generic, "The pingback could not be accepted."),
            };
        }
        if (logger.IsEnabled(LogLevel.Information)) logger.PingStored(sourceUrl, check.PostId, caller.Name, comment.Id, comment.Status.ToString());
        return comment.Status switch
        {
            CommentStatus.Approved => PingResult.Success("Thanks! The pingback was registered and is shown on the post."),
            CommentStatus.Spam => PingResult.Refused(FaultCode.AccessDenied, "Access denied: pings from this source are not accepted."),
            _ => PingResult.Success("Thanks! The pingback was registered and will be shown once a moderator approves it."),
        };
    }

    /// <summary>The intake's verdict as Pingback 1.0 names it: its fault codes where it has them, 0 for the rest.</summary>
    private static PingResult? Refusal(IntakeVerdict verdict) => verdict switch
    {
        IntakeVerdict.Accepted => null,
        IntakeVerdict.BadSource => PingResult.Refused(FaultCode.Generic, "The sourceURI is not an absolute http or https URL."),
        IntakeVerdict.BadTarget => PingResult.Refused(FaultCode.Generic, "The targetURI is not an absolute http or https URL."),
        IntakeVerdict.SamePage => PingResult.Refused(FaultCode.Generic, "The sourceURI and the targetURI are the same page."),
        IntakeVerdict.NoSuchPost => PingResult.Refused(FaultCode.TargetNotFound, "The targetURI does not exist: there is no such post."),
        IntakeVerdict.NotAPost => PingResult.Refused(FaultCode.TargetNotPingable, "The targetURI cannot be used as a target: it is not a post on this site."),
        IntakeVerdict.Closed => PingResult.Refused(FaultCode.TargetNotPingable, "The targetURI cannot be used as a target: this post does not take pingbacks."),
        IntakeVerdict.AlreadyRegistered => PingResult.Refused(FaultCode.AlreadyRegistered, "The pingback has already been registered."),
        _ => PingResult.Refused(FaultCode.AccessDenied, "Access denied: too many pings, or pings from this source are not accepted. Try again later."),
    };

    private static string Shorten(string? text) => text is null ? "" : text.Length > 300 ? text[..300] : text;
}
