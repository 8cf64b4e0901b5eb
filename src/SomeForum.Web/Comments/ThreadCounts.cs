using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Comments;

// string.Compare inside these queries is translated to SQL's < and >, which compare thread paths byte by byte.
#pragma warning disable CA1309

/// <summary>
/// The figures a thread's page reads instead of counting: the post's published comments, published
/// top-level entries and shown threads, each top-level entry's number, and how much of each thread is
/// published. Kept by the door after every change of a comment's status, inside its transaction, with
/// the post locked for writing; the comment's own change must already be saved.
/// </summary>
internal static class ThreadCounts
{
    public static async Task ApplyAsync(ForumDb db, Comment comment, CommentStatus? before, CommentStatus? after, CancellationToken ct)
    {
        var wasPublished = before == CommentStatus.Approved;
        var isPublished = after == CommentStatus.Approved;
        if (wasPublished == isPublished) return;
        var delta = isPublished ? 1 : -1;
        var postId = comment.PostId;
        var rootId = ThreadPath.RootId(comment.ThreadPath);

        var publishedInThread = await db.Comments.Where(c => c.Id == rootId).Select(c => c.ThreadPublishedCount).SingleAsync(ct);
        await db.Comments.Where(c => c.Id == rootId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ThreadPublishedCount, c => c.ThreadPublishedCount + delta), ct);
        var threadDelta = (publishedInThread, delta) switch
        {
            (0, 1) => 1,
            (1, -1) => -1,
            _ => 0,
        };

        var topLevelDelta = 0;
        if (comment.Depth == 0)
        {
            topLevelDelta = delta;
            var path = comment.ThreadPath;
            var later = db.Comments.Where(c => c.PostId == postId && c.Depth == 0 && c.Number != null && string.Compare(c.ThreadPath, path) > 0);
            if (isPublished)
            {
                var previous = await db.Comments
                    .Where(c => c.PostId == postId && c.Depth == 0 && c.Number != null && string.Compare(c.ThreadPath, path) < 0)
                    .OrderByDescending(c => c.ThreadPath).Select(c => c.Number).FirstOrDefaultAsync(ct) ?? 0;
                await later.ExecuteUpdateAsync(s => s.SetProperty(c => c.Number, c => c.Number + 1), ct);
                await db.Comments.Where(c => c.Id == comment.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Number, previous + 1), ct);
            }
            else
            {
                await later.ExecuteUpdateAsync(s => s.SetProperty(c => c.Number, c => c.Number - 1), ct);
                await db.Comments.Where(c => c.Id == comment.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Number, (int?)null), ct);
            }
        }

        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentCount, p => p.CommentCount + delta)
            .SetProperty(p => p.TopLevelCount, p => p.TopLevelCount + topLevelDelta)
            .SetProperty(p => p.ThreadCount, p => p.ThreadCount + threadDelta), ct);
    }
}
