using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>The queue by keyboard, with the queue's own script under the site's policy: rows chosen with j/k and the arrows, acted on with a, undone with u.</summary>
[Collection(ReportingForumDefinition.Name)]
public sealed class QueueKeyboardTests(ReportingForum forum)
{
    [Fact]
    public async Task TheKeysMoveAVisibleFocusAndApproveAndUndo()
    {
        var tag = $"k{Guid.NewGuid():N}"[..10];
        var held = await HoldAsync(tag, 4);
        // Newest first in the queue.
        var rows = held.AsEnumerable().Reverse().ToList();
        await using var moderator = await forum.OpenAsync(width: 1280, height: 800);
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");
        await Expect(page.Locator("#queue-keys-hint")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator($"#queued-{rows[0]}")).ToBeFocusedAsync();
        // The focus is seen, not only known to the browser.
        var outline = await page.Locator($"#queued-{rows[0]}").EvaluateAsync<string>("r => { const s = getComputedStyle(r); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.Equal("solid 3px", outline);
        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator($"#queued-{rows[1]}")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await Expect(page.Locator($"#queued-{rows[0]}")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator($"#queued-{rows[1]}")).ToBeFocusedAsync();

        // a approves the focused row in place, and the focus goes on to the next.
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator($"#done-{rows[1]}")).ToContainTextAsync("Approved the comment by");
        await Expect(page.Locator($"#queued-{rows[2]}")).ToBeFocusedAsync();
        Assert.Equal(CommentStatus.Approved, await StatusAsync(rows[1]));

        // u takes it back.
        await page.Keyboard.PressAsync("u");
        await Expect(page.Locator($"#queued-{rows[1]}")).ToBeVisibleAsync();
        await Expect(page.Locator("#queue-live")).ToContainTextAsync("Undone");
        Assert.Equal(CommentStatus.Pending, await StatusAsync(rows[1]));

        // In a text field the letters are letters (typed where the caret is: at the start).
        await page.Locator("#filter-q").FocusAsync();
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("#filter-q")).ToHaveValueAsync($"a{tag}");
        Assert.Equal(CommentStatus.Pending, await StatusAsync(rows[2]));

        // ? shows the keys, Esc hides them.
        await page.Locator($"#queued-{rows[2]}").FocusAsync();
        await page.Keyboard.PressAsync("Shift+?");
        await Expect(page.Locator("#queue-keys")).ToBeVisibleAsync();
        var problems = await Accessibility.AuditAsync(page, "moderation-queue-keys", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#queue-keys")).ToBeHiddenAsync();

        Assert.Empty(moderator.ConsoleErrors);
        Assert.Empty(await moderator.PolicyViolationsAsync());
    }

    /// <summary>First comments of new guests, through the comment form's own POST, so the rules hold each one.</summary>
    private async Task<List<long>> HoldAsync(string tag, int count)
    {
        await using var guest = await forum.OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await SendAsync(guest.Context.APIRequest, $"Reader {i} {tag}", $"held.{Guid.NewGuid():N}"[..13] + "@example.org",
                UniqueText("A comment to moderate by keyboard")));
        }
        foreach (var id in ids) Assert.Equal(CommentStatus.Pending, await StatusAsync(id));
        return ids;
    }

    private async Task<CommentStatus> StatusAsync(long id)
    {
        await using var scope = forum.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForumDb>().Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }
}
