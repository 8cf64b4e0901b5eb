using System.Net;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Notifications;

/// <summary>The background sender against a real SMTP server that refuses, is down, or fails for good; and the delivery log.</summary>
public sealed class MailDeliveryTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task ARefusedSendIsTriedAgainWithGrowingPausesThenDelivered()
    {
        await using var smtp = TestSmtpServer.Start();
        smtp.RefuseNext = 2;
        using var forum = MailStory.Forum(smtp).With("Mail:RetryMaxSeconds", "4");
        using var ann = new Browser(forum);

        var started = DateTime.UtcNow;
        await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        // The reader's post does not wait for the server.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));

        var mail = await smtp.WaitForAsync(Ann, "Confirm your address");
        var row = await forum.WaitForRowAsync(m => m.Kind == MailKind.Confirmation && m.Status == MailStatus.Sent);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("452", row.LastError, StringComparison.Ordinal);
        Assert.NotNull(row.SentAt);
        // Offered three times: after 1 s, then after 2 s (doubling), each pause longer than the one before.
        var tries = smtp.Tries;
        Assert.Equal(3, tries.Count);
        var (first, second) = (tries[1] - tries[0], tries[2] - tries[1]);
        Assert.True(first >= TimeSpan.FromSeconds(0.9), $"first pause {first}");
        Assert.True(second >= TimeSpan.FromSeconds(1.9), $"second pause {second}");
        Assert.True(second > first, $"pauses {first} then {second}");
        Assert.Single(smtp.To(Ann));
        Assert.Contains("/mail/confirm?token=", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailQueuedWhileTheServerIsDownIsDeliveredOnceItIsUp()
    {
        await using var smtp = TestSmtpServer.NotYetListening();
        using var forum = MailStory.Forum(smtp).With("Mail:MaxAttempts", "20");
        using var ann = new Browser(forum);

        await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        var waiting = await forum.WaitForRowAsync(m => m.Kind == MailKind.Confirmation && m.Attempts >= 2 && m.Status == MailStatus.Queued);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));

        smtp.Listen();

        await smtp.WaitForAsync(Ann, "Confirm your address");
        var row = await forum.WaitForRowAsync(m => m.Kind == MailKind.Confirmation && m.Status == MailStatus.Sent);
        Assert.True(row.Attempts >= 3);
    }

    [Fact]
    public async Task ASendThatKeepsFailingIsMarkedFailedAfterTheLastTryWithItsError()
    {
        await using var smtp = TestSmtpServer.NotYetListening();
        using var forum = MailStory.Forum(smtp).With("Mail:MaxAttempts", "2");
        using var ann = new Browser(forum);

        await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);

        var failed = await forum.WaitForRowAsync(m => m.Kind == MailKind.Confirmation && m.Status == MailStatus.Failed);
        Assert.Equal(2, failed.Attempts);
        Assert.Null(failed.SentAt);
        Assert.Contains("refused", failed.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APermanentRefusalFailsAtOnceShowsInTheDeliveryLogAndCanBeRetried()
    {
        await using var smtp = TestSmtpServer.Start();
        smtp.RefuseAll = true;
        using var forum = MailStory.Forum(smtp);
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var ann = new Browser(forum);
        await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);

        var failed = await forum.WaitForRowAsync(m => m.Kind == MailKind.Confirmation && m.Status == MailStatus.Failed);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("mailbox unavailable (test refusal)", failed.LastError, StringComparison.Ordinal);

        using var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var log = await admin.GetAsync("/admin/mail?Status=Failed");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        var line = log.Document.GetElementById($"mail-{failed.Id}");
        Assert.NotNull(line);
        Assert.Equal("Failed", line.QuerySelector(".mail-status")?.TextContent);
        Assert.Contains("550", line.QuerySelector(".mail-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Ann, line.TextContent, StringComparison.Ordinal);

        smtp.RefuseAll = false;
        var retried = await admin.SubmitAsync(log, $"#mail-{failed.Id} form", []);
        Assert.Equal(HttpStatusCode.Redirect, retried.Status);

        await smtp.WaitForAsync(Ann, "Confirm your address");
        var sent = await forum.WaitForRowAsync(m => m.Id == failed.Id && m.Status == MailStatus.Sent);
        Assert.Equal(1, sent.Attempts);
        var after = await admin.GetAsync("/admin/mail");
        Assert.Equal("Sent", after.Document.GetElementById($"mail-{failed.Id}")?.QuerySelector(".mail-status")?.TextContent);
    }

    [Fact]
    public async Task TheDeliveryLogIsForAdministratorsOnly()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        await forum.CreateUserAsync("moderator@example.org", Roles.Moderator);
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);

        using var guest = new Browser(forum);
        var anonymous = await guest.GetAsync("/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.StartsWith("/account/sign-in", anonymous.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);

        using var moderator = new Browser(forum);
        await moderator.SignInAsync("moderator@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/admin/mail")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostFormAsync("/admin/mail", [new("id", "1")])).Status);

        using var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/mail")).Status);
        // Without the form's token even an administrator's retry is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFormAsync("/admin/mail", [new("id", "1")])).Status);
    }
}
