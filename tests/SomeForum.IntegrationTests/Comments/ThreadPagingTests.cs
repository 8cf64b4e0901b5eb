using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>Long threads in pages of whole top-level threads, permalinks that find them, and numbers that stay put.</summary>
public sealed class ThreadPagingTests
{
    private static ForumFactory Paged(int pageSize) => new ForumFactory()
        .With("Comments:PageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Moderation:Enabled", "false")
        .With("Comments:FloodIntervalSeconds", "0");

    [Fact]
    public async Task FivePerPageMakesThreePagesOfWholeThreads()
    {
        using var factory = Paged(5);
        using var browser = new Browser(factory);

        var first = await browser.OpenAsync(SeedThread.Url);
        Assert.Equal(SeedThread.Numbered(1, 5), first.Numbers());
        Assert.Equal("Page 1 of 3", first.QuerySelector("nav.comment-pages span")?.Text());
        Assert.Null(first.QuerySelector("nav.comment-pages a[rel=prev]"));
        Assert.Equal("/posts/some-so-far-so-what?cpage=2#comments", first.QuerySelector("nav.comment-pages a[rel=next]")?.GetAttribute("href"));
        Assert.StartsWith("21 responses", first.ResponsesTitle(), StringComparison.Ordinal);

        var second = await browser.OpenAsync($"{SeedThread.Url}?cpage=2");
        Assert.Equal(SeedThread.Numbered(6, 10), second.Numbers());
        Assert.Equal(["comment-8", "comment-12", "comment-15", "comment-17", "comment-18"], second.TopLevel().Ids());
        // Whole threads: Tim's with its three replies, Robin's with two, Robert's with one.
        Assert.Equal(["comment-8", "comment-9", "comment-10", "comment-11", "comment-12", "comment-13", "comment-14", "comment-15", "comment-16", "comment-17", "comment-18"],
            second.QuerySelectorAll("#comments li[id^='comment-']").Ids());
        Assert.Equal("comment-10", second.Entry(11).ParentEntryId());
        Assert.Equal("Page 2 of 3", second.QuerySelector("nav.comment-pages span")?.Text());
        Assert.Equal("/posts/some-so-far-so-what#comments", second.QuerySelector("nav.comment-pages a[rel=prev]")?.GetAttribute("href"));
        // A permalink on a later page names its page.
        Assert.Equal("/posts/some-so-far-so-what?cpage=2#comment-14", second.Entry(14).QuerySelector(":scope > article .permalink")?.GetAttribute("href"));
        Assert.StartsWith("21 responses", second.ResponsesTitle(), StringComparison.Ordinal);

        var third = await browser.OpenAsync($"{SeedThread.Url}?cpage=3");
        Assert.Equal(SeedThread.Numbered(11, 13), third.Numbers());
        Assert.Null(third.QuerySelector("nav.comment-pages a[rel=next]"));

        // A page past the end shows the last one.
        Assert.Equal(SeedThread.Numbered(11, 13), (await browser.OpenAsync($"{SeedThread.Url}?cpage=9")).Numbers());
    }

    [Theory]
    [InlineData(1, "/posts/some-so-far-so-what#comment-1")]
    [InlineData(6, "/posts/some-so-far-so-what#comment-6")]
    [InlineData(14, "/posts/some-so-far-so-what?cpage=2#comment-14")]
    [InlineData(21, "/posts/some-so-far-so-what?cpage=3#comment-21")]
    public async Task APermalinkRedirectsToThePageThatHoldsTheComment(long id, string expected)
    {
        using var factory = Paged(5);
        using var browser = new Browser(factory);

        var permalink = await browser.GetAsync($"/comments/{id}");

        Assert.Equal(HttpStatusCode.Found, permalink.Status);
        Assert.Equal(expected, permalink.Location);
        Assert.NotNull((await browser.FollowAsync(permalink)).Document.GetElementById($"comment-{id}"));
    }

    [Fact]
    public async Task APermalinkToNoCommentIsNotFound()
    {
        using var factory = Paged(5);
        using var browser = new Browser(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/comments/999")).Status);
    }

    [Fact]
    public async Task ANewCommentsRedirectLandsOnThePageThatHoldsIt()
    {
        using var factory = Paged(5);
        using var browser = new Browser(factory);

        var topLevel = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("The fourteenth."));
        Assert.Equal("/posts/some-so-far-so-what?cpage=3#comment-22", topLevel.Location);
        var page = (await browser.FollowAsync(topLevel)).Document;
        Assert.Equal("14", page.Entry(22).GetAttribute("value"));

        // A reply lands with its thread, even from another page's form.
        var reply = await browser.SubmitCommentAsync($"{SeedThread.Url}?cpage=3", new CommentForm("To Robin.") { ParentId = 12 });
        Assert.Equal("/posts/some-so-far-so-what?cpage=2#comment-23", reply.Location);
        Assert.Equal("comment-12", (await browser.FollowAsync(reply)).Document.Entry(23).ParentEntryId());

        // Two more top-level comments make a fourth page.
        await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("The fifteenth."));
        var sixteenth = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("The sixteenth."));
        Assert.Equal("/posts/some-so-far-so-what?cpage=4#comment-25", sixteenth.Location);
        var fourth = (await browser.FollowAsync(sixteenth)).Document;
        Assert.Equal(["16"], fourth.Numbers());
        Assert.Equal("Page 4 of 4", fourth.QuerySelector("nav.comment-pages span")?.Text());
    }

    [Fact]
    public async Task NewestFirstShowsTheLatestThreadsFirstAndKeepsTheirNumbers()
    {
        using var factory = Paged(5).With("Comments:Order", "NewestFirst");
        using var browser = new Browser(factory);

        var first = await browser.OpenAsync(SeedThread.Url);
        Assert.Equal(["13", "12", "11", "10", "9"], first.Numbers());
        Assert.Equal(["comment-21", "comment-20", "comment-19", "comment-18", "comment-17"], first.TopLevel().Ids());
        var last = await browser.OpenAsync($"{SeedThread.Url}?cpage=3");
        Assert.Equal(["3", "2", "1"], last.Numbers());
        // Replies still read oldest first under their parent.
        var middle = await browser.OpenAsync($"{SeedThread.Url}?cpage=2");
        Assert.Equal(["comment-9", "comment-10"], middle.Entry(8).QuerySelectorAll(":scope > details.replies > ul.children > li").Ids());

        var permalink = await browser.GetAsync("/comments/1");
        Assert.Equal("/posts/some-so-far-so-what?cpage=3#comment-1", permalink.Location);

        var posted = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("Newest of all."));
        Assert.Equal("/posts/some-so-far-so-what#comment-22", posted.Location);
        var after = (await browser.FollowAsync(posted)).Document;
        Assert.Equal(["14", "13", "12", "11", "10"], after.Numbers());
        Assert.Equal("comment-22", after.TopLevel()[0].Id);
    }

    [Fact]
    public async Task PageSizeZeroShowsEveryThreadOnOnePage()
    {
        using var factory = Paged(0);
        using var browser = new Browser(factory);

        var page = await browser.OpenAsync(SeedThread.Url);
        Assert.Equal(SeedThread.Numbered(1, 13), page.Numbers());
        Assert.Equal(SeedThread.Entries, page.QuerySelectorAll("#comments li[id^='comment-']").Length);
        Assert.Null(page.QuerySelector("nav.comment-pages"));
        Assert.Equal(SeedThread.Numbered(1, 13), (await browser.OpenAsync($"{SeedThread.Url}?cpage=2")).Numbers());
        Assert.Equal("/posts/some-so-far-so-what#comment-21", (await browser.GetAsync("/comments/21")).Location);
    }

    [Fact]
    public async Task SeedEntriesKeepTheirNumbersAndPermalinksAsNewCommentsArrive()
    {
        using var factory = Paged(50);
        for (var i = 1; i <= 3; i++)
        {
            using var reader = new Browser(factory);
            var posted = await reader.SubmitCommentAsync(SeedThread.Url, new CommentForm($"New entry {i}.") { Name = $"Reader {i}" });
            Assert.Equal(HttpStatusCode.Found, posted.Status);
        }
        // A reply, and a comment a moderator has sent back to be held, take no number from anyone either.
        using var browser = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("A reply to Meg.") { ParentId = 1 })).Status);
        Assert.Equal(HttpStatusCode.Found, (await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("To be held."))).Status);
        await factory.MarkAsync(26, Web.Comments.CommentStatus.Pending);

        var page = await browser.OpenAsync(SeedThread.Url);
        var topLevel = page.TopLevel();
        Assert.Equal(SeedThread.Numbered(1, 16), page.Numbers());
        Assert.Equal([.. SeedThread.TopLevelIds.Select(id => $"comment-{id}"), "comment-22", "comment-23", "comment-24"], topLevel.Ids());
        Assert.Equal("Meg Peppin", page.Entry(1).Author());
        Assert.Equal("HR Community", page.Entry(21).Author());
        Assert.Equal("comment-1", page.Entry(25).ParentEntryId());
        Assert.Null(page.GetElementById("comment-26"));
        foreach (var id in SeedThread.TopLevelIds)
        {
            Assert.Equal($"/posts/some-so-far-so-what#comment-{id}", (await browser.GetAsync($"/comments/{id}")).Location);
        }
    }
}
