using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>The rules page's Preview: what rules not yet saved would have held or marked spam in the last 30 days, saving nothing.</summary>
public sealed class RulePreviewTests : IDisposable
{
    private readonly ForumFactory factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");

    public void Dispose() => factory.Dispose();

    /// <summary>Rules that catch only what a story puts in: no link count, mention or first-comment rule.</summary>
    private static KeyValuePair<string, string?>[] Rules(string holdWords = "", string blockWords = "", bool firstComment = false) =>
    [
        new("Input.Enabled", "true"), new("Input.HoldLinkCount", "1000"), new("Input.HoldFirstComment", firstComment ? "true" : "false"),
        new("Input.HoldMentions", "false"), new("Input.HoldWords", holdWords), new("Input.BlockWords", blockWords),
        new("Input.CloseCommentsAfterDays", "0"), new("Input.HoldAfterReports", "0"),
    ];

    [Fact]
    public async Task APreviewCountsWhatTheRulesWouldCatchWithTheRuleAndSavesNothing()
    {
        var held = await CommentAsync("Wendy", "You should all buy xyzzy now");
        var spam = await CommentAsync("Vic", "The best online casino in town");
        using var admin = await AdministratorAsync();

        var preview = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", Rules("xyzzy", "casino"), "handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var summary = preview.Document.QuerySelector(".preview-summary")?.TextContent ?? "";
        Assert.Contains("these rules would hold 1 and mark 1 as spam", System.Text.RegularExpressions.Regex.Replace(summary, @"\s+", " "), StringComparison.Ordinal);
        var rows = preview.Document.QuerySelectorAll("table.preview-caught tbody tr");
        Assert.Equal([Id(spam), Id(held)], rows.Select(r => r.GetAttribute("data-id")));
        Assert.Equal(["Approved", "Spam", "Blocklist word “casino”"], rows[0].QuerySelectorAll("td").Skip(2).Select(td => td.TextContent));
        Assert.Equal(["Approved", "Held", "Moderation word “xyzzy”"], rows[1].QuerySelectorAll("td").Skip(2).Select(td => td.TextContent));
        // The form keeps what was typed, to save or change.
        Assert.Equal("xyzzy", preview.Document.QuerySelector("#Input_HoldWords")?.TextContent.Trim());

        // Nothing saved, nothing logged, nothing changed, and the rules in force are still the configuration's.
        Assert.Equal(0, await factory.WithDbAsync(db => db.ModerationRules.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ModerationLog.CountAsync()));
        Assert.Equal(CommentStatus.Approved, await StatusAsync(spam));
        Assert.Equal(CommentStatus.Approved, await StatusAsync(await CommentAsync("Wendy", "Still more xyzzy")));
    }

    [Fact]
    public async Task OnlyTheLastThirtyDaysAreJudged()
    {
        var old = await CommentAsync("Vic", "An old online casino advert");
        await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == old)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReceivedAt, DateTime.UtcNow.AddDays(-31))));
        var recent = await CommentAsync("Vic", "A new casino advert");
        using var admin = await AdministratorAsync();
        var preview = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", Rules(blockWords: "casino"), "handler=Preview");
        Assert.Equal([Id(recent)], preview.Document.QuerySelectorAll("table.preview-caught tbody tr").Select(r => r.GetAttribute("data-id")));
    }

    [Fact]
    public async Task TheFirstCommentRuleJudgesAStoredCommentAsItArrived()
    {
        // Published while the rule was off: the only approved comment of its author is itself, which does not count.
        var first = await CommentAsync("Newcomer", "Hello, first time here");
        using var admin = await AdministratorAsync();
        var preview = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", Rules(firstComment: true), "handler=Preview");
        var row = preview.Document.QuerySelectorAll("table.preview-caught tbody tr").First(r => r.GetAttribute("data-id") == Id(first));
        Assert.Equal("First comment from this author", row.QuerySelector(".preview-rule")?.TextContent);
    }

    [Fact]
    public async Task BadRulesAreRefusedBeforeAnyPreview()
    {
        using var admin = await AdministratorAsync();
        var bad = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", [new("Input.HoldLinkCount", "0")], "handler=Preview");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Contains("Choose a number of links from 1 to 1000.", bad.Body, StringComparison.Ordinal);
        Assert.Null(bad.Document.QuerySelector(".rule-preview"));
    }

    [Fact]
    public async Task OnlyAdministratorsPreview()
    {
        using var admin = await AdministratorAsync();
        var page = await admin.GetAsync("/moderation/rules");
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var moderator = new Browser(factory);
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        // The administrator's form, sent by a moderator: refused.
        var fields = page.Document.QuerySelectorAll("form.stacked-form input, form.stacked-form textarea")
            .Where(e => e.GetAttribute("name") is not null)
            .Select(e => new KeyValuePair<string, string?>(e.GetAttribute("name")!, e.GetAttribute("value") ?? e.TextContent));
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostFormAsync("/moderation/rules?handler=Preview", fields)).Status);
        using var guest = new Browser(factory);
        var asGuest = await guest.PostFormAsync("/moderation/rules?handler=Preview", fields);
        Assert.Equal(HttpStatusCode.Redirect, asGuest.Status);
        Assert.StartsWith("/account/sign-in", asGuest.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<Browser> AdministratorAsync()
    {
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        return admin;
    }

    private async Task<long> CommentAsync(string name, string text)
    {
        _ = factory.Server;
        await using var scope = factory.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = 1, AuthorName = name, AuthorEmail = $"{name.ToLowerInvariant()}@example.org", Text = text, IpAddress = "203.0.113.40",
        }, CommentOrigin.Reader, CancellationToken.None);
        return result.Comment?.Id ?? throw new InvalidOperationException(result.Rejection!.Message);
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<CommentStatus> StatusAsync(long id) => factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
