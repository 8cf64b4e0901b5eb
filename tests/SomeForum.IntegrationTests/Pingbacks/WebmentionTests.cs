using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Pingbacks;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// Webmention (W3C): the request checked at once (400 with a reason, or 202), the source verified
/// in the background from the queue in the database, updates and deletes as §3.2.4 says.
/// </summary>
public sealed class WebmentionTests(PingbackFixture fixture) : IClassFixture<PingbackFixture>
{
    private readonly SourceSite site = fixture.Site;
    private readonly HttpClient client = fixture.Client;

    public static TheoryData<string?, string?, string> BadRequests => new()
    {
        { null, Pinger.Target(), "source parameter is missing" },
        { "http://127.0.0.1/a", null, "target parameter is missing" },
        { "not a url", Pinger.Target(), "source is not an absolute http or https URL" },
        { "ftp://127.0.0.1/a", Pinger.Target(), "source is not an absolute http or https URL" },
        { "http://user:pw@127.0.0.1/a", Pinger.Target(), "source is not an absolute http or https URL" },
        { "http://127.0.0.1/a", "gopher://localhost/posts/some-so-far-so-what", "target is not an absolute http or https URL" },
        { Pinger.Target(), Pinger.Target(), "the same page" },
        { Pinger.Target() + "#x", Pinger.Target(), "the same page" },
        { "http://127.0.0.1/a", "http://other.example/posts/some-so-far-so-what", "not a post on this site" },
        { "http://127.0.0.1/a", "http://localhost/", "not a post on this site" },
        { "http://127.0.0.1/a", "http://localhost/posts/no-such-post", "no such post" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ARequestThatCannotBeUsedIs400WithTheReason(string? source, string? target, string reason)
    {
        using var response = await client.SendWebmentionAsync(source, target);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithPingbacksOffTakesNoWebmentions()
    {
        var closed = await fixture.NewPostAsync(pingbacksOpen: false);
        using var response = await client.SendWebmentionAsync(site.LinkingPage(PingbackFixture.NewPath("closed"), Pinger.Target(closed)).ToString(), Pinger.Target(closed));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not accept webmentions", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAFormPostIsAccepted()
    {
        using var get = await client.GetAsync(new Uri("/webmention", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(["POST"], get.Content.Headers.Allow);

        using var json = await client.PostAsync(new Uri("/webmention", UriKind.Relative),
            new StringContent($"{{\"source\":\"http://127.0.0.1/a\",\"target\":\"{Pinger.Target()}\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
    }

    [Fact]
    public async Task AValidWebmentionIsAcceptedThenVerifiedAndHeldInTheBackground()
    {
        var source = site.LinkingPage(PingbackFixture.NewPath("mention"), Pinger.Target() + "#comments", "A mention | Elsewhere");

        using var response = await client.SendWebmentionAsync(source.ToString(), Pinger.Target() + "#comments", caller: "198.51.100.77");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var request = Assert.Single(await fixture.ProcessedAsync(source));
        Assert.Equal(WebmentionState.Done, request.State);

        var mention = Assert.Single(await fixture.MentionsFromAsync(source));
        Assert.Equal((CommentKind.Webmention, CommentStatus.Pending), (mention.Kind, mention.Status));
        Assert.Equal("A mention | Elsewhere", mention.SourceTitle);
        Assert.Equal("198.51.100.77", mention.IpAddress);
        var fetch = Assert.Single(site.Requests, r => r.PathAndQuery == source.PathAndQuery);
        Assert.Contains("SomeForum", fetch.UserAgent, StringComparison.Ordinal);
        Assert.Contains("198.51.100.77", fetch.UserAgent, StringComparison.Ordinal);

        await fixture.Forum.MarkAsync(mention.Id, CommentStatus.Approved);
        var page = await client.GetDocumentAsync(Pinger.SeedPost);
        var link = page.GetElementById($"comment-{mention.Id}")!.QuerySelector(".pingback-line a")!;
        Assert.Equal((source.AbsoluteUri, "nofollow ugc", "A mention | Elsewhere"), (link.GetAttribute("href"), link.GetAttribute("rel"), link.TextContent));
    }

    [Fact]
    public async Task AWebmentionWithoutALinkStoresNothing()
    {
        var source = site.Page(PingbackFixture.NewPath("no-link"), $"<p>Just text: {Pinger.Target()}</p>");

        using var response = await client.SendWebmentionAsync(source.ToString(), Pinger.Target());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(WebmentionState.Done, Assert.Single(await fixture.ProcessedAsync(source)).State);
        Assert.Empty(await fixture.MentionsFromAsync(source));
    }

    [Fact]
    public async Task SentAgainWithNewContentAnApprovedMentionIsJudgedAgainAndNeverDuplicated()
    {
        var path = PingbackFixture.NewPath("updated");
        var source = site.LinkingPage(path, Pinger.Target(), "First title");
        using (var first = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await fixture.ProcessedAsync(source);
        var original = Assert.Single(await fixture.MentionsFromAsync(source));
        await fixture.Forum.MarkAsync(original.Id, CommentStatus.Approved);

        // A harmless mention, once approved, is rewritten by its source: the new text is new content,
        // and the rules hold it again (mentions are held by default) instead of publishing it unseen.
        site.LinkingPage(path, Pinger.Target(), "Second title, now selling something");
        using (var second = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await fixture.ProcessedAsync(source, count: 2);

        var updated = Assert.Single(await fixture.MentionsFromAsync(source));
        Assert.Equal(original.Id, updated.Id);
        Assert.Equal(("Second title, now selling something", CommentStatus.Pending, "Mentions are held for review"),
            (updated.SourceTitle, updated.Status, updated.ModerationReason));
        Assert.NotNull(updated.EditedAt);
        Assert.Null((await client.GetDocumentAsync(Pinger.SeedPost)).GetElementById($"comment-{updated.Id}"));
        var log = await fixture.Forum.WithDbAsync(db => db.ModerationLog.AsNoTracking()
            .Where(e => e.CommentId == updated.Id && e.UserName == "webmention").OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(log, e => (e.StatusBefore, e.StatusAfter) == (CommentStatus.Approved, CommentStatus.Pending));
        Assert.Contains(log, e => e.Action == "Update");
    }

    [Fact]
    public async Task SentAgainUnchangedAnApprovedMentionStaysAsItWas()
    {
        var path = PingbackFixture.NewPath("unchanged");
        var source = site.LinkingPage(path, Pinger.Target(), "The same title");
        using (var first = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await fixture.ProcessedAsync(source);
        var original = Assert.Single(await fixture.MentionsFromAsync(source));
        await fixture.Forum.MarkAsync(original.Id, CommentStatus.Approved);

        using (var second = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await fixture.ProcessedAsync(source, count: 2);

        var again = Assert.Single(await fixture.MentionsFromAsync(source));
        Assert.Equal((original.Id, CommentStatus.Approved, (DateTime?)null), (again.Id, again.Status, again.EditedAt));
    }

    [Theory]
    [InlineData("410")]
    [InlineData("unlinked")]
    public async Task WhenTheSourceIsGoneOrNoLongerLinksTheMentionIsRemoved(string change)
    {
        var path = PingbackFixture.NewPath("withdrawn");
        var source = site.LinkingPage(path, Pinger.Target(), "Soon gone");
        using (var first = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await fixture.ProcessedAsync(source);
        var mention = Assert.Single(await fixture.MentionsFromAsync(source));
        await fixture.Forum.MarkAsync(mention.Id, CommentStatus.Approved);
        Assert.NotNull((await client.GetDocumentAsync(Pinger.SeedPost)).GetElementById($"comment-{mention.Id}"));

        await WithdrawAsync(path, source, change);

        Assert.Empty(await fixture.MentionsFromAsync(source));
        Assert.Null((await client.GetDocumentAsync(Pinger.SeedPost)).GetElementById($"comment-{mention.Id}"));
        var logged = await fixture.Forum.WithDbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.CommentId == mention.Id && e.UserName == "webmention"));
        Assert.Equal(("Delete", (CommentStatus?)null), (logged.Action, logged.StatusAfter));
        Assert.StartsWith("Removed because", logged.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("410")]
    [InlineData("unlinked")]
    public async Task AWithdrawnMentionWithRepliesIsErasedForGoodAndCannotBeRestored(string change)
    {
        var path = PingbackFixture.NewPath("answered");
        var source = site.LinkingPage(path, Pinger.Target(), "Answered, then gone");
        using (var first = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await fixture.ProcessedAsync(source);
        var mention = Assert.Single(await fixture.MentionsFromAsync(source));
        await fixture.Forum.MarkAsync(mention.Id, CommentStatus.Approved);
        var reply = await fixture.Forum.WithServicesAsync(services => services.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = mention.PostId, ParentId = mention.Id, AuthorName = "A moderator", Text = "Thanks for the mention.",
        }, CommentOrigin.Moderator, CancellationToken.None));
        Assert.NotNull(reply.Comment);

        await WithdrawAsync(path, source, change);

        // Emptied in place as a moderator's delete leaves it: erased, so nothing brings it back.
        var erased = await fixture.Forum.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == mention.Id));
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal((CommentStatus.Trash, "", "", (string?)null), (erased.Status, erased.Source, erased.Html, erased.SourceUrl));
        await fixture.Forum.MarkAsync(mention.Id, CommentStatus.Approved);
        Assert.Equal(0, await fixture.Forum.WithServicesAsync(services => services.GetRequiredService<ThreadChanges>()
            .ModerateAsync([mention.Id], Web.Moderation.ModerationAction.Restore, ThreadDoor.TestModerator, CancellationToken.None)));
        var after = await fixture.Forum.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == mention.Id));
        Assert.Equal((CommentStatus.Trash, erased.ErasedAt), (after.Status, after.ErasedAt));

        // Its reply keeps its place under a "removed" placeholder.
        var page = await client.GetDocumentAsync(Pinger.SeedPost);
        var placeholder = page.GetElementById($"comment-{mention.Id}");
        Assert.NotNull(placeholder);
        Assert.Contains("removed", placeholder.ClassList);
        Assert.NotNull(placeholder.QuerySelector($"#comment-{reply.Comment.Id}"));
    }

    private async Task WithdrawAsync(string path, Uri source, string change)
    {
        if (change == "410") site.Page(path, "<p>Deleted.</p>", status: StatusCodes.Status410Gone);
        else site.Page(path, "<!DOCTYPE html><title>Gone</title><p>I took the link out.</p>");
        using (var second = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await fixture.ProcessedAsync(source, count: 2);
    }

    [Theory]
    [InlineData("?x=1")]
    [InlineData("/")]
    public async Task NamingThePostAnotherWayCannotRemoveSomeoneElsesMention(string variant)
    {
        var path = PingbackFixture.NewPath("kept");
        var source = site.LinkingPage(path, Pinger.Target(), "Still linking");
        using (var first = await client.SendWebmentionAsync(source.ToString(), Pinger.Target())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await fixture.ProcessedAsync(source);
        var mention = Assert.Single(await fixture.MentionsFromAsync(source));

        // The source still links to the post's address; a webmention for a variant of it finds "no link" there.
        using (var forged = await client.SendWebmentionAsync(source.ToString(), Pinger.Target() + variant))
        {
            Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        }
        await fixture.ProcessedAsync(source, count: 2);
        Assert.Equal(mention.Id, Assert.Single(await fixture.MentionsFromAsync(source)).Id);
    }

    [Fact]
    public async Task AnUnreachableSourceIsTriedAgainLaterThenGivenUp()
    {
        var source = site.Page(PingbackFixture.NewPath("down"), "<p>Down</p>", status: StatusCodes.Status503ServiceUnavailable);

        using var response = await client.SendWebmentionAsync(source.ToString(), Pinger.Target());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // After the first try it waits in the queue for a later one.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        WebmentionRequest request;
        do
        {
            await Task.Delay(100);
            request = await fixture.Forum.WithDbAsync(db => db.WebmentionRequests.AsNoTracking().SingleAsync(r => r.Source == source.AbsoluteUri));
        }
        while ((request.Attempts == 0 || request.Outcome is null) && DateTime.UtcNow < deadline);
        Assert.Equal((WebmentionState.Queued, 1), (request.State, request.Attempts));
        Assert.True(request.NextAttemptAt > DateTime.UtcNow.AddSeconds(30));
        Assert.Empty(await fixture.MentionsFromAsync(source));
    }
}
