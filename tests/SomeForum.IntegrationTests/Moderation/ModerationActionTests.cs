using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>What a moderator does from the queue, through the real forms, and what the audit log keeps of it.</summary>
public sealed class ModerationActionTests : IDisposable
{
    private const string SeedPost = "/posts/some-so-far-so-what";
    private readonly ForumFactory factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    public void Dispose() => factory.Dispose();

    private async Task<Browser> ModeratorAsync(string email = "mod@example.org")
    {
        await factory.CreateUserAsync(email, Roles.Moderator);
        var moderator = new Browser(factory, "192.0.2.10");
        await moderator.SignInAsync(email, ForumFactory.UserPassword);
        return moderator;
    }

    private async Task<long> GuestCommentAsync(string name, string text, long? parentId = null, Browser? browser = null)
    {
        using var fresh = browser is null ? new Browser(factory) : null;
        var guest = browser ?? fresh!;
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("Input.Name", name), new("Input.Email", $"{name.ToLowerInvariant()}@example.org"), new("Input.Text", text),
        };
        if (parentId is { } parent) fields.Add(new("Input.ParentId", parent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var response = await guest.SubmitAsync(SeedPost, "form.comment-form", fields, "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var fragment = response.Location!.Split("#comment-")[1];
        return long.Parse(fragment, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<CommentStatus> StatusAsync(long id) => factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private static Task<Page> ActAsync(Browser moderator, string action, long id, string status = "Pending") =>
        moderator.SubmitAsync($"/moderation?Status={status}", "form.queue", [], $"OnOne={action}:{id}");

    [Fact]
    public async Task AGuestsHeldCommentIsApprovedFromTheQueueAndThenEveryoneSeesIt()
    {
        using var gwen = new Browser(factory);
        var id = await GuestCommentAsync("Gwen", "A first comment, held.", browser: gwen);
        using var stranger = new Browser(factory, "198.51.100.99");
        Assert.Null((await stranger.OpenAsync(SeedPost)).GetElementById($"comment-{id}"));

        using var moderator = await ModeratorAsync();
        var queue = await moderator.OpenAsync("/moderation");
        var item = queue.GetElementById($"queued-{id}");
        Assert.NotNull(item);
        Assert.Contains("gwen@example.org", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("First comment from this author", item.QuerySelector(".reason")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pending (1)", queue.QuerySelector(".status-tabs")?.TextContent, StringComparison.Ordinal);

        var approve = await ActAsync(moderator, "Approve", id);
        Assert.Equal(HttpStatusCode.Redirect, approve.Status);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(id));

        var page = await stranger.OpenAsync(SeedPost);
        Assert.Equal("14", page.GetElementById($"comment-{id}")?.GetAttribute("value"));
        Assert.Contains("22 responses", page.QuerySelector("#comments-title")?.TextContent, StringComparison.Ordinal);

        // Once approved, the same author's next comment from the same browser is published at once.
        var next = await GuestCommentAsync("Gwen", "And a second one.", browser: gwen);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(next));
    }

    [Fact]
    public async Task EachActionMovesACommentAndIsLogged()
    {
        var id = await GuestCommentAsync("Hal", "Something to moderate.");
        using var moderator = await ModeratorAsync();

        (string Action, string From, CommentStatus After)[] steps =
        [
            ("Approve", "Pending", CommentStatus.Approved),
            ("Unapprove", "Approved", CommentStatus.Pending),
            ("Spam", "Pending", CommentStatus.Spam),
            ("NotSpam", "Spam", CommentStatus.Pending),
            ("Approve", "Pending", CommentStatus.Approved),
            ("Trash", "Approved", CommentStatus.Trash),
            ("Restore", "Trash", CommentStatus.Approved),
        ];
        foreach (var (action, from, after) in steps)
        {
            var response = await ActAsync(moderator, action, id, from);
            Assert.Equal(HttpStatusCode.Redirect, response.Status);
            Assert.Equal(after, await StatusAsync(id));
        }

        var log = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(steps.Select(s => s.Action), log.Select(e => e.Action));
        Assert.Equal(steps.Select(s => (CommentStatus?)s.After), log.Select(e => e.StatusAfter));
        Assert.Equal(CommentStatus.Pending, log[0].StatusBefore);
        Assert.All(log, e => Assert.Equal("mod@example.org", e.UserName));
    }

    [Fact]
    public async Task BulkActionsApplyToEverySelectedComment()
    {
        var ids = new[] { await GuestCommentAsync("Ann", "one"), await GuestCommentAsync("Ben", "two"), await GuestCommentAsync("Cat", "three") };
        using var moderator = await ModeratorAsync();

        var response = await moderator.SubmitAsync("/moderation", "form.queue",
            [new("Ids", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Ids", ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("BulkAction", "Spam")]);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);

        Assert.Equal([CommentStatus.Spam, CommentStatus.Pending, CommentStatus.Spam], [await StatusAsync(ids[0]), await StatusAsync(ids[1]), await StatusAsync(ids[2])]);
        var queue = await moderator.OpenAsync("/moderation");
        Assert.Contains("Marked as spam 2 comments, by Ann and Cat.", queue.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrashingACommentWithRepliesKeepsTheThreadWhole()
    {
        using var moderator = await ModeratorAsync();
        // Meg Peppin's comment (id 1) has no replies; Sukh Pabial's (id 4) has a reply with its own reply.
        var trash = await ActAsync(moderator, "Trash", 4, "Approved");
        Assert.Equal(HttpStatusCode.Redirect, trash.Status);

        using var reader = new Browser(factory);
        var page = await reader.OpenAsync(SeedPost);
        var placeholder = page.GetElementById("comment-4")!;
        Assert.Contains("This comment was removed.", placeholder.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sukh Pabial", placeholder.QuerySelector(":scope > p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("comment-5", placeholder.QuerySelector(":scope > details.replies > ul.children > li")?.Id);
        Assert.Equal("comment-6", placeholder.QuerySelector(":scope > details.replies > ul.children > li > details.replies > ul.children > li")?.Id);
        Assert.Contains("20 responses", page.QuerySelector("#comments-title")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingPermanentlyAsksFirstAndKeepsAPlaceholderForReplies()
    {
        using var moderator = await ModeratorAsync();
        var question = await moderator.OpenAsync("/moderation/comments/1/delete");
        Assert.Contains("permanently?", question.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(1));

        var deleteLone = await moderator.SubmitAsync("/moderation/comments/1/delete", "main form[method=post]", []);
        Assert.Equal(HttpStatusCode.Redirect, deleteLone.Status);
        Assert.False(await factory.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == 1)));

        // Comment 8 (Tim Collins) has replies: its text and details go, its place stays.
        var deleteWithReplies = await moderator.SubmitAsync("/moderation/comments/8/delete", "main form[method=post]", []);
        Assert.Equal(HttpStatusCode.Redirect, deleteWithReplies.Status);
        var kept = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == 8));
        Assert.Equal((CommentStatus.Trash, "", "", null), (kept.Status, kept.AuthorName, kept.Source, kept.AuthorEmail));
        var page = await new Browser(factory).OpenAsync(SeedPost);
        Assert.Equal(3, page.QuerySelectorAll("#comment-8 > details.replies > ul.children li").Length);

        var log = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.Action == "Delete").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([1L, 8L], log.Select(e => e.CommentId));
        Assert.Null(log[0].StatusAfter);
    }

    [Fact]
    public async Task EditingReRendersTheTextWithTheSharedRenderer()
    {
        using var moderator = await ModeratorAsync();
        var response = await moderator.SubmitAsync("/moderation/comments/3/edit", "form.comment-form",
            [new("Text", "Edited *by* a moderator <script>alert(1)</script>")]);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var comment = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == 3));
        Assert.Equal("<p>Edited <em>by</em> a moderator &lt;script&gt;alert(1)&lt;/script&gt;</p>", comment.Html);
        Assert.NotNull(comment.EditedAt);
        Assert.Single(await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == 3 && e.Action == "Edit").ToListAsync()));

        // Readers are told the text is not as its author left it; untouched comments say nothing.
        var page = await new Browser(factory).OpenAsync(SeedPost);
        Assert.StartsWith("· edited", page.QuerySelector("#comment-3 > article .comment-meta .edited")?.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#comment-4 > article .comment-meta .edited"));
    }

    [Fact]
    public async Task AModeratorsReplyIsPublishedAtOnceAndApprovesTheCommentItAnswers()
    {
        var held = await GuestCommentAsync("Ivy", "Is anyone there?");
        using var moderator = await ModeratorAsync();
        var response = await moderator.SubmitAsync($"/moderation/comments/{held}/reply", "form.comment-form", [new("Text", "Yes, we are.")]);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);

        var reply = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.ParentId == held));
        Assert.Equal((CommentStatus.Approved, "mod"), (reply.Status, reply.AuthorName));
        Assert.NotNull(reply.UserId);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(held));
        var page = await new Browser(factory).OpenAsync(SeedPost);
        Assert.Equal($"comment-{reply.Id}", page.GetElementById($"comment-{held}")?.QuerySelector(":scope > details.replies > ul.children > li")?.Id);
        // The site speaks: its moderator's reply says so, the guest's question does not.
        Assert.Equal("Staff", page.QuerySelector($"#comment-{reply.Id} > article .comment-meta .badge.staff")?.Text());
        Assert.Null(page.QuerySelector($"#comment-{held} > article .comment-meta .badge"));
    }

    [Fact]
    public async Task ThePostsAuthorIsMarkedAndAStaffMarkFollowsTheRoleNotTheComment()
    {
        using var moderator = await ModeratorAsync();
        var written = await moderator.SubmitAsync(SeedPost, "form.comment-form", [new("Input.Text", "A moderator, commenting as anyone would.")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, written.Status);
        var id = await factory.WithDbAsync(db => db.Comments.Where(c => c.Source == "A moderator, commenting as anyone would.").Select(c => c.Id).SingleAsync());
        // Held as a first comment is, by the rules; published here so a guest sees it.
        await factory.MarkAsync(id, CommentStatus.Approved);
        var page = await new Browser(factory).OpenAsync(SeedPost);
        Assert.Equal("Staff", page.QuerySelector($"#comment-{id} > article .comment-meta .badge.staff")?.Text());
        Assert.Null(page.QuerySelector($"#comment-{id} > article .comment-meta .badge:not(.staff)"));

        // Made the post's author, and no longer a moderator: "Author", and no "Staff".
        var userId = await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.UserId).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            await db.Posts.Where(p => p.Slug == "some-so-far-so-what").ExecuteUpdateAsync(s => s.SetProperty(p => p.AuthorId, userId));
            return await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync();
        });
        // Changed behind the app's back: the kept pages are dropped by hand.
        await factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(SomeForum.Web.Site.ReaderCache.AllPages, default);
        page = await new Browser(factory).OpenAsync(SeedPost);
        Assert.Equal(["Author"], page.QuerySelectorAll($"#comment-{id} > article .comment-meta .badge").Select(b => b.Text()));
    }

    [Fact]
    public async Task TheQueueFiltersByPostAndSearches()
    {
        var a = await GuestCommentAsync("Jo", "about cupcakes");
        var b = await GuestCommentAsync("Kim", "about lurkers");
        using var moderator = await ModeratorAsync();
        var found = await moderator.OpenAsync("/moderation?q=lurkers");
        Assert.NotNull(found.GetElementById($"queued-{b}"));
        Assert.Null(found.GetElementById($"queued-{a}"));
        var byEmail = await moderator.OpenAsync("/moderation?q=jo@example.org");
        Assert.NotNull(byEmail.GetElementById($"queued-{a}"));
        var otherPost = await moderator.OpenAsync("/moderation?Post=999");
        Assert.Empty(otherPost.QuerySelectorAll(".queued"));
    }

    [Fact]
    public async Task AdministratorsReadTheAuditLogAndGrantTheModeratorRole()
    {
        await factory.CreateUserAsync("boss@example.org", Roles.Administrator);
        var userId = await factory.CreateUserAsync("helper@example.org");
        using var admin = new Browser(factory, "192.0.2.11");
        await admin.SignInAsync("boss@example.org", ForumFactory.UserPassword);
        var trash = await ActAsync(admin, "Trash", 2, "Approved");
        Assert.Equal(HttpStatusCode.Redirect, trash.Status);
        var log = await admin.OpenAsync("/moderation/log");
        var row = log.QuerySelector("table.log tbody tr")!;
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        // The actor by display name, the comment by its author and first words, linked for the moderator, on its post.
        Assert.Equal(["boss", "Trash", "Approved", "Trash"], [cells[1], cells[2], cells[4], cells[5]]);
        var (author, title) = await factory.WithDbAsync(async db =>
            (await db.Comments.Where(c => c.Id == 2).Select(c => c.AuthorName).SingleAsync(), await db.Posts.Select(p => p.Title).SingleAsync()));
        Assert.StartsWith($"{author}: “", cells[3], StringComparison.Ordinal);
        Assert.EndsWith($"” on {title}", cells[3], StringComparison.Ordinal);
        Assert.Equal("/moderation/comments/2/edit", row.QuerySelector("td.log-subject a")?.GetAttribute("href"));

        var grant = await admin.SubmitAsync("/admin/users", $"form.inline-form:has(input[value='{userId}']):has(input[value=Moderator])", []);
        Assert.Equal(HttpStatusCode.Redirect, grant.Status);
        using var helper = new Browser(factory, "192.0.2.12");
        await helper.SignInAsync("helper@example.org", ForumFactory.UserPassword);
        var queue = await helper.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
    }

    [Fact]
    public async Task AdministratorCreatedAtStartUpFromConfiguration()
    {
        using var configured = new ForumFactory().With("Admin:Email", "owner@example.org").With("Admin:Password", "a long enough password");
        using var owner = new Browser(configured);
        await owner.SignInAsync("owner@example.org", "a long enough password");
        var users = await owner.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.Status);
        await using var scope = configured.Scope();
        var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ForumUser>>();
        Assert.Single(await manager.GetUsersInRoleAsync(Roles.Administrator));
    }
}
