using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Notifications;

/// <summary>
/// Each mail in its recipient's language, remembered from the request in which they gave their address, whatever
/// language the request that causes the mail is in; a real SMTP server on loopback.
/// </summary>
public sealed class MailLanguageTests
{
    private const string Ann = "ann@example.org";

    /// <summary>Words of the English mails that no German mail may carry.</summary>
    private static readonly string[] English = ["Hello", "Confirm", "replied", "Read it", "Stop these mails", "To stop", "You get this mail", "the link works"];

    private static readonly string[] German = ["Guten Tag", "Bestätigen", "geantwortet", "Lesen", "abbestellen", "Sie erhalten diese E-Mail", "der Link gilt"];

    private static Browser Speaking(Browser browser, string language)
    {
        browser.Client.DefaultRequestHeaders.Add("Accept-Language", language);
        return browser;
    }

    private static void AllGerman(ReceivedMail mail)
    {
        foreach (var part in new[] { mail.Subject, mail.Text, mail.Html })
        {
            foreach (var word in English) Assert.DoesNotContain(word, part, StringComparison.Ordinal);
        }
    }

    private static void AllEnglish(ReceivedMail mail)
    {
        foreach (var part in new[] { mail.Subject, mail.Text, mail.Html })
        {
            foreach (var word in German) Assert.DoesNotContain(word, part, StringComparison.Ordinal);
        }
    }

    private static Task<string?> SubscriptionLanguageAsync(ForumFactory forum, long comment) =>
        forum.WithDbAsync(db => db.MailSubscriptions.Where(s => s.CommentId == comment).Select(s => s.Language).SingleAsync());

    [Fact]
    public async Task AGermanGuestIsAskedAndToldOfRepliesInGermanThoughTheReplyIsWrittenInEnglish()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = Speaking(new Browser(forum), "de-DE,de;q=0.9");
        using var bob = Speaking(new Browser(forum), "en-US,en;q=0.9");
        var title = await forum.PostTitleAsync();

        var annsComment = await ann.CommentAsync(new CommentForm("Sagen Sie mir, wenn jemand antwortet.") { Name = "Ann Leserin", Email = Ann }, notify: true);
        Assert.Equal("de", await SubscriptionLanguageAsync(forum, annsComment));

        var confirmation = await smtp.WaitForAsync(Ann, "Bestätigen Sie Ihre Adresse für ");
        Assert.StartsWith("Guten Tag,\n\nJemand, hoffentlich Sie, hat darum gebeten, per E-Mail über Antworten auf einen Kommentar zu " +
            $"„{title}“ benachrichtigt zu werden.\n\nBestätigen Sie diese Adresse (der Link gilt 72 Stunden):\n{MailStory.Site}/mail/confirm?token=",
            confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"Diese E-Mails abbestellen: {confirmation.UnsubscribeUrl}", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains(">Bestätigen Sie diese Adresse</a> (der Link gilt 72 Stunden).", confirmation.Html, StringComparison.Ordinal);
        AllGerman(confirmation);
        // Headers are not words: the one-click unsubscribe is the same in every language.
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Header("List-Unsubscribe-Post"));

        var asked = await ann.OpenLinkAsync(confirmation.Link($"{MailStory.Site}/mail/confirm?token="));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Equal(HttpStatusCode.OK, (await ann.SubmitAsync(asked, "form.stacked-form", [])).Status);
        Assert.True(await forum.WithDbAsync(db => db.MailRecipients.AnyAsync(r => r.Address == Ann && r.ConfirmedAt != null)));

        // Bob reads and writes in English; Ann is told in the language she asked in.
        var form = await bob.GetAsync(SeedThread.ReplyUrl(annsComment));
        Assert.Equal("en", form.Document.DocumentElement.GetAttribute("lang"));
        var reply = await bob.CommentAsync(new CommentForm("Here is your answer, Ann.") { Name = "Bob Writer", Email = "bob@example.org", ParentId = annsComment });

        var mail = await smtp.WaitForAsync(Ann, "hat auf Ihren Kommentar");
        Assert.Equal($"Bob Writer hat auf Ihren Kommentar zu „{title}“ geantwortet", mail.Subject);
        Assert.Equal("Ann Leserin", mail.Message.To.Mailboxes.Single().Name);
        Assert.StartsWith($"Guten Tag Ann Leserin,\n\nBob Writer hat auf Ihren Kommentar zu „{title}“ geantwortet:\n\n> Here is your answer, Ann.\n\n" +
            $"Lesen und antworten: {MailStory.Site}/comments/{reply}\n\n--\n" +
            "Sie erhalten diese E-Mail, weil Sie über Antworten auf Ihren Kommentar benachrichtigt werden wollten.\n" +
            $"Diese E-Mails abbestellen: {mail.UnsubscribeUrl}\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{MailStory.Site}/comments/{reply}\">Lesen und antworten</a>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", mail.Html, StringComparison.Ordinal);
        AllGerman(mail);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Equal("auto-generated", mail.Header("Auto-Submitted"));
    }

    [Fact]
    public async Task AnEnglishGuestsMailsStayEnglishThoughTheReplyIsWrittenInGerman()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = Speaking(new Browser(forum), "en-GB,en;q=0.9");
        using var bob = Speaking(new Browser(forum), "de");
        var title = await forum.PostTitleAsync();

        var annsComment = await ann.CommentAsync(new CommentForm("Tell me when someone answers.") { Name = "Ann Reader", Email = Ann }, notify: true);
        Assert.Equal("en", await SubscriptionLanguageAsync(forum, annsComment));
        var confirmation = await ann.ConfirmAsync(smtp, Ann);
        Assert.Equal("Confirm your address for SomeForum", confirmation.Subject);
        Assert.StartsWith($"Hello,\n\nSomeone, we hope you, asked to be told by mail of replies to a comment on “{title}”.", confirmation.Text, StringComparison.Ordinal);
        AllEnglish(confirmation);

        var form = await bob.GetAsync(SeedThread.ReplyUrl(annsComment));
        Assert.Equal("de", form.Document.DocumentElement.GetAttribute("lang"));
        var reply = await bob.CommentAsync(new CommentForm("Hier ist Ihre Antwort.") { Name = "Bob Schreiber", Email = "bob@example.org", ParentId = annsComment });

        var mail = await smtp.WaitForAsync(Ann, "replied to your comment");
        Assert.Equal($"Bob Schreiber replied to your comment on “{title}”", mail.Subject);
        Assert.StartsWith($"Hello Ann Reader,\n\nBob Schreiber replied to your comment on “{title}”:\n\n> Hier ist Ihre Antwort.\n\n" +
            $"Read it and answer: {MailStory.Site}/comments/{reply}\n\n--\n" +
            "You get this mail because you asked to be told of replies to your comment.\n" +
            $"To stop these mails: {mail.UnsubscribeUrl}\n", mail.Text, StringComparison.Ordinal);
        AllEnglish(mail);
    }

    [Fact]
    public async Task AGermanRegistrationIsConfirmedInGermanAndATakenAddressesOwnerIsToldInTheirOwnLanguage()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var english = Speaking(new Browser(forum), "en");
        using var german = Speaking(new Browser(forum), "de-AT");

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(german, "neu@example.org", "Neu")).Status);
        Assert.Equal("de", await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "neu@example.org").Select(u => u.Language).SingleAsync()));
        var mail = await smtp.WaitForAsync("neu@example.org", "Bestätigen Sie Ihr Konto auf ");
        Assert.StartsWith("Guten Tag,\n\nAuf SomeForum wurde mit dieser Adresse ein Konto registriert.\n\n" +
            "Bestätigen Sie, dass die Adresse Ihnen gehört (der Link gilt ", mail.Text, StringComparison.Ordinal);
        AllGerman(mail);
        var asked = await german.OpenLinkAsync(mail.Link($"{MailStory.Site}/account/confirm?user="));
        Assert.Equal(HttpStatusCode.OK, (await german.SubmitAsync(asked, "form.stacked-form", [])).Status);
        Assert.True(await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "neu@example.org").Select(u => u.EmailConfirmed).SingleAsync()));

        // An English owner is told of a German stranger's attempt in English: the mail is the owner's, not the request's.
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(english, "owner@example.org", "Owner")).Status);
        var own = await smtp.WaitForAsync("owner@example.org", "Confirm your account on ");
        AllEnglish(own);
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(german, "owner@example.org", "Fremder")).Status);
        var told = await smtp.WaitForAsync("owner@example.org", "You already have an account on ");
        Assert.StartsWith("Hello,\n\nSomeone, we hope you, tried to register on SomeForum with this address", told.Text, StringComparison.Ordinal);
        AllEnglish(told);
    }

    [Fact]
    public async Task APostsAuthorAndAModeratorAreToldInTheLanguageTheirAccountKeeps()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp).With("Moderation:Enabled", "true").With("Moderation:HoldFirstComment", "false")
            .With("Moderation:HoldWords:0", "zebra");
        const string author = "autorin@example.org";
        const string moderator = "moderator@example.org";
        var authorId = await forum.CreateUserAsync(author, Roles.Author);
        await forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "some-so-far-so-what").ExecuteUpdateAsync(u => u.SetProperty(p => p.AuthorId, authorId)));
        await forum.CreateUserAsync(moderator, Roles.Moderator);
        // As if the moderator had registered in German.
        await forum.WithDbAsync(db => db.Users.Where(u => u.Email == moderator).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "de")));
        var title = await forum.PostTitleAsync();

        // The author sets her mail in German: the account keeps the language, and the confirmation is German.
        using var writer = Speaking(new Browser(forum), "de");
        await writer.SignInAsync(author, ForumFactory.UserPassword);
        var settings = await writer.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync(settings, "form.stacked-form", [new("Input.NotifyOfComments", "true")])).Status);
        Assert.Equal("de", await forum.WithDbAsync(db => db.Users.Where(u => u.Id == authorId).Select(u => u.Language).SingleAsync()));
        var confirmation = await smtp.WaitForAsync(author, "Bestätigen Sie Ihre Adresse für ");
        Assert.Contains("per E-Mail über neue Kommentare auf SomeForum benachrichtigt zu werden", confirmation.Text, StringComparison.Ordinal);
        AllGerman(confirmation);
        var asked = await writer.OpenLinkAsync(confirmation.Link($"{MailStory.Site}/mail/confirm?token="));
        Assert.Equal(HttpStatusCode.OK, (await writer.SubmitAsync(asked, "form.stacked-form", [])).Status);

        using var reader = Speaking(new Browser(forum), "en");
        await reader.CommentAsync(new CommentForm("An English comment.") { Name = "Ann Reader", Email = Ann });
        var news = await smtp.WaitForAsync(author, "Neuer Kommentar von ");
        Assert.Equal($"Neuer Kommentar von Ann Reader zu „{title}“", news.Subject);
        Assert.Contains($"Ann Reader hat Ihren Beitrag „{title}“ kommentiert:\n\n> An English comment.", news.Text, StringComparison.Ordinal);
        AllGerman(news);

        await reader.CommentAsync(new CommentForm("A zebra, held.") { Name = "Ann Reader", Email = Ann });
        var digest = await smtp.WaitForAsync(moderator, "Zur Moderation auf ");
        Assert.Equal("Zur Moderation auf SomeForum: 1 Kommentar", digest.Subject);
        Assert.StartsWith($"Zur Moderation: 1 Kommentar. Neu seit der letzten E-Mail:\n\n- Ann Reader zu „{title}“: A zebra, held.\n\nDie Warteschlange: ",
            digest.Text, StringComparison.Ordinal);
        Assert.Contains("<li><strong>Ann Reader</strong> zu „", digest.Html, StringComparison.Ordinal);
        AllGerman(digest);
    }

    private static Task<Page> RegisterAsync(Browser browser, string email, string name, string password = "a long enough password") =>
        browser.SubmitAsync("/account/register", "form.stacked-form",
            [new("Input.DisplayName", name), new("Input.Email", email), new("Input.Password", password), new("Input.ConfirmPassword", password)]);
}
