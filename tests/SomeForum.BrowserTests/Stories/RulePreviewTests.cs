using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>An administrator previews new rules on the rules page: what they would hold, and by which rule, before saving anything.</summary>
[Collection(ReportingForumDefinition.Name)]
public sealed class RulePreviewTests(ReportingForum forum)
{
    [Fact]
    public async Task ThePreviewShowsWhatTheRulesWouldHoldBeforeTheyAreSaved()
    {
        var word = $"w{Guid.NewGuid():N}"[..10];
        await using var admin = await forum.OpenAsync();
        var page = admin.Page;
        await Accounts.SignInAsync(admin, Accounts.Administrator, "/");
        // A published comment with the word, by the administrator (whose comments publish at once).
        await admin.GotoAsync(BrowserForum.SeedPostPath);
        await page.Locator("#Input_Text").FillAsync($"A note about {word} for the preview");
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Post Comment" }).ClickAsync());

        await admin.GotoAsync("/moderation/rules");
        await page.GetByLabel("Moderation words (hold), one a line").FillAsync(word);
        var answer = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync());
        Assert.Equal(200, answer.Status);
        await Expect(page.Locator(".preview-summary")).ToContainTextAsync("these rules would hold");
        var caught = page.Locator("table.preview-caught tbody tr", new() { HasText = word });
        await Expect(caught.Locator(".preview-rule")).ToHaveTextAsync($"Moderation word “{word}”");
        // The words typed are still in the form, not yet saved.
        await Expect(page.GetByLabel("Moderation words (hold), one a line")).ToHaveValueAsync(word);
        await Expect(page.Locator("p", new() { HasText = "These are the rules of the configuration" })).ToBeVisibleAsync();

        var problems = await Accessibility.AuditAsync(page, "moderation-rules-preview", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(admin.ConsoleErrors);
        Assert.Empty(await admin.PolicyViolationsAsync());
    }
}
