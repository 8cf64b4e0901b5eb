using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Posts;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// Whose posts a moderator may change (only with Posts:ModeratorsEditOthersPosts), and what the audit log keeps of a
/// change by anyone but the post's author.
/// </summary>
public sealed class PostPermissionTests : IDisposable
{
    private readonly List<ForumFactory> factories = [];

    public void Dispose()
    {
        foreach (var factory in factories) factory.Dispose();
    }

    /// <summary>An open forum whose members' posts are published as written, so that a member has a published post.</summary>
    private ForumFactory Forum(bool moderatorsEditOthersPosts = false)
    {
        var factory = new ForumFactory()
            .With("Posts:MembersCanStart", "true")
            .With("Moderation:HoldFirstComment", "false")
            .With("Comments:FloodIntervalSeconds", "0")
            .With("Posts:ModeratorsEditOthersPosts", moderatorsEditOthersPosts ? "true" : "false");
        factories.Add(factory);
        return factory;
    }

    private static async Task<Browser> SignedInAsync(ForumFactory factory, string email, params string[] roles)
    {
        await factory.CreateUserAsync(email, roles);
        var browser = new Browser(factory, Browser.NextAddress());
        await browser.SignInAsync(email, ForumFactory.UserPassword);
        return browser;
    }

    private static KeyValuePair<string, string?> F(string key, string value) => new(key, value);

    private static async Task WriteAsync(Browser writer, string title, string body, string intent = "publish-now")
    {
        var written = await writer.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", title), F("Input.Body", body)], $"Input.Intent={intent}");
        Assert.Equal(HttpStatusCode.Redirect, written.Status);
    }

    private static Task<Page> EditAsync(Browser editor, string slug, string title, string body, string intent = "save") =>
        editor.SubmitAsync($"/posts/{slug}/edit", "form.post-editor", [F("Input.Title", title), F("Input.Body", body)], $"Input.Intent={intent}");

    private static Task<Post> PostAsync(ForumFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Slug == slug));

    /// <summary>The posts list's Trash, posted with the list's token (the list offers it only for posts held for review).</summary>
    private static async Task<Page> TrashAsync(ForumFactory factory, Browser editor, string slug)
    {
        var token = (await editor.OpenAsync("/moderation/posts")).QuerySelector($"input[name={Browser.AntiforgeryField}]")!.GetAttribute("value")!;
        var post = await PostAsync(factory, slug);
        return await editor.PostFormAsync("/moderation/posts?handler=Trash",
            [F(Browser.AntiforgeryField, token), F("id", post.Id.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>An administrator's and a member's post, each published and as a draft.</summary>
    private static async Task WriteOthersPostsAsync(ForumFactory factory)
    {
        using var admin = await SignedInAsync(factory, "admin@example.org", Roles.Administrator);
        await WriteAsync(admin, "Admin post", "The administrator's words.");
        await WriteAsync(admin, "Admin draft", "Not ready.", "save");
        using var member = await SignedInAsync(factory, "member@example.org");
        await WriteAsync(member, "Member post", "The member's words.");
        await WriteAsync(member, "Member draft", "Not ready either.", "save");
        Assert.Equal(PostStatus.Published, (await PostAsync(factory, "member-post")).Status);
    }

    [Fact]
    public async Task AModeratorIsRefusedEditPublishAndTrashOfAnAdministratorsOrAMembersPost()
    {
        var factory = Forum();
        await WriteOthersPostsAsync(factory);
        using var moderator = await SignedInAsync(factory, "mod@example.org", Roles.Moderator);
        var token = (await moderator.OpenAsync("/moderation/posts")).QuerySelector($"input[name={Browser.AntiforgeryField}]")!.GetAttribute("value")!;
        var before = await factory.WithDbAsync(db => db.Posts.AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        var logBefore = await factory.WithDbAsync(db => db.ModerationLog.CountAsync());

        foreach (var owner in new[] { "admin", "member" })
        {
            var published = await PostAsync(factory, $"{owner}-post");
            var draft = await PostAsync(factory, $"{owner}-draft");
            foreach (var route in new[] { $"/posts/{published.Slug}/edit", $"/posts/{published.Slug}/delete" })
            {
                var get = await moderator.GetAsync(route);
                Assert.Equal(HttpStatusCode.Forbidden, get.Status);
                // The site's own status page, not a bare answer.
                Assert.NotNull(get.Document.QuerySelector("section.error-page h1"));
            }
            var rewrite = await moderator.PostFormAsync($"/posts/{published.Slug}/edit", [F(Browser.AntiforgeryField, token),
                F("Input.Version", published.Version.ToString()), F("Input.Title", "Rewritten"), F("Input.Body", "Other words."), F("Input.Intent", "save")]);
            Assert.Equal(HttpStatusCode.Forbidden, rewrite.Status);
            var publish = await moderator.PostFormAsync($"/posts/{draft.Slug}/edit", [F(Browser.AntiforgeryField, token),
                F("Input.Version", draft.Version.ToString()), F("Input.Title", draft.Title), F("Input.Body", draft.Source), F("Input.Intent", "publish-now")]);
            Assert.Equal(HttpStatusCode.Forbidden, publish.Status);
            var trash = await moderator.PostFormAsync($"/posts/{published.Slug}/delete", [F(Browser.AntiforgeryField, token)]);
            Assert.Equal(HttpStatusCode.Forbidden, trash.Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await TrashAsync(factory, moderator, published.Slug)).Status);
        }

        var after = await factory.WithDbAsync(db => db.Posts.AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(before.Select(p => (p.Title, p.Source, p.Status, p.Version)), after.Select(p => (p.Title, p.Source, p.Status, p.Version)));
        Assert.Equal(logBefore, await factory.WithDbAsync(db => db.ModerationLog.CountAsync()));
    }

    [Fact]
    public async Task WithTheSettingAModeratorEditsPublishesAndTrashesOthersPostsAndEachIsAudited()
    {
        var factory = Forum(moderatorsEditOthersPosts: true);
        await WriteOthersPostsAsync(factory);
        using var moderator = await SignedInAsync(factory, "mod@example.org", Roles.Moderator);

        var edit = await EditAsync(moderator, "admin-post", "Admin post", "The moderator's words.");
        Assert.Equal(HttpStatusCode.Redirect, edit.Status);
        Assert.Equal("The moderator's words.", (await PostAsync(factory, "admin-post")).Source);
        var publish = await EditAsync(moderator, "member-draft", "Member draft", "Not ready either.", "publish-now");
        Assert.Equal(HttpStatusCode.Redirect, publish.Status);
        Assert.Equal(PostStatus.Published, (await PostAsync(factory, "member-draft")).Status);
        var trash = await TrashAsync(factory, moderator, "member-post");
        Assert.Equal(HttpStatusCode.Redirect, trash.Status);
        Assert.Equal(PostStatus.Trash, (await PostAsync(factory, "member-post")).Status);

        var log = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().OrderBy(e => e.Id)
            .Where(e => e.UserName == "mod@example.org").Select(e => new { e.Action, e.Note, e.TextBefore, e.TextAfter }).ToListAsync());
        Assert.Equal(["Edit post", "Publish post", "Trash post"], log.Select(e => e.Action));
        Assert.Equal(("Admin post\n\nThe administrator's words.", "Admin post\n\nThe moderator's words."), (log[0].TextBefore, log[0].TextAfter));
        Assert.Equal("“Member draft”: Draft → Published", log[1].Note);
        Assert.EndsWith("Published → Trash", log[2].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorsEditOfAMembersPostIsAuditedAndItsDiffShownOnTheLog()
    {
        var factory = Forum();
        await WriteOthersPostsAsync(factory);
        using var admin = new Browser(factory, Browser.NextAddress());
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);

        var edit = await EditAsync(admin, "member-post", "Member post, tidied", "The members' words.");
        Assert.Equal(HttpStatusCode.Redirect, edit.Status);
        var post = await PostAsync(factory, "member-post");
        var entry = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.PostId == post.Id));
        Assert.Equal(("Edit post", "“Member post, tidied”"), (entry.Action, entry.Note));
        Assert.Equal("Member post\n\nThe member's words.", entry.TextBefore);
        Assert.Equal("Member post, tidied\n\nThe members' words.", entry.TextAfter);

        var row = (await admin.OpenAsync("/moderation/log")).QuerySelector("table.log tbody tr")!;
        Assert.Equal("Edit post", row.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("/posts/member-post", row.QuerySelector("td.log-subject a")?.GetAttribute("href"));
        var diff = row.QuerySelector(".log-diff")!;
        var added = string.Concat(diff.QuerySelectorAll("ins").Select(i => i.TextContent));
        Assert.Contains("tidied", added, StringComparison.Ordinal);
        Assert.Contains("members'", added, StringComparison.Ordinal);
        Assert.Contains("member's", string.Concat(diff.QuerySelectorAll("del").Select(d => d.TextContent)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuthorsOwnEditsAreNotAuditedAsSomeoneElses()
    {
        var factory = Forum();
        await WriteOthersPostsAsync(factory);
        using var member = new Browser(factory, Browser.NextAddress());
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(member, "member-post", "Member post", "Second thoughts.")).Status);
        using var admin = new Browser(factory, Browser.NextAddress());
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(admin, "admin-post", "Admin post", "Second thoughts too.")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(admin, "admin-draft", "Admin draft", "Ready now.", "publish-now")).Status);

        Assert.Equal("Second thoughts.", (await PostAsync(factory, "member-post")).Source);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.TextBefore != null || e.Action == "Edit post" || e.Action == "Publish post")));
    }

    [Fact]
    public async Task AModeratorIsOfferedOnlyWhatTheyMayDo()
    {
        foreach (var allowed in new[] { false, true })
        {
            var factory = Forum(allowed);
            await WriteOthersPostsAsync(factory);
            using (var admin = new Browser(factory, Browser.NextAddress()))
            {
                await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
                Assert.Equal(HttpStatusCode.Redirect, (await TrashAsync(factory, admin, "admin-draft")).Status);
            }
            var trashed = await PostAsync(factory, "admin-draft");
            Assert.Equal(PostStatus.Trash, trashed.Status);
            using var moderator = await SignedInAsync(factory, "mod@example.org", Roles.Moderator);

            foreach (var slug in new[] { "admin-post", "member-post" })
            {
                var page = await moderator.OpenAsync($"/posts/{slug}");
                Assert.Equal(allowed, page.QuerySelector($".post-header a[href='/posts/{slug}/edit']") is not null);
            }
            var list = await moderator.OpenAsync("/moderation/posts");
            var inTrash = list.GetElementById($"trash-{trashed.Id}")!;
            Assert.Equal(allowed, inTrash.QuerySelector("form button") is not null);

            // The author still finds the link on their own post.
            using var member = new Browser(factory, Browser.NextAddress());
            await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
            Assert.NotNull((await member.OpenAsync("/posts/member-post")).QuerySelector(".post-header a[href='/posts/member-post/edit']"));
        }
    }

    [Fact]
    public async Task AModeratorStillReviewsAMembersHeldPostWithoutTheSetting()
    {
        var factory = Forum().With("Moderation:HoldFirstComment", "true");
        await factory.CreateUserAsync("newcomer@example.org");
        using (var newcomer = new Browser(factory, Browser.NextAddress()))
        {
            await newcomer.SignInAsync("newcomer@example.org", ForumFactory.UserPassword);
            await WriteAsync(newcomer, "Held question", "Is this allowed?");
        }
        var held = await PostAsync(factory, "held-question");
        Assert.Equal(PostStatus.Pending, held.Status);
        using var moderator = await SignedInAsync(factory, "mod@example.org", Roles.Moderator);

        // Reviewing is not rewriting: the editor stays closed, the queue's Publish works.
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/posts/held-question/edit")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation/posts", $"#post-{held.Id} form:first-of-type", [])).Status);
        Assert.Equal(PostStatus.Published, (await PostAsync(factory, "held-question")).Status);
    }
}
