using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Notifications;

/// <summary>Reply notifications end to end: the form, the confirmation, the reply mail, unsubscribing; a real SMTP server on loopback.</summary>
public sealed class ReplyMailTests
{
    private const string Ann = "ann@example.org";

    [Fact]
    public async Task AReaderWhoAsksIsSentAConfirmationAndOnceConfirmedIsToldOfReplies()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);

        var annsComment = await ann.CommentAsync(new CommentForm("Tell me when someone answers.") { Name = "Ann Reader", Email = Ann }, notify: true);

        var confirmation = await smtp.WaitForAsync(Ann, "Confirm your address");
        Assert.Equal([Ann], confirmation.Recipients);
        Assert.Equal("forum@example.org", confirmation.Message.From.Mailboxes.Single().Address);
        var title = await forum.PostTitleAsync();
        Assert.Contains($"“{title}”", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Header("List-Unsubscribe-Post"));
        Assert.StartsWith($"{MailStory.Site}/mail/unsubscribe?token=", confirmation.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Contains(confirmation.UnsubscribeUrl, confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/mail/confirm?token=", confirmation.Html, StringComparison.Ordinal);

        // Until the address is confirmed, a reply sends nothing.
        await bob.CommentAsync(new CommentForm("An answer before Ann confirmed.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        Assert.DoesNotContain(await forum.MailsToAsync(Ann), m => m.Kind == MailKind.Reply);

        // Opening the link only asks; the button confirms.
        var asked = await ann.OpenLinkAsync(confirmation.Link($"{MailStory.Site}/mail/confirm?token="));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.False(await forum.WithDbAsync(db => db.MailRecipients.AnyAsync(r => r.Address == Ann && r.ConfirmedAt != null)));
        await ann.ConfirmAsync(smtp, Ann);

        var reply = await bob.CommentAsync(new CommentForm("Here is your answer, Ann.") { Name = "Bob Writer", Email = "bob@example.org", ParentId = annsComment });

        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");
        Assert.Equal($"Bob Writer replied to your comment on “{title}”", mail.Subject);
        Assert.Equal([Ann], mail.Recipients);
        Assert.Equal("Ann Reader", mail.Message.To.Mailboxes.Single().Name);
        Assert.Contains("> Here is your answer, Ann.", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"{MailStory.Site}/comments/{reply}", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{MailStory.Site}/comments/{reply}\"", mail.Html, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.StartsWith($"{MailStory.Site}/mail/unsubscribe?token=", mail.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));

        // Ann answering her own comment is not news to her; one reply mail, for Bob's second answer only.
        await ann.CommentAsync(new CommentForm("Replying to myself.") { Name = "Ann Reader", Email = "ANN@example.org", ParentId = annsComment });
        var replies = (await forum.MailsToAsync(Ann)).Where(m => m.Kind == MailKind.Reply).ToList();
        Assert.Equal([reply], replies.Select(m => m.CommentId));
        var sent = await forum.WaitForRowAsync(m => m.Kind == MailKind.Reply && m.Status == MailStatus.Sent);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task AHeldReplySendsNothingUntilItIsApproved()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp).With("Moderation:Enabled", "true").With("Moderation:HoldFirstComment", "false")
            .With("Moderation:HoldWords:0", "zebra");
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var annsComment = await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        await ann.ConfirmAsync(smtp, Ann);

        var held = await bob.CommentAsync(new CommentForm("A zebra answers.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        Assert.Equal(CommentStatus.Pending, await forum.WithDbAsync(db => db.Comments.Where(c => c.Id == held).Select(c => c.Status).SingleAsync()));
        // The notification is queued when the reply is published, in the request that publishes it: nothing yet.
        Assert.DoesNotContain(await forum.MailsToAsync(Ann), m => m.Kind == MailKind.Reply);

        await forum.MarkAsync(held, CommentStatus.Approved);

        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");
        Assert.Contains("A zebra answers.", mail.Text, StringComparison.Ordinal);
        Assert.Equal(held, (await forum.MailsToAsync(Ann)).Single(m => m.Kind == MailKind.Reply).CommentId);
    }

    [Fact]
    public async Task TheUnsubscribeLinkAsksThenStopsReplyMails()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var annsComment = await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        await ann.ConfirmAsync(smtp, Ann);
        await bob.CommentAsync(new CommentForm("First answer.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");

        // A link damaged on the way is refused and changes nothing.
        var damaged = await ann.OpenLinkAsync(mail.UnsubscribeUrl[..^4]);
        Assert.Equal(HttpStatusCode.BadRequest, damaged.Status);
        var forged = await ann.PostFormAsync(mail.UnsubscribeUrl[MailStory.Site.Length..^4] + "AAAA", [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.True(await forum.WithDbAsync(db => db.MailSubscriptions.AnyAsync(s => s.Address == Ann)));

        using var other = new Browser(forum);
        var asked = await other.OpenLinkAsync(mail.UnsubscribeUrl);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains($"Stop mail about replies to {Ann}?", asked.Document.QuerySelector("main, body")?.TextContent, StringComparison.Ordinal);
        Assert.True(await forum.WithDbAsync(db => db.MailSubscriptions.AnyAsync(s => s.Address == Ann)), "opening the link alone must not unsubscribe");
        var done = await other.SubmitAsync(asked, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("no longer be sent", done.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        await bob.CommentAsync(new CommentForm("Second answer.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        Assert.Single(await forum.MailsToAsync(Ann), m => m.Kind == MailKind.Reply);
        Assert.False(await forum.WithDbAsync(db => db.MailSubscriptions.AnyAsync(s => s.Address == Ann)));
    }

    [Fact]
    public async Task AMailProgramUnsubscribesWithOneClickPostWithoutAFormOrCookie()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var annsComment = await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        await ann.ConfirmAsync(smtp, Ann);
        await bob.CommentAsync(new CommentForm("First answer.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");

        // RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address; no cookie, no token, no Origin.
        using var client = forum.CreateDefaultClient(new Uri(MailStory.Site));
        using var body = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
        using var response = await client.PostAsync(new Uri(mail.UnsubscribeUrl), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await bob.CommentAsync(new CommentForm("Second answer.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        Assert.Single(await forum.MailsToAsync(Ann), m => m.Kind == MailKind.Reply);
        Assert.Null(await forum.WithDbAsync(db => db.MailRecipients.Where(r => r.Address == Ann).Select(r => r.ConfirmedAt).SingleAsync()));

        // Ticking the box again starts over with a confirmation: the old one is still within its hours, so none is sent yet.
        await ann.CommentAsync(new CommentForm("Tell me again.") { Email = Ann }, notify: true);
        Assert.Single(await forum.MailsToAsync(Ann), m => m.Kind == MailKind.Confirmation);
    }

    [Fact]
    public async Task ANameWithLineBreaksCannotAddHeadersAndMarkupArrivesAsText()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = new Browser(forum);
        using var eve = new Browser(forum);
        var annsComment = await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        await ann.ConfirmAsync(smtp, Ann);

        // The form's name goes through as typed, line breaks and all, whatever the pipeline keeps of it.
        var page = await eve.GetAsync(SeedThread.ReplyUrl(annsComment));
        var posted = await eve.SubmitAsync(page, "form.comment-form", [
            new("Input.Name", "Eve\r\nBcc: mallory@example.org\r\nSubject: hi"), new("Input.Email", "eve@example.org"),
            new("Input.Text", "<script>alert(1)</script> & <b>bold</b>"), new("Input.Website", ""),
        ], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Found, posted.Status);

        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");
        Assert.Equal([Ann], mail.Recipients);
        Assert.Empty(mail.Message.Bcc);
        Assert.Null(mail.Header("Bcc"));
        Assert.Single(mail.Message.Headers, h => h.Field == "Subject");
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.StartsWith("Eve Bcc: mallory@example.org", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&amp;", mail.Html, StringComparison.Ordinal);
        Assert.Single(smtp.Received, m => m.Subject.Contains("replied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFloodOfRepliesSendsOnlyTheHourlyAllowance()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp).With("Mail:MaxPerRecipientPerHour", "3");
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var annsComment = await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        await ann.ConfirmAsync(smtp, Ann);

        for (var i = 1; i <= 12; i++)
        {
            await bob.CommentAsync(new CommentForm($"Answer number {i}.") { Name = "Bob", Email = "bob@example.org", ParentId = annsComment });
        }

        // The confirmation counted too: three mails in the hour, two of them replies; the other ten replies were dropped.
        var queued = await forum.MailsToAsync(Ann);
        Assert.Equal([MailKind.Confirmation, MailKind.Reply, MailKind.Reply], queued.Select(m => m.Kind));
        await smtp.WaitForAsync(m => smtp.To(Ann).Count == 3);
        Assert.Equal(12, await forum.WithDbAsync(db => db.Comments.CountAsync(c => c.ParentId == annsComment)));
    }

    [Fact]
    public async Task WithMailOffTheFormOffersNothingAndNothingIsQueued()
    {
        using var forum = new ForumFactory().With("Moderation:Enabled", "false").With("Comments:FloodIntervalSeconds", "0");
        using var ann = new Browser(forum);
        var page = await ann.GetAsync(SeedThread.Url);
        Assert.Null(page.Document.QuerySelector("#Input_NotifyOfReplies"));

        // A forged tick is ignored: the comment is stored, nothing is recorded or queued.
        var posted = await ann.SubmitAsync(page, "form.comment-form", [.. new CommentForm("Mail is off.").Fields(), new("Input.NotifyOfReplies", "true")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        Assert.Equal(0, await forum.WithDbAsync(db => db.MailSubscriptions.CountAsync()));
        Assert.Equal(0, await forum.WithDbAsync(db => db.OutgoingMails.CountAsync()));
    }

    [Fact]
    public async Task AConfirmationLinkThatIsDamagedIsRefused()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = new Browser(forum);
        await ann.CommentAsync(new CommentForm("Ask me anything.") { Email = Ann }, notify: true);
        var mail = await smtp.WaitForAsync(Ann, "Confirm your address");

        var damaged = await ann.OpenLinkAsync(mail.Link($"{MailStory.Site}/mail/confirm?token=")[..^3]);
        Assert.Equal(HttpStatusCode.BadRequest, damaged.Status);
        Assert.Null(damaged.Document.QuerySelector("form.stacked-form"));
        Assert.False(await forum.WithDbAsync(db => db.MailRecipients.AnyAsync(r => r.ConfirmedAt != null)));
    }
}
