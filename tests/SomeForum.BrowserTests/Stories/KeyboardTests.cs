using System.Text.Json;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>A reader who uses only the keyboard: every stop is visibly focused and the form is reachable and usable.</summary>
[Collection(OpenForumDefinition.Name)]
public sealed class KeyboardTests(OpenForum forum)
{
    private const string FocusedElement = """
        () => {
          const e = document.activeElement;
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return {
            description: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''} “${(e.innerText || e.value || '').trim().slice(0, 40)}”`,
            id: e.id,
            text: (e.innerText || '').trim(),
            isReplyLink: e.matches('a.reply-link'),
            replyTo: e.getAttribute('data-reply-to'),
            outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth) || 0,
            onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
          };
        }
        """;

    [Fact]
    public async Task AKeyboardOnlyReaderTabsToReplyAndPostsWithEnter()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var firstReplyLink = page.Locator("a.reply-link").First;
        var firstComment = await firstReplyLink.GetAttributeAsync("data-reply-to");
        Assert.NotNull(firstComment);

        // From the top: the first stop is the skip link, shown once focused.
        var stop = await TabAsync(page);
        Assert.Equal("Skip to content", stop.GetProperty("text").GetString());

        // Onwards through the post and the thread to the first Reply link, every stop visibly focused.
        var visited = new List<string>();
        for (var presses = 0; !stop.GetProperty("isReplyLink").GetBoolean(); presses++)
        {
            Assert.True(presses < 80, $"No Reply link within 80 presses of Tab: {string.Join(" → ", visited)}");
            stop = await TabAsync(page);
            visited.Add(stop.GetProperty("description").GetString()!);
        }
        Assert.Equal(firstComment, stop.GetProperty("replyTo").GetString());

        // Enter on Reply: the form comes under that comment with the cursor in the comment box.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator($"#comment-{firstComment} > article + #respond")).ToHaveCountAsync(1);
        stop = await FocusedAsync(page);
        Assert.Equal("Input_Text", stop.GetProperty("id").GetString());
        AssertVisiblyFocused(stop);

        var text = UniqueText("Typed without a mouse");
        await page.Keyboard.TypeAsync(text);
        // The form's fields, in reading order.
        Assert.Equal("Input_Name", (await TabAsync(page)).GetProperty("id").GetString());
        await page.Keyboard.TypeAsync("Kit Keys");
        Assert.Equal("Input_Email", (await TabAsync(page)).GetProperty("id").GetString());
        await page.Keyboard.TypeAsync("kit.keys@example.org");
        Assert.Equal("Input_Website", (await TabAsync(page)).GetProperty("id").GetString());
        Assert.Equal("Input_Remember", (await TabAsync(page)).GetProperty("id").GetString());
        Assert.Equal("Post Comment", (await TabAsync(page)).GetProperty("text").GetString());

        // Enter on "Post Comment" sends the reply.
        var answer = await SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal(302, answer.Status);
        Assert.Matches(Permalink(), page.Url);
        var reply = page.Locator($"#comment-{firstComment} > ul.children > li#comment-{CommentIdIn(page.Url)}");
        await Expect(reply.Locator(".comment-body")).ToHaveTextAsync(text);
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Kit Keys");
        Assert.Empty(reader.ConsoleErrors);
    }

    private static async Task<JsonElement> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var stop = await FocusedAsync(page);
        AssertVisiblyFocused(stop);
        return stop;
    }

    private static Task<JsonElement> FocusedAsync(IPage page) => page.EvaluateAsync<JsonElement>(FocusedElement);

    private static void AssertVisiblyFocused(JsonElement stop)
    {
        var what = stop.GetProperty("description").GetString();
        Assert.NotEqual("none", stop.GetProperty("outlineStyle").GetString());
        Assert.True(stop.GetProperty("outlineWidth").GetDouble() > 0, $"{what} has a zero-width focus outline");
        Assert.True(stop.GetProperty("onScreen").GetBoolean(), $"{what} is focused but not on screen");
    }
}
