using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// An administrator renames the site on the settings page, and every reader sees the new title and tagline at
/// once: on the home page, on a post and on the sign-in page, though a guest's copy of them was cached. The page
/// itself is photographed (test-output/screenshots/settings-desktop.png) and audited by axe in both colour schemes.
/// </summary>
[Collection(SettingsForumDefinition.Name)]
public sealed class SettingsTests(SettingsForum forum)
{
    [Fact]
    public async Task AnAdministratorRenamesTheSiteAndEveryPageShowsIt()
    {
        // A guest reads first, so the pages are in the guests' cache with the configuration's title.
        await using var guest = await forum.OpenAsync();
        var reader = guest.Page;
        foreach (var path in new[] { "/", BrowserForum.SeedPostPath, "/account/sign-in" })
        {
            await guest.GotoAsync(path);
            await Expect(reader.Locator(".site-header .site-title")).ToHaveTextAsync("SomeForum");
        }

        await using var admin = await forum.OpenAsync();
        var page = admin.Page;
        await Accounts.SignInAsync(admin, Accounts.Administrator, "/moderation");
        await page.Locator("nav.admin-nav").GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Settings");
        await Expect(page.Locator("#source-Title")).ToHaveTextAsync("From the configuration (Site:Title).");

        await page.GetByLabel("Site title").FillAsync("The Reading Room");
        await page.GetByLabel("Tagline").FillAsync("Slow talk, long threads");
        var answer = await CommentForm.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync());
        Assert.Equal(302, answer.Status);
        await Expect(page.Locator(".notice")).ToContainTextAsync("The settings are saved");
        await Expect(page.Locator("#source-Title")).ToContainTextAsync("Saved here");
        await Expect(page.Locator(".site-header .site-title")).ToHaveTextAsync("The Reading Room");
        await Screenshots.TakeAsync(page, "settings", "desktop");
        Assert.Empty(admin.ConsoleErrors);
        Assert.Empty(await admin.PolicyViolationsAsync());

        foreach (var (path, title) in new[]
        {
            ("/", "The Reading Room"),
            (BrowserForum.SeedPostPath, "SoMe, So Far, So What? – The Reading Room"),
            ("/account/sign-in", "Sign in – The Reading Room"),
        })
        {
            await guest.GotoAsync(path);
            await Expect(reader.Locator(".site-header .site-title")).ToHaveTextAsync("The Reading Room");
            await Expect(reader.Locator(".site-header .site-tagline")).ToHaveTextAsync("Slow talk, long threads");
            await Expect(reader).ToHaveTitleAsync(title);
        }
    }

    [Fact]
    public async Task TheSettingsPageHasNoSeriousAccessibilityProblems()
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var admin = await forum.OpenAsync(colorScheme: scheme);
            await Accounts.SignInAsync(admin, Accounts.Administrator, "/admin/settings");
            problems.AddRange(await Accessibility.AuditAsync(admin.Page, "settings", scheme));
            // With a value refused, its message next to the field.
            await admin.Page.GetByLabel("Public address").FillAsync("https://owner:secret@forum.example.org");
            var refused = await CommentForm.SubmitAsync(admin.Page, () => admin.Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync());
            Assert.Equal(422, refused.Status);
            await Expect(admin.Page.Locator("[data-valmsg-for='Input.SiteUrl']")).ToHaveTextAsync("The address may not carry a user name or password.");
            problems.AddRange(await Accessibility.AuditAsync(admin.Page, "settings-refused", scheme));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

/// <summary>A forum of its own: the story renames the site, which no other story may see.</summary>
public sealed class SettingsForum() : BrowserForum([]);

[CollectionDefinition(Name)]
public sealed class SettingsForumDefinition : ICollectionFixture<SettingsForum>
{
    public const string Name = "Settings forum";
}
