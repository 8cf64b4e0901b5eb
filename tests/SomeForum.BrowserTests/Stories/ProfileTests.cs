using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// A new member and their profile: the header shows their name (never their address) and leads to the profile,
/// where a name that would pass for another member's is refused next to the field, and the address changes
/// behind the password (this forum sends no mail).
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class ProfileTests(OpenForum forum)
{
    private const string Password = "a long enough password";

    private static async Task RegisterAsync(BrowserSession session, string name, string email)
    {
        var page = session.Page;
        await session.GotoAsync("/account/register");
        await page.GetByLabel("Name shown on your comments").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        var answer = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync());
        Assert.True(answer.Status is 302 or 303, $"registering answered {answer.Status}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AMemberRenamesThemselvesAndCannotTakeAnotherMembersName(bool javaScript)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var email = $"pat.{id}@example.org";
        await using var member = await forum.OpenAsync(javaScript);
        var page = member.Page;
        await RegisterAsync(member, $"Pat {id}", email);

        var header = page.Locator(".account-nav");
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = $"Pat {id}" })).ToBeVisibleAsync();
        await Expect(header).Not.ToContainTextAsync(email);
        await NavigateAsync(page, () => header.GetByRole(AriaRole.Link, new() { Name = $"Pat {id}" }).ClickAsync(), "**/account/profile");
        await member.WatchPolicyAsync();
        var name = page.GetByLabel("Name shown on your comments and posts");
        await Expect(name).ToHaveValueAsync($"Pat {id}");

        // The moderator's name in other letters is refused, next to the field, what was typed kept.
        await name.FillAsync(Accounts.Moderator.DisplayName.ToUpperInvariant());
        var refused = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync());
        Assert.Equal(422, refused.Status);
        await Expect(page.Locator("#Name_DisplayName-error")).ToHaveTextAsync(
            $"Another account is called “{Accounts.Moderator.DisplayName.ToUpperInvariant()}”: choose a name nobody could mistake for theirs.");
        await Expect(name).ToHaveValueAsync(Accounts.Moderator.DisplayName.ToUpperInvariant());
        await Expect(name).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bName_DisplayName-error\b"));

        var saved = await SubmitAsync(page, async () =>
        {
            await name.FillAsync($"Patricia {id}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        });
        Assert.True(saved.Status is 302 or 303, $"saving the name answered {saved.Status}");
        await Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync($"Your comments will now show “Patricia {id}”.");
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = $"Patricia {id}" })).ToBeVisibleAsync();

        // The address changes behind the password, and is the one to sign in with afterwards.
        var newEmail = $"patricia.{id}@example.org";
        await page.GetByLabel("New email address").FillAsync(newEmail);
        await page.GetByLabel("Your password").FillAsync(Password);
        var changed = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Change address" }).ClickAsync());
        Assert.True(changed.Status is 302 or 303, $"changing the address answered {changed.Status}");
        await Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync($"Your address is now {newEmail}.");
        await Expect(page.Locator("form.profile-email strong")).ToHaveTextAsync(newEmail);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change your password" })).ToHaveAttributeAsync("href", "/account/password");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mail notifications" })).ToHaveAttributeAsync("href", "/account/notifications");

        await using var again = await forum.OpenAsync(javaScript);
        await Accounts.SignInAsync(again, new Accounts.Account(newEmail, Password, $"Patricia {id}"));
        Assert.Empty(await member.PolicyViolationsAsync());
        // The browser reports the refused name's answer (422) as a failed load; nothing else went wrong.
        Assert.DoesNotContain(member.ConsoleErrors, e => !e.Contains("status of 422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheProfilePageHasNoSeriousAccessibilityProblems()
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var member = await forum.OpenAsync(colorScheme: scheme);
            var page = member.Page;
            await RegisterAsync(member, $"Sam {Guid.NewGuid().ToString("N")[..8]}", $"sam.{Guid.NewGuid():N}@example.org");
            await member.GotoAsync("/account/profile");
            problems.AddRange(await Accessibility.AuditAsync(page, "profile", scheme));
            // And with a message at a field.
            await page.GetByLabel("Your password").FillAsync("wrong password");
            await page.GetByLabel("New email address").FillAsync("sam.elsewhere@example.org");
            var refused = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Change address" }).ClickAsync());
            Assert.Equal(422, refused.Status);
            await Expect(page.Locator("#Email_Password-error")).ToHaveTextAsync("That is not the account's password.");
            problems.AddRange(await Accessibility.AuditAsync(page, "profile-refused", scheme));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
