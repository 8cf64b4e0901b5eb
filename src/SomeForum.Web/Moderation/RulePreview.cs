using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>A comment the proposed rules would have held or marked spam, with the rule that caught it.</summary>
public sealed record PreviewCatch(long Id, string AuthorName, string Excerpt, string PostTitle, CommentStatus StatusNow, CommentStatus Verdict,
    string Rule, DateTime ReceivedAt);

public sealed record PreviewResult(int Judged, bool Capped, int Held, int Spam, IReadOnlyList<PreviewCatch> First);

/// <summary>
/// What rules not yet saved would have done to the comments of the last <see cref="Days"/> days, judged by the rules' own
/// code (<see cref="ModerationRules.JudgeByAsync"/>), as each was first judged: typed comments as a reader's, mentions as mentions.
/// Reads only; nothing is saved or changed.
/// </summary>
public sealed class RulePreview(ForumDb db, ModerationRules rules, TimeProvider clock)
{
    public const int Days = 30;

    /// <summary>The newest this many are judged: a preview answers in seconds, whatever the site's traffic.</summary>
    public const int MaxComments = 5000;

    public const int Shown = 20;

    public async Task<PreviewResult> RunAsync(ModerationOptions proposed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-Days);
        var comments = await db.Comments.AsNoTracking().Where(c => c.ReceivedAt >= since && c.ErasedAt == null)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(MaxComments + 1)
            .Select(c => new
            {
                c.Id, c.Kind, c.Status, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.UserId, c.IpAddress, c.SourceUrl, c.Source, c.Html,
                c.ReceivedAt, c.PostId, PostTitle = c.Post.Title,
            })
            .ToListAsync(ct);
        int held = 0, spam = 0;
        var first = new List<PreviewCatch>();
        foreach (var c in comments.Take(MaxComments))
        {
            var origin = c.Kind switch
            {
                CommentKind.Pingback => CommentOrigin.Pingback,
                CommentKind.Webmention => CommentOrigin.Webmention,
                _ => CommentOrigin.Reader,
            };
            var submission = new CommentSubmission
            {
                PostId = c.PostId, Kind = c.Kind, AuthorName = c.AuthorName, AuthorEmail = c.AuthorEmail, AuthorUrl = c.AuthorUrl,
                UserId = c.UserId, IpAddress = c.IpAddress, SourceUrl = c.SourceUrl, Text = c.Source,
            };
            var verdict = await rules.JudgeByAsync(proposed, submission, c.Html, origin, c.Id, ct);
            if (verdict.Status == CommentStatus.Approved) continue;
            if (verdict.Status == CommentStatus.Spam) spam++;
            else held++;
            if (first.Count < Shown)
            {
                first.Add(new(c.Id, c.AuthorName, Excerpt(c.Source), c.PostTitle, c.Status, verdict.Status, verdict.ShownReason ?? verdict.Reason ?? "", c.ReceivedAt));
            }
        }
        return new(Math.Min(comments.Count, MaxComments), comments.Count > MaxComments, held, spam, first);
    }

    private static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 119), "…");
    }
}
