using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>Each moderation rule, as the one comment pipeline applies it, with the reason it records.</summary>
public sealed class ModerationRuleTests
{
    private static ForumFactory Forum(params (string Key, string Value)[] settings)
    {
        var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        foreach (var (key, value) in settings) factory.With(key, value);
        return factory;
    }

    private static async Task<Comment> SubmitAsync(ForumFactory factory, string text, string email = "new@example.org",
        string name = "Newcomer", string? website = null, string ip = "203.0.113.20", CommentOrigin origin = CommentOrigin.Reader,
        CommentKind kind = CommentKind.Comment, string? sourceUrl = null)
    {
        _ = factory.Server;
        await using var scope = factory.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = 1, AuthorName = name, AuthorEmail = email, AuthorUrl = website, Text = text, IpAddress = ip, Kind = kind, SourceUrl = sourceUrl,
        }, origin, CancellationToken.None);
        return result.Comment ?? throw new InvalidOperationException(result.Rejection!.Message);
    }

    [Fact]
    public async Task AFirstCommentIsHeldAndOnceApprovedItsBrowserPublishesAtOnceButNotAStrangerWithTheSameAddress()
    {
        using var factory = Forum();
        using var guest = new Browser(factory);
        var posted = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("Hello there") { Name = "Newcomer", Email = "new@example.org" });
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        var first = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Source == "Hello there"));
        Assert.Equal((CommentStatus.Pending, "First comment from this author"), (first.Status, first.ModerationReason));

        await factory.MarkAsync(first.Id, CommentStatus.Approved);
        Assert.Equal(HttpStatusCode.Found, (await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("Hello again") { Name = "Newcomer", Email = "NEW@example.org" })).Status);
        var second = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Source == "Hello again"));
        Assert.Equal((CommentStatus.Approved, (string?)null), (second.Status, second.ModerationReason));

        // Someone who knows the address (it was in a reply mail, say) and types it with the same name is held.
        using var stranger = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await stranger.SubmitCommentAsync(SeedThread.Url, new CommentForm("Buy my stuff, signed Newcomer") { Name = "Newcomer", Email = "new@example.org" })).Status);
        var forged = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Source == "Buy my stuff, signed Newcomer"));
        Assert.Equal((CommentStatus.Pending, "First comment from this author"), (forged.Status, forged.ModerationReason));
    }

    [Fact]
    public async Task TheFirstCommentRuleCanBeSwitchedOff()
    {
        using var factory = Forum(("Moderation:HoldFirstComment", "false"));
        Assert.Equal(CommentStatus.Approved, (await SubmitAsync(factory, "Straight in")).Status);
    }

    [Fact]
    public async Task TwoLinksHoldAComment()
    {
        using var factory = Forum(("Moderation:HoldFirstComment", "false"));
        Assert.Equal(CommentStatus.Approved, (await SubmitAsync(factory, "One link: https://example.org/a")).Status);
        var held = await SubmitAsync(factory, "See https://example.org/a and [this](http://example.net/b)");
        Assert.Equal((CommentStatus.Pending, "2 links (holding at 2)"), (held.Status, held.ModerationReason));
    }

    [Fact]
    public async Task TheLinkCountIsConfigurable()
    {
        using var factory = Forum(("Moderation:HoldFirstComment", "false"), ("Moderation:HoldLinkCount", "3"));
        Assert.Equal(CommentStatus.Approved, (await SubmitAsync(factory, "https://a.example https://b.example")).Status);
        Assert.Equal(CommentStatus.Pending, (await SubmitAsync(factory, "https://a.example https://b.example https://c.example")).Status);
    }

    [Theory]
    [InlineData("text", "I sell viagra here")]
    [InlineData("name", "Viagra Vendor")]
    [InlineData("email", "shop@viagra.example")]
    [InlineData("website", "https://viagra.example/")]
    [InlineData("ip", "10.9.9.9")]
    public async Task AModerationWordHoldsWhereverItAppears(string field, string value)
    {
        using var factory = Forum(("Moderation:HoldFirstComment", "false"), ("Moderation:HoldWords:0", "viagra"), ("Moderation:HoldWords:1", "10.9.9."));
        var comment = await SubmitAsync(factory,
            text: field == "text" ? value : "innocent",
            name: field == "name" ? value : "Someone",
            email: field == "email" ? value : "someone@example.org",
            website: field == "website" ? value : null,
            ip: field == "ip" ? value : "203.0.113.30");
        Assert.Equal(CommentStatus.Pending, comment.Status);
        Assert.StartsWith("Moderation word", comment.ModerationReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlocklistWordMarksSpamSoAnEmailOrIpCanBeBanned()
    {
        using var factory = Forum(("Moderation:BlockWords:0", "banned@example.org"), ("Moderation:BlockWords:1", "192.0.2.66"));
        var byEmail = await SubmitAsync(factory, "hi", email: "Banned@Example.org");
        Assert.Equal((CommentStatus.Spam, "Blocklist word “banned@example.org”"), (byEmail.Status, byEmail.ModerationReason));
        var byIp = await SubmitAsync(factory, "hi again", email: "other@example.org", ip: "192.0.2.66");
        Assert.Equal(CommentStatus.Spam, byIp.Status);
    }

    [Fact]
    public async Task WithModerationOffCommentsPublishAtOnceUnlessTheBlocklistSaysSpam()
    {
        using var factory = Forum(("Moderation:Enabled", "false"), ("Moderation:HoldWords:0", "cupcake"), ("Moderation:BlockWords:0", "casino"));
        Assert.Equal(CommentStatus.Approved, (await SubmitAsync(factory, "first ever, with https://a.example https://b.example and cupcake")).Status);
        Assert.Equal(CommentStatus.Spam, (await SubmitAsync(factory, "online casino")).Status);
    }

    [Fact]
    public async Task PingbacksPassTheSameRulesAndAreHeldByDefault()
    {
        using var factory = Forum(("Moderation:BlockWords:0", "spam.example"));
        var held = await SubmitAsync(factory, "excerpt", name: "A page", origin: CommentOrigin.Pingback, kind: CommentKind.Pingback, sourceUrl: "https://blog.example/p");
        Assert.Equal((CommentStatus.Pending, "Mentions are held for review"), (held.Status, held.ModerationReason));
        var spam = await SubmitAsync(factory, "excerpt", name: "Spam page", origin: CommentOrigin.Pingback, kind: CommentKind.Pingback, sourceUrl: "https://spam.example/p");
        Assert.Equal(CommentStatus.Spam, spam.Status);
    }

    [Fact]
    public async Task RulesSavedByAnAdministratorReplaceTheConfiguration()
    {
        using var factory = Forum();
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);

        var form = await admin.OpenAsync("/moderation/rules");
        Assert.Equal("2", form.QuerySelector("#Input_HoldLinkCount")?.GetAttribute("value"));

        var save = await admin.SubmitAsync("/moderation/rules", "form.stacked-form",
            [new("Input.Enabled", "true"), new("Input.HoldLinkCount", "5"), new("Input.HoldFirstComment", "false"),
             new("Input.HoldMentions", "true"), new("Input.HoldWords", "kale\n"), new("Input.BlockWords", "casino\nlottery"),
             new("Input.CloseCommentsAfterDays", "0")]);
        Assert.Equal(HttpStatusCode.Redirect, save.Status);
        Assert.Equal(CommentStatus.Approved, (await SubmitAsync(factory, "no longer held as a first comment")).Status);
        Assert.Equal(CommentStatus.Pending, (await SubmitAsync(factory, "about kale")).Status);
        Assert.Equal(CommentStatus.Spam, (await SubmitAsync(factory, "win the lottery")).Status);

        var bad = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", [new("Input.HoldLinkCount", "0"), new("Input.CloseCommentsAfterDays", "0")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Contains("Choose a number of links from 1 to 1000.", bad.Body, StringComparison.Ordinal);
        Assert.Equal(5, await factory.WithDbAsync(db => db.ModerationRules.Select(r => r.HoldLinkCount).SingleAsync()));
    }
}
