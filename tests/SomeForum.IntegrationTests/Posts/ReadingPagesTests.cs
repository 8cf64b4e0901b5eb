using Microsoft.AspNetCore.OutputCaching;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>What a reader's browser gets for the home page and the seed post.</summary>
public sealed class ReadingPagesTests : IClassFixture<ReadingPagesTests.SeededForum>
{
    private const string SeedPost = "/posts/some-so-far-so-what";
    private readonly SeededForum forum;

    public ReadingPagesTests(SeededForum forum) => this.forum = forum;

    public sealed class SeededForum : ForumFactory;

    [Fact]
    public async Task HomeListsThePostWithDateExcerptAndCommentCount()
    {
        var page = await forum.CreateClient().GetDocumentAsync("/");
        var entry = Assert.Single(page.QuerySelectorAll("article.post-summary"));
        Assert.Equal("SoMe, So Far, So\u00A0What?", entry.QuerySelector("h2 a")?.TextContent);
        Assert.Equal(SeedPost, entry.QuerySelector("h2 a")?.GetAttribute("href"));
        Assert.Contains("21 comments", entry.Text(), StringComparison.Ordinal);
        Assert.Contains("date unknown", entry.Text(), StringComparison.Ordinal);
        Assert.StartsWith("Wednesday sees the hosting of the CIPD’s Social Media conference.", entry.QuerySelector(".excerpt")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePostPageShowsTheWholeThreadNestedAndNumbered()
    {
        var page = await forum.CreateClient().GetDocumentAsync(SeedPost);

        Assert.Equal("SoMe, So Far, So\u00A0What?", page.QuerySelector("article.post h1")?.TextContent);
        Assert.Equal(6, page.QuerySelectorAll("article.post .post-body > p").Length);
        Assert.Contains("21 responses", page.QuerySelector("#comments-title")?.TextContent, StringComparison.Ordinal);

        var topLevel = page.QuerySelectorAll("#comments > ol.comment-list > li");
        Assert.Equal(Enumerable.Range(1, 13).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), topLevel.Select(li => li.GetAttribute("value")));
        Assert.Equal(21, page.QuerySelectorAll("#comments li[id^='comment-']").Length);
        Assert.Equal(8, page.QuerySelectorAll("#comments ul.children > li").Length);

        // Replies are nested lists inside the element that carries their parent's permalink id.
        var tim = topLevel[5];
        Assert.Equal("Tim Collins, GPHR (@collinstw)", Author(tim));
        var timReplies = tim.QuerySelectorAll(":scope > details.replies > ul.children > li");
        Assert.Equal(["Sukh Pabial", "Khurshed Dehnugara (@relume1)"], timReplies.Select(Author));
        var deepest = Assert.Single(timReplies[1].QuerySelectorAll(":scope > details.replies > ul.children > li"));
        Assert.Equal("Tim Collins, GPHR (@collinstw)", Author(deepest));
        Assert.Contains("depth-3", deepest.ClassList);

        // Each comment's replies can be folded away: served open, labelled with how many there are below it.
        var timsReplies = tim.QuerySelector(":scope > details.replies");
        Assert.NotNull(timsReplies);
        Assert.True(timsReplies.HasAttribute("open"));
        Assert.Equal("3 replies to Tim Collins, GPHR (@collinstw)", timsReplies.QuerySelector(":scope > summary")?.TextContent);
        Assert.Equal("1 reply to Khurshed Dehnugara (@relume1)", timReplies[1].QuerySelector(":scope > details.replies > summary")?.TextContent);
        Assert.Empty(timReplies[0].QuerySelectorAll("details"));

        var robin = topLevel[6];
        Assert.Equal("Emma Browes", Author(robin.QuerySelector(":scope > details.replies > ul.children > li > details.replies > ul.children > li")!));

        // Every entry has a permalink to its own anchor, and a date.
        foreach (var li in page.QuerySelectorAll("#comments li[id^='comment-']").Where(li => !li.ClassList.Contains("pingback")))
        {
            Assert.Equal($"#{li.Id}", li.QuerySelector(":scope > article .permalink")?.GetAttribute("href"));
            Assert.Matches(@"^2013-12-\d\dT00:00:00Z$", li.QuerySelector(":scope > article time")?.GetAttribute("datetime") ?? "");
        }
    }

    [Fact]
    public async Task PingbacksShowAsPingbackTitleSite()
    {
        var page = await forum.CreateClient().GetDocumentAsync(SeedPost);
        var pingbacks = page.QuerySelectorAll("#comments > ol.comment-list > li.pingback");
        Assert.Equal(["11", "12"], pingbacks.Select(p => p.GetAttribute("value")));
        Assert.Equal("Pingback: Being a social facilitator | Thinking About Learning", pingbacks[0].Text());
        Assert.Equal("Pingback: HR – social or anti-social? | Up the Down Escalator", pingbacks[1].Text());
        // The seed gives no URL for them: nothing is invented to link to.
        Assert.Empty(pingbacks[0].QuerySelectorAll("a"));
    }

    [Fact]
    public async Task CommentTextKeepsItsTypographyAndLineBreaks()
    {
        var page = await forum.CreateClient().GetDocumentAsync(SeedPost);
        var comments = page.QuerySelectorAll("#comments li[id^='comment-']");
        var doug = comments.Single(li => Author(li) == "dougshaw" && li.TextContent.Contains("Cheers Neil", StringComparison.Ordinal));
        var paragraphs = doug.QuerySelectorAll(".comment-body p");
        Assert.EndsWith("I owe you a stinker of a question 🙂", paragraphs[paragraphs.Length - 1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Cheers Neil – I’m getting", doug.TextContent, StringComparison.Ordinal);

        var simon = comments.Single(li => Author(li) == "Simon Jones (@ariadneassoc)");
        var firstParagraph = simon.QuerySelector(".comment-body p")!;
        Assert.Equal(3, firstParagraph.QuerySelectorAll("br").Length);
        Assert.StartsWith("a) if you’re", firstParagraph.QuerySelectorAll("br")[0].NextSibling?.TextContent?.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPostIsA404PageAndSoIsAnUnknownAddress()
    {
        var client = forum.CreateClient();
        foreach (var url in new[] { "/posts/no-such-post", "/no/such/page" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
        }
    }

    [Fact]
    public async Task EveryPageSendsAStrictContentSecurityPolicy()
    {
        using var response = await forum.CreateClient().GetAsync(new Uri(SeedPost, UriKind.Relative));
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
    }

    [Fact]
    public async Task TheStylesheetIsServed()
    {
        var client = forum.CreateClient();
        var page = await client.GetDocumentAsync("/");
        var href = page.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.NotNull(href);
        using var css = await client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Author(IElement li) => li.QuerySelector(":scope > article .comment-author")?.Text() ?? "";
}

/// <summary>Pages for a post whose thread has comments in every state; each test gets its own store.</summary>
public sealed class ThreadVisibilityTests : IDisposable
{
    private readonly ForumFactory factory = new();

    public void Dispose() => factory.Dispose();

    private async Task<Comment> AddAsync(CommentSubmission submission, CommentOrigin origin)
    {
        await using var scope = factory.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(submission, origin, CancellationToken.None);
        return result.Comment ?? throw new InvalidOperationException(result.Rejection?.Message);
    }

    private async Task SetStatusAsync(long id, CommentStatus status) =>
        await factory.MarkAsync(id, status);

    private Task<long> SeedPostIdAsync() => factory.WithDbAsync(db => db.Posts.Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task HeldCommentsAreNotShownToReaders()
    {
        _ = factory.Server;
        var postId = await SeedPostIdAsync();
        var held = await AddAsync(new CommentSubmission { PostId = postId, AuthorName = "Mallory", Text = "Held for moderation text" }, CommentOrigin.Reader);
        Assert.Equal(CommentStatus.Pending, held.Status);

        var body = await factory.CreateClient().GetStringAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative));
        Assert.DoesNotContain("Held for moderation text", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"comment-{held.Id}", body, StringComparison.Ordinal);
        Assert.Contains("21 responses", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedCommentWithRepliesStaysAsAPlaceholder()
    {
        _ = factory.Server;
        var postId = await SeedPostIdAsync();
        var parent = await AddAsync(new CommentSubmission { PostId = postId, AuthorName = "Spammer", Text = "Buy things" }, CommentOrigin.Moderator);
        var reply = await AddAsync(new CommentSubmission { PostId = postId, ParentId = parent.Id, AuthorName = "Reader", Text = "A fair reply" }, CommentOrigin.Moderator);
        await SetStatusAsync(parent.Id, CommentStatus.Spam);

        var page = await factory.CreateClient().GetDocumentAsync("/posts/some-so-far-so-what");
        var placeholder = page.GetElementById($"comment-{parent.Id}");
        Assert.NotNull(placeholder);
        Assert.Contains("removed", placeholder.ClassList);
        Assert.DoesNotContain("Buy things", placeholder.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Spammer", placeholder.TextContent, StringComparison.Ordinal);
        Assert.Null(placeholder.GetAttribute("value"));
        Assert.Equal($"comment-{reply.Id}", placeholder.QuerySelector(":scope > details.replies > ul.children > li")?.Id);
        Assert.Contains("22 responses", page.QuerySelector("#comments-title")?.TextContent, StringComparison.Ordinal);

        // With its only reply removed too, the placeholder has nothing left to hold and goes.
        await SetStatusAsync(reply.Id, CommentStatus.Trash);
        var after = await factory.CreateClient().GetDocumentAsync("/posts/some-so-far-so-what");
        Assert.Null(after.GetElementById($"comment-{parent.Id}"));
    }

    [Fact]
    public async Task AuthorWebsitesAreLinkedOnlyWhenTheyAreHttp()
    {
        _ = factory.Server;
        var postId = await SeedPostIdAsync();
        var good = await AddAsync(new CommentSubmission { PostId = postId, AuthorName = "Has Site", AuthorUrl = "https://example.org/me", Text = "hi" }, CommentOrigin.Moderator);
        var bad = await AddAsync(new CommentSubmission { PostId = postId, AuthorName = "<b>Sneaky</b>", AuthorUrl = "javascript:alert(1)", Text = "hi" }, CommentOrigin.Moderator);

        var page = await factory.CreateClient().GetDocumentAsync("/posts/some-so-far-so-what");
        var link = page.GetElementById($"comment-{good.Id}")?.QuerySelector(".comment-author a");
        Assert.Equal("https://example.org/me", link?.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link?.GetAttribute("rel"));

        var sneaky = page.GetElementById($"comment-{bad.Id}")!;
        Assert.Empty(sneaky.QuerySelectorAll(".comment-author a, .comment-author b"));
        Assert.Equal("<b>Sneaky</b>", sneaky.QuerySelector(".comment-author")?.Text());
    }

    [Fact]
    public async Task ThePageLoadsTheThreadWithOneQueryHoweverLongItIs()
    {
        var counter = new CommandCounter();
        using var counted = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter))));
        var client = counted.CreateClient();
        await client.GetStringAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative));

        // What rendering the page costs, not what serving it from the page cache does.
        var pages = counted.Services.GetRequiredService<IOutputCacheStore>();
        await pages.EvictByTagAsync(SomeForum.Web.Site.ReaderCache.AllPages, default);
        counter.Reset();
        await client.GetStringAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative));
        var withSeed = counter.Count;

        var postId = await counted.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ForumDb>().Posts.Select(p => p.Id).SingleAsync();
        long? parent = null;
        for (var i = 0; i < 30; i++)
        {
            await using var scope = counted.Services.CreateAsyncScope();
            var c = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(
                new CommentSubmission { PostId = postId, ParentId = i % 3 == 0 ? null : parent, AuthorName = $"R{i}", Text = $"text {i}" },
                CommentOrigin.Moderator, CancellationToken.None);
            parent = c.Comment!.Id;
        }

        await pages.EvictByTagAsync(SomeForum.Web.Site.ReaderCache.AllPages, default);
        counter.Reset();
        var body = await client.GetStringAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative));
        Assert.Contains("51 responses", body, StringComparison.Ordinal);
        Assert.Equal(withSeed, counter.Count);
        // The post, the moderation rules (closing by age), the comment count, the page's top-level
        // entries (counted, listed, numbered), then the page's threads (avatars included): never a query per comment.
        Assert.InRange(counter.Count, 2, 7);
    }
}
