using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>A reader whose browser prefers German reads, replies and is told their mistakes in German.</summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class GermanReaderTests(ModeratedForum forum)
{
    [Fact]
    public async Task AGermanReaderReadsThePostAndCommentsInGerman()
    {
        await using var reader = await forum.OpenAsync(locale: "de-DE");
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        // The forum is shared with other stories that publish comments: the count is whatever it is by now.
        await Expect(page.Locator("#comments-title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+ Antworten auf „"));
        await Expect(page.Locator("#reply-title")).ToContainTextAsync("Schreiben Sie einen Kommentar");

        // The script moves the form under the comment and names its author in German.
        await page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"{KhurshedsName} antworten" }).ClickAsync();
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Antwort an {KhurshedsName}");

        // A mistake is told at its field, in German, and what was typed is kept.
        var text = UniqueText("Ein deutscher Kommentar");
        await page.GetByLabel("Kommentar *", new() { Exact = true }).FillAsync(text);
        await page.GetByLabel("E-Mail *", new() { Exact = true }).FillAsync("leserin@example.org");
        var refused = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Kommentar abschicken" }).ClickAsync());
        Assert.Equal(422, refused.Status);
        var message = page.Locator("#Input_Name-error");
        await Expect(message).ToHaveTextAsync("Bitte geben Sie Ihren Namen ein.");
        await Expect(page.GetByLabel("Name *", new() { Exact = true })).ToHaveAccessibleDescriptionAsync("Bitte geben Sie Ihren Namen ein.");
        await Expect(page.GetByLabel("Kommentar *", new() { Exact = true })).ToHaveValueAsync(text);
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Antwort an {KhurshedsName}");

        // The page in German, with its message showing, is as accessible as in English.
        var problems = await Accessibility.AuditAsync(page, "german-refused-comment", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        await page.GetByLabel("Name *", new() { Exact = true }).FillAsync("Leserin");
        var posted = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Kommentar abschicken" }).ClickAsync());
        Assert.Equal(302, posted.Status);
        var mine = page.Locator("li.comment", new() { HasText = text });
        await Expect(mine.Locator(".awaiting-moderation")).ToHaveTextAsync("Ihr Kommentar wartet auf Freischaltung durch die Moderation.");
        // The page's scripts ran with the German words without an error (the console also reports the refused POST's 422).
        Assert.DoesNotContain(reader.ConsoleErrors, e => e.Contains("uncaught", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSwitchTurnsTheSiteToEnglishAndBack()
    {
        await using var reader = await forum.OpenAsync(locale: "de-DE");
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await page.Locator(".language-switch").GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.EndsWith(BrowserForum.SeedPostPath, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#reply-title")).ToContainTextAsync("Leave a Reply");
        await page.Locator(".language-switch").GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
    }
}
