using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Notifications;
using SomeForum.Web.Accounts;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Accounts;

/// <summary>
/// "Forgot your password?" with the real test SMTP server, and what it is for: whoever registered someone else's
/// address loses the account to the mailbox's owner, and a registration never confirmed expires.
/// </summary>
public sealed class PasswordResetTests
{
    private const string Forgot = "/account/forgot-password";
    private const string SquatterPassword = "the squatter's password";
    private const string OwnersPassword = "the owner's own password";

    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    /// <summary>The app's own clock, moved forward by a test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Ahead;
    }

    /// <summary>Sessions checked on every request (the app checks every few seconds), and a clock to move.</summary>
    private sealed class StrictForum : ForumFactory
    {
        public MovableClock Clock { get; } = new();

        public TimeSpan? ResetLinkLifespan { get; init; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
                // Identity's token provider reads the system clock: a short life is how a test sees a link expire.
                if (ResetLinkLifespan is { } lifespan) services.PostConfigure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = lifespan);
            });
        }
    }

    private static StrictForum Forum(TestSmtpServer smtp, TimeSpan? resetLinkLifespan = null) =>
        new StrictForum { ResetLinkLifespan = resetLinkLifespan }.WithMail(smtp);

    private static Task<Page> RegisterAsync(Browser browser, string email, string name, string password) =>
        browser.SubmitAsync("/account/register", "form.stacked-form",
            [F("Input.DisplayName", name), F("Input.Email", email), F("Input.Password", password), F("Input.ConfirmPassword", password)]);

    private static Task<Page> AskForLinkAsync(Browser browser, string email) =>
        browser.SubmitAsync(Forgot, "form.stacked-form", [F("Input.Email", email)]);

    private static Task<Page> SignInAsync(Browser browser, string email, string password) =>
        browser.SubmitAsync("/account/sign-in", "form.stacked-form", [F("Input.Email", email), F("Input.Password", password)]);

    private static Task<Page> ChooseAsync(Browser browser, Page form, string password) =>
        browser.SubmitAsync(form, "form.stacked-form", [F("Input.NewPassword", password), F("Input.ConfirmPassword", password)]);

    private static string ResetLink(ReceivedMail mail) => mail.Link($"{MailStory.Site}/account/reset-password?user=");

    [Fact]
    public async Task TheOwnerTakesBackTheAddressASquatterRegisteredAndTheSquatterIsOut()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        using var squatter = new Browser(forum);
        using var owner = new Browser(forum);

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(squatter, "victim@example.org", "Squatter", SquatterPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(squatter, "victim@example.org", SquatterPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await squatter.GetAsync("/account/confirm")).Status);
        var stampBefore = await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "victim@example.org").Select(u => u.SecurityStamp).SingleAsync());

        // The sign-in page leads to the form; the answer promises nothing about the address.
        var signIn = await owner.GetAsync("/account/sign-in");
        Assert.Equal(Forgot, signIn.Document.QuerySelector("a[href='/account/forgot-password']")?.GetAttribute("href"));
        var asked = await AskForLinkAsync(owner, "victim@example.org");
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("if an account has the address", asked.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        var mail = await smtp.WaitForAsync("victim@example.org", "Choose a new password");
        Assert.Contains("works once, for 60 minutes", mail.Text, StringComparison.Ordinal);
        var link = ResetLink(mail);

        // A mail scanner opens the link first: that uses nothing, and changes nothing.
        using (var scanner = new Browser(forum)) Assert.Equal(HttpStatusCode.OK, (await scanner.OpenLinkAsync(link)).Status);
        var form = await owner.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.NotNull(form.Document.QuerySelector("form.stacked-form input[name='Input.NewPassword']"));
        Assert.False(await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "victim@example.org").Select(u => u.EmailConfirmed).SingleAsync()));

        // A new password that the rules refuse is said next to the field, and the link still works.
        var tooShort = await ChooseAsync(owner, form, "short");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.Status);
        Assert.Contains("at least 10 characters", tooShort.Body, StringComparison.Ordinal);

        var done = await ChooseAsync(owner, form, OwnersPassword);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("your password is changed, your address is confirmed", done.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var account = await forum.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "victim@example.org"));
        Assert.True(account.EmailConfirmed);
        Assert.NotEqual(stampBefore, account.SecurityStamp);

        // The owner signs in and goes straight in (no "confirm your address first"); the squatter's password and session are gone.
        var ownerIn = await SignInAsync(owner, "victim@example.org", OwnersPassword);
        Assert.Equal(HttpStatusCode.Redirect, ownerIn.Status);
        Assert.Equal("/", ownerIn.Location);
        using var third = new Browser(forum);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(third, "victim@example.org", SquatterPassword)).Status);
        var squattersSession = await squatter.GetAsync("/account/confirm");
        Assert.Equal(HttpStatusCode.Redirect, squattersSession.Status);
        Assert.StartsWith("/account/sign-in", squattersSession.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);

        // The link worked once: opening it again, or posting its form again, is refused with a clear message.
        var again = await owner.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("This link no longer works", again.Document.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("input[name='Input.NewPassword']"));
        var replay = await ChooseAsync(owner, form, "yet another password");
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(third, "victim@example.org", OwnersPassword)).Status);
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedWithAClearMessage()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp, resetLinkLifespan: TimeSpan.FromSeconds(2));
        await forum.CreateUserAsync("late@example.org");
        using var browser = new Browser(forum);

        await AskForLinkAsync(browser, "late@example.org");
        var link = ResetLink(await smtp.WaitForAsync("late@example.org", "Choose a new password"));
        var form = await browser.OpenLinkAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var late = await ChooseAsync(browser, form, OwnersPassword);
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Contains("it has expired", late.Document.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/account/forgot-password", late.Document.QuerySelector("[role=alert] a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.OpenLinkAsync(link)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "late@example.org", ForumFactory.UserPassword)).Status);
    }

    [Fact]
    public async Task AnAddressWithoutAnAccountGetsTheSameAnswerAndANoticeWithoutALink()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        await forum.CreateUserAsync("member@example.org");
        using var browser = new Browser(forum);

        var known = await AskForLinkAsync(browser, "member@example.org");
        var unknown = await AskForLinkAsync(browser, "nobody@example.org");
        Assert.Equal(known.Status, unknown.Status);
        string Answer(Page page) => page.Document.QuerySelector("section")!.InnerHtml
            .Replace("member@example.org", "X", StringComparison.Ordinal).Replace("nobody@example.org", "X", StringComparison.Ordinal);
        Assert.Equal(Answer(known), Answer(unknown));

        var notice = await smtp.WaitForAsync("nobody@example.org", "No account");
        Assert.DoesNotContain("/account/reset-password", notice.Text, StringComparison.Ordinal);
        Assert.Contains($"{MailStory.Site}/account/register", notice.Text, StringComparison.Ordinal);
        Assert.Equal([MailKind.PasswordResetNoAccount], (await forum.MailsToAsync("nobody@example.org")).Select(m => m.Kind));
        Assert.Equal([MailKind.PasswordReset], (await forum.MailsToAsync("member@example.org")).Select(m => m.Kind));
        Assert.Equal(0, await forum.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "nobody@example.org")));
    }

    [Fact]
    public async Task AnUnconfirmedRegistrationExpiresAndTheAddressRegistersAsNew()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        using var squatter = new Browser(forum);
        using var owner = new Browser(forum);
        await RegisterAsync(squatter, "held@example.org", "Squatter", SquatterPassword);
        var squattersLink = (await smtp.WaitForAsync("held@example.org", "Confirm your account")).Link($"{MailStory.Site}/account/confirm?user=");

        // Within the 48 hours the address is still held: registering it again tells its owner, and makes nothing.
        forum.Clock.Ahead = TimeSpan.FromHours(47);
        await RegisterAsync(owner, "held@example.org", "Owner", OwnersPassword);
        await smtp.WaitForAsync("held@example.org", "You already have an account");
        Assert.Equal("Squatter", await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "held@example.org").Select(u => u.DisplayName).SingleAsync()));

        forum.Clock.Ahead = TimeSpan.FromHours(49);
        var registered = await RegisterAsync(owner, "held@example.org", "Owner", OwnersPassword);
        Assert.Contains("Check your mail", registered.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Owner", await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "held@example.org").Select(u => u.DisplayName).SingleAsync()));
        var ownersMail = await smtp.WaitForAsync(m => m.Recipients.Contains("held@example.org")
            && m.Subject.Contains("Confirm your account", StringComparison.Ordinal) && !m.Text.Contains(squattersLink, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(squatter, "held@example.org", SquatterPassword)).Status);
        // The squatter's own link confirms nothing now: its account is gone.
        var stale = await squatter.OpenLinkAsync(squattersLink);
        Assert.Equal(HttpStatusCode.BadRequest, (await squatter.SubmitAsync(stale, "form.stacked-form", [])).Status);
        // The owner's own link confirms the new account.
        var asked = await owner.OpenLinkAsync(ownersMail.Link($"{MailStory.Site}/account/confirm?user="));
        Assert.Equal(HttpStatusCode.OK, (await owner.SubmitAsync(asked, "form.stacked-form", [])).Status);
        Assert.True(await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "held@example.org").Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task TheSweepRemovesOnlyExpiredRegistrationsThatNeverDidAnything()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        using var browser = new Browser(forum);
        await RegisterAsync(browser, "gone@example.org", "Gone", SquatterPassword);
        await RegisterAsync(browser, "granted@example.org", "Granted", SquatterPassword);
        await RegisterAsync(browser, "fresh@example.org", "Fresh", SquatterPassword);
        // An account from before confirmations (or made without mail) is unconfirmed, and never expires.
        await forum.CreateUserAsync("older@example.org");
        await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "older@example.org").ExecuteUpdateAsync(s => s
            .SetProperty(u => u.EmailConfirmed, false).SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-30))));
        await using (var scope = forum.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync("granted@example.org"))!, Roles.Author)).Succeeded);
        }
        await forum.WithDbAsync(db => db.Users.Where(u => u.Email == "fresh@example.org").ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddHours(49))));

        forum.Clock.Ahead = TimeSpan.FromHours(49);
        await using (var scope = forum.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<UnconfirmedAccounts>().RemoveExpiredAsync(null, CancellationToken.None));
        }
        var left = await forum.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
        Assert.DoesNotContain("gone@example.org", left);
        Assert.Contains("granted@example.org", left);
        Assert.Contains("fresh@example.org", left);
        Assert.Contains("older@example.org", left);
    }

    [Fact]
    public async Task RequestsAreLimitedByAddressAndClientAndTheFormsNeedTheirToken()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        await forum.CreateUserAsync("asked@example.org");
        using var eager = new Browser(forum);

        for (var i = 0; i < PasswordResetThrottle.PerAddressAndClient; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskForLinkAsync(eager, "asked@example.org")).Status);
        }
        var refused = await AskForLinkAsync(eager, "asked@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Too many reset requests from here", refused.Document.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        // Another client still asks for the same address: a stranger cannot keep its owner from a link.
        using var other = new Browser(forum);
        Assert.Equal(HttpStatusCode.OK, (await AskForLinkAsync(other, "asked@example.org")).Status);
        Assert.Equal(PasswordResetThrottle.PerAddressAndClient + 1, (await forum.MailsToAsync("asked@example.org")).Count(m => m.Kind == MailKind.PasswordReset));

        // Neither form is taken without its antiforgery token.
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostFormAsync(Forgot, [F("Input.Email", "asked@example.org")])).Status);
        var link = ResetLink(await smtp.WaitForAsync("asked@example.org", "Choose a new password"));
        var query = new Uri(link).Query;
        var userId = Uri.UnescapeDataString(query.Split('&')[0]["?user=".Length..]);
        var token = Uri.UnescapeDataString(query.Split('&')[1]["token=".Length..]);
        var forged = await other.PostFormAsync("/account/reset-password",
            [F("user", userId), F("token", token), F("Input.NewPassword", "a forged new password"), F("Input.ConfirmPassword", "a forged new password")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(other, "asked@example.org", ForumFactory.UserPassword)).Status);
    }

    [Fact]
    public async Task WithoutMailThePagesSayAnAdministratorResetsAndTheAdministratorDoes()
    {
        using var forum = new StrictForum();
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);
        await forum.CreateUserAsync("forgetful@example.org");
        using var member = new Browser(forum);
        using var signedIn = new Browser(forum);
        await signedIn.SignInAsync("forgetful@example.org", ForumFactory.UserPassword);

        var page = await member.GetAsync(Forgot);
        Assert.Contains("passwords are reset by the site's administrators", page.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form.stacked-form"));

        using var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var users = await admin.GetAsync("/admin/users");
        var row = users.Document.QuerySelectorAll("table.users tr").Single(r => r.QuerySelector("td")?.TextContent == "forgetful@example.org");
        Assert.Null(users.Document.QuerySelectorAll("table.users tr").Single(r => r.QuerySelector("td")?.TextContent == "admin@example.org")
            .QuerySelector("td.password form"));
        var id = row.QuerySelector("td.password input[name=id]")!.GetAttribute("value")!;
        var set = await admin.SubmitAsync(users, "td.password form", [F("id", id), F("password", "chosen by the admin")]);
        Assert.Equal(HttpStatusCode.Redirect, set.Status);
        Assert.Contains("has a new password", (await admin.FollowAsync(set)).Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(member, "forgetful@example.org", "chosen by the admin")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(admin, "forgetful@example.org", ForumFactory.UserPassword)).Status);
        // The member's open session ended with the old password.
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/account/password")).Status);
        Assert.Equal(1, await forum.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.Action == "Set password")));
    }

    [Fact]
    public async Task WithMailAnAdministratorSendsTheResetLink()
    {
        await using var smtp = TestSmtpServer.Start();
        using var forum = Forum(smtp);
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);
        await forum.CreateUserAsync("helped@example.org");
        using var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var users = await admin.GetAsync("/admin/users");
        var id = users.Document.QuerySelectorAll("table.users tr").Single(r => r.QuerySelector("td")?.TextContent == "helped@example.org")
            .QuerySelector("td.password input[name=id]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(users, "td.password form", [F("id", id)])).Status);

        using var member = new Browser(forum);
        var form = await member.OpenLinkAsync(ResetLink(await smtp.WaitForAsync("helped@example.org", "Choose a new password")));
        Assert.Equal(HttpStatusCode.OK, (await ChooseAsync(member, form, OwnersPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(member, "helped@example.org", OwnersPassword)).Status);
    }
}
