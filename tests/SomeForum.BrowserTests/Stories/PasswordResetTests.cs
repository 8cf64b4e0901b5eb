using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>A forum that sends its mail to a real SMTP server on loopback, read back by the story.</summary>
public sealed class MailForum : BrowserForum
{
    public MailForum() : this(TestSmtpServer.Start())
    {
    }

    private MailForum(TestSmtpServer smtp) : base(new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:FromAddress"] = "forum@example.org",
        ["Mail:PollSeconds"] = "1",
        // Links in mails are absolute; the story follows their path on the server's own (random) port.
        ["Pingback:SiteUrl"] = "http://localhost",
    }) => Smtp = smtp;

    public TestSmtpServer Smtp { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// "Forgot your password?" through the pages, as a member who forgot theirs goes: from the sign-in page to the mail,
/// from the mail's link to a new password, and signed in with it. axe finds nothing serious on the two new pages.
/// </summary>
public sealed class PasswordResetTests(MailForum forum) : IClassFixture<MailForum>
{
    [Fact]
    public async Task AMemberWhoForgotTheirPasswordChoosesANewOneThroughTheMailedLink()
    {
        var member = new Accounts.Account("forgetful.fran@example.org", "a password long forgotten", "Forgetful Fran");
        await using (var scope = forum.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            var created = await users.CreateAsync(new ForumUser
            {
                UserName = member.Email, Email = member.Email, EmailConfirmed = true, DisplayName = member.DisplayName, CreatedAt = DateTime.UtcNow,
            }, member.Password);
            Assert.True(created.Succeeded);
        }
        await using var session = await forum.OpenAsync();
        var page = session.Page;

        await session.GotoAsync("/account/sign-in");
        await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync(), "**/account/forgot-password");
        await session.WatchPolicyAsync();
        var forgotProblems = await Accessibility.AuditAsync(page, "forgot-password", ColorScheme.Light);
        Assert.True(forgotProblems.Count == 0, string.Join(Environment.NewLine, forgotProblems));

        await page.GetByLabel("Email").FillAsync(member.Email);
        var asked = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync());
        Assert.Equal(200, asked.Status);
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync($"if an account has the address {member.Email}, we sent it a link");

        var mail = await forum.Smtp.WaitForAsync(member.Email, "Choose a new password");
        var link = new Uri(mail.Link("http://localhost/account/reset-password?user="));
        await session.GotoAsync(link.PathAndQuery);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
        var resetProblems = await Accessibility.AuditAsync(page, "reset-password", ColorScheme.Light);
        Assert.True(resetProblems.Count == 0, string.Join(Environment.NewLine, resetProblems));

        const string NewPassword = "remembered this time";
        await page.GetByLabel("New password (at least 10 characters)").FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        var changed = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync());
        Assert.Equal(200, changed.Status);
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("your password is changed");

        await Accounts.SignInAsync(session, member with { Password = NewPassword });
        await Expect(page.Locator(".account-nav")).ToContainTextAsync(member.DisplayName);
        Assert.Empty(await session.PolicyViolationsAsync());
    }
}
