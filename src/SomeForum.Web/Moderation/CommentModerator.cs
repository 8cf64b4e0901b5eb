using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Moderation;

public enum ModerationAction
{
    Approve,
    Unapprove,
    Spam,
    NotSpam,
    Trash,
    Restore,
}

/// <summary>
/// Every change a moderator makes to a comment, each written to the audit log in the same
/// transaction as the change itself.
/// </summary>
public sealed class CommentModerator(
    ForumDb db, CommentPipeline pipeline, MarkdownRenderer renderer, UserManager<ForumUser> users, TimeProvider clock)
{
    public async Task<int> ApplyAsync(IReadOnlyCollection<long> ids, ModerationAction action, ClaimsPrincipal moderator, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // An erased placeholder has nothing left to approve or restore.
        var comments = await db.Comments.Where(c => ids.Contains(c.Id) && c.ErasedAt == null).ToListAsync(ct);
        var changed = 0;
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
            comment.Status = after;
            if (after == CommentStatus.Approved) comment.ModerationReason = null;
            Log(comment, action.ToString(), before, after, moderator);
            changed++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    public async Task<bool> EditAsync(long id, string text, ClaimsPrincipal moderator, CancellationToken ct)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return false;
        comment.Source = text.Trim();
        comment.Html = comment.Kind == CommentKind.Comment
            ? renderer.ToHtml(comment.Source, TextKind.Comment)
            : MarkdownRenderer.PlainTextToHtml(comment.Source);
        comment.EditedAt = clock.GetUtcNow().UtcDateTime;
        Log(comment, "Edit", comment.Status, comment.Status, moderator);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A moderator's reply is published at once; a held comment they answer is approved with it.</summary>
    public async Task<CommentResult> ReplyAsync(long parentId, string text, ClaimsPrincipal moderator, CancellationToken ct)
    {
        var user = await users.GetUserAsync(moderator) ?? throw new InvalidOperationException("Moderators reply under their account.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var parent = await db.Comments.SingleOrDefaultAsync(c => c.Id == parentId, ct);
        if (parent is null) return CommentResult.Refused(CommentProblem.ParentInvalid, "There is no such comment.");
        if (parent.Status == CommentStatus.Pending)
        {
            parent.Status = CommentStatus.Approved;
            parent.ModerationReason = null;
            Log(parent, nameof(ModerationAction.Approve), CommentStatus.Pending, CommentStatus.Approved, moderator);
            await db.SaveChangesAsync(ct);
        }
        var result = await pipeline.AddAsync(new CommentSubmission
        {
            PostId = parent.PostId,
            ParentId = parent.Id,
            AuthorName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "Moderator" : user.DisplayName,
            AuthorEmail = user.Email,
            AuthorUrl = user.Website,
            UserId = user.Id,
            Text = text,
        }, CommentOrigin.Moderator, ct);
        if (result.Comment is { } reply)
        {
            Log(reply, "Reply", null, reply.Status, moderator);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// Deletes a comment for good. One with replies keeps its place as an empty placeholder, its
    /// text and its author's details erased, so the replies below it stay where they are.
    /// </summary>
    public async Task<bool> DeleteAsync(long id, ClaimsPrincipal moderator, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (comment is null) return false;
        var before = comment.Status;
        if (await db.Comments.AnyAsync(c => c.ParentId == id, ct))
        {
            comment.Status = CommentStatus.Trash;
            comment.ErasedAt = clock.GetUtcNow().UtcDateTime;
            comment.AuthorName = "";
            comment.AuthorEmail = null;
            comment.AuthorUrl = null;
            comment.Source = "";
            comment.Html = "";
            comment.IpAddress = null;
            comment.UserAgent = null;
            comment.SourceUrl = null;
            comment.SourceTitle = null;
            Log(comment, "Delete", before, CommentStatus.Trash, moderator, "kept as an empty placeholder for its replies");
        }
        else
        {
            db.Comments.Remove(comment);
            Log(comment, "Delete", before, null, moderator);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>What a comment was before it was marked spam or trashed, from the log; approved when the rules put it there on arrival.</summary>
    private async Task<CommentStatus> StatusBeforeAsync(long id, CommentStatus removedAs, CancellationToken ct) =>
        await db.ModerationLog.Where(e => e.CommentId == id && e.StatusAfter == removedAs && e.StatusBefore != null)
            .OrderByDescending(e => e.Id).Select(e => e.StatusBefore).FirstOrDefaultAsync(ct)
        ?? CommentStatus.Approved;

    private void Log(Comment comment, string action, CommentStatus? before, CommentStatus? after, ClaimsPrincipal moderator, string? note = null) =>
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = users.GetUserId(moderator),
            UserName = moderator.Identity?.Name ?? "unknown",
            CommentId = comment.Id,
            PostId = comment.PostId,
            Action = action,
            StatusBefore = before,
            StatusAfter = after,
            Note = note,
        });
}
