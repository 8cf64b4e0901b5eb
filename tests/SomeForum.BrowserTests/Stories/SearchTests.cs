using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// A reader searches from the box in the header, in a real browser: the published comment is found with its word
/// marked and its link leads to it on its post's page; a held comment's word finds nothing.
/// </summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class SearchTests(ModeratedForum forum)
{
    [Fact]
    public async Task AReaderSearchesFromTheHeaderAndFollowsAResultToTheComment()
    {
        var (word, heldWord) = ("w" + Guid.NewGuid().ToString("N")[..10], "w" + Guid.NewGuid().ToString("N")[..10]);
        var published = await CommentAsync($"A thought worth finding again: {word}, among other words.");
        await ApproveAsync(published);
        await CommentAsync($"Still waiting for a moderator: {heldWord}.");

        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the forum" });
        await box.FillAsync(word);
        await CommentForm.NavigateAsync(page, () => box.PressAsync("Enter"), $"**/search?q={word}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Search");
        var result = page.Locator("ol.search-results > li");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.Locator(".search-excerpt mark")).ToHaveTextAsync(word);
        await Expect(result.Locator(".search-excerpt")).ToContainTextAsync("A thought worth finding again:");
        // Marked so that it shows: not the text's own colour on the page's background.
        Assert.NotEqual(
            await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"),
            await result.Locator("mark").EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"));

        var problems = await Accessibility.AuditAsync(page, "search-results", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        await CommentForm.NavigateAsync(page, () => result.GetByRole(AriaRole.Link).ClickAsync(), $"**{BrowserForum.SeedPostPath}*#comment-{published}");
        var comment = page.Locator($"#comment-{published}");
        await Expect(comment).ToContainTextAsync(word);
        await Expect(comment.Locator(":scope > article")).ToBeInViewportAsync();

        // The held comment's word finds nothing, said plainly.
        box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the forum" });
        await box.FillAsync(heldWord);
        await CommentForm.NavigateAsync(page, () => box.PressAsync("Enter"), $"**/search?q={heldWord}");
        await Expect(page.Locator("ol.search-results > li")).ToHaveCountAsync(0);
        await Expect(page.Locator(".search-none")).ToHaveTextAsync("Nothing matches all of those words.");
        Assert.Empty(reader.ConsoleErrors);
    }

    private async Task<long> CommentAsync(string text)
    {
        await using var guest = await forum.OpenAsync();
        return await CommentForm.SendAsync(guest.Context.APIRequest, "Sam Searcher", $"s.{Guid.NewGuid():N}"[..12] + "@example.org", text);
    }

    private async Task ApproveAsync(long id)
    {
        await using var scope = forum.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ThreadChanges>()
            .ModerateAsync([id], ModerationAction.Approve, new Actor(null, "search story"), CancellationToken.None);
    }
}
