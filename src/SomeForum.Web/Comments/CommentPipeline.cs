using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Comments;

/// <summary>
/// The one way into a thread. Typed comments, imported ones, pingbacks and webmentions all pass
/// the same steps: find their place in the thread, judge them, render them once, store source and HTML.
/// </summary>
public sealed class CommentPipeline(ForumDb db, MarkdownRenderer renderer, TimeProvider clock)
{
    public async Task<Comment> AddAsync(CommentSubmission submission, CommentOrigin origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var place = await PlaceInThreadAsync(submission, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        var comment = new Comment
        {
            PostId = submission.PostId,
            ParentId = place.ParentId,
            Depth = place.Depth,
            Kind = submission.Kind,
            Status = InitialStatus(origin),
            AuthorName = submission.AuthorName.Trim(),
            AuthorEmail = submission.AuthorEmail?.Trim(),
            AuthorUrl = submission.AuthorUrl?.Trim(),
            UserId = submission.UserId,
            Source = submission.Text,
            Html = submission.Kind == CommentKind.Comment
                ? renderer.ToHtml(submission.Text, TextKind.Comment)
                : MarkdownRenderer.PlainTextToHtml(submission.Text),
            CreatedAt = submission.WrittenAtUnknown ? null : submission.WrittenAt ?? now,
            ReceivedAt = now,
            SourceUrl = submission.SourceUrl,
            SourceTitle = submission.SourceTitle,
            IpAddress = submission.IpAddress,
            UserAgent = submission.UserAgent,
        };

        // The path holds the comment's own id, which the store only gives on insert: insert, then
        // set the path, inside one transaction so that no reader ever sees a comment without its place.
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (ownTransaction)
        {
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            comment.ThreadPath = ThreadPath.Of(place.ParentPath, comment.Id);
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        return comment;
    }

    private static CommentStatus InitialStatus(CommentOrigin origin) => origin switch
    {
        // Imported comments were already published on the page they come from.
        CommentOrigin.Import or CommentOrigin.Moderator => CommentStatus.Approved,
        _ => CommentStatus.Pending,
    };

    private async Task<ThreadPlace> PlaceInThreadAsync(CommentSubmission submission, CancellationToken ct)
    {
        if (submission.ParentId is not { } parentId) return new ThreadPlace(null, null, 0);
        var parent = await db.Comments.AsNoTracking()
            .Where(c => c.Id == parentId && c.PostId == submission.PostId)
            .Select(c => new { c.ThreadPath, c.Depth })
            .SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Comment {parentId} is not a comment of post {submission.PostId}.");
        return new ThreadPlace(parentId, parent.ThreadPath, parent.Depth + 1);
    }

    private sealed record ThreadPlace(long? ParentId, string? ParentPath, int Depth);
}
