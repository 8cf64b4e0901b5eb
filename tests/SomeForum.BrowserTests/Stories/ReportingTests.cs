using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Every reader here comes from 127.0.0.1, so the hourly limit of one address is raised; a guest is one reader by
/// cookie or address, so each story reports a seed comment no other story reports.
/// </summary>
public sealed class ReportingForum() : BrowserForum(new()
{
    ["Comments:FloodIntervalSeconds"] = "0",
    ["Reports:PerClientPerHour"] = "1000",
});

[CollectionDefinition(Name)]
public sealed class ReportingForumDefinition : ICollectionFixture<ReportingForum>
{
    public const string Name = "Reporting forum";
}

/// <summary>A guest reports a comment without script; a moderator finds it in the queue's reported view, with why and how often.</summary>
[Collection(ReportingForumDefinition.Name)]
public sealed class ReportingTests(ReportingForum forum)
{
    [Fact]
    public async Task AGuestReportsACommentAndAModeratorSeesItInTheQueueWithItsReasonAndCount()
    {
        const long reported = 4;
        await using var guest = await forum.OpenAsync(javaScript: false);
        var page = guest.Page;
        await guest.GotoAsync(BrowserForum.SeedPostPath);
        var link = page.Locator($"#comment-{reported} > article a.report-link");
        await Expect(link).ToHaveTextAsync("Report");
        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Report a comment");

        // "Other" asks for words; the message stands by the field, and nothing is lost.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Other", Exact = true }).CheckAsync();
        var refused = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync());
        Assert.Equal(422, refused.Status);
        await Expect(page.Locator("#Input_Text-error")).ToHaveTextAsync("Say in a few words what is wrong with this comment.");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Other", Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel("In your words").FillAsync("Posts the same advert under every post <b>here</b>");
        var sent = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync());
        Assert.True(sent.Status is 302 or 303, $"reporting answered {sent.Status}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for your report");
        Assert.Empty(await guest.PolicyViolationsAsync());

        // axe runs in the page, so in a browser with script (the guest above had none), on the form with an error showing.
        await using var checker = await forum.OpenAsync();
        await checker.GotoAsync($"/comments/{reported}/report");
        await checker.Page.GetByRole(AriaRole.Radio, new() { Name = "Other", Exact = true }).CheckAsync();
        await SubmitAsync(checker.Page, () => checker.Page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync());
        await Expect(checker.Page.Locator("#Input_Text-error")).Not.ToBeEmptyAsync();
        var problems = await Accessibility.AuditAsync(checker.Page, "report-comment", ColorScheme.Light);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // A second reader, for a count of two.
        await using var second = await forum.OpenAsync();
        await second.GotoAsync($"/comments/{reported}/report");
        // The first guest's address is this one's too (every reader here is 127.0.0.1): a member reports instead.
        await Accounts.SignInAsync(second, Accounts.Administrator, $"/comments/{reported}/report");
        await second.Page.GetByRole(AriaRole.Radio, new() { Name = "Spam", Exact = true }).CheckAsync();
        await SubmitAsync(second.Page, () => second.Page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync());
        await Expect(second.Page.Locator("h1")).ToHaveTextAsync("Thank you for your report");

        await using var moderator = await forum.OpenAsync();
        await Accounts.SignInAsync(moderator, Accounts.Moderator, "/moderation");
        var queue = moderator.Page;
        await queue.Locator(".status-tabs a[data-status=Reported]").ClickAsync();
        var row = queue.Locator($"#queued-{reported}");
        await Expect(row.Locator(".reports")).ToHaveTextAsync("2 reports: Spam, Other");
        await Expect(row.Locator(".report-texts li")).ToHaveTextAsync("Posts the same advert under every post <b>here</b>");

        var queueProblems = await Accessibility.AuditAsync(queue, "moderation-reported", ColorScheme.Light);
        Assert.True(queueProblems.Count == 0, string.Join(Environment.NewLine, queueProblems));

        // Dismissed in place: the comment stays published, and the tab's count follows.
        await row.GetByRole(AriaRole.Button, new() { Name = "Dismiss reports" }).ClickAsync();
        await Expect(queue.Locator($"#done-{reported}")).ToContainTextAsync("Dismissed 2 reports on the comment by");
        await Expect(queue.Locator(".status-tabs a[data-status=Reported] .tab-count")).ToHaveTextAsync("0");
        Assert.Empty(moderator.ConsoleErrors);
        Assert.Empty(await moderator.PolicyViolationsAsync());
    }
}
