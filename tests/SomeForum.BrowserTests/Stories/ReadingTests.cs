using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

[Collection(SeededForumDefinition.Name)]
public sealed class ReadingTests(SeededForum forum)
{
    [Fact]
    public async Task ANewReaderReadsTheSeedPost()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;

        await reader.GotoAsync("/");
        var entry = page.Locator("article.post-summary").Filter(new() { HasText = "SoMe, So Far, So What?" });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.Locator(".meta")).ToContainTextAsync("21 comments");

        await CommentForm.NavigateAsync(page, () => entry.GetByRole(AriaRole.Link, new() { Name = "SoMe, So Far, So What?" }).ClickAsync(),
            $"**{BrowserForum.SeedPostPath}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SoMe, So Far, So What?");
        await Expect(page).ToHaveTitleAsync("SoMe, So Far, So What? – SomeForum");
        await Expect(page.Locator("article.post .post-body")).ToContainTextAsync("Wednesday sees the hosting of the CIPD’s Social Media conference.");
        await Expect(page.Locator("#comments-title")).ToContainTextAsync("21 responses");

        // 13 numbered top-level entries, 1 to 13, and 21 entries in all.
        var topLevel = page.Locator("#comments > ol.comment-list > li");
        await Expect(topLevel).ToHaveCountAsync(13);
        var numbers = await topLevel.EvaluateAllAsync<int[]>("items => items.map(li => li.value)");
        Assert.Equal(Enumerable.Range(1, 13), numbers);
        Assert.Equal("decimal", await page.Locator("#comments > ol.comment-list").EvaluateAsync<string>("ol => getComputedStyle(ol).listStyleType"));
        await Expect(page.Locator("#comments li[id^='comment-']")).ToHaveCountAsync(21);

        // Replies sit inside their parent: Emma Browes in Steve Hearsum in Robin Schooling, all on screen when scrolled to.
        var robin = topLevel.Nth(6);
        await Expect(Author(robin)).ToHaveTextAsync("Robin Schooling");
        var steve = robin.Locator(":scope > ul.children > li");
        await Expect(Author(steve)).ToHaveTextAsync("Steve Hearsum");
        var emma = steve.Locator(":scope > ul.children > li");
        await Expect(Author(emma)).ToHaveTextAsync("Emma Browes");
        foreach (var comment in new[] { robin, steve, emma })
        {
            await comment.Locator(":scope > article").ScrollIntoViewIfNeededAsync();
            await Expect(comment.Locator(":scope > article .comment-body")).ToBeVisibleAsync();
        }
        // A nested reply is drawn further in than its parent.
        var robinBox = await robin.Locator(":scope > article").BoundingBoxAsync();
        var steveBox = await steve.Locator(":scope > article").BoundingBoxAsync();
        var emmaBox = await emma.Locator(":scope > article").BoundingBoxAsync();
        Assert.True(robinBox!.X < steveBox!.X && steveBox.X < emmaBox!.X, $"indents {robinBox.X}, {steveBox.X}, {emmaBox.X}");

        Assert.Empty(reader.ConsoleErrors);
    }

    private static ILocator Author(ILocator comment) => comment.Locator(":scope > article .comment-author");
}
