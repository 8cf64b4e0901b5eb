using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Notifications;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Accounts;

/// <summary>The profile page: the name an account shows, and moving it to another address, with mail and without.</summary>
public sealed class ProfileTests
{
    private const string Profile = "/account/profile";

    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private static async Task<Browser> SignedInAsync(ForumFactory forum, string email)
    {
        await forum.CreateUserAsync(email);
        var browser = new Browser(forum);
        await browser.SignInAsync(email, ForumFactory.UserPassword);
        return browser;
    }

    private static string? HeaderName(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector($"nav.account-nav a[href='{Profile}']")?.TextContent;

    [Fact]
    public async Task TheHeaderShowsTheDisplayNameNeverTheAddressAndFollowsAChange()
    {
        using var forum = new ForumFactory();
        using var ann = await SignedInAsync(forum, "ann.smith@example.org");

        var home = await ann.OpenAsync("/");
        Assert.Equal("ann.smith", HeaderName(home));
        Assert.DoesNotContain("ann.smith@example.org", home.Body!.TextContent, StringComparison.Ordinal);

        var saved = await ann.SubmitAsync(Profile, "form.profile-name", [F("Name.DisplayName", "  Ann   <b>Smith</b> ")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var profile = await ann.FollowAsync(saved);
        Assert.Equal("Your comments will now show “Ann <b>Smith</b>”.", profile.Document.QuerySelector(".notice")?.TextContent);
        // Encoded on output: the markup is text, not an element.
        Assert.Equal("Ann <b>Smith</b>", HeaderName(profile.Document));
        Assert.Null(profile.Document.QuerySelector("nav.account-nav b"));
        Assert.Equal("Ann <b>Smith</b>", await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "ann.smith@example.org").Select(u => u.DisplayName).SingleAsync()));

        // A comment written now carries the new name.
        var posted = await ann.SubmitAsync(SeedThread.Url, "form.comment-form", [F("Input.Text", "Signed with my new name.")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal("Ann <b>Smith</b>", await forum.WithDbAsync(db => db.Comments.Where(c => c.Source == "Signed with my new name.").Select(c => c.AuthorName).SingleAsync()));
    }

    [Theory]
    [InlineData("BOB", "Another account is called “BOB”: choose a name nobody could mistake for theirs.")]
    [InlineData("bob", "Another account is called “bob”: choose a name nobody could mistake for theirs.")]
    [InlineData("Al\u200Bice", "A name cannot hold invisible or control characters.")]
    [InlineData("Alice\u0007", "A name cannot hold invisible or control characters.")]
    [InlineData("\u3164", "A name cannot hold invisible or control characters.")]
    [InlineData("   ", "Enter the name to show on your comments.")]
    [InlineData("...", "A name needs at least one letter or digit.")]
    [InlineData("TOO-LONG", "A name can be at most 50 characters.")]
    public async Task NamesThatHideOrImpersonateAreRefusedNextToTheField(string wanted, string message)
    {
        using var forum = new ForumFactory();
        await forum.CreateUserAsync("bob@example.org");
        using var ann = await SignedInAsync(forum, "ann@example.org");
        wanted = wanted == "TOO-LONG" ? new string('a', 51) : wanted;

        var refused = await ann.SubmitAsync(Profile, "form.profile-name", [F("Name.DisplayName", wanted)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(message, refused.Document.GetElementById("Name_DisplayName-error")?.TextContent.Trim());
        // What was typed is kept in the box, to be mended.
        Assert.Equal(wanted, refused.Document.GetElementById("Name_DisplayName")?.GetAttribute("value"));
        Assert.Equal("ann", await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "ann@example.org").Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task RegisteringUnderAnotherAccountsNameInOtherLettersIsRefused()
    {
        using var forum = new ForumFactory();
        await forum.CreateUserAsync("bob@example.org");
        using var mallory = new Browser(forum);
        var refused = await mallory.SubmitAsync("/account/register", "form.stacked-form",
            [F("Input.DisplayName", "Bob"), F("Input.Email", "mallory@example.org"), F("Input.Password", ForumFactory.UserPassword), F("Input.ConfirmPassword", ForumFactory.UserPassword)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("Another account is called “Bob”", refused.Document.QuerySelector("[data-valmsg-for='Input.DisplayName']")?.TextContent, StringComparison.Ordinal);
        Assert.False(await forum.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "mallory@example.org")));
    }

    [Fact]
    public async Task WithoutMailTheAddressChangesAtOnceBehindThePassword()
    {
        using var forum = new ForumFactory();
        await forum.CreateUserAsync("taken@example.org");
        using var ann = await SignedInAsync(forum, "ann@example.org");
        var page = await ann.OpenAsync(Profile);
        Assert.Contains("This site sends no mail", page.QuerySelector("form.profile-email")?.TextContent, StringComparison.Ordinal);

        var wrong = await ann.SubmitAsync(Profile, "form.profile-email", [F("Email.NewEmail", "ann@new.example.org"), F("Email.Password", "not my password")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Equal("That is not the account's password.", wrong.Document.GetElementById("Email_Password-error")?.TextContent.Trim());
        Assert.Equal("ann@new.example.org", wrong.Document.GetElementById("Email_NewEmail")?.GetAttribute("value"));

        var taken = await ann.SubmitAsync(Profile, "form.profile-email", [F("Email.NewEmail", "taken@example.org"), F("Email.Password", ForumFactory.UserPassword)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.Status);
        Assert.Contains("is already taken", taken.Document.GetElementById("Email_NewEmail-error")?.TextContent, StringComparison.Ordinal);

        var changed = await ann.SubmitAsync(Profile, "form.profile-email", [F("Email.NewEmail", "ann@new.example.org"), F("Email.Password", ForumFactory.UserPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal("Your address is now ann@new.example.org.", (await ann.FollowAsync(changed)).Document.QuerySelector(".notice")?.TextContent);
        var stored = await forum.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.DisplayName == "ann"));
        Assert.Equal(("ann@new.example.org", "ann@new.example.org", false), (stored.Email, stored.UserName, stored.EmailConfirmed));

        using var again = new Browser(forum);
        await again.SignInAsync("ann@new.example.org", ForumFactory.UserPassword);
    }

    [Fact]
    public async Task WithMailTheAddressChangesOnlyWhenTheLinkMailedToItIsConfirmed()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = MailStory.Forum(smtp);
        using var ann = await SignedInAsync(forum, "ann@example.org");

        var asked = await ann.SubmitAsync(Profile, "form.profile-email", [F("Email.NewEmail", "Ann@New.example.org"), F("Email.Password", ForumFactory.UserPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.StartsWith("We mailed a link to Ann@New.example.org.", (await ann.FollowAsync(asked)).Document.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
        // Nothing changes until the new address answers.
        Assert.Equal("ann@example.org", await forum.WithDbAsync(db => db.Users.Where(u => u.DisplayName == "ann").Select(u => u.Email).SingleAsync()));

        var mail = await smtp.WaitForAsync("ann@new.example.org", "Confirm your new address");
        var link = mail.Link($"{MailStory.Site}/account/email/confirm?");
        Assert.Equal(MailKind.EmailChange, (await forum.MailsToAsync("ann@new.example.org")).Single().Kind);

        // A link with its token altered changes nothing.
        var forged = await ann.OpenLinkAsync(link.Replace("address=Ann%40New.example.org", "address=mallory%40example.org", StringComparison.Ordinal));
        var refused = await ann.SubmitAsync(forged, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);

        // A stranger's browser (the link needs no session): opening only asks; the button changes the address.
        using var mailbox = new Browser(forum);
        var question = await mailbox.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Equal("ann@example.org", await forum.WithDbAsync(db => db.Users.Where(u => u.DisplayName == "ann").Select(u => u.Email).SingleAsync()));
        var done = await mailbox.SubmitAsync(question, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("is now Ann@New.example.org", done.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var stored = await forum.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.DisplayName == "ann"));
        Assert.Equal(("Ann@New.example.org", "Ann@New.example.org", true), (stored.Email, stored.UserName, stored.EmailConfirmed));
        // The address has proved itself: notifications need no second confirmation.
        Assert.True(await forum.WithDbAsync(db => db.MailRecipients.AnyAsync(r => r.Address == "ann@new.example.org" && r.ConfirmedAt != null)));

        // The link works once.
        var replay = await mailbox.SubmitAsync(question, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
    }
}
