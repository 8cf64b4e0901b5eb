using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>A form sent with a mistake comes back with the message at the field and nothing the reader typed lost.</summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class BadInputTests(ModeratedForum forum)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BadInputShowsItsMessageAndKeepsTheText(bool javaScript)
    {
        await using var reader = await forum.OpenAsync(javaScript);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        // With the script the form moves under the comment; without it the link leads to the reply page.
        await page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync();
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");

        var text = $"Line one with <b>angle brackets</b> & “quotes”\nLine two, {Guid.NewGuid():N}";
        await page.GetByLabel("Comment *", new() { Exact = true }).FillAsync(text);
        await page.GetByLabel("Email *", new() { Exact = true }).FillAsync("no.name@example.org");
        var answer = await PostAsync(page);

        Assert.Equal(422, answer.Status);
        var name = page.GetByLabel("Name *", new() { Exact = true });
        var message = page.Locator(".field:has(#Input_Name) > #Input_Name-error");
        await Expect(message).ToHaveTextAsync("Enter your name.");
        await Expect(message).ToBeVisibleAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync("Enter your name.");
        // The message sits next to its field: right under it, not somewhere else on the page.
        var nameBox = await name.BoundingBoxAsync();
        var messageBox = await message.BoundingBoxAsync();
        Assert.InRange(messageBox!.Y - (nameBox!.Y + nameBox.Height), -1, 24);

        // Only that field is at fault, and everything typed is still there, exactly.
        await Expect(page.Locator(".field-error:not(:empty)")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Comment *", new() { Exact = true })).ToHaveValueAsync(text);
        await Expect(page.GetByLabel("Email *", new() { Exact = true })).ToHaveValueAsync("no.name@example.org");
        // Still a reply to the same comment.
        await Expect(page.Locator("#Input_ParentId")).ToHaveValueAsync($"{KhurshedsComment}");
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");
    }

    [Fact]
    public async Task ARefusedReplyStaysUnderItsCommentAndCanBeCancelled()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var khurshed = page.Locator($"#comment-{KhurshedsComment}");
        await khurshed.Locator(":scope > article a.reply-link").ClickAsync();
        await page.GetByLabel("Comment *", new() { Exact = true }).FillAsync("Nearly sent");
        var answer = await PostAsync(page);
        Assert.Equal(422, answer.Status);

        // The page comes back with the form where the reader left it: under the comment answered.
        await Expect(khurshed.Locator(":scope > article + #respond")).ToHaveCountAsync(1);
        await Expect(page.Locator("#respond")).ToBeInViewportAsync();
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");
        await Expect(page.GetByLabel("Comment *", new() { Exact = true })).ToHaveValueAsync("Nearly sent");

        // Cancelling makes it a plain comment on the post again, back below the thread.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" }).ClickAsync();
        await Expect(page.Locator("#Input_ParentId")).ToHaveValueAsync("");
        await Expect(page.Locator("#reply-title")).ToContainTextAsync("Leave a Reply");
        await Expect(page.Locator("#reply-title")).Not.ToContainTextAsync("Reply to");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" })).ToBeHiddenAsync();
        await Expect(page.Locator("#comments > #respond")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Comment *", new() { Exact = true })).ToHaveValueAsync("Nearly sent");
        // The refusal itself is logged (a 422 answer); nothing else goes wrong.
        Assert.DoesNotContain(reader.ConsoleErrors, e => !e.Contains("status of 422", StringComparison.Ordinal));
    }
}
