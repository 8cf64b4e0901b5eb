using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>The figures the door keeps, checked against counting, after moderators act at once.</summary>
public static class FigureChecks
{
    /// <summary>
    /// Holds the top-level entries of every post, then approves each from several moderators at once, in
    /// opposite orders across posts (on PostgreSQL, locks taken in a circle would deadlock).
    /// </summary>
    public static async Task ModerateAtOnceAsync(ForumFactory forum)
    {
        ArgumentNullException.ThrowIfNull(forum);
        var roots = await forum.WithDbAsync(db => db.Comments.Where(c => c.Depth == 0).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        await ActAsync(forum, roots, ModerationAction.Unapprove);
        var attempts = Enumerable.Range(0, 6).Select(i => ActAsync(forum, i % 2 == 0 ? roots : [.. Enumerable.Reverse(roots)], ModerationAction.Approve));
        var changed = await Task.WhenAll(attempts);
        Assert.Equal(roots.Count, changed.Sum());
    }

    private static async Task<int> ActAsync(ForumFactory forum, IReadOnlyList<long> ids, ModerationAction action)
    {
        var total = 0;
        foreach (var id in ids)
        {
            await using var scope = forum.Scope();
            total += await scope.ServiceProvider.GetRequiredService<ThreadChanges>().ModerateAsync([id], action, ThreadDoor.TestModerator, CancellationToken.None);
        }
        return total;
    }

    /// <summary>Every kept figure equals what counting the thread gives.</summary>
    public static async Task AssertFiguresMatchCountingAsync(ForumFactory forum)
    {
        ArgumentNullException.ThrowIfNull(forum);
        await using var scope = forum.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        foreach (var post in await db.Posts.AsNoTracking().ToListAsync())
        {
            var comments = await db.Comments.AsNoTracking().Where(c => c.PostId == post.Id).OrderBy(c => c.ThreadPath).ToListAsync();
            var published = comments.Where(c => c.Status == CommentStatus.Approved).ToList();
            var roots = comments.Where(c => c.Depth == 0).ToList();
            // Counted once a thread, so a post of ten thousand comments is checked in a moment.
            var publishedInThread = published.CountBy(c => ThreadPath.RootId(c.ThreadPath)).ToDictionary();
            Assert.Equal(published.Count, post.CommentCount);
            Assert.Equal(roots.Count(r => r.Status == CommentStatus.Approved), post.TopLevelCount);
            Assert.Equal(roots.Count(r => publishedInThread.ContainsKey(r.Id)), post.ThreadCount);
            var number = 0;
            foreach (var root in roots)
            {
                Assert.Equal(root.Status == CommentStatus.Approved ? ++number : null, root.Number);
                Assert.Equal(publishedInThread.GetValueOrDefault(root.Id), root.ThreadPublishedCount);
            }
        }
    }
}
