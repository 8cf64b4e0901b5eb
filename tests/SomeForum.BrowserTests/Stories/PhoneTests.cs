using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>Reading and replying on a phone: targets a finger can hit, and Cancel reply that leaves the reader where they were.</summary>
[Collection(SeededForumDefinition.Name)]
public sealed class PhoneTests(SeededForum forum)
{
    private const double MinimumTarget = 44;

    [Fact]
    public async Task ReplyTheRepliesToggleAndCancelReplyAreAtLeast44PixelsSquareOnAPhone()
    {
        await using var reader = await forum.OpenAsync(width: 390, height: 844, phone: true);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        var problems = new List<string>();
        async Task MeasureAllAsync(string what, ILocator targets)
        {
            var count = await targets.CountAsync();
            Assert.True(count > 0, $"no {what} on the page");
            for (var i = 0; i < count; i++)
            {
                var box = await targets.Nth(i).BoundingBoxAsync();
                if (box is null) continue;
                if (box.Width < MinimumTarget || box.Height < MinimumTarget) problems.Add($"{what} #{i}: {box.Width:0.#}×{box.Height:0.#} px");
            }
        }
        await MeasureAllAsync("Reply link", page.Locator("a.reply-link"));
        await MeasureAllAsync("replies toggle", page.Locator("details.replies > summary"));

        var khurshed = page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" });
        await khurshed.ClickAsync();
        var cancel = page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" });
        await Expect(cancel).ToBeVisibleAsync();
        await MeasureAllAsync("Cancel reply", cancel);
        Assert.True(problems.Count == 0, "targets smaller than 44×44 px at 390×844:\n" + string.Join("\n", problems));

        // Cancelling puts the form back and the reader back on the Reply link they came from, not at the top of the thread.
        await cancel.ClickAsync();
        await Expect(page.Locator($"#comment-{KhurshedsComment} #respond")).ToHaveCountAsync(0);
        await Expect(khurshed).ToBeFocusedAsync();
        await Expect(khurshed).ToBeInViewportAsync();
        Assert.Empty(reader.ConsoleErrors);
    }
}
