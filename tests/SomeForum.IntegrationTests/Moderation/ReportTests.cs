using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>
/// Readers report published comments (guests too, without script), once each, a few an hour; moderators see them
/// grouped in the queue's reported view and decide; the rule, when on, holds a comment enough readers reported.
/// </summary>
public sealed class ReportTests : IDisposable
{
    private readonly ForumFactory factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task AGuestReportsACommentFromItsThreadAndSeesTheAcknowledgement()
    {
        using var guest = new Browser(factory);
        var thread = await guest.OpenAsync(SeedThread.Url);
        var link = thread.Entry(1).QuerySelector("a.report-link");
        Assert.Equal("/comments/1/report", link?.GetAttribute("href"));

        var sent = await guest.SubmitAsync("/comments/1/report", "form.report-form", [new("Input.Reason", "Abuse")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("/comments/1/report/sent", sent.Location);
        var thanks = await guest.FollowAsync(sent);
        Assert.Equal(HttpStatusCode.OK, thanks.Status);
        Assert.Contains("Thank you for your report", thanks.Body, StringComparison.Ordinal);

        var report = await factory.WithDbAsync(db => db.Reports.SingleAsync());
        Assert.Equal((1L, ReportReason.Abuse, (string?)null, guest.Address, (DateTime?)null), (report.CommentId, report.Reason, report.Text, report.IpAddress, report.ResolvedAt));
        Assert.StartsWith("guest:", report.ReporterKey, StringComparison.Ordinal);
        // Reporting changes nothing readers see while the rule is off.
        Assert.Equal(CommentStatus.Approved, await StatusAsync(1));
    }

    [Fact]
    public async Task AReasonIsRequiredOtherNeedsWordsAndTheWordsAreLimited()
    {
        using var guest = new Browser(factory);
        var none = await guest.SubmitAsync("/comments/1/report", "form.report-form", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.Status);
        Assert.Contains("Choose why you report this comment.", none.Body, StringComparison.Ordinal);

        var other = await guest.SubmitAsync("/comments/1/report", "form.report-form", [new("Input.Reason", "Other"), new("Input.Text", "   ")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("Say in a few words what is wrong with this comment.", other.Body, StringComparison.Ordinal);

        var tooLong = new string('x', CommentReport.TextLength + 1);
        var long_ = await guest.SubmitAsync("/comments/1/report", "form.report-form", [new("Input.Reason", "Other"), new("Input.Text", tooLong)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, long_.Status);
        Assert.Contains("500 characters or fewer", long_.Body, StringComparison.Ordinal);
        // What the reader wrote comes back to them in the box.
        Assert.Equal(tooLong, long_.Document.QuerySelector("#Input_Text")?.TextContent);

        var forged = await guest.PostFormAsync("/comments/1/report", [new("Input.Reason", "Spam")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));

        var words = await guest.SubmitAsync("/comments/1/report", "form.report-form",
            [new("Input.Reason", "Other"), new("Input.Text", "  <script>alert(1)</script> doxxing\u0007 ")]);
        Assert.Equal(HttpStatusCode.Redirect, words.Status);
        Assert.Equal("<script>alert(1)</script> doxxing", await factory.WithDbAsync(db => db.Reports.Select(r => r.Text).SingleAsync()));
    }

    [Fact]
    public async Task OnlyPublishedCommentsCanBeReported()
    {
        await factory.MarkAsync(2, CommentStatus.Pending);
        using var guest = new Browser(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/comments/2/report")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/comments/999999/report")).Status);
        var page = await guest.GetAsync("/comments/1/report");
        await factory.MarkAsync(1, CommentStatus.Trash);
        var late = await guest.SubmitAsync(page, "form.report-form", [new("Input.Reason", "Spam")]);
        Assert.Equal(HttpStatusCode.NotFound, late.Status);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task AReaderReportsAGivenCommentOnlyOnce()
    {
        using var guest = new Browser(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(guest, 1, "Spam")).Status);
        var twice = await ReportAsync(guest, 1, "Abuse");
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Contains("You have reported this comment already", twice.Body, StringComparison.Ordinal);

        // Without their cookie, from the same address: still the same reader.
        using var sameAddress = new Browser(factory, guest.Address);
        Assert.Equal(HttpStatusCode.Conflict, (await ReportAsync(sameAddress, 1, "Spam")).Status);

        // A member is one reader by their account, wherever they sign in from.
        await factory.CreateUserAsync("reader@example.org");
        using var member = new Browser(factory);
        await member.SignInAsync("reader@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(member, 1, "Spam")).Status);
        using var memberElsewhere = new Browser(factory);
        await memberElsewhere.SignInAsync("reader@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Conflict, (await ReportAsync(memberElsewhere, 1, "Spam")).Status);

        using var someoneElse = new Browser(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(someoneElse, 1, "Spam")).Status);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.CommentId == 1)));
    }

    [Fact]
    public async Task ReportsAreLimitedPerClientAndHour()
    {
        factory.With("Reports:PerClientPerHour", "2");
        using var guest = new Browser(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(guest, 1, "Spam")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(guest, 2, "Spam")).Status);
        var third = await ReportAsync(guest, 3, "Other", "the third one");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("You have sent many reports in the last hour", third.Body, StringComparison.Ordinal);
        Assert.Equal("the third one", third.Document.QuerySelector("#Input_Text")?.TextContent);

        // A new cookie does not make a new client; another address does.
        using var sameAddress = new Browser(factory, guest.Address);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ReportAsync(sameAddress, 4, "Spam")).Status);
        using var other = new Browser(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(other, 3, "Spam")).Status);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task ModeratorsSeeReportsGroupedPerCommentAndDecideWithAnAuditEntry()
    {
        foreach (var (reason, text) in new[] { ("Spam", ""), ("Spam", ""), ("Other", "<b>rude</b> to me") })
        {
            using var reader = new Browser(factory);
            Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reader, 1, reason, text)).Status);
        }
        using (var reader = new Browser(factory)) Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reader, 2, "Illegal")).Status);

        using var moderator = await ModeratorAsync();
        var queue = await moderator.GetAsync(ForumUrlsReported);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Equal("Reported (2)", queue.Document.QuerySelector(".status-tabs a[data-status=Reported]")?.TextContent);
        var rows = queue.Document.QuerySelectorAll("li.queued");
        Assert.Equal(["queued-1", "queued-2"], rows.Select(r => r.Id));
        Assert.Equal("3 reports: Spam ×2, Other", rows[0].QuerySelector(".reports")?.TextContent.Trim());
        Assert.Equal("<b>rude</b> to me", rows[0].QuerySelector(".report-texts li")?.TextContent);
        Assert.DoesNotContain("<b>rude</b>", queue.Body, StringComparison.Ordinal);
        Assert.Equal("1 report: Illegal content", rows[1].QuerySelector(".reports")?.TextContent.Trim());

        // Dismissed by the plain form: the comment stays, the reports close, the log says so.
        var dismissed = await moderator.SubmitAsync(queue, "form.queue", [], "OnOne=Dismiss:2");
        Assert.Equal(HttpStatusCode.Redirect, dismissed.Status);
        var after = await moderator.FollowAsync(dismissed);
        Assert.Contains("Dismissed its report on the comment by", after.Body, StringComparison.Ordinal);
        Assert.Equal(["queued-1"], after.Document.QuerySelectorAll("li.queued").Select(r => r.Id));
        Assert.Equal(CommentStatus.Approved, await StatusAsync(2));

        // Trashed through the script's request: through the one door, with its undo, and the reports closed.
        using var trashed = await PostJsonAsync(moderator, ForumUrlsReported, [new("OnOne", "Trash:1")]);
        var change = trashed.RootElement.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal((1L, "Approved", "Trash"), (change.GetProperty("id").GetInt64(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.Equal(0, trashed.RootElement.GetProperty("counts").GetProperty("Reported").GetInt32());
        Assert.Equal(CommentStatus.Trash, await StatusAsync(1));
        using var guest = new Browser(factory);
        Assert.Null((await guest.OpenAsync(SeedThread.Url)).GetElementById("comment-1"));

        var log = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == 1 || e.CommentId == 2).OrderBy(e => e.Id)
            .Select(e => new { e.CommentId, e.Action, e.Note, e.UserName }).ToListAsync());
        Assert.Equal([(2L, "Dismiss reports"), (1L, "Trash"), (1L, "Decide reports")], log.Select(e => (e.CommentId!.Value, e.Action)));
        Assert.Equal("3 reports: the comment moved to the trash", log[2].Note);
        Assert.All(log, e => Assert.Equal("mod@example.org", e.UserName));
        Assert.Equal(4, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ResolvedAt != null)));
    }

    [Fact]
    public async Task TheHoldRuleIsOffByDefault()
    {
        for (var i = 0; i < 4; i++)
        {
            using var reader = new Browser(factory);
            Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reader, 1, "Abuse")).Status);
        }
        Assert.Equal(CommentStatus.Approved, await StatusAsync(1));
    }

    [Fact]
    public async Task WithTheRuleOnEnoughReadersHoldACommentAndApprovingKeepsIt()
    {
        factory.With("Moderation:HoldAfterReports", "2");
        using var guest = new Browser(factory);
        // The page as guests see it, kept in the page cache: the hold must evict it.
        Assert.NotNull((await guest.OpenAsync(SeedThread.Url)).GetElementById("comment-3"));

        using (var first = new Browser(factory)) Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(first, 3, "Spam")).Status);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(3));
        using (var second = new Browser(factory)) Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(second, 3, "Abuse")).Status);

        var held = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == 3));
        Assert.Equal((CommentStatus.Pending, "Reported by 2 readers (holding at 2)"), (held.Status, held.ModerationReason));
        var hold = await factory.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.CommentId == 3));
        Assert.Equal(("Hold", "readers' reports", CommentStatus.Approved, CommentStatus.Pending), (hold.Action, hold.UserName, hold.StatusBefore!.Value, hold.StatusAfter!.Value));
        Assert.Null((await guest.OpenAsync(SeedThread.Url)).GetElementById("comment-3"));

        using var moderator = await ModeratorAsync();
        var queue = await moderator.OpenAsync(ForumUrlsReported);
        Assert.Equal("Pending", queue.QuerySelector("#queued-3 .badge")?.TextContent);
        using var approved = await PostJsonAsync(moderator, ForumUrlsReported, [new("OnOne", "Approve:3")]);
        Assert.Equal("Approved the comment by " + held.AuthorName + " and closed 2 reports.", approved.RootElement.GetProperty("message").GetString());
        Assert.Equal(CommentStatus.Approved, await StatusAsync(3));
        Assert.NotNull((await guest.OpenAsync(SeedThread.Url)).GetElementById("comment-3"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ResolvedAt == null)));
    }

    [Fact]
    public async Task TheHoldRuleIsSavedWithTheRules()
    {
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var page = await admin.OpenAsync("/moderation/rules");
        Assert.Equal("0", page.QuerySelector("#Input_HoldAfterReports")?.GetAttribute("value"));
        var saved = await admin.SubmitAsync("/moderation/rules", "form.stacked-form", [new("Input.HoldAfterReports", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        using var reader = new Browser(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reader, 5, "Illegal")).Status);
        Assert.Equal(CommentStatus.Pending, await StatusAsync(5));
    }

    [Fact]
    public async Task GuestsAndMembersCannotReachTheReportedQueue()
    {
        await factory.CreateUserAsync("reader@example.org");
        using var guest = new Browser(factory);
        var asGuest = await guest.GetAsync(ForumUrlsReported);
        Assert.Equal(HttpStatusCode.Redirect, asGuest.Status);
        Assert.StartsWith("/account/sign-in", asGuest.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
        var post = await guest.PostFormAsync(ForumUrlsReported, [new("OnOne", "Dismiss:1")]);
        Assert.Equal(HttpStatusCode.Redirect, post.Status);

        using var member = new Browser(factory);
        await member.SignInAsync("reader@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(ForumUrlsReported)).Status);
    }

    private const string ForumUrlsReported = SomeForum.Web.Site.ForumUrls.ReportedQueue;

    private static Task<Page> ReportAsync(Browser reader, long id, string reason, string text = "") =>
        reader.SubmitAsync($"/comments/{id}/report", "form.report-form", [new("Input.Reason", reason), new("Input.Text", text)]);

    private async Task<Browser> ModeratorAsync(string email = "mod@example.org")
    {
        await factory.CreateUserAsync(email, Roles.Moderator);
        var moderator = new Browser(factory);
        await moderator.SignInAsync(email, ForumFactory.UserPassword);
        return moderator;
    }

    private Task<CommentStatus> StatusAsync(long id) => factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    /// <summary>What the queue's script sends: the form's own fields and token, asking for JSON.</summary>
    private static async Task<JsonDocument> PostJsonAsync(Browser moderator, string queue, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await moderator.OpenAsync(queue);
        var form = page.QuerySelector("form.queue")!;
        var entries = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(queue, UriKind.Relative)) { Content = new FormUrlEncodedContent(entries) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await moderator.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
