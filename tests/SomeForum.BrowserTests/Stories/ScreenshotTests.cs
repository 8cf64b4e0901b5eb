using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Full-page pictures of the main pages on a desktop, a phone and a 320 px phone, kept in
/// test-output/screenshots/ for a person to look at; the pages must also fit the screen's width.
/// The moderation queue's are taken in <see cref="ModerationDeskTests"/>.
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class ScreenshotTests(SeededForum forum)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    [InlineData("narrow")]
    public async Task TheMainPagesArePhotographedAndFitTheScreen(string device)
    {
        var (width, height, phone) = Screenshots.Devices[device];
        await using var reader = await forum.OpenAsync(width: width, height: height, phone: phone);
        var page = reader.Page;

        foreach (var (name, path) in new[]
        {
            ("home", "/"),
            ("post", BrowserForum.SeedPostPath),
            ("thread", $"{BrowserForum.SeedPostPath}#comment-11"),
        })
        {
            if (name == "thread")
            {
                // Arriving from elsewhere (a link in an email, say), not a jump within the post page.
                await page.GotoAsync("about:blank");
            }
            await reader.GotoAsync(path);
            if (name == "thread")
            {
                // The deep thread: Tim Collins' reply at the third level, highlighted and scrolled to.
                await Expect(page.Locator("li:target")).ToHaveIdAsync("comment-11");
                await Expect(page.Locator("#comment-11")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdepth-3\b"));
                await Expect(page.Locator("#comment-11 > article")).ToBeInViewportAsync();
            }
            // Every picture in, so the screenshot shows the page as a reader sees it.
            await page.Locator("img.avatar").EvaluateAllAsync<int>("imgs => Promise.all(imgs.map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); })).then(all => all.length)");
            await Screenshots.TakeAsync(page, name, device);
        }
        Assert.Empty(reader.ConsoleErrors);
    }
}
