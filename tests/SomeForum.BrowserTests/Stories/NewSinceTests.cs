using System.Text.RegularExpressions;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// A reader comes back to a thread and finds what was added since their last visit: marked by their browser
/// with a script, or, without one, by the server from the link they kept.
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class NewSinceTests(OpenForum forum)
{
    [Fact]
    public async Task ASecondVisitMarksExactlyTheCommentsAnotherReaderAddedAndLinksToTheFirst()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        // A first visit: nothing is new yet.
        await Expect(page.Locator("#comments li.comment").First).ToBeVisibleAsync();
        await Expect(page.Locator(".new-badge")).ToHaveCountAsync(0);
        await Expect(page.Locator(".first-new")).ToHaveCountAsync(0);

        var added = new[] { await PostAsAnotherReaderAsync(javaScript: true), await PostAsAnotherReaderAsync(javaScript: true) };

        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var marked = page.Locator("#comments li.comment.new");
        await Expect(marked).ToHaveCountAsync(2);
        Assert.Equal(added.Select(id => $"comment-{id}"), await marked.EvaluateAllAsync<string[]>("items => items.map(li => li.id)"));
        await Expect(page.Locator(".new-badge")).ToHaveCountAsync(2);
        await Expect(page.Locator($"#comment-{added[0]} > article .new-badge")).ToHaveTextAsync("New");

        var audit = await Accessibility.AuditAsync(page, "new-since", ColorScheme.Light);
        Assert.Empty(audit);

        var link = page.Locator(".first-new a");
        await Expect(link).ToHaveTextAsync("First new comment");
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#comment-{added[0]}$"));
        await Expect(page.Locator($"#comment-{added[0]} > article")).ToBeInViewportAsync();

        // Seen now: the next visit marks nothing.
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator($"#comment-{added[1]}")).ToBeVisibleAsync();
        await Expect(page.Locator(".new-badge")).ToHaveCountAsync(0);
        Assert.Empty(reader.ConsoleErrors);
    }

    [Fact]
    public async Task WithoutJavaScriptTheKeptLinkShowsWhatIsNew()
    {
        await using var reader = await forum.OpenAsync(javaScript: false);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var kept = await page.Locator("a.since-link").GetAttributeAsync("href");
        Assert.NotNull(kept);
        await Expect(page.Locator(".new-badge")).ToHaveCountAsync(0);

        var added = await PostAsAnotherReaderAsync(javaScript: false);

        await reader.GotoAsync(kept);
        var marked = page.Locator("#comments li.comment.new");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToHaveIdAsync($"comment-{added}");
        await Expect(page.Locator(".first-new")).ToContainTextAsync("1 new comment since your last visit");
        await page.Locator(".first-new a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#comment-{added}$"));
        await Expect(page.Locator($"#comment-{added} > article")).ToBeInViewportAsync();
    }

    private async Task<long> PostAsAnotherReaderAsync(bool javaScript)
    {
        await using var other = await forum.OpenAsync(javaScript);
        await other.GotoAsync(BrowserForum.SeedPostPath);
        await FillAsync(other.Page, UniqueText("Something new"), "Nora Later", "nora@example.org");
        var answer = await PostAsync(other.Page);
        Assert.True(answer.Status is 302 or 303 or 200, $"posting answered {answer.Status}");
        return CommentIdIn(other.Page.Url);
    }
}
