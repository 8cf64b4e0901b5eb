using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>The people with accounts on every test forum, and signing in as one of them through the real form.</summary>
public static class Accounts
{
    public sealed record Account(string Email, string Password, string DisplayName);

    /// <summary>Made by the app itself at start-up, from <c>Admin:Email</c> and <c>Admin:Password</c>.</summary>
    public static readonly Account Administrator = new("ada.admin@example.org", "correct horse battery staple", "ada.admin");

    /// <summary>Given the Moderator role by the fixture, as an administrator would on the users page.</summary>
    public static readonly Account Moderator = new("mo.moderator@example.org", "moderating is a craft", "Mo Moderator");

    internal static async Task CreateAsync(IServiceProvider services, Account account, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = new ForumUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            CreatedAt = DateTime.UtcNow,
        };
        Check(await users.CreateAsync(user, account.Password));
        Check(await users.AddToRoleAsync(user, role));

        void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not make {account.Email} a {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    /// <summary>Signs in through /account/sign-in, as a person would, and comes back to <paramref name="returnTo"/>.</summary>
    public static async Task SignInAsync(BrowserSession session, Account account, string returnTo = "/")
    {
        var page = session.Page;
        await session.GotoAsync($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnTo)}");
        var form = page.Locator("form.stacked-form");
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        var answer = await CommentForm.SubmitAsync(page, () => form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        Assert.True(answer.Status is 302 or 303, $"Signing in as {account.Email} answered {answer.Status}");
        Assert.Equal(returnTo, new Uri(page.Url).PathAndQuery);
        await session.WatchPolicyAsync();
        await Expect(page.Locator(".account-nav")).ToContainTextAsync("Sign out");
    }
}
