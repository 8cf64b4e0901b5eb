using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.Web.Moderation;

public enum ReportOutcome
{
    Stored,
    NotFound,
    Duplicate,
    RateLimited,
}

/// <summary>Who sends a report: their account, or their browser's signed cookie, and the address it comes from.</summary>
public sealed record Reporter(string Key, string? IpAddress, bool IsGuest);

/// <summary>A reported comment's open reports, for the queue: how many, and why.</summary>
public sealed record ReportSummary(int Count, IReadOnlyList<(ReportReason Reason, string? Text)> Reasons)
{
    public string Line => string.Join(", ", Reasons.GroupBy(r => r.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
        .Select(g => g.Count() == 1 ? ReportsText.Label(g.Key) : $"{ReportsText.Label(g.Key)} ×{g.Count()}"));
}

/// <summary>What a moderator's decision did to one reported comment.</summary>
public sealed record ReportResolution(long CommentId, string AuthorName, int Reports, StatusChange? Change);

/// <summary>
/// Readers' reports: taken in (one a reader a comment, a few an hour a client), held by the rule when enough
/// readers report one comment, and decided by moderators. Every change of a comment's status goes through
/// <see cref="ThreadChanges"/>, in the same transaction as the reports it follows from.
/// </summary>
public sealed class CommentReports(
    ForumDb db, ThreadWrites writes, ThreadChanges changes, ModerationSettings settings, IOptionsMonitor<ReportOptions> options,
    IDataProtectionProvider protection, TimeProvider clock)
{
    public const string GuestCookie = "someforum_reader";

    private readonly IDataProtector guestIds = protection.CreateProtector("SomeForum.Moderation.ReaderId");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The reader sending a report: the account when signed in, else the id their browser keeps in a signed cookie
    /// (given now when it has none, so a browser cannot claim another's).
    /// </summary>
    public Reporter ReporterOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId) return new($"user:{userId}", ip, false);
        var id = guestIds.TryUnprotect(http.Request.Cookies[GuestCookie]);
        if (id is null)
        {
            id = Guid.NewGuid().ToString("N");
            http.Response.Cookies.Append(GuestCookie, guestIds.Protect(id), ReaderCookie.Options(http, TimeSpan.FromDays(365)));
        }
        return new($"guest:{id}", ip, true);
    }

    /// <summary>The published comments readers may report.</summary>
    public IQueryable<Comment> Reportable() =>
        db.Comments.Where(c => c.Status == CommentStatus.Approved && c.ErasedAt == null && c.Kind == CommentKind.Comment
            && c.Post.Status == PostStatus.Published);

    public async Task<ReportOutcome> SubmitAsync(long commentId, ReportReason reason, string? text, Reporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        await using var scope = await writes.BeginAsync(ct);
        var postId = await Reportable().Where(c => c.Id == commentId).Select(c => (long?)c.PostId).SingleOrDefaultAsync(ct);
        if (postId is not { } post) return ReportOutcome.NotFound;
        // Two reports of one comment take turns (the rule counts them), and so do one client's reports (the limit counts them).
        await db.LockPostForWritingAsync(post, ct);
        await db.LockClientForWritingAsync(reporter.IsGuest ? $"ip:{reporter.IpAddress}" : reporter.Key, ct);
        if (!await Reportable().AnyAsync(c => c.Id == commentId, ct)) return ReportOutcome.NotFound;

        // A guest is one reader by their cookie or by their address: clearing cookies does not make a second one.
        var ip = reporter.IpAddress;
        var again = await db.Reports.AnyAsync(r => r.CommentId == commentId
            && (r.ReporterKey == reporter.Key || (reporter.IsGuest && ip != null && r.IpAddress == ip && r.ReporterKey.StartsWith("guest:"))), ct);
        if (again) return ReportOutcome.Duplicate;

        var since = Now.AddHours(-1);
        var recent = await db.Reports.CountAsync(r => r.ReportedAt > since
            && (reporter.IsGuest ? ip != null && r.IpAddress == ip : r.ReporterKey == reporter.Key), ct);
        if (recent >= options.CurrentValue.PerClientPerHour) return ReportOutcome.RateLimited;

        db.Reports.Add(new CommentReport
        {
            CommentId = commentId,
            Reason = reason,
            Text = reason == ReportReason.Other ? ReportsText.Clean(text) : null,
            ReporterKey = reporter.Key,
            IpAddress = ip,
            ReportedAt = Now,
        });
        await db.SaveChangesAsync(ct);

        var holdAt = (await settings.CurrentAsync(ct)).HoldAfterReports;
        if (holdAt > 0)
        {
            var readers = await db.Reports.CountAsync(r => r.CommentId == commentId && r.ResolvedAt == null, ct);
            if (readers >= holdAt) await changes.HoldAsync(commentId, $"Reported by {readers} readers (holding at {holdAt})", Actor.Reports, ct);
        }
        await scope.CommitAsync(ct);
        return ReportOutcome.Stored;
    }

    /// <summary>The open reports of these comments, by comment.</summary>
    public async Task<IReadOnlyDictionary<long, ReportSummary>> OpenAsync(IReadOnlyCollection<long> commentIds, CancellationToken ct)
    {
        var open = await db.Reports.AsNoTracking().Where(r => commentIds.Contains(r.CommentId) && r.ResolvedAt == null)
            .OrderBy(r => r.Id).Select(r => new { r.CommentId, r.Reason, r.Text }).ToListAsync(ct);
        return open.GroupBy(r => r.CommentId).ToDictionary(g => g.Key,
            g => new ReportSummary(g.Count(), [.. g.Select(r => (r.Reason, r.Text))]));
    }

    /// <summary>
    /// A moderator's decision on reported comments: the reports are closed, the comment approved (kept), marked spam or
    /// trashed through the one door, or left as it is (dismissed); each decision is in the audit log.
    /// </summary>
    public async Task<IReadOnlyList<ReportResolution>> DecideAsync(IReadOnlyCollection<long> commentIds, ReportDecision decision, Actor actor,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = await writes.BeginAsync(ct);
        var reported = await db.Reports.AsNoTracking().Where(r => commentIds.Contains(r.CommentId) && r.ResolvedAt == null)
            .GroupBy(r => r.CommentId).Select(g => new { CommentId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = reported.Select(r => r.CommentId).ToList();
        var comments = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.PostId, c.AuthorName, c.Status })
            .ToDictionaryAsync(c => c.Id, ct);
        IReadOnlyList<StatusChange> changed = decision switch
        {
            ReportDecision.Approve => await changes.ModerateEachAsync(ids, ModerationAction.Approve, actor, ct),
            ReportDecision.Spam => await changes.ModerateEachAsync(ids, ModerationAction.Spam, actor, ct),
            ReportDecision.Trash => await changes.ModerateEachAsync(ids, ModerationAction.Trash, actor, ct),
            _ => [],
        };
        var now = Now;
        await db.Reports.Where(r => ids.Contains(r.CommentId) && r.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now).SetProperty(r => r.Decision, decision), ct);
        var resolutions = new List<ReportResolution>();
        foreach (var report in reported.OrderBy(r => r.CommentId))
        {
            if (!comments.TryGetValue(report.CommentId, out var comment)) continue;
            var change = changed.FirstOrDefault(c => c.CommentId == report.CommentId);
            AuditLog.CommentNote(db, actor, now, decision == ReportDecision.Dismiss ? "Dismiss reports" : "Decide reports", comment.PostId, comment.Id,
                $"{(report.Count == 1 ? "1 report" : $"{report.Count} reports")}: {ReportsText.Decided(decision)}");
            resolutions.Add(new(comment.Id, comment.AuthorName, report.Count, change));
        }
        await db.SaveChangesAsync(ct);
        await scope.CommitAsync(ct);
        return resolutions;
    }
}

/// <summary>The words reports are shown and logged with.</summary>
public static class ReportsText
{
    /// <summary>A reason as the queue shows it, in the moderator's language.</summary>
    public static string Label(ReportReason reason) => Site.Strings.Get($"Moderation.ReportReason.{(Enum.IsDefined(reason) ? reason : ReportReason.Other)}");

    /// <summary>What a decision did, as the audit log stores it (in English, like every stored entry).</summary>
    public static string Decided(ReportDecision decision) => decision switch
    {
        ReportDecision.Dismiss => "dismissed, the comment kept as it is",
        ReportDecision.Approve => "the comment approved and kept",
        ReportDecision.Spam => "the comment marked as spam",
        _ => "the comment moved to the trash",
    };

    /// <summary>A reader's words as stored: trimmed, control characters out (line breaks kept), within the length.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var kept = new string([.. text.Where(c => !char.IsControl(c) || c == '\n')]).Trim();
        return kept.Length == 0 ? null : kept.Length > CommentReport.TextLength ? kept[..CommentReport.TextLength] : kept;
    }
}
