using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Pingbacks;

public enum IntakeVerdict
{
    Accepted,
    BadSource,
    BadTarget,
    SamePage,
    /// <summary>Another site's address, or one of ours that is not a post.</summary>
    NotAPost,
    NoSuchPost,
    Closed,
    /// <summary>A pingback from a source already stored for the post (a webmention sent again is an update instead).</summary>
    AlreadyRegistered,
    Blocked,
    RateLimited,
}

public sealed record IntakeCheck(IntakeVerdict Verdict, Uri? Source = null, Uri? Target = null, long PostId = 0)
{
    public string StoredSource => MentionUrl.Stored(Source!);
}

/// <summary>
/// The checks pingbacks and webmentions share, cheapest first and none touching the network: the
/// addresses, the target is a post of ours that takes mentions, the blocklist (the moderation rules'
/// own matching) and the rate limit. One verdict, which each protocol maps to its fault code or status.
/// </summary>
public sealed class MentionIntake(ForumDb db, PingbackTargets targets, IPingbackRateLimiter limiter, ModerationRules rules)
{
    public async Task<IntakeCheck> CheckAsync(string? sourceText, string? targetText, PingCaller caller, bool refuseKnownSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MentionUrl.Parse(sourceText) is not { } source) return new IntakeCheck(IntakeVerdict.BadSource);
        if (MentionUrl.Parse(targetText) is not { } target) return new IntakeCheck(IntakeVerdict.BadTarget);
        if (SourcePage.Comparable(source) == SourcePage.Comparable(target)) return new IntakeCheck(IntakeVerdict.SamePage);

        var check = await targets.CheckAsync(target, caller, ct);
        var verdict = check.Verdict switch
        {
            TargetVerdict.NotOurs or TargetVerdict.NotAPost => IntakeVerdict.NotAPost,
            TargetVerdict.NoSuchPost => IntakeVerdict.NoSuchPost,
            TargetVerdict.Closed => IntakeVerdict.Closed,
            _ => IntakeVerdict.Accepted,
        };
        if (verdict != IntakeVerdict.Accepted) return new IntakeCheck(verdict, source, target, check.PostId);

        var stored = MentionUrl.Stored(source);
        if (refuseKnownSource && await db.Comments.AnyAsync(c => c.PostId == check.PostId && c.SourceUrl == stored, ct))
        {
            return new IntakeCheck(IntakeVerdict.AlreadyRegistered, source, target, check.PostId);
        }
        if (await rules.BlockedWordAsync([stored, caller.Ip ?? ""], ct) is not null) return new IntakeCheck(IntakeVerdict.Blocked, source, target, check.PostId);
        if (!await limiter.TryAcquireAsync(source.IdnHost, caller.Ip, ct)) return new IntakeCheck(IntakeVerdict.RateLimited, source, target, check.PostId);
        return new IntakeCheck(IntakeVerdict.Accepted, source, target, check.PostId);
    }
}
