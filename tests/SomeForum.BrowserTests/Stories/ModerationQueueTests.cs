using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Clearing the queue as a moderator does, in a real browser: in place with the script (Undo on the row, the page not
/// reloaded, the place kept), and with plain forms without it (the page comes back to the row). Each story holds
/// comments of its own, by authors carrying a tag no other story uses, and looks at the queue searched for that tag.
/// </summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class ModerationQueueTests(ModeratedForum forum)
{
    private static readonly string[] Names = ["Ada Ashby", "Bo Bright", "Cy Carver", "Di Dale", "Ed Eames", "Flo Finch"];

    // Comments as long as real ones: a few sentences, now and then a link; the long ones are cut to two lines in the queue.
    private static readonly string[] Texts =
    [
        "I think the point about policies is the strongest one here. Most of the organisations I have worked with wrote a social media policy before they knew what they wanted from it, and then wondered why nobody used the tools.",
        "Agreed.",
        "Two reads on this: [one](https://example.org/a) and [two](https://example.org/b). Both say much the same as the post, but the second has numbers from a survey of two hundred managers, which is worth a look.",
        "We tried an internal network for a year. The first three months were lively, then it became a place for announcements. What kept it going in the end was one team that used it for their daily stand-up notes, and people followed them there.",
        "Does anyone have an example of a company that measured whether this made a difference? Not likes and shares, but decisions made faster or better.",
        "The lurkers point rings true. Most of our readers never comment, and I used to count that as failure; now I think reading is participation too.",
    ];

    [Fact]
    public async Task ApprovingInPlaceKeepsThePlaceAndUndoBringsTheCommentBack()
    {
        var tag = Tag();
        // Rows enough below the one acted on that the page is still taller than the screen once it gives way to its
        // (shorter) notice: otherwise the browser must scroll up, there being less page.
        var held = await HoldAsync(tag, 20);
        await using var moderator = await forum.OpenAsync(width: 1280, height: 700);
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");

        // Far enough down the queue that the page has scrolled; the page itself is marked, to show it is never reloaded.
        var target = held[12]; // newest first: the eighth row, twelve below it
        var row = page.Locator($"#queued-{target}");
        await row.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, 120)");
        // The button in view before the place is taken: a click on a button out of view scrolls the page first.
        var approve = row.Locator($"button[value='Approve:{target}']");
        await approve.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => { window.queueStayed = true; }");
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scrolled > 0, "the queue should have scrolled");
        var top = (await row.BoundingBoxAsync())!.Y;
        var pendingTab = page.Locator(".status-tabs a[data-status=Pending] .tab-count");
        var pending = int.Parse(await pendingTab.TextContentAsync() ?? "", CultureInfo.InvariantCulture);

        await approve.ClickAsync();
        var done = page.Locator($"#done-{target}");
        var name = $"{Names[12 % Names.Length]} {tag}";
        await Expect(done).ToContainTextAsync($"Approved the comment by {name}.");
        await Expect(row).ToBeHiddenAsync();
        // In the row's place, the page where it was, and the change said to screen readers.
        Assert.Equal(top, (await done.BoundingBoxAsync())!.Y, 1.0);
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.queueStayed === true"), "the page was reloaded");
        await Expect(page.Locator("#queue-live")).ToHaveTextAsync($"Approved the comment by {name}.");
        await Expect(pendingTab).ToHaveTextAsync((pending - 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(CommentStatus.Approved, await StatusAsync(target));
        // The focus is on Undo, so the keyboard can take it back at once.
        await Expect(done.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToBeFocusedAsync();

        var problems = await Accessibility.AuditAsync(page, "moderation-queue-undo", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        await done.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(done).ToHaveCountAsync(0);
        await Expect(page.Locator("#queue-live")).ToHaveTextAsync($"Undone: the comment by {name} is held again.");
        Assert.Equal(CommentStatus.Pending, await StatusAsync(target));
        await Expect(pendingTab).ToHaveTextAsync(pending.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => window.scrollY"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.queueStayed === true"), "the page was reloaded");
        // Held again, for the reason it was held, and the log says who took the approval back.
        await Expect(row.Locator(".reason")).ToHaveTextAsync("First comment from this author");
        Assert.Equal(["Approve", "Undo"], await ActionsAsync(target));

        Assert.Empty(moderator.ConsoleErrors);
        Assert.Empty(await moderator.PolicyViolationsAsync());
    }

    [Fact]
    public async Task WithoutJavaScriptApprovingComesBackToTheNextRowAndUndoWorksToo()
    {
        var tag = Tag();
        var held = await HoldAsync(tag, 10);
        await using var moderator = await forum.OpenAsync(javaScript: false, width: 1280, height: 700);
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");

        // Newest first: the sixth row held is above the fifth.
        var target = held[5];
        var next = held[4];
        var name = $"{Names[5 % Names.Length]} {tag}";
        var answer = await SubmitAsync(page, () => page.Locator($"#queued-{target} button[value='Approve:{target}']").ClickAsync());
        Assert.True(answer.Status is 302 or 303, $"approving answered {answer.Status}");
        Assert.EndsWith("#moderated", page.Url, StringComparison.Ordinal);
        Assert.Contains($"q={tag}", page.Url, StringComparison.Ordinal);

        // The page says whose comment changed, where the row was, and the next row follows it: the moderator carries on there.
        var notice = page.Locator("#moderated");
        await Expect(notice).ToContainTextAsync($"Approved the comment by {name}.");
        await Expect(page.Locator($"#moderated + li#queued-{next}")).ToHaveCountAsync(1);
        await Expect(notice).ToBeInViewportAsync();
        await Expect(page.Locator($"#queued-{next}")).ToBeInViewportAsync(new() { Ratio = 0.5f });
        await Expect(page.Locator($"#queued-{target}")).ToHaveCountAsync(0);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(target));

        var undone = await SubmitAsync(page, () => notice.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync());
        Assert.True(undone.Status is 302 or 303, $"undoing answered {undone.Status}");
        await Expect(page.Locator($"#moderated + li#queued-{target}")).ToHaveCountAsync(1);
        await Expect(page.Locator("#moderated")).ToContainTextAsync($"Undone: the comment by {name} is held again.");
        Assert.Equal(CommentStatus.Pending, await StatusAsync(target));
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task SelectAllThenApproveApprovesEveryRowShownInPlace()
    {
        var tag = Tag();
        var held = await HoldAsync(tag, 4);
        await using var moderator = await forum.OpenAsync();
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");

        await page.GetByLabel("Select all", new() { Exact = true }).CheckAsync();
        foreach (var id in held) await Expect(page.Locator($"#select-{id}")).ToBeCheckedAsync();
        await Expect(page.Locator(".bulk .selected-count")).ToHaveTextAsync("4 selected");
        await page.GetByLabel("With the selected comments:").SelectOptionAsync("Approve");
        await page.Locator(".bulk").GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        foreach (var id in held)
        {
            await Expect(page.Locator($"#done-{id}")).ToContainTextAsync("Approved the comment by");
            Assert.Equal(CommentStatus.Approved, await StatusAsync(id));
        }
        await Expect(page.Locator("#queue-live")).ToContainTextAsync("Approved 4 comments, by");
        await Expect(page.Locator(".bulk .selected-count")).ToHaveTextAsync("");
        await Expect(page.GetByLabel("Select all", new() { Exact = true })).Not.ToBeCheckedAsync();
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task ShiftClickSelectsEveryRowBetween()
    {
        var tag = Tag();
        var held = await HoldAsync(tag, 5);
        await using var moderator = await forum.OpenAsync();
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");

        // Newest first: rows 1 to 4 from the top are the last four held.
        var rows = held.AsEnumerable().Reverse().ToList();
        await page.Locator($"#select-{rows[0]}").ClickAsync();
        await page.Locator($"#select-{rows[3]}").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        foreach (var id in rows.Take(4)) await Expect(page.Locator($"#select-{id}")).ToBeCheckedAsync();
        await Expect(page.Locator($"#select-{rows[4]}")).Not.ToBeCheckedAsync();
        await Expect(page.Locator(".bulk .selected-count")).ToHaveTextAsync("4 selected");
        await Expect(page.GetByLabel("Select all", new() { Exact = true })).Not.ToBeCheckedAsync();

        // A shift-click that unticks unticks the range.
        await page.Locator($"#select-{rows[1]}").ClickAsync();
        await page.Locator($"#select-{rows[2]}").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Expect(page.Locator(".bulk .selected-count")).ToHaveTextAsync("2 selected");
        foreach (var id in new[] { rows[0], rows[3] }) await Expect(page.Locator($"#select-{id}")).ToBeCheckedAsync();
        Assert.Empty(moderator.ConsoleErrors);
    }

    [Fact]
    public async Task AtLeastEightHeldCommentsFitA1280By900Screen()
    {
        var tag = Tag();
        await HoldAsync(tag, 12);
        await using var moderator = await forum.OpenAsync(width: 1280, height: 900);
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");
        await Expect(page.Locator("li.queued")).ToHaveCountAsync(12);

        // Whole rows only: from the top of the page as it opens, each row's box inside the window.
        var boxes = await page.EvaluateAsync<double[][]>(
            "() => [...document.querySelectorAll('li.queued')].map(r => { const b = r.getBoundingClientRect(); return [b.top, b.bottom]; })");
        var height = await page.EvaluateAsync<double>("() => window.innerHeight");
        var whole = boxes.TakeWhile(b => b[0] >= 0 && b[1] <= height).Count();
        var file = Path.Combine(TestOutput.Folder("screenshots"), "queue-compact-desktop.png");
        await page.ScreenshotAsync(new() { Path = file, Type = ScreenshotType.Png });
        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small");
        Assert.True(whole >= 8, $"{whole} rows fit the 1280×900 screen (bottoms: {string.Join(", ", boxes.Select(b => Math.Round(b[1])))})");
        // Long comments are cut to two lines, and can be read whole.
        var more = page.Locator("li.queued .queued-more").First;
        await Expect(more).ToHaveTextAsync("Show all");
        await more.ClickAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await more.ClickAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Empty(moderator.ConsoleErrors);
        Assert.Empty(await moderator.PolicyViolationsAsync());
    }

    [Fact]
    public async Task ReplyingInTheQueueComesBackToItAndTheReplyIsMarkedStaff()
    {
        var tag = Tag();
        var held = await HoldAsync(tag, 3);
        await using var moderator = await forum.OpenAsync();
        var page = moderator.Page;
        await Accounts.SignInAsync(moderator, Accounts.Moderator, $"/moderation?q={tag}");

        var target = held[1];
        var row = page.Locator($"#queued-{target}");
        await row.Locator("summary", new() { HasText = "Reply" }).ClickAsync();
        var reply = UniqueText("Thanks, that is a fair point");
        await row.GetByLabel(new System.Text.RegularExpressions.Regex("^Reply to")).FillAsync(reply);
        var answer = await SubmitAsync(page, () => row.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync());
        Assert.True(answer.Status is 302 or 303, $"replying answered {answer.Status}");
        Assert.Equal($"/moderation?Status=Pending&q={tag}", new Uri(page.Url).PathAndQuery);
        var name = $"{Names[1]} {tag}";
        await Expect(page.Locator("#moderated")).ToContainTextAsync($"Replied to {name}, and published their comment.");
        // Approved by the reply, the comment left the held list; the notice stands where it was, before the next one down.
        await Expect(page.Locator($"#moderated + li#queued-{held[0]}")).ToHaveCountAsync(1);

        // Edited in place too: the row comes back with the new words.
        var editRow = page.Locator($"#queued-{held[2]}");
        await editRow.Locator("summary", new() { HasText = "Edit" }).ClickAsync();
        var edited = UniqueText("Edited by the moderator");
        await editRow.GetByLabel(new System.Text.RegularExpressions.Regex("^The comment by")).FillAsync(edited);
        await SubmitAsync(page, () => editRow.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync());
        await Expect(page.Locator($"#moderated + li#queued-{held[2]} .queued-text")).ToHaveTextAsync(edited);

        // On the public page the reply is the staff's, under the comment it answers.
        await using var reader = await forum.OpenAsync();
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        var published = reader.Page.Locator($"#comment-{target} li", new() { Has = reader.Page.GetByText(reply) });
        await Expect(published.Locator(".badge.staff").First).ToHaveTextAsync("Staff");
        Assert.Empty(moderator.ConsoleErrors);
    }

    private static string Tag() => $"q{Guid.NewGuid():N}"[..10];

    /// <summary>First comments of new guests, sent through the comment form's own POST, so the rules hold each one; every third answers Khurshed.</summary>
    private async Task<List<long>> HoldAsync(string tag, int count)
    {
        await using var guest = await forum.OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await SendAsync(guest.Context.APIRequest, $"{Names[i % Names.Length]} {tag}", $"held.{Guid.NewGuid():N}"[..13] + "@example.org",
                UniqueText(Texts[i % Texts.Length]), i % 3 == 2 ? KhurshedsComment : null));
        }
        foreach (var id in ids) Assert.Equal(CommentStatus.Pending, await StatusAsync(id));
        return ids;
    }

    private async Task<CommentStatus> StatusAsync(long id)
    {
        await using var scope = forum.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForumDb>().Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }

    private async Task<List<string>> ActionsAsync(long id)
    {
        await using var scope = forum.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForumDb>().ModerationLog.Where(e => e.CommentId == id).OrderBy(e => e.Id)
            .Select(e => e.Action).ToListAsync();
    }
}
