using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// The post editor as a writer uses it: Publish asks once (in the page with scripts, on a page of its own without),
/// a preview beside the text follows the typing, the page has no serious accessibility problem; and the text
/// readers get runs 65–75 characters a line.
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class EditorTests(OpenForum forum, ITestOutputHelper output)
{
    private async Task<BrowserSession> EditorAsync(bool javaScript = true, int width = 1280, ColorScheme scheme = ColorScheme.Light)
    {
        var admin = await forum.OpenAsync(javaScript, width: width, colorScheme: scheme);
        await Accounts.SignInAsync(admin, Accounts.Administrator);
        await admin.GotoAsync(ForumUrls.NewPost);
        return admin;
    }

    private async Task<PostStatus?> StatusOfAsync(string title)
    {
        await using var scope = forum.Services.CreateAsyncScope();
        var posts = scope.ServiceProvider.GetRequiredService<ForumDb>().Posts;
        return await posts.Where(p => p.Title == title).Select(p => (PostStatus?)p.Status).SingleOrDefaultAsync();
    }

    private static ILocator PublishButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true });
    private static ILocator PublishNow(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Publish now" });

    [Fact]
    public async Task WithScriptsPublishAsksOnceInThePage()
    {
        var title = UniqueText("Asked once with scripts");
        await using var admin = await EditorAsync();
        var page = admin.Page;
        await page.GetByLabel("Title *").FillAsync(title);
        await page.GetByLabel("Text * (Markdown)").FillAsync("Ready for readers.");
        var posts = 0;
        page.Request += (_, request) => { if (request.Method == "POST" && request.IsNavigationRequest) posts++; };

        // The question comes in the page: nothing is sent, nothing is stored.
        await Expect(PublishNow(page)).ToBeHiddenAsync();
        await PublishButton(page).ClickAsync();
        await Expect(PublishNow(page)).ToBeFocusedAsync();
        await Expect(page.Locator("#publish-confirm")).ToContainTextAsync($"Publish “{title}” now?");
        Assert.Equal(0, posts);
        Assert.Null(await StatusOfAsync(title));

        // "Keep editing" takes the question back; asked again, "Publish now" publishes at once, with no second question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
        await Expect(PublishNow(page)).ToBeHiddenAsync();
        await Expect(PublishButton(page)).ToBeFocusedAsync();
        await PublishButton(page).ClickAsync();
        var published = await SubmitAsync(page, () => PublishNow(page).ClickAsync());
        Assert.True(published.Status is 302 or 303, $"Publish now answered {published.Status}");
        Assert.Equal(1, posts);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        Assert.Equal(PostStatus.Published, await StatusOfAsync(title));
        Assert.Empty(await admin.PolicyViolationsAsync());
        Assert.Empty(admin.ConsoleErrors);
    }

    [Fact]
    public async Task WithoutScriptsPublishLeadsToAPageThatAsksOnce()
    {
        var title = UniqueText("Asked once without scripts");
        await using var admin = await EditorAsync(javaScript: false);
        var page = admin.Page;
        await page.GetByLabel("Title *").FillAsync(title);
        await page.GetByLabel("Text * (Markdown)").FillAsync("Some *careful* words.");

        // Publish shows the post as readers will see it, and asks; nothing is stored yet.
        var asked = await SubmitAsync(page, () => PublishButton(page).ClickAsync());
        Assert.Equal(200, asked.Status);
        await Expect(page.Locator(".post-preview h2")).ToHaveTextAsync("As readers will see it");
        await Expect(page.Locator(".post-preview .post-body em")).ToHaveTextAsync("careful");
        await Expect(page.Locator("#publish-confirm")).ToContainTextAsync($"Publish “{title}” now?");
        await Expect(PublishNow(page)).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Text * (Markdown)")).ToHaveValueAsync("Some *careful* words.");
        Assert.Null(await StatusOfAsync(title));

        // One answer publishes.
        var published = await SubmitAsync(page, () => PublishNow(page).ClickAsync());
        Assert.True(published.Status is 302 or 303, $"Publish now answered {published.Status}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        Assert.Equal(PostStatus.Published, await StatusOfAsync(title));
    }

    [Fact]
    public async Task ThePreviewBesideTheTextFollowsTheTyping()
    {
        await using var admin = await EditorAsync();
        var page = admin.Page;
        var text = page.GetByLabel("Text * (Markdown)");
        var preview = page.Locator("#live-preview .post-body");
        await Expect(page.Locator("#live-preview")).ToBeVisibleAsync();

        await text.PressSequentiallyAsync("Some *typed* words\n\n# A heading");
        await Expect(preview.Locator("em")).ToHaveTextAsync("typed");
        // As the post will show it: its headings start under the page's title.
        await Expect(preview.Locator("h2")).ToHaveTextAsync("A heading");
        await text.PressSequentiallyAsync("\n\n- one\n- two");
        await Expect(preview.Locator("ul > li")).ToHaveCountAsync(2);

        // Beside the text on a desktop, not under it.
        var textBox = (await text.BoundingBoxAsync())!;
        var previewBox = (await page.Locator("#live-preview").BoundingBoxAsync())!;
        Assert.True(previewBox.X >= textBox.X + textBox.Width, $"the preview starts at x={previewBox.X}, inside the text box ({textBox.X}+{textBox.Width})");
        Assert.True(Math.Abs(previewBox.Y - textBox.Y) < textBox.Height, "the preview is not level with the text");

        Assert.Empty(await admin.PolicyViolationsAsync());
        Assert.Empty(admin.ConsoleErrors);

        // The preview's limits are the Preview button's: text nested too deeply is refused with its message.
        await text.FillAsync(new string('>', 200) + " deep");
        await Expect(page.Locator("#live-preview .live-preview-status")).ToContainTextAsync("nests quotes, lists or brackets too deeply");
        await Expect(preview.Locator("ul > li")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task TheEditorHasNoSeriousAccessibilityProblemsAndIsPhotographed()
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var admin = await EditorAsync(scheme: scheme);
            var page = admin.Page;
            await page.GetByLabel("Title *").FillAsync("Reading long threads with ease");
            await page.GetByLabel("Text * (Markdown)").FillAsync(
                "Threads get long. This is *how* we keep them **readable**:\n\n## What you can do here\n\n- Fold a thread away\n- Jump to the newest reply\n\n" +
                "Every reply has a [permalink](https://example.org/guide), and a long thread is split into pages.");
            await Expect(page.Locator("#live-preview .post-body ul > li")).ToHaveCountAsync(2);
            await PublishButton(page).ClickAsync();
            await Expect(PublishNow(page)).ToBeVisibleAsync();
            problems.AddRange(await Accessibility.AuditAsync(page, "editor", scheme));
            if (scheme == ColorScheme.Light)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
                await Screenshots.TakeAsync(page, "editor", "desktop");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // Characters on each full line (every line of a paragraph but its last) of the elements matched, in order.
    private const string LineLengths = """
        selector => {
          const counts = [];
          for (const block of document.querySelectorAll(selector)) {
            const lines = [];
            let top = null;
            const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (top === null || rect.top > top + rect.height / 2) { lines.push(0); top = rect.top; }
                lines[lines.length - 1]++;
              }
            }
            counts.push(...lines.slice(0, -1));
          }
          return counts;
        }
        """;

    [Fact]
    public async Task BodyTextRuns65To75CharactersALineAt1280Pixels()
    {
        await using var reader = await forum.OpenAsync(width: 1280, height: 800);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        var lengths = await page.EvaluateAsync<int[]>(LineLengths, "article.post .post-body > p");
        Assert.True(lengths.Length >= 10, $"only {lengths.Length} full lines to measure");
        var sorted = lengths.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        output.WriteLine($"Full lines of the seed post at 1280 px: median {median} characters (from {sorted[0]} to {sorted[^1]}, {sorted.Length} lines).");
        Assert.True(median is >= 65 and <= 75, $"the post's full lines hold a median of {median} characters: {string.Join(", ", lengths)}");

        // The names in a thread are not smaller than what they wrote; a post's title is the largest heading of all.
        var sizes = await page.EvaluateAsync<double[]>("""
            () => [document.querySelector('.comment-author'), document.querySelector('.comment-body p'), document.querySelector('#post-title')]
              .map(e => parseFloat(getComputedStyle(e).fontSize))
            """);
        Assert.True(sizes[0] >= sizes[1], $"a comment's author is {sizes[0]}px, its text {sizes[1]}px");
        await Accounts.SignInAsync(reader, Accounts.Administrator, "/moderation");
        var adminHeading = await page.Locator("h1").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(adminHeading < sizes[2], $"the moderation page's heading is {adminHeading}px, a post's title {sizes[2]}px");

        // One width for the header and the page: their content starts at the same place.
        var starts = await page.EvaluateAsync<double[]>("() => ['.site-header .wrap', 'main'].map(s => document.querySelector(s).getBoundingClientRect().left)");
        Assert.Equal(starts[0], starts[1]);
    }
}
