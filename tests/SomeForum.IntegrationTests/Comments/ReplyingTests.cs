using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// Replies through the post page's form (the reply script fills in <c>Input.ParentId</c>) and through
/// the reply page that works without JavaScript; each test has its own store.
/// </summary>
public sealed class ReplyingTests
{
    private static ForumFactory Open() =>
        new ForumFactory().With("Moderation:Enabled", "false").With("Comments:FloodIntervalSeconds", "0");

    [Fact]
    public async Task CanReplyToANestedCommentAtEveryDepthAndPastTheLimitTheReplyGoesBesideIt()
    {
        using var factory = Open();
        using var browser = new Browser(factory);
        var parents = new Dictionary<long, long?> { [1] = null };
        var authors = new Dictionary<long, string> { [1] = "Meg Peppin" };
        long target = 1;

        for (var i = 1; i <= 6; i++)
        {
            var name = $"Replier {i}";
            var posted = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm($"Reply number {i}.") { Name = name, ParentId = target });

            var id = SeedThread.Entries + i;
            Assert.Equal(HttpStatusCode.Found, posted.Status);
            Assert.Equal($"/posts/some-so-far-so-what#comment-{id}", posted.Location);
            var page = (await browser.FollowAsync(posted)).Document;
            var entry = page.Entry(id);
            Assert.Equal(name, entry.Author());
            Assert.Equal($"Reply number {i}.", entry.Body());

            // Five levels, the top one included: replies 1..4 nest; a reply to the fifth level goes beside its target.
            var pastTheLimit = i > 4;
            var parent = pastTheLimit ? parents[target]!.Value : target;
            Assert.Equal($"comment-{parent}", entry.ParentEntryId());
            Assert.Contains($"depth-{Math.Min(i, 4) + 1}", entry.ClassList);
            Assert.Equal([$"depth-{Math.Min(i, 4) + 1}"], entry.ClassList.Where(c => c.StartsWith("depth-", StringComparison.Ordinal)));
            var inReplyTo = entry.QuerySelector(":scope > article .in-reply-to");
            if (pastTheLimit)
            {
                Assert.NotNull(inReplyTo);
                Assert.Equal($"· in reply to {authors[target]}", inReplyTo.Text());
                Assert.Equal($"#comment-{target}", inReplyTo.QuerySelector("a")?.GetAttribute("href"));
            }
            else
            {
                Assert.Null(inReplyTo);
            }

            // Siblings read oldest first: the new reply comes last under its parent.
            var siblings = page.Entry(parent).QuerySelectorAll(":scope > details.replies > ul.children > li");
            Assert.Equal($"comment-{id}", siblings[^1].Id);
            Assert.StartsWith($"{SeedThread.Entries + i} responses", page.ResponsesTitle(), StringComparison.Ordinal);

            parents[id] = parent;
            authors[id] = name;
            target = id;
        }

        var stored = await factory.WithDbAsync(db => db.Comments.Where(c => c.Id > SeedThread.Entries).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.ParentId, c.RepliesToId, c.Depth }).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 4, 4], stored.Select(c => c.Depth));
        Assert.Equal([null, null, null, null, 25L, 26L], stored.Select(c => c.RepliesToId));
        Assert.Equal([1L, 22L, 23L, 24L, 24L, 24L], stored.Select(c => c.ParentId));
    }

    [Fact]
    public async Task CanReplyToSeedCommentsAtTheSecondAndThirdLevel()
    {
        using var factory = Open();
        using var browser = new Browser(factory);

        // Khurshed's reply to Tim (id 10, depth index 1), then Tim's answer to it (id 11, depth index 2).
        var first = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("To Khurshed.") { ParentId = 10 });
        var second = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("To Tim.") { ParentId = 11 });
        Assert.Equal("/posts/some-so-far-so-what#comment-22", first.Location);
        Assert.Equal("/posts/some-so-far-so-what#comment-23", second.Location);

        var page = (await browser.FollowAsync(second)).Document;
        Assert.Equal(["comment-11", "comment-22"], page.Entry(10).QuerySelectorAll(":scope > details.replies > ul.children > li").Ids());
        Assert.Contains("depth-3", page.Entry(22).ClassList);
        Assert.Equal(["comment-23"], page.Entry(11).QuerySelectorAll(":scope > details.replies > ul.children > li").Ids());
        Assert.Contains("depth-4", page.Entry(23).ClassList);
        Assert.Null(page.Entry(23).QuerySelector(".in-reply-to"));
        // Tim's thread is still the sixth entry, and nothing else moved.
        Assert.Equal("comment-8", page.TopLevel()[5].Id);
        Assert.Equal(SeedThread.Numbered(1, 13), page.Numbers());
    }

    [Fact]
    public async Task WithALowerLimitAReplyToTheDeepestSeedCommentGoesBesideIt()
    {
        using var factory = Open().With("Comments:MaxDepth", "3");
        using var browser = new Browser(factory);

        var posted = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("Beside Tim.") { ParentId = 11 });

        var page = (await browser.FollowAsync(posted)).Document;
        Assert.Equal("comment-10", page.Entry(22).ParentEntryId());
        Assert.Contains("depth-3", page.Entry(22).ClassList);
        Assert.Equal("#comment-11", page.Entry(22).QuerySelector(".in-reply-to a")?.GetAttribute("href"));
        Assert.Equal("Tim Collins, GPHR (@collinstw)", page.Entry(22).QuerySelector(".in-reply-to a")?.Text());
    }

    [Fact]
    public async Task WithOneLevelAReplyIsATopLevelEntryThatSaysWhomItAnswers()
    {
        using var factory = Open().With("Comments:MaxDepth", "1");
        using var browser = new Browser(factory);

        var posted = await browser.SubmitCommentAsync(SeedThread.Url, new CommentForm("Answering Meg.") { ParentId = 1 });

        var page = (await browser.FollowAsync(posted)).Document;
        // (The seed thread was imported through the same limit, so it is flat too.)
        Assert.Null(page.Entry(22).ParentEntryId());
        var numbers = page.Numbers();
        Assert.Equal("comment-22", page.TopLevel()[^1].Id);
        Assert.Equal(SeedThread.Numbered(1, numbers.Length), numbers);
        Assert.Equal("#comment-1", page.Entry(22).QuerySelector(".in-reply-to a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheReplyPageShowsTheCommentBeingAnsweredAndItsFormPostsTheReplyUnderIt()
    {
        using var factory = Open();
        using var browser = new Browser(factory);

        var replyPage = await browser.GetAsync(SeedThread.ReplyUrl(11));
        Assert.Equal(HttpStatusCode.OK, replyPage.Status);
        var shown = replyPage.Document.QuerySelector(".replying-to li#comment-11");
        Assert.NotNull(shown);
        Assert.Equal("Tim Collins, GPHR (@collinstw)", shown.Author());
        Assert.Contains("We are talking about #SocialHRSuccess", shown.Body(), StringComparison.Ordinal);
        Assert.Equal("Replying to Tim Collins, GPHR (@collinstw)", replyPage.Document.QuerySelector("h1")?.Text());
        var form = replyPage.Document.QuerySelector("form.comment-form");
        Assert.NotNull(form);
        Assert.Equal("/posts/some-so-far-so-what/reply/11#respond", form.GetAttribute("action"));
        Assert.Equal("11", form.QuerySelector("input[name='Input.ParentId']")?.GetAttribute("value"));
        // A guest's form is the same for every guest, so it carries no token of theirs (see CrossSitePostTests).
        Assert.Null(form.QuerySelector($"input[name='{Browser.AntiforgeryField}']"));
        Assert.Equal("/posts/some-so-far-so-what#comment-11", replyPage.Document.QuerySelector("#cancel-reply")?.GetAttribute("href"));

        var posted = await browser.SubmitCommentAsync(replyPage, new CommentForm("Without JavaScript."));

        Assert.Equal(HttpStatusCode.Found, posted.Status);
        Assert.Equal("/posts/some-so-far-so-what#comment-22", posted.Location);
        var page = (await browser.FollowAsync(posted)).Document;
        Assert.Equal("comment-11", page.Entry(22).ParentEntryId());
        Assert.Equal("Without JavaScript.", page.Entry(22).Body());
    }

    [Fact]
    public async Task TheReplyPageShowsMistakesWithTheCommentStillThere()
    {
        using var factory = Open();
        using var browser = new Browser(factory);

        var refused = await browser.SubmitCommentAsync(SeedThread.ReplyUrl(11), new CommentForm("No name given.") { Name = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("Enter your name.", refused.Document.QuerySelector("#Input_Name-error")?.Text());
        Assert.Equal("No name given.", refused.Document.QuerySelector("#Input_Text")?.TextContent);
        Assert.NotNull(refused.Document.QuerySelector(".replying-to li#comment-11"));
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task TheReplyPageIsNotFoundForAnUnknownHeldOrForeignComment()
    {
        using var factory = new ForumFactory();
        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Held, as a first comment."))).Status);
        Assert.Equal(Web.Comments.CommentStatus.Pending, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 22).Select(c => c.Status).SingleAsync()));

        // Unknown, held (even for its own author), a pingback, and a post that does not exist.
        foreach (var url in new[] { SeedThread.ReplyUrl(999), SeedThread.ReplyUrl(22), SeedThread.ReplyUrl(19), "/posts/no-such-post/reply/11" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(url)).Status);
        }

        // Nor can the form be posted there.
        var before = await factory.CountCommentsAsync();
        using var bob = new Browser(factory);
        var form = await bob.GetAsync(SeedThread.Url);
        foreach (var id in new long[] { 999, 22 })
        {
            var forged = form.Document.QuerySelector("form.comment-form")!;
            forged.SetAttribute("action", SeedThread.ReplyUrl(id));
            var posted = await bob.SubmitCommentAsync(form, new CommentForm($"Reply to {id.ToString(CultureInfo.InvariantCulture)}"));
            Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        }
        Assert.Equal(before, await factory.CountCommentsAsync());
    }
}
