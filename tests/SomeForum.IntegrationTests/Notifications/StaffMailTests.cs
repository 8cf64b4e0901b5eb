using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Notifications;

/// <summary>The moderators' batched digest, and a post author's "every new comment on my posts".</summary>
public sealed class StaffMailTests
{
    private const string Moderator = "moderator@example.org";

    [Fact]
    public async Task ModeratorsGetABatchedDigestOfHeldCommentsAtMostOnceAnInterval()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp).With("Moderation:Enabled", "true").With("Mail:DigestIntervalSeconds", "4");
        await forum.CreateUserAsync(Moderator, Roles.Moderator);
        await forum.CreateUserAsync("quiet@example.org", Roles.Moderator);
        await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "quiet@example.org")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ModerationDigestOff, true)));

        // Five first comments, each held, one after another.
        var started = DateTime.UtcNow;
        for (var i = 1; i <= 5; i++)
        {
            using var reader = new Browser(forum);
            await reader.CommentAsync(new CommentForm($"First comment number {i}.") { Name = $"Reader {i}", Email = $"reader{i}@example.org" });
        }
        var span = DateTime.UtcNow - started;

        // Every held comment is told: the first at once, the rest batched, one mail an interval at most.
        await smtp.WaitForAsync(m => Enumerable.Range(1, 5).All(i => smtp.To(Moderator).Any(d => d.Text.Contains($"First comment number {i}.", StringComparison.Ordinal))));
        var digests = smtp.To(Moderator);
        Assert.InRange(digests.Count, 1, 1 + (int)Math.Ceiling(span.TotalSeconds / 4));
        if (span < TimeSpan.FromSeconds(4)) Assert.InRange(digests.Count, 1, 2);
        Assert.All(digests, d => Assert.Contains("waiting for moderation", d.Subject, StringComparison.Ordinal));
        Assert.All(digests, d => Assert.Contains($"{MailStory.Site}/moderation?Status=Pending", d.Text, StringComparison.Ordinal));
        Assert.All(digests, d => Assert.StartsWith($"{MailStory.Site}/mail/unsubscribe?token=", d.UnsubscribeUrl, StringComparison.Ordinal));
        var queued = (await forum.MailsToAsync(Moderator)).Select(m => m.CreatedAt).ToList();
        for (var i = 1; i < queued.Count; i++) Assert.True(queued[i] - queued[i - 1] >= TimeSpan.FromSeconds(4), "two digests within the interval");
        Assert.Empty(smtp.To("quiet@example.org"));

        // Nothing new held: no more digests, however long.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(digests.Count, smtp.To(Moderator).Count);
        Assert.Equal(digests.Count, (await forum.MailsToAsync(Moderator)).Count);
    }

    [Fact]
    public async Task APostsAuthorWhoAsksIsToldOfEveryNewCommentOnceTheirAddressIsConfirmed()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        const string author = "author@example.org";
        var authorId = await forum.CreateUserAsync(author, Roles.Author);
        await forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "some-so-far-so-what").ExecuteUpdateAsync(u => u.SetProperty(p => p.AuthorId, authorId)));

        using var writer = new Browser(forum);
        await writer.SignInAsync(author, ForumFactory.UserPassword);
        var settings = await writer.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.False(settings.Document.QuerySelector("#Input_NotifyOfComments")?.HasAttribute("checked"), "off by default");
        var saved = await writer.SubmitAsync(settings, "form.stacked-form", [new("Input.NotifyOfComments", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var shown = await writer.FollowAsync(saved);
        Assert.Contains($"Confirm {author}", shown.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.True(shown.Document.QuerySelector("#Input_NotifyOfComments")?.HasAttribute("checked"));

        // Not confirmed yet: a comment sends nothing to the author.
        using var ann = new Browser(forum);
        await ann.CommentAsync(new CommentForm("Before the author confirmed.") { Email = "ann@example.org" });
        Assert.DoesNotContain(await forum.MailsToAsync(author), m => m.Kind == MailKind.NewComment);

        await writer.ConfirmAsync(smtp, author);
        var comment = await ann.CommentAsync(new CommentForm("A comment for the author.") { Email = "ann@example.org" });
        var mail = await smtp.WaitForAsync(author, "New comment by Ann Reader");
        Assert.Equal($"New comment by Ann Reader on “{await forum.PostTitleAsync()}”", mail.Subject);
        Assert.Contains($"{MailStory.Site}/comments/{comment}", mail.Text, StringComparison.Ordinal);

        // The author's own comment is not news to them.
        await writer.CommentAsync(new CommentForm("The author's own comment."));
        Assert.Single(await forum.MailsToAsync(author), m => m.Kind == MailKind.NewComment);

        // Its unsubscribe link turns the setting off.
        using var client = forum.CreateDefaultClient(new Uri(MailStory.Site));
        using var body = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
        using var response = await client.PostAsync(new Uri(mail.UnsubscribeUrl), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await forum.WithDbAsync(db => db.Users.Where(u => u.Id == authorId).Select(u => u.NotifyOfComments).SingleAsync()));
    }
}
