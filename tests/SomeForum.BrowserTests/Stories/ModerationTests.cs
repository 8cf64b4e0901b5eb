using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>Out-of-the-box moderation: a first comment is held, and only its author sees it.</summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class ModerationTests(ModeratedForum forum)
{
    [Fact]
    public async Task AHeldCommentIsShownOnlyToItsAuthor()
    {
        await using var author = await forum.OpenAsync();
        var page = author.Page;
        await author.GotoAsync(BrowserForum.SeedPostPath);
        await page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync();
        var text = UniqueText("A first comment, which a moderator must see first");
        await FillAsync(page, text, "Nia Newcomer", "nia.newcomer@example.org");
        var answer = await PostAsync(page);
        Assert.Equal(302, answer.Status);

        // The author lands on it, in its place under the comment it answers, marked as held.
        Assert.Matches(Permalink(), page.Url);
        var id = CommentIdIn(page.Url);
        var held = page.Locator($"#comment-{KhurshedsComment} > ul.children > li#comment-{id}");
        await Expect(held).ToBeVisibleAsync();
        await Expect(held).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bawaiting\b"));
        await Expect(held.Locator(".awaiting-moderation")).ToHaveTextAsync("Your comment is awaiting moderation.");
        await Expect(held.Locator(".comment-body")).ToHaveTextAsync(text);
        // Nobody can answer a comment that is not published yet.
        await Expect(held.Locator("a.reply-link")).ToHaveCountAsync(0);
        // It stays theirs across visits.
        await author.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator($"#comment-{id} .awaiting-moderation")).ToBeVisibleAsync();
        Assert.Empty(author.ConsoleErrors);

        // Another reader, in a browser of their own, sees the thread as it was.
        await using var other = await forum.OpenAsync();
        await other.GotoAsync($"{BrowserForum.SeedPostPath}#comment-{id}");
        await Expect(other.Page.Locator("#comments-title")).ToContainTextAsync("21 responses");
        await Expect(other.Page.Locator($"#comment-{id}")).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText(text)).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText("Nia Newcomer")).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText("awaiting moderation")).ToHaveCountAsync(0);
        var permalink = await other.GotoAsync($"/comments/{id}");
        Assert.Equal(404, permalink.Status);
    }
}
