using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Notifications;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Accounts;

/// <summary>Registering with mail on proves the address by a mailed link (real SMTP server); without mail, today's flow.</summary>
public sealed class RegisterConfirmTests
{
    private const string Register = "/account/register";

    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private static Task<Page> RegisterAsync(Browser browser, string email, string name, string password = "a long enough password") =>
        browser.SubmitAsync(Register, "form.stacked-form",
            [F("Input.DisplayName", name), F("Input.Email", email), F("Input.Password", password), F("Input.ConfirmPassword", password)]);

    private static Task<bool> ConfirmedAsync(ForumFactory forum, string email) =>
        forum.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync());

    [Fact]
    public async Task RegisteringMailsALinkThatConfirmsTheAddressAndThenTheAccountComments()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var browser = new Browser(forum);

        var registered = await RegisterAsync(browser, "newbie@example.org", "Newbie");
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Contains("Check your mail", registered.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.False(await ConfirmedAsync(forum, "newbie@example.org"));

        // The account can sign in, but is told to confirm first, and cannot comment.
        await browser.SignInAsync("newbie@example.org", "a long enough password");
        var post = await browser.GetAsync(SeedThread.Url);
        Assert.NotNull(post.Document.QuerySelector(".confirm-address-first form[action='/account/confirm?handler=Resend']"));
        var refused = await browser.SubmitAsync(post, "form.comment-form", [F("Input.Text", "Before confirming.")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Confirm your address first", refused.Body, StringComparison.Ordinal);
        Assert.Equal(0, await forum.WithDbAsync(db => db.Comments.CountAsync(c => c.Source == "Before confirming.")));

        var mail = await smtp.WaitForAsync("newbie@example.org", "Confirm your account");
        var link = mail.Link($"{MailStory.Site}/account/confirm?user=");
        // Opening the link only asks (mail scanners open links): the button confirms.
        var asked = await browser.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.False(await ConfirmedAsync(forum, "newbie@example.org"));
        var confirmed = await browser.SubmitAsync(asked, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("your address is confirmed", confirmed.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.True(await ConfirmedAsync(forum, "newbie@example.org"));

        // The session was rebuilt: no note, and the comment goes in.
        var again = await browser.GetAsync(SeedThread.Url);
        Assert.Null(again.Document.QuerySelector(".confirm-address-first"));
        var posted = await browser.SubmitAsync(again, "form.comment-form", [F("Input.Text", "After confirming.")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Found, posted.Status);

        // A link cut short proves nothing.
        var damaged = await browser.OpenLinkAsync(link[..^6]);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SubmitAsync(damaged, "form.stacked-form", [])).Status);
    }

    [Fact]
    public async Task AnUnconfirmedRegistrationDoesNotLockTheGuestOutOfTheirAddressButAConfirmedOneDoes()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var squatter = new Browser(forum);
        using var guest = new Browser(forum);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(squatter, "guest@example.org", "Squatter")).Status);

        var asGuest = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("Still my address.") { Name = "Real Guest", Email = "guest@example.org" });
        Assert.Equal(HttpStatusCode.Found, asGuest.Status);

        // Once the address answered the link, it is the account's: a guest typing it is told to sign in.
        var mail = await smtp.WaitForAsync("guest@example.org", "Confirm your account");
        var asked = await squatter.OpenLinkAsync(mail.Link($"{MailStory.Site}/account/confirm?user="));
        Assert.Equal(HttpStatusCode.OK, (await squatter.SubmitAsync(asked, "form.stacked-form", [])).Status);
        var refused = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("Now it is an account's.") { Name = "Real Guest", Email = "guest@example.org" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("belongs to a registered account", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisteringATakenAddressAnswersAsForANewOneAndMailsItsOwner()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        await forum.CreateUserAsync("owner@example.org");
        using var stranger = new Browser(forum);

        var taken = await RegisterAsync(stranger, "owner@example.org", "Someone");
        var fresh = await RegisterAsync(stranger, "fresh@example.org", "Someone Else");
        Assert.Equal(fresh.Status, taken.Status);
        string Answer(Page page) => page.Document.QuerySelector("[role=status]")!.TextContent.Replace("owner@example.org", "X", StringComparison.Ordinal).Replace("fresh@example.org", "X", StringComparison.Ordinal);
        Assert.Equal(Answer(fresh), Answer(taken));
        Assert.Equal(1, await forum.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "owner@example.org")));

        var told = await smtp.WaitForAsync("owner@example.org", "You already have an account");
        Assert.Contains($"{MailStory.Site}/account/sign-in", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/confirm", told.Text, StringComparison.Ordinal);
        Assert.Equal([MailKind.AccountExists], (await forum.MailsToAsync("owner@example.org")).Select(m => m.Kind));
    }

    [Fact]
    public async Task TheResendButtonSendsTheLinkAgainWithinTheAddresssAllowance()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp).With("Mail:MaxPerRecipientPerHour", "2");
        using var browser = new Browser(forum);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(browser, "again@example.org", "Again")).Status);
        await browser.SignInAsync("again@example.org", "a long enough password");

        var note = await browser.GetAsync("/account/confirm");
        Assert.Contains("Confirm your address first", note.Body, StringComparison.Ordinal);
        var resent = await browser.SubmitAsync(note, ".confirm-address-first form", []);
        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.Contains("Sent", resent.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var spent = await browser.SubmitAsync(resent, ".confirm-address-first form", []);
        Assert.Equal(HttpStatusCode.TooManyRequests, spent.Status);
        Assert.Equal(2, (await forum.MailsToAsync("again@example.org")).Count(m => m.Kind == MailKind.AccountConfirmation));
    }

    [Fact]
    public async Task WithoutMailRegisteringSignsInAtOnceAndTheAccountComments()
    {
        using var forum = new ForumFactory().With("Moderation:Enabled", "false").With("Comments:FloodIntervalSeconds", "0");
        using var browser = new Browser(forum);

        var registered = await RegisterAsync(browser, "plain@example.org", "Plain");
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);
        var posted = await browser.SubmitAsync(SeedThread.Url, "form.comment-form", [F("Input.Text", "No mail, no proof, as before.")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Found, posted.Status);

        // The address still keeps guests off it, and a taken address is still refused on the page (no mail to tell its owner).
        using var guest = new Browser(forum);
        var refused = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("As plain.") { Email = "plain@example.org" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        var again = await RegisterAsync(guest, "plain@example.org", "Other");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        Assert.Equal(0, await forum.WithDbAsync(db => db.OutgoingMails.CountAsync()));
    }
}
