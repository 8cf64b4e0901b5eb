using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Moderation;

public sealed record ModerationVerdict(CommentStatus Status, string? Reason)
{
    public static readonly ModerationVerdict Publish = new(CommentStatus.Approved, null);

    /// <summary>The reason in the moderator's language, for a page that shows it at once (the rules' preview).</summary>
    public string? ShownReason { get; private init; }

    /// <summary>
    /// A verdict whose <see cref="Reason"/> is stored with the comment in English whatever the writer's language (stored
    /// text stays as stored, like the audit log), and shown in the moderator's language where it is not stored.
    /// </summary>
    public static ModerationVerdict Because(CommentStatus status, string reasonKey, params object[] values) =>
        new(status, string.Format(CultureInfo.InvariantCulture, Strings.Get(reasonKey, CultureInfo.InvariantCulture), values))
        {
            ShownReason = Strings.Format(reasonKey, values),
        };
}

/// <summary>
/// Decides what becomes of a new comment, the same for typed comments, pingbacks and webmentions.
/// Blocklist first (spam, even with moderation off), then the holding rules.
/// </summary>
public sealed class ModerationRules(ForumDb db, ModerationSettings settings, MarkdownRenderer renderer)
{

    public Task<ModerationVerdict> JudgeAsync(CommentSubmission comment, CommentOrigin origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return JudgeRenderedAsync(comment, CommentText.Html(renderer, comment.Kind, comment.Text), origin, ct);
    }

    /// <summary>The same, for a comment its caller has rendered already (with the one renderer), so it is rendered once.</summary>
    public async Task<ModerationVerdict> JudgeRenderedAsync(CommentSubmission comment, string html, CommentOrigin origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (origin is CommentOrigin.Import or CommentOrigin.Moderator) return ModerationVerdict.Publish;
        return await JudgeByAsync(await settings.CurrentAsync(ct), comment, html, origin, storedId: null, ct);
    }

    /// <summary>
    /// The verdict of the given rules, saved or not: the rules page's preview asks what rules not yet saved would have
    /// done to comments already stored (<paramref name="storedId"/>: such a comment, which does not count as its own
    /// author's approved comment).
    /// </summary>
    public async Task<ModerationVerdict> JudgeByAsync(ModerationOptions rules, CommentSubmission comment, string html, CommentOrigin origin,
        long? storedId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(comment);

        // Judged as readers will read it: the rendered, sanitized page, not the Markdown typed (which can hide a
        // word behind a character reference, or a link behind an escape).
        var page = ReaderText.Read(html);
        string[] fields = [.. page.Folded, .. new[] { comment.AuthorName, comment.AuthorEmail, comment.AuthorUrl, comment.IpAddress, comment.SourceUrl }.Select(ReaderText.Fold)];
        if (FirstWordIn(rules.BlockWords, fields) is { } blocked)
        {
            return ModerationVerdict.Because(CommentStatus.Spam, "Moderation.Rule.Blocklist", blocked);
        }
        if (!rules.Enabled) return ModerationVerdict.Publish;

        if (origin is CommentOrigin.Pingback or CommentOrigin.Webmention && rules.HoldMentions)
        {
            return ModerationVerdict.Because(CommentStatus.Pending, "Moderation.Rule.Mentions");
        }
        var links = page.Links;
        if (links >= rules.HoldLinkCount)
        {
            return ModerationVerdict.Because(CommentStatus.Pending, "Moderation.Rule.Links", links, rules.HoldLinkCount);
        }
        if (FirstWordIn(rules.HoldWords, fields) is { } held)
        {
            return ModerationVerdict.Because(CommentStatus.Pending, "Moderation.Rule.Word", held);
        }
        if (rules.HoldFirstComment && origin == CommentOrigin.Reader && !await HasApprovedCommentAsync(comment, storedId, ct))
        {
            return ModerationVerdict.Because(CommentStatus.Pending, "Moderation.Rule.FirstComment");
        }
        return ModerationVerdict.Publish;
    }

    /// <summary>The first blocklist word found in any of the fields, or null.</summary>
    public async Task<string?> BlockedWordAsync(string[] fields, CancellationToken ct) =>
        FirstWordIn((await settings.CurrentAsync(ct)).BlockWords, [.. fields.Select(ReaderText.Fold)]);

    private Task<bool> HasApprovedCommentAsync(CommentSubmission comment, long? storedId, CancellationToken ct)
    {
        var other = storedId ?? 0;
        if (comment.UserId is { } userId)
        {
            return HasApprovedContributionAsync(userId, other, ct);
        }
        // A guest is known by an approved comment their own browser wrote under the same address (its signed cookie
        // names it). The address alone proves nothing: whoever knows an approved guest's address could type it.
        var email = EmailAddress.NormalizeOrNull(comment.AuthorEmail);
        if (email is null) return Task.FromResult(false);
        // A stored comment judged again (the rules' preview): which browser wrote it is not known, so the address
        // stands in for it there; the preview says so.
        if (storedId is not null)
        {
            return db.Comments.AnyAsync(c => c.AuthorEmail == email && c.UserId == null && c.Status == CommentStatus.Approved && c.Id != other, ct);
        }
        var written = comment.WrittenBefore;
        return written.Count == 0
            ? Task.FromResult(false)
            : db.Comments.AnyAsync(c => written.Contains(c.Id) && c.AuthorEmail == email && c.UserId == null && c.Status == CommentStatus.Approved, ct);
    }

    private async Task<bool> HasApprovedContributionAsync(string userId, long other, CancellationToken ct) =>
        await db.Comments.AnyAsync(c => c.UserId == userId && c.Status == CommentStatus.Approved && c.Id != other, ct)
        || await db.Posts.AnyAsync(p => p.AuthorId == userId && p.Status == Posts.PostStatus.Published, ct);

    /// <summary>The first rule word found in folded fields; the word is folded the same way, so "VIAGRA" finds "vіаgra".</summary>
    private static string? FirstWordIn(List<string> words, string[] foldedFields) =>
        words.Where(w => !string.IsNullOrWhiteSpace(w))
            .FirstOrDefault(w => ReaderText.Fold(w.Trim()) is { Length: > 0 } word && foldedFields.Any(f => f.Contains(word, StringComparison.Ordinal)));
}
