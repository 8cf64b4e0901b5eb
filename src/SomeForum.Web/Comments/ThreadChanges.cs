using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Comments;

/// <summary>What became of a change asked for: done, nothing to change, or refused with the field and the message.</summary>
public sealed record ChangeOutcome(bool Found, CommentStatus? Status = null, string? Problem = null, string? Field = null)
{
    public static readonly ChangeOutcome NotFound = new(false);

    public bool Refused => Problem is not null;
}

/// <summary>One comment's change of status, with the audit log entry that recorded it (the entry an undo names).</summary>
public sealed record StatusChange(long CommentId, string AuthorName, CommentStatus Before, CommentStatus After, long LogEntryId);

/// <summary>
/// The one door for every change to a comment already in a thread (new ones come in through
/// <see cref="CommentPipeline"/>, which shares its transaction and its counts): moderation, edits,
/// erasing, a guest's own edits and the erasure of their details, a mention's update and withdrawal, and a post's
/// removal as it takes its thread along.
/// Each change is judged where its content changes, rendered by the one renderer, written with its
/// audit entry in one transaction, and announced once committed.
/// </summary>
public sealed class ThreadChanges(
    ForumDb db, ThreadWrites writes, CommentPipeline pipeline, ModerationRules rules, MarkdownRenderer renderer,
    UserManager<ForumUser> users, TimeProvider clock)
{
    /// <summary>The name a comment whose writer erased their details is shown under.</summary>
    public const string AnonymousName = "Anonymous";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Applies a moderator's action to each comment it changes; returns how many it changed.</summary>
    public async Task<int> ModerateAsync(IReadOnlyCollection<long> ids, ModerationAction action, Actor actor, CancellationToken ct) =>
        (await ModerateEachAsync(ids, action, actor, ct)).Count;

    /// <summary>Applies a moderator's action to each comment it changes; returns the changes, in the order of the ids.</summary>
    public async Task<IReadOnlyList<StatusChange>> ModerateEachAsync(IReadOnlyCollection<long> ids, ModerationAction action, Actor actor,
        CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        // Every post concerned is locked first, always in the same order (two moderators never wait on each
        // other in a circle), and only then are the comments read: what is judged is what is there now.
        var postIds = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.PostId).Distinct().OrderBy(p => p).ToListAsync(ct);
        foreach (var postId in postIds) await db.LockPostForWritingAsync(postId, ct);
        // An erased placeholder has nothing left to approve or restore.
        var comments = await LoadLockedAsync(db.Comments.Where(c => ids.Contains(c.Id) && c.ErasedAt == null).OrderBy(c => c.Id), ct);
        var changed = new List<StatusChange>();
        foreach (var comment in comments)
        {
            var before = comment.Status;
            var after = action switch
            {
                ModerationAction.Approve => CommentStatus.Approved,
                ModerationAction.Unapprove => CommentStatus.Pending,
                ModerationAction.Spam => CommentStatus.Spam,
                ModerationAction.Trash => CommentStatus.Trash,
                ModerationAction.NotSpam when before == CommentStatus.Spam => await StatusBeforeAsync(comment.Id, CommentStatus.Spam, ct),
                ModerationAction.Restore when before == CommentStatus.Trash => await StatusBeforeAsync(comment.Id, CommentStatus.Trash, ct),
                _ => before,
            };
            if (after == before) continue;
            var entry = await SetStatusAsync(comment, after, action.ToString(), actor, ct);
            changed.Add(new(comment.Id, comment.AuthorName, before, after, entry.Id));
        }
        await scope.CommitAsync(ct);
        return changed;
    }

    /// <summary>
    /// Holds a published comment for a moderator, for the reason given (readers' reports reaching the rule's
    /// number): out of the thread at once, logged and announced like any change of status. False when it was not published.
    /// </summary>
    public async Task<bool> HoldAsync(long id, string reason, Actor actor, CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(id, c => c.ErasedAt == null && c.Status == CommentStatus.Approved, ct) is not { } comment) return false;
        await ApplyStatusAsync(comment, CommentStatus.Pending, reason, ct);
        AuditLog.Comment(db, actor, Now, "Hold", comment, CommentStatus.Approved, CommentStatus.Pending, reason);
        await db.SaveChangesAsync(ct);
        writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.StatusChanged, CommentStatus.Approved, CommentStatus.Pending));
        await scope.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Takes back changes of status the audit log recorded, each to the status it found, and each only while it is still
    /// the comment's latest change of status: what anyone changed since is left as they left it. Logged as "Undo".
    /// </summary>
    public async Task<IReadOnlyList<StatusChange>> UndoAsync(IReadOnlyCollection<long> logEntryIds, Actor actor, CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        var entries = await db.ModerationLog.AsNoTracking()
            .Where(e => logEntryIds.Contains(e.Id) && e.CommentId != null && e.StatusBefore != null && e.StatusAfter != null && e.StatusBefore != e.StatusAfter)
            .OrderBy(e => e.CommentId).ThenByDescending(e => e.Id).ToListAsync(ct);
        var commentIds = entries.Select(e => e.CommentId!.Value).Distinct().ToList();
        var postIds = await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id)).Select(c => c.PostId).Distinct().OrderBy(p => p).ToListAsync(ct);
        foreach (var postId in postIds) await db.LockPostForWritingAsync(postId, ct);
        var comments = (await LoadLockedAsync(db.Comments.Where(c => commentIds.Contains(c.Id) && c.ErasedAt == null), ct)).ToDictionary(c => c.Id);
        var undone = new List<StatusChange>();
        foreach (var entry in entries)
        {
            if (!comments.TryGetValue(entry.CommentId!.Value, out var comment) || comment.Status != entry.StatusAfter) continue;
            var changedSince = await db.ModerationLog.AnyAsync(e => e.CommentId == comment.Id && e.Id > entry.Id
                && e.StatusBefore != null && e.StatusAfter != null && e.StatusBefore != e.StatusAfter, ct);
            if (changedSince) continue;
            var before = comment.Status;
            var undo = await SetStatusAsync(comment, entry.StatusBefore!.Value, "Undo", actor, ct, $"takes back {entry.Action}");
            undone.Add(new(comment.Id, comment.AuthorName, before, comment.Status, undo.Id));
        }
        await scope.CommitAsync(ct);
        return undone;
    }

    /// <summary>
    /// New text for a comment. A moderator's edit keeps the comment's status; anyone else's is judged by
    /// the rules again, and a published comment the rules would hold goes back to the queue.
    /// </summary>
    public async Task<ChangeOutcome> EditAsync(long id, string text, CommentOrigin origin, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(id, c => c.ErasedAt == null, ct) is not { } comment) return ChangeOutcome.NotFound;
        var normalized = CommentText.Normalize(comment.Kind, text);
        if (normalized.Length == 0) return new ChangeOutcome(true, comment.Status, "A comment cannot be empty; trash it instead.", nameof(CommentSubmission.Text));
        if (normalized == comment.Source) return new ChangeOutcome(true, comment.Status);

        ChangeOutcome outcome;
        try
        {
            outcome = await RewriteAsync(comment, Submission(comment) with { Text = normalized }, origin, actor, "Edit", "the text changed", ct);
        }
        catch (UnrenderableTextException e)
        {
            return new ChangeOutcome(true, comment.Status, e.Message, nameof(CommentSubmission.Text));
        }
        await scope.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// A mention sent again: it takes the source's current title and excerpt, and, as new content,
    /// is judged by the rules again (a harmless mention, once approved, cannot turn into spam unseen).
    /// </summary>
    public async Task<ChangeOutcome> UpdateMentionAsync(long id, CommentSubmission fromSource, CommentOrigin origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fromSource);
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(id, c => c.ErasedAt == null && c.Kind != CommentKind.Comment, ct) is not { } comment) return ChangeOutcome.NotFound;
        var text = CommentText.Normalize(comment.Kind, fromSource.Text);
        if (text == comment.Source && fromSource.AuthorName == comment.AuthorName) return new ChangeOutcome(true, comment.Status);

        comment.AuthorName = fromSource.AuthorName;
        comment.SourceTitle = fromSource.SourceTitle;
        var outcome = await RewriteAsync(comment, fromSource with { Text = text }, origin, Actor.Webmention, "Update",
            "the source page changed its title or text", ct);
        await scope.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// New content for a comment, in the open scope: rendered once, judged by the rules as it now reads (what
    /// they would hold leaves the thread), written with one audit entry, announced as one change.
    /// </summary>
    private async Task<ChangeOutcome> RewriteAsync(Comment comment, CommentSubmission content, CommentOrigin origin, Actor actor,
        string action, string what, CancellationToken ct)
    {
        var before = comment.Status;
        var textBefore = comment.Source;
        var html = CommentText.Html(renderer, comment.Kind, content.Text);
        var verdict = await rules.JudgeRenderedAsync(content, html, origin, ct);
        CommentText.Write(comment, content.Text, html);
        comment.EditedAt = Now;
        await db.SaveChangesAsync(ct);
        await RejudgeAsync(comment, verdict, ct);
        var entry = AuditLog.Comment(db, actor, Now, action, comment, before, comment.Status, Note(what, comment.Status == before ? null : verdict.Reason));
        (entry.TextBefore, entry.TextAfter) = (textBefore, content.Text);
        await db.SaveChangesAsync(ct);
        writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.Edited, before, comment.Status));
        return new ChangeOutcome(true, comment.Status);
    }

    /// <summary>
    /// Deletes a comment for good. One with replies keeps its place as an erased, empty placeholder, so the
    /// replies below it stay where they are; erased, it is never acted on again. A moderator's delete and a
    /// source's withdrawal of its mention both end here.
    /// </summary>
    public async Task<ChangeOutcome> EraseAsync(long id, Actor actor, string? why, CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(id, c => c.ErasedAt == null, ct) is not { } comment) return ChangeOutcome.NotFound;
        var before = comment.Status;
        // Deleted for good means its words too, wherever the log kept them.
        await db.ModerationLog.Where(e => e.CommentId == id && (e.TextBefore != null || e.TextAfter != null))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TextBefore, (string?)null).SetProperty(e => e.TextAfter, (string?)null), ct);
        if (await db.Comments.AnyAsync(c => c.ParentId == id, ct))
        {
            comment.Status = CommentStatus.Trash;
            comment.ErasedAt = Now;
            comment.AuthorName = "";
            comment.AuthorEmail = null;
            comment.AuthorUrl = null;
            CommentText.Clear(comment);
            comment.IpAddress = null;
            comment.UserAgent = null;
            comment.SourceUrl = null;
            comment.SourceTitle = null;
            await db.SaveChangesAsync(ct);
            await ThreadCounts.ApplyAsync(db, comment, before, CommentStatus.Trash, ct);
            AuditLog.Comment(db, actor, Now, "Delete", comment, before, CommentStatus.Trash, Note("kept as an empty placeholder for its replies", why));
            writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.Erased, before, CommentStatus.Trash));
        }
        else
        {
            await ThreadCounts.ApplyAsync(db, comment, before, null, ct);
            db.Comments.Remove(comment);
            AuditLog.Comment(db, actor, Now, "Delete", comment, before, null, why);
            writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.Deleted, before, null));
        }
        await db.SaveChangesAsync(ct);
        await scope.CommitAsync(ct);
        return new ChangeOutcome(true, comment.ErasedAt is null ? null : CommentStatus.Trash);
    }

    /// <summary>
    /// Erases what a comment stores about its writer (name, email, website, address, browser) and keeps its text:
    /// a guest erasing their personal data. Announced as an edit, so the pages that show the name follow.
    /// </summary>
    public async Task<ChangeOutcome> AnonymizeAsync(long id, Actor actor, CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(id, c => c.ErasedAt == null, ct) is not { } comment) return ChangeOutcome.NotFound;
        if (comment is { AuthorName: AnonymousName, AuthorEmail: null, AuthorUrl: null, IpAddress: null, UserAgent: null }) return new ChangeOutcome(true, comment.Status);
        comment.AuthorName = AnonymousName;
        comment.AuthorEmail = null;
        comment.AuthorUrl = null;
        comment.IpAddress = null;
        comment.UserAgent = null;
        AuditLog.Comment(db, actor, Now, "Anonymize", comment, comment.Status, comment.Status, "the writer's name, email, website, IP and browser erased");
        await db.SaveChangesAsync(ct);
        writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.Edited, comment.Status, comment.Status));
        await scope.CommitAsync(ct);
        return new ChangeOutcome(true, comment.Status);
    }

    /// <summary>A moderator's reply is published at once; a held comment they answer is approved with it.</summary>
    public async Task<CommentResult> ReplyAsModeratorAsync(long parentId, string text, ClaimsPrincipal moderator, CancellationToken ct)
    {
        var user = await users.GetUserAsync(moderator) ?? throw new InvalidOperationException("Moderators reply under their account.");
        var actor = Actor.Of(moderator);
        await using var scope = await writes.BeginAsync(ct);
        if (await LockedCommentAsync(parentId, c => c.ErasedAt == null, ct) is not { } parent)
        {
            return CommentResult.Refused(CommentProblem.ParentInvalid, Site.Strings.Get("Refused.NoSuchComment"));
        }
        if (parent.Status == CommentStatus.Pending)
        {
            await SetStatusAsync(parent, CommentStatus.Approved, nameof(ModerationAction.Approve), actor, ct);
        }
        var result = await pipeline.AddAsync(new CommentSubmission
        {
            PostId = parent.PostId,
            ParentId = parent.Id,
            AuthorName = user.PublicName,
            AuthorEmail = user.Email,
            AuthorUrl = user.Website,
            UserId = user.Id,
            Text = text,
        }, CommentOrigin.Moderator, ct);
        if (result.Comment is { } reply)
        {
            AuditLog.Comment(db, actor, Now, "Reply", reply, null, reply.Status);
            await db.SaveChangesAsync(ct);
            await scope.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Moves a post to the trash, remembering what it was; its thread leaves the site with it.</summary>
    public async Task<bool> TrashPostAsync(long postId, Actor actor, string? note, CancellationToken ct) =>
        await ChangePostAsync(postId, ThreadChangeKind.PostTrashed, "Trash post", actor, note, posts => posts
            .Where(p => p.Status != PostStatus.Trash)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.StatusBeforeTrash, p => p.Status)
                .SetProperty(p => p.Status, PostStatus.Trash)
                .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);

    /// <summary>Back from the trash, as it was before (a draft when that is unknown), with its thread.</summary>
    public async Task<bool> RestorePostAsync(long postId, Actor actor, string? note, CancellationToken ct) =>
        await ChangePostAsync(postId, ThreadChangeKind.PostRestored, "Restore post", actor, note, posts => posts
            .Where(p => p.Status == PostStatus.Trash)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, p => p.StatusBeforeTrash ?? PostStatus.Draft)
                .SetProperty(p => p.StatusBeforeTrash, (PostStatus?)null)
                .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);

    /// <summary>Removes a post and its whole thread; replies go before the comments they answer.</summary>
    public async Task<bool> DeletePostAsync(long postId, Actor actor, string? note, CancellationToken ct) =>
        await ChangePostAsync(postId, ThreadChangeKind.PostDeleted, "Delete post", actor, note, async posts =>
        {
            var deepest = await db.Comments.Where(c => c.PostId == postId).MaxAsync(c => (int?)c.Depth, ct) ?? -1;
            for (var depth = deepest; depth >= 0; depth--)
            {
                await db.Comments.Where(c => c.PostId == postId && c.Depth == depth).ExecuteDeleteAsync(ct);
            }
            return await posts.ExecuteDeleteAsync(ct);
        }, ct);

    /// <summary>Anything else about a post that its page shows (published, edited, opened or closed), announced like the rest.</summary>
    public async Task<bool> ChangePostAsync(long postId, string action, Actor actor, string? note,
        Func<IQueryable<Post>, Task<int>> change, CancellationToken ct) =>
        await ChangePostAsync(postId, ThreadChangeKind.PostChanged, action, actor, note, change, ct);

    private async Task<bool> ChangePostAsync(long postId, ThreadChangeKind kind, string action, Actor actor, string? note,
        Func<IQueryable<Post>, Task<int>> change, CancellationToken ct)
    {
        await using var scope = await writes.BeginAsync(ct);
        await db.LockPostForWritingAsync(postId, ct);
        if (await change(db.Posts.Where(p => p.Id == postId)) == 0) return false;
        AuditLog.Add(db, actor, Now, action, postId, note);
        await db.SaveChangesAsync(ct);
        writes.Announce(new ThreadChanged(postId, null, kind, null, null));
        await scope.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The rules' verdict on changed content: what they would hold or mark spam leaves the thread; the rest keeps
    /// its status. Part of the change that edits the content, logged and announced with it.
    /// </summary>
    private async Task RejudgeAsync(Comment comment, ModerationVerdict verdict, CancellationToken ct)
    {
        var stricter = (comment.Status, verdict.Status) is (CommentStatus.Approved, CommentStatus.Pending or CommentStatus.Spam)
            or (CommentStatus.Pending, CommentStatus.Spam);
        if (stricter) await ApplyStatusAsync(comment, verdict.Status, verdict.Reason, ct);
    }

    /// <summary>A moderator's change of status: applied, logged and announced as one change.</summary>
    private async Task<ModerationLogEntry> SetStatusAsync(Comment comment, CommentStatus after, string action, Actor actor, CancellationToken ct,
        string? note = null)
    {
        var before = comment.Status;
        await ApplyStatusAsync(comment, after, reason: null, ct);
        var entry = AuditLog.Comment(db, actor, Now, action, comment, before, after, note);
        await db.SaveChangesAsync(ct);
        writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.StatusChanged, before, after));
        return entry;
    }

    /// <summary>The status itself, and the figures that follow from it.</summary>
    private async Task ApplyStatusAsync(Comment comment, CommentStatus after, string? reason, CancellationToken ct)
    {
        await db.LockPostForWritingAsync(comment.PostId, ct);
        var before = comment.Status;
        comment.Status = after;
        // Kept through an approval: an approval taken back leaves the comment held for the reason it was held.
        comment.ModerationReason = reason ?? comment.ModerationReason;
        await db.SaveChangesAsync(ct);
        await ThreadCounts.ApplyAsync(db, comment, before, after, ct);
    }

    /// <summary>
    /// A comment read after its post is locked for writing, so that two changes to it take turns and the second
    /// sees what the first made of it (on PostgreSQL; SQLite's writers take turns from the start).
    /// </summary>
    private async Task<Comment?> LockedCommentAsync(long id, System.Linq.Expressions.Expression<Func<Comment, bool>> condition, CancellationToken ct)
    {
        var postId = await db.Comments.AsNoTracking().Where(c => c.Id == id).Select(c => (long?)c.PostId).SingleOrDefaultAsync(ct);
        if (postId is not { } locked) return null;
        await db.LockPostForWritingAsync(locked, ct);
        return (await LoadLockedAsync(db.Comments.Where(c => c.Id == id).Where(condition), ct)).SingleOrDefault();
    }

    /// <summary>Comments as they are now: one this context already tracked (read before the lock) is read again.</summary>
    private async Task<List<Comment>> LoadLockedAsync(IQueryable<Comment> query, CancellationToken ct)
    {
        var comments = await query.ToListAsync(ct);
        foreach (var comment in comments) await db.Entry(comment).ReloadAsync(ct);
        return [.. comments.Where(c => db.Entry(c).State != EntityState.Detached)];
    }

    /// <summary>What a comment was before it was marked spam or trashed, from the log; approved when the rules put it there on arrival.</summary>
    private async Task<CommentStatus> StatusBeforeAsync(long id, CommentStatus removedAs, CancellationToken ct) =>
        await db.ModerationLog.Where(e => e.CommentId == id && e.StatusAfter == removedAs && e.StatusBefore != null)
            .OrderByDescending(e => e.Id).Select(e => e.StatusBefore).FirstOrDefaultAsync(ct)
        ?? CommentStatus.Approved;

    private static CommentSubmission Submission(Comment comment) => new()
    {
        PostId = comment.PostId,
        ParentId = comment.ParentId,
        Kind = comment.Kind,
        AuthorName = comment.AuthorName,
        AuthorEmail = comment.AuthorEmail,
        AuthorUrl = comment.AuthorUrl,
        UserId = comment.UserId,
        Text = comment.Source,
        SourceUrl = comment.SourceUrl,
        SourceTitle = comment.SourceTitle,
        IpAddress = comment.IpAddress,
        UserAgent = comment.UserAgent,
    };

    private static string Note(string what, string? why) => why is null ? what : $"{why}; {what}";
}
