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
    /// <summary>
    /// A new comment's own figures, set before its path is saved so they go in with it. A new comment is the last of
    /// its post (the highest id, so the last thread path): published at the top level, it is a thread of one, its
    /// number follows the post's last (<paramref name="postTopLevelCount"/>, read with the post locked), and no number
    /// after it moves. <see cref="ApplyNewAsync"/> then keeps the rest.
    /// </summary>
    public static void NumberNew(Comment comment, int postTopLevelCount)
    {
        if (comment.Status != CommentStatus.Approved || comment.Depth != 0) return;
        comment.ThreadPublishedCount = 1;
        comment.Number = postTopLevelCount + 1;
    }

    /// <summary>The post's figures, and a reply's thread's, after a new comment (<see cref="NumberNew"/>) is saved.</summary>
    public static async Task ApplyNewAsync(ForumDb db, Comment comment, CancellationToken ct)
    {
        if (comment.Status != CommentStatus.Approved) return;
        if (comment.Depth > 0)
        {
            await ApplyAsync(db, comment, null, comment.Status, ct);
            return;
        }
        await AddToPostAsync(db, comment.PostId, comments: 1, topLevel: 1, threads: 1, ct);
    }

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

        await AddToPostAsync(db, postId, comments: delta, topLevel: topLevelDelta, threads: threadDelta, ct);
    }

    private static Task<int> AddToPostAsync(ForumDb db, long postId, int comments, int topLevel, int threads, CancellationToken ct) =>
        db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentCount, p => p.CommentCount + comments)
            .SetProperty(p => p.TopLevelCount, p => p.TopLevelCount + topLevel)
            .SetProperty(p => p.ThreadCount, p => p.ThreadCount + threads), ct);
}
