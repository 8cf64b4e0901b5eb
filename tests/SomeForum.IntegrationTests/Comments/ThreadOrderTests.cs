using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Seeding;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// A reader orders the threads oldest first, newest first or most active first; the choice is remembered, the
/// guests who made none keep the cached page, and a permalink lands on the page that shows its comment in every order.
/// </summary>
public sealed class ThreadOrderTests
{
    private const int PageSize = 3;

    private sealed class CountingForum(CommandCounter counter) : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter)));
        }
    }

    [Fact]
    public async Task EveryCommentsPermalinkPageIsThePageThatShowsItInEveryOrder()
    {
        using var forum = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "300", "--slug", "ordered", "--seed", "7")).Exit);
        var comments = await forum.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == "ordered").OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Depth }).ToListAsync());
        // Held entries, top-level and replies, so that counts and placeholders differ from thread to thread.
        var held = comments.Where((c, i) => i % 7 == 2).Select(c => c.Id).ToList();
        await ThreadDoor.WithServicesAsync(forum, services =>
            services.GetRequiredService<ThreadChanges>().ModerateAsync(held, ModerationAction.Unapprove, ThreadDoor.TestModerator, CancellationToken.None));
        var figures = await forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "ordered")
            .Select(p => new ThreadFigures(p.Id, p.CommentCount, p.ThreadCount)).SingleAsync());

        foreach (var order in Enum.GetValues<CommentOrder>())
        {
            var options = new CommentOptions { PageSize = 7, Order = order };
            var shownOn = new Dictionary<long, int>();
            var activity = new List<int>();
            for (var page = 1; ; page++)
            {
                var loaded = await forum.WithDbAsync(db => db.LoadThreadPageAsync(figures, page, options, [], CancellationToken.None));
                Assert.NotEmpty(loaded.Threads);
                foreach (var node in loaded.Threads)
                {
                    Walk(node, page);
                    activity.Add(Published(node));
                }
                if (page == loaded.PageCount) break;
            }
            Assert.Equal(figures.CommentCount, shownOn.Count);
            if (order == CommentOrder.MostActive) Assert.Equal(activity.OrderByDescending(a => a), activity);
            foreach (var (id, page) in shownOn)
            {
                var path = await forum.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.ThreadPath).SingleAsync());
                var found = await forum.WithDbAsync(db => db.PageOfAsync(figures.PostId, path, options, [], CancellationToken.None));
                Assert.True(page == found, $"{order}: comment {id} is shown on page {page}, permalink says {found}");
            }

            void Walk(CommentNode node, int page)
            {
                if (node.Comment.IsVisible) shownOn.Add(node.Comment.Id, page);
                foreach (var reply in node.Replies) Walk(reply, page);
            }
        }

        static int Published(CommentNode node) => (node.Comment.IsVisible ? 1 : 0) + node.Replies.Sum(Published);
    }

    [Fact]
    public async Task TheChosenOrderIsRememberedAndPermalinksFollowIt()
    {
        using var forum = new ForumFactory().With("Comments:PageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var reader = new Browser(forum);
        var oldest = await reader.OpenAsync(SeedThread.Url);
        Assert.Equal(["comment-1", "comment-2", "comment-3"], oldest.TopLevel().Ids());
        Assert.Equal("Oldest first", oldest.QuerySelector(".thread-order a[aria-current]")?.TextContent);

        // Newest first, chosen by a link, and remembered on the plain address and the other pages.
        var newestLink = oldest.QuerySelectorAll(".thread-order a").Single(a => a.TextContent == "Newest first").GetAttribute("href")!;
        var newest = await reader.OpenAsync(newestLink);
        Assert.Contains(reader.Cookies.GetAllCookies(), c => c.Name == ReaderOrder.Cookie && c.Value == "newest");
        Assert.Equal(["comment-21", "comment-20", "comment-19"], newest.TopLevel().Ids());
        Assert.Equal(["comment-21", "comment-20", "comment-19"], (await reader.OpenAsync(SeedThread.Url)).TopLevel().Ids());
        Assert.Equal("Newest first", (await reader.OpenAsync(SeedThread.Url)).QuerySelector(".thread-order a[aria-current]")?.TextContent);

        // A permalink lands on the page that shows the comment in the reader's order: the oldest thread is last now.
        foreach (var id in new long[] { 1, 5, 14, 21 })
        {
            var landed = await reader.FollowAsync(await reader.GetAsync($"/comments/{id}"));
            Assert.Equal(HttpStatusCode.OK, landed.Status);
            Assert.NotNull(landed.Document.GetElementById($"comment-{id}"));
        }

        // Most active first: threads by how many published comments they hold.
        var active = await reader.OpenAsync($"{SeedThread.Url}?order=active");
        var sizes = active.TopLevel().Select(li => 1 + li.QuerySelectorAll("li.comment").Length).ToList();
        Assert.Equal(sizes.OrderByDescending(s => s), sizes);
        Assert.True(sizes[0] > 1, "the most active thread has replies");
        var landedActive = await reader.FollowAsync(await reader.GetAsync("/comments/1"));
        Assert.NotNull(landedActive.Document.GetElementById("comment-1"));

        // Back to the site's order: the cookie goes, and the reader is an ordinary guest again.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{SeedThread.Url}?order=oldest")).Status);
        Assert.DoesNotContain(reader.Cookies.GetAllCookies(), c => c.Name == ReaderOrder.Cookie && !c.Expired);
        Assert.Equal(["comment-1", "comment-2", "comment-3"], (await reader.OpenAsync(SeedThread.Url)).TopLevel().Ids());
    }

    [Fact]
    public async Task GuestsWhoChoseNothingAreStillServedFromThePageCache()
    {
        var queries = new CommandCounter();
        using var forum = new CountingForum(queries);
        using var first = new Browser(forum);
        var plain = await first.GetAsync(SeedThread.Url);

        using var chooser = new Browser(forum);
        var newest = await chooser.GetAsync($"{SeedThread.Url}?order=newest");
        Assert.Equal(HttpStatusCode.OK, newest.Status);
        queries.Reset();
        Assert.NotEqual(plain.Body, (await chooser.GetAsync(SeedThread.Url)).Body);
        Assert.True(queries.Count > 0, "a reader with a chosen order was given the cached page");

        queries.Reset();
        using var guest = new Browser(forum);
        Assert.Equal(plain.Body, (await guest.GetAsync(SeedThread.Url)).Body);
        Assert.Equal(0, queries.Count);
        // The chooser's page was not kept for the address of the choice either.
        Assert.True((await guest.GetAsync($"{SeedThread.Url}?order=newest")).Status == HttpStatusCode.OK && queries.Count > 0);
    }
}
