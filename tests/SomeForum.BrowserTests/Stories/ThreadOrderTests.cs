using System.Text.RegularExpressions;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>Three threads a page, so that the seed post's 13 threads take five pages and the order shows.</summary>
public sealed class PagedForum() : BrowserForum(new() { ["Comments:PageSize"] = "3" });

[CollectionDefinition(Name)]
public sealed class PagedForumDefinition : ICollectionFixture<PagedForum>
{
    public const string Name = "Paged forum (three threads a page)";
}

/// <summary>A reader chooses the order of the threads; it is remembered, and a permalink finds its comment in it.</summary>
[Collection(PagedForumDefinition.Name)]
public sealed class ThreadOrderTests(PagedForum forum)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NewestFirstIsRememberedAndAPermalinkLandsOnTheRightPage(bool javaScript)
    {
        await using var reader = await forum.OpenAsync(javaScript);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var topLevel = page.Locator("#comments > ol.comment-list > li");
        await Expect(topLevel.First).ToHaveIdAsync("comment-1");
        var order = page.GetByRole(AriaRole.Navigation, new() { Name = "Order of comments" });
        await Expect(order.Locator("[aria-current]")).ToHaveTextAsync("Oldest first");

        await order.GetByRole(AriaRole.Link, new() { Name = "Newest first" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("order=newest"));
        await Expect(topLevel.First).ToHaveIdAsync("comment-21");
        await Expect(order.Locator("[aria-current]")).ToHaveTextAsync("Newest first");

        // Remembered: the plain address, another day, shows newest first.
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(topLevel.First).ToHaveIdAsync("comment-21");
        // axe runs as a script in the page: audited where scripts run.
        if (javaScript) Assert.Empty(await Accessibility.AuditAsync(page, "thread-order", ColorScheme.Light));

        // The oldest comment is on the last of five pages now, and its permalink goes there.
        await reader.GotoAsync("/comments/1");
        Assert.Contains("cpage=5", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#comment-1 > article")).ToBeInViewportAsync();
        await Expect(page.Locator(".comment-pages").First).ToContainTextAsync("Page 5 of 5");

        // Back to oldest first: comment 1 is on the first page again.
        await reader.GotoAsync($"{BrowserForum.SeedPostPath}?order=oldest");
        await reader.GotoAsync("/comments/1");
        Assert.DoesNotContain("cpage=", page.Url, StringComparison.Ordinal);
        Assert.Empty(reader.ConsoleErrors);
    }
}
