using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

public sealed record ModerationVerdict(CommentStatus Status, string? Reason)
{
    public static readonly ModerationVerdict Publish = new(CommentStatus.Approved, null);
}

/// <summary>
/// Decides what becomes of a new comment, the same for typed comments, pingbacks and webmentions.
/// Blocklist first (spam, even with moderation off), then the holding rules.
/// </summary>
public sealed partial class ModerationRules(ForumDb db, ModerationSettings settings)
{
    [GeneratedRegex(@"https?://|www\.|mailto:", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    public static int CountLinks(string text) => LinkPattern().Count(text);

    public async Task<ModerationVerdict> JudgeAsync(CommentSubmission comment, CommentOrigin origin, CancellationToken ct)
    {
        if (origin is CommentOrigin.Import or CommentOrigin.Moderator) return ModerationVerdict.Publish;
        var rules = await settings.CurrentAsync(ct);

        string[] fields = [comment.Text, comment.AuthorName, comment.AuthorEmail ?? "", comment.AuthorUrl ?? "", comment.IpAddress ?? "", comment.SourceUrl ?? ""];
        if (FirstWordIn(rules.BlockWords, fields) is { } blocked)
        {
            return new ModerationVerdict(CommentStatus.Spam, $"Blocklist word “{blocked}”");
        }
        if (!rules.Enabled) return ModerationVerdict.Publish;

        if (origin is CommentOrigin.Pingback or CommentOrigin.Webmention && rules.HoldMentions)
        {
            return new ModerationVerdict(CommentStatus.Pending, "Mentions are held for review");
        }
        var links = CountLinks(comment.Text);
        if (links >= rules.HoldLinkCount)
        {
            return new ModerationVerdict(CommentStatus.Pending, $"{links} links (holding at {rules.HoldLinkCount})");
        }
        if (FirstWordIn(rules.HoldWords, fields) is { } held)
        {
            return new ModerationVerdict(CommentStatus.Pending, $"Moderation word “{held}”");
        }
        if (rules.HoldFirstComment && origin == CommentOrigin.Reader && !await HasApprovedCommentAsync(comment, ct))
        {
            return new ModerationVerdict(CommentStatus.Pending, "First comment from this author");
        }
        return ModerationVerdict.Publish;
    }

    /// <summary>The first blocklist word found in any of the fields, or null.</summary>
    public async Task<string?> BlockedWordAsync(string[] fields, CancellationToken ct) =>
        FirstWordIn((await settings.CurrentAsync(ct)).BlockWords, fields);

    private Task<bool> HasApprovedCommentAsync(CommentSubmission comment, CancellationToken ct)
    {
        if (comment.UserId is { } userId)
        {
            return HasApprovedContributionAsync(userId, ct);
        }
        var email = comment.AuthorEmail?.Trim().ToLowerInvariant();
        return email is null
            ? Task.FromResult(false)
            : db.Comments.AnyAsync(c => c.AuthorEmail == email && c.UserId == null && c.Status == CommentStatus.Approved, ct);
    }

    private async Task<bool> HasApprovedContributionAsync(string userId, CancellationToken ct) =>
        await db.Comments.AnyAsync(c => c.UserId == userId && c.Status == CommentStatus.Approved, ct)
        || await db.Posts.AnyAsync(p => p.AuthorId == userId && p.Status == Posts.PostStatus.Published, ct);

    private static string? FirstWordIn(List<string> words, string[] fields) =>
        words.Where(w => !string.IsNullOrWhiteSpace(w))
            .FirstOrDefault(w => fields.Any(f => f.Contains(w.Trim(), StringComparison.OrdinalIgnoreCase)));
}
