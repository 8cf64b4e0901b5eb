using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// "New since your last visit": every guest gets the same cached page, carrying each comment's received time;
/// a reader who kept the page's link is shown, on a page made for them alone, which comments came after it.
/// </summary>
public sealed class NewSinceTests
{
    private sealed class CountingForum(CommandCounter counter) : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter)));
        }
    }

    [Fact]
    public async Task AFirstTimeGuestIsStillServedFromThePageCacheAndAKeptLinkIsNot()
    {
        var queries = new CommandCounter();
        using var forum = new CountingForum(queries);
        using var first = new Browser(forum);
        // Start-up's own evictions (the settings it saves, evicted again 2 s later) are over before the test reads.
        await first.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var page = await first.GetAsync(SeedThread.Url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Every comment carries its received time, nothing is marked, and the link to keep names the latest time.
        var dated = await forum.WithDbAsync(db => db.Comments.CountAsync(c => c.Post.Slug == "some-so-far-so-what" && c.Status == CommentStatus.Approved && c.CreatedAt != null));
        Assert.Equal(dated, page.Document.QuerySelectorAll("li.comment[data-received]:not([data-received=\"\"])").Length);
        Assert.All(page.Document.QuerySelectorAll("li.comment[data-received]:not([data-received=\"\"])"), li => Assert.Matches("^[0-9]+$", li.GetAttribute("data-received")!));
        Assert.Empty(page.Document.QuerySelectorAll("li.new, .new-badge, .first-new"));
        var kept = page.Document.QuerySelector("a.since-link")?.GetAttribute("href");
        Assert.NotNull(kept);

        queries.Reset();
        using var second = new Browser(forum);
        var again = await second.GetAsync(SeedThread.Url);
        Assert.Equal(0, queries.Count);
        Assert.Equal(page.Body, again.Body);

        // The kept link is a page for its reader: made afresh (never the plain page), and never kept for others.
        var marked = await second.GetAsync(kept);
        Assert.Equal(HttpStatusCode.OK, marked.Status);
        Assert.True(queries.Count > 0, "the page for a kept link was answered from the cache");
        queries.Reset();
        Assert.True((await second.GetAsync(kept)).Status == HttpStatusCode.OK && queries.Count > 0, "the page for a kept link was stored");
        queries.Reset();
        using var third = new Browser(forum);
        Assert.Equal(page.Body, (await third.GetAsync(SeedThread.Url)).Body);
        Assert.Equal(0, queries.Count);
    }

    [Fact]
    public async Task AKeptLinkMarksExactlyTheCommentsReceivedSinceAndLinksToTheFirst()
    {
        using var forum = new ForumFactory().With("Comments:FloodIntervalSeconds", "0").With("Moderation:Enabled", "false");
        using var reader = new Browser(forum);
        var kept = (await reader.OpenAsync(SeedThread.Url)).QuerySelector("a.since-link")!.GetAttribute("href")!;

        using var writer = new Browser(forum);
        Assert.Equal(HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("A reply to the first.") { ParentId = 1 })).Status);
        Assert.Equal(HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("A new thread."))).Status);
        var added = await forum.WithDbAsync(db => db.Comments.OrderByDescending(c => c.Id).Take(2).Select(c => c.Id).ToListAsync());
        var reply = added.Min();
        var thread = added.Max();

        var page = await reader.OpenAsync(kept);
        Assert.Equal([$"comment-{reply}", $"comment-{thread}"], page.QuerySelectorAll("li.comment.new").Ids());
        Assert.All(page.QuerySelectorAll("li.comment.new"), li => Assert.NotNull(li.QuerySelector(":scope > article .new-badge")));
        Assert.Equal(2, page.QuerySelectorAll(".new-badge").Length);
        var firstNew = page.QuerySelector("#comments .first-new");
        Assert.NotNull(firstNew);
        // The reply sits under the first thread, so it comes first on the page.
        Assert.Equal($"#comment-{reply}", firstNew.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("2 new comments", firstNew.TextContent, StringComparison.Ordinal);

        // The plain page marks nothing and offers a link that names the latest comment now.
        var plain = await reader.OpenAsync(SeedThread.Url);
        Assert.Empty(plain.QuerySelectorAll("li.new"));
        var keptNow = plain.QuerySelector("a.since-link")!.GetAttribute("href")!;
        Assert.NotEqual(kept, keptNow);
        Assert.Empty((await reader.OpenAsync(keptNow)).QuerySelectorAll("li.new, .first-new"));
    }

    [Fact]
    public async Task ANonsenseSinceShowsThePlainThread()
    {
        using var forum = new ForumFactory();
        using var reader = new Browser(forum);
        var page = await reader.GetAsync($"{SeedThread.Url}?since=yesterday");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("li.new"));
        Assert.Equal((await reader.OpenAsync(SeedThread.Url)).QuerySelectorAll("li.comment").Length, page.Document.QuerySelectorAll("li.comment").Length);
    }
}
