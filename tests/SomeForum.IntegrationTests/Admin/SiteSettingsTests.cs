using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Pingbacks;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Admin;

/// <summary>
/// The settings page: the configuration's values until an administrator saves others, which every page, feed and
/// thread then follows at once (the guests' cached pages included); bad values refused next to their fields with
/// nothing saved; one setting reset to the configuration's; nobody but an administrator reads or posts it.
/// </summary>
public sealed class SiteSettingsTests
{
    private const string Settings = "/admin/settings";
    private const string Form = "form.settings-form";

    private static ForumFactory Forum() => new ForumFactory()
        .With("Site:Title", "Configured Forum")
        .With("Site:Tagline", "As the configuration says")
        .With("Comments:FloodIntervalSeconds", "0");

    private static async Task<Browser> AdminAsync(ForumFactory forum)
    {
        await forum.CreateUserAsync("admin@example.org", Roles.Administrator);
        var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        return admin;
    }

    private static string? SiteTitle(IHtmlDocument page) => page.QuerySelector(".site-header .site-title")?.TextContent;

    private static string? Tagline(IHtmlDocument page) => page.QuerySelector(".site-header .site-tagline")?.TextContent;

    [Fact]
    public async Task TheConfigurationsValuesApplyUntilSomethingIsSaved()
    {
        using var forum = Forum();
        using var guest = new Browser(forum);
        var home = await guest.OpenAsync("/");
        Assert.Equal(("Configured Forum", "As the configuration says"), (SiteTitle(home), Tagline(home)));
        Assert.Equal("Configured Forum", home.Title);
        Assert.Equal("Powered by SomeForum", home.QuerySelector(".site-footer .footer-text")?.TextContent.Trim());

        using var admin = await AdminAsync(forum);
        var page = await admin.OpenAsync(Settings);
        Assert.Equal("Configured Forum", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.Equal("50", page.QuerySelector("#Input_CommentPageSize")?.GetAttribute("value"));
        Assert.Equal("5", page.QuerySelector("#Input_MaxReplyDepth")?.GetAttribute("value"));
        Assert.Equal("From the configuration (Site:Title).", page.QuerySelector("#source-Title")?.TextContent);
        Assert.Equal("From the configuration (Pingback:SiteUrl).", page.QuerySelector("#source-SiteUrl")?.TextContent);
        Assert.Null(page.QuerySelector(".saved-settings"));
        Assert.False(await forum.WithDbAsync(db => db.SiteSettings.AnyAsync()));
    }

    [Fact]
    public async Task ASavedTitleShowsAtOnceOnEveryPageEvenToGuestsServedFromTheCache()
    {
        using var forum = Forum();
        using var guest = new Browser(forum);
        // Twice each, so the second is the cached copy.
        foreach (var url in new[] { "/", SeedThread.Url, "/account/sign-in", "/", SeedThread.Url })
        {
            Assert.Equal("Configured Forum", SiteTitle(await guest.OpenAsync(url)));
        }

        using var admin = await AdminAsync(forum);
        var saved = await admin.SubmitAsync(Settings, Form,
            [new("Input.Title", "  The Reading Room "), new("Input.Tagline", "Slow talk & long threads"), new("Input.FooterText", "Run by volunteers")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var after = await admin.FollowAsync(saved);
        Assert.Contains("The settings are saved", after.Document.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Saved here; the configuration (Site:Title) says “Configured Forum”.", after.Document.QuerySelector("#source-Title")?.Text(), StringComparison.Ordinal);
        Assert.Equal("From the configuration (Comments:PageSize).", after.Document.QuerySelector("#source-CommentPageSize")?.TextContent);

        foreach (var url in new[] { "/", SeedThread.Url, "/account/sign-in" })
        {
            var page = await guest.OpenAsync(url);
            Assert.Equal(("The Reading Room", "Slow talk & long threads"), (SiteTitle(page), Tagline(page)));
            Assert.EndsWith("The Reading Room", page.Title, StringComparison.Ordinal);
            Assert.Equal("Run by volunteers", page.QuerySelector(".site-footer .footer-text")?.TextContent.Trim());
        }
        Assert.EndsWith("The Reading Room", (await guest.OpenAsync(SeedThread.Url)).Title, StringComparison.Ordinal);

        var stored = await forum.WithDbAsync(db => db.SiteSettings.AsNoTracking().SingleAsync());
        Assert.Equal(("The Reading Room", (int?)null, "admin@example.org"), (stored.Title, stored.CommentPageSize, stored.UpdatedBy));
        var audited = await forum.WithDbAsync(db => db.ModerationLog.Where(e => e.Action == "Save settings").Select(e => e.Note).SingleAsync());
        Assert.Contains("Site title: “Configured Forum” → “The Reading Room”", audited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASavedPageSizeChangesThePagingAndAResetGivesTheConfigurationsBack()
    {
        using var forum = Forum();
        using var guest = new Browser(forum);
        var whole = await guest.OpenAsync(SeedThread.Url);
        Assert.Null(whole.QuerySelector("nav.comment-pages"));
        Assert.Equal(SeedThread.Numbered(1, 13), whole.Numbers());

        using var admin = await AdminAsync(forum);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Settings, Form, [new("Input.CommentPageSize", "5")])).Status);
        var paged = await guest.OpenAsync(SeedThread.Url);
        Assert.Equal("Page 1 of 3", paged.QuerySelector("nav.comment-pages span")?.Text());
        Assert.Equal(SeedThread.Numbered(1, 5), paged.Numbers());
        // A permalink finds its comment on the page the saved size puts it on.
        Assert.Equal($"{SeedThread.Url}?cpage=3", (await guest.GetAsync("/comments/21")).ResolvedLocation?.PathAndQuery);

        var reset = await admin.SubmitAsync(Settings, "form.reset-CommentPageSize", []);
        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        Assert.Null((await guest.OpenAsync(SeedThread.Url)).QuerySelector("nav.comment-pages"));
        Assert.Null(await forum.WithDbAsync(db => db.SiteSettings.Select(s => s.CommentPageSize).SingleAsync()));
        Assert.Contains("Threads a comment page: 5 → 50 (the configuration's)",
            await forum.WithDbAsync(db => db.ModerationLog.Where(e => e.Action == "Reset setting").Select(e => e.Note).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedDepthAndClosingRuleTheThread()
    {
        using var forum = Forum();
        using var admin = await AdminAsync(forum);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Settings, Form, [new("Input.MaxReplyDepth", "1")])).Status);
        // One level: a reply sits beside the comment it answers, at the top level, and says whom it answers.
        await using (var scope = forum.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = 1, ParentId = 1, AuthorName = "Moderator", AuthorEmail = "mod@example.org", Text = "Answering Meg.",
            }, CommentOrigin.Moderator, CancellationToken.None);
            Assert.Equal(((long?)null, (long?)1), (result.Comment?.ParentId, result.Comment?.RepliesToId));
        }

        using var reader = new Browser(forum);

        await forum.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, DateTime.UtcNow.AddDays(-15))));
        Assert.NotNull((await reader.OpenAsync(SeedThread.Url)).QuerySelector("form.comment-form"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Settings, Form, [new("Input.CloseCommentsAfterDays", "14")])).Status);
        Assert.Equal("Comments are closed.", (await reader.OpenAsync(SeedThread.Url)).QuerySelector(".comments-closed")?.TextContent);
    }

    [Fact]
    public async Task ThePublicAddressNamesTheSiteInFeedsPermalinksAndPingbackChecks()
    {
        using var forum = Forum();
        using var admin = await AdminAsync(forum);
        using var guest = new Browser(forum);
        var before = await guest.GetAsync("/comments/feed");
        Assert.Contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"http://localhost/comments/feed\"", before.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Settings, Form, [new("Input.SiteUrl", "https://forum.example.org/")])).Status);
        var feed = await guest.GetAsync("/comments/feed");
        Assert.Contains("<title>Configured Forum: recent comments</title>", feed.Body, StringComparison.Ordinal);
        Assert.Contains("<id>https://forum.example.org/comments/21</id>", feed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost", feed.Body, StringComparison.Ordinal);
        var posts = await guest.GetAsync("/feed");
        Assert.Contains($"href=\"https://forum.example.org{SeedThread.Url}\"", posts.Body, StringComparison.Ordinal);

        // A post advertises the endpoint at the saved address, and a ping to the request's host is no longer to one of our posts.
        var client = forum.CreateClient();
        using var post = await client.GetAsync(new Uri(SeedThread.Url, UriKind.Relative));
        Assert.Equal(["https://forum.example.org/xmlrpc"], post.Headers.GetValues("X-Pingback"));
        Assert.Equal(33, (await client.PingAsync("https://blog.example/p", Pinger.Target())).FaultCode);
    }

    [Fact]
    public async Task BadValuesAreRefusedNextToTheirFieldsAndNothingIsSaved()
    {
        using var forum = Forum();
        using var admin = await AdminAsync(forum);
        var refused = await admin.SubmitAsync(Settings, Form,
            [new("Input.Title", " "), new("Input.Tagline", "A fine new tagline"), new("Input.SiteUrl", "https://owner:secret@forum.example.org"),
             new("Input.CommentPageSize", "501"), new("Input.MaxReplyDepth", "0"), new("Input.CloseCommentsAfterDays", "-1")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        string? ErrorFor(string field) => refused.Document.QuerySelector($"[data-valmsg-for='Input.{field}']")?.TextContent;
        Assert.Equal("Give the site a title.", ErrorFor("Title"));
        Assert.Equal("The address may not carry a user name or password.", ErrorFor("SiteUrl"));
        Assert.Equal("Choose from 0 (every thread on one page) to 500 threads a page.", ErrorFor("CommentPageSize"));
        Assert.Equal("Choose from 1 (no replies) to 20 levels.", ErrorFor("MaxReplyDepth"));
        Assert.Equal("Choose a number of days from 0 (never) to 36500.", ErrorFor("CloseCommentsAfterDays"));
        Assert.Equal("", ErrorFor("Tagline"));
        // What was typed is given back, so nothing is lost.
        Assert.Equal("A fine new tagline", refused.Document.QuerySelector("#Input_Tagline")?.GetAttribute("value"));
        Assert.False(await forum.WithDbAsync(db => db.SiteSettings.AnyAsync()));
        Assert.Equal("As the configuration says", Tagline(await new Browser(forum).OpenAsync("/")));

        var relative = await admin.SubmitAsync(Settings, Form, [new("Input.SiteUrl", "forum.example.org")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, relative.Status);
        Assert.StartsWith("Give the whole address", relative.Document.QuerySelector("[data-valmsg-for='Input.SiteUrl']")?.TextContent, StringComparison.Ordinal);
        var ftp = await admin.SubmitAsync(Settings, Form, [new("Input.SiteUrl", "ftp://forum.example.org")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ftp.Status);
    }

    [Fact]
    public async Task OnlyAnAdministratorReadsOrPostsTheSettings()
    {
        using var forum = Forum();
        await forum.CreateUserAsync("moderator@example.org", Roles.Moderator);
        using var admin = await AdminAsync(forum);
        var form = await admin.GetAsync(Settings);
        var token = form.Document.QuerySelector($"{Form} input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);

        using var guest = new Browser(forum);
        var guestRead = await guest.GetAsync(Settings);
        Assert.Equal(HttpStatusCode.Redirect, guestRead.Status);
        Assert.StartsWith("/account/sign-in", guestRead.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
        var guestPost = await guest.PostFormAsync(Settings, [new("Input.Title", "Guest's forum"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, guestPost.Status);

        using var moderator = new Browser(forum);
        await moderator.SignInAsync("moderator@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync(Settings)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostFormAsync(Settings, [new("Input.Title", "Moderator's forum")])).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostFormAsync($"{Settings}?handler=Reset&setting=Title", [])).Status);
        // The moderators' navigation does not offer it.
        Assert.Null((await moderator.OpenAsync("/moderation")).QuerySelector($"nav.admin-nav a[href='{Settings}']"));
        Assert.NotNull((await admin.OpenAsync("/moderation")).QuerySelector($"nav.admin-nav a[href='{Settings}']"));

        // An administrator's own session cannot be made to post it from elsewhere: no token, no change.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFormAsync(Settings, [new("Input.Title", "Forged forum")])).Status);
        Assert.False(await forum.WithDbAsync(db => db.SiteSettings.AnyAsync()));
    }
}
