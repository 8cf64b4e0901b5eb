using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Seeding;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// A permalink's page is found from the kept numbers, not by counting threads: whatever is held, erased or
/// the reader's own, in either order, it is the page that shows the comment.
/// </summary>
public sealed class PageOfTests : IDisposable
{
    private const int PageSize = 7;
    private readonly ForumFactory forum = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    public void Dispose() => forum.Dispose();

    [Fact]
    public async Task EveryCommentsPermalinkPageIsThePageThatShowsIt()
    {
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "400", "--slug", "paged", "--seed", "5")).Exit);
        var comments = await forum.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == "paged").OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Depth, c.ParentId }).ToListAsync());
        var roots = comments.Where(c => c.Depth == 0).Select(c => c.Id).ToList();
        var withReplies = comments.Where(c => c.ParentId is not null).Select(c => ThreadRoot(c.Id)).ToHashSet();
        // Held top-level entries with replies (their threads still shown, for the replies), held ones without
        // (their threads gone), held replies, and whole threads held.
        var held = roots.Where((id, i) => i % 5 == 1).Concat(comments.Where((c, i) => c.Depth > 0 && i % 9 == 0).Select(c => c.Id)).ToList();
        var wholeThreads = roots.Where((id, i) => i % 11 == 3 && withReplies.Contains(id)).Take(3).ToList();
        held.AddRange(comments.Where(c => wholeThreads.Contains(ThreadRoot(c.Id))).Select(c => c.Id));
        await ThreadDoor.WithServicesAsync(forum, services =>
            services.GetRequiredService<ThreadChanges>().ModerateAsync([.. held.Distinct()], ModerationAction.Unapprove, ThreadDoor.TestModerator, CancellationToken.None));
        await FigureChecks.AssertFiguresMatchCountingAsync(forum);

        // A reader whose own held reply sits in a thread nobody else sees.
        var ownInHiddenThread = comments.First(c => c.Depth > 0 && wholeThreads.Contains(ThreadRoot(c.Id))).Id;

        foreach (var order in new[] { CommentOrder.OldestFirst, CommentOrder.NewestFirst })
        {
            foreach (IReadOnlyCollection<long> own in new[] { Array.Empty<long>(), [ownInHiddenThread] })
            {
                var options = new CommentOptions { PageSize = PageSize, Order = order };
                var shownOn = await PagesShowingAsync(options, own);
                if (own.Count > 0) Assert.Contains(ownInHiddenThread, shownOn.Keys);
                else Assert.DoesNotContain(ownInHiddenThread, shownOn.Keys);
                foreach (var (id, page) in shownOn)
                {
                    var path = await forum.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.ThreadPath).SingleAsync());
                    var found = await forum.WithDbAsync(db => db.PageOfAsync(PostId, path, options, own, CancellationToken.None));
                    Assert.True(page == found, $"{order}, own [{string.Join(",", own)}]: comment {id} is shown on page {page}, permalink says {found}");
                }
            }
        }

        long ThreadRoot(long id)
        {
            var c = comments.Single(x => x.Id == id);
            return c.ParentId is { } parent ? ThreadRoot(parent) : c.Id;
        }
    }

    private long PostId => forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "paged").Select(p => p.Id).SingleAsync()).GetAwaiter().GetResult();

    /// <summary>Every page of the thread as a reader gets it, and which page shows each visible comment.</summary>
    private async Task<Dictionary<long, int>> PagesShowingAsync(CommentOptions options, IReadOnlyCollection<long> own)
    {
        var shownOn = new Dictionary<long, int>();
        var figures = await forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "paged")
            .Select(p => new ThreadFigures(p.Id, p.CommentCount, p.ThreadCount)).SingleAsync());
        for (var page = 1; ; page++)
        {
            var loaded = await forum.WithDbAsync(db => db.LoadThreadPageAsync(figures, page, options, own, CancellationToken.None));
            Assert.Equal(page, loaded.Page);
            Assert.NotEmpty(loaded.Threads);
            Assert.True(loaded.Threads.Count <= PageSize);
            foreach (var node in loaded.Threads) Walk(node, page);
            if (page == loaded.PageCount) break;
        }
        return shownOn;

        void Walk(CommentNode node, int page)
        {
            if (node.Comment.IsVisible) shownOn.Add(node.Comment.Id, page);
            foreach (var reply in node.Replies) Walk(reply, page);
        }
    }
}
