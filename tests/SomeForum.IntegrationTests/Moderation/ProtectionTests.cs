using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Posts;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>What members and guests must not be able to do behind the moderators' backs.</summary>
public sealed class ProtectionTests
{
    private static KeyValuePair<string, string?> F(string key, string value) => new(key, value);

    [Fact]
    public async Task AnAccountRegisteredFirstWithTheAdministratorsEmailIsNotPromoted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"someforum-admin-{Guid.NewGuid():N}.db");
        using (var first = new ForumFactory(file))
        {
            await first.CreateUserAsync("admin@example.org"); // someone else's password
        }
        using var configured = new ForumFactory(file).With("Admin:Email", "admin@example.org").With("Admin:Password", "the operator's own secret");
        var error = Assert.ThrowsAny<Exception>(() => configured.Server);
        Assert.Contains("Admin:Password is not its password", error.ToString(), StringComparison.Ordinal);
        foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" }) File.Delete(file + suffix);
    }

    [Fact]
    public async Task AGuestCannotCommentWithAMembersEmail()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        await factory.CreateUserAsync("member@example.org");
        using var guest = new Browser(factory);
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());
        var response = await guest.SubmitAsync("/posts/some-so-far-so-what", "form.comment-form",
            [F("Input.Name", "Member"), F("Input.Email", "MEMBER@example.org"), F("Input.Text", "I am the member, honestly")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var page = response.Document;
        Assert.Contains("belongs to a registered account", page.GetElementById("Input_Email-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task AHeldCommentShowsTheNeutralPictureEvenToItsAuthor()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var guest = new Browser(factory);
        var posted = await guest.SubmitAsync("/posts/some-so-far-so-what", "form.comment-form",
            [F("Input.Name", "Probe"), F("Input.Email", "probe@example.org"), F("Input.Text", "Held")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var page = await guest.OpenAsync("/posts/some-so-far-so-what");
        var held = page.QuerySelector("li.awaiting img.avatar");
        Assert.Equal("/avatars/anonymous.svg", held?.GetAttribute("src"));
    }

    [Fact]
    public async Task AnErasedCommentCannotBeRestored()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var moderator = new Browser(factory, "192.0.2.20");
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        // Comment 8 has replies: deleting it leaves an erased placeholder in the trash.
        await moderator.SubmitAsync("/moderation/comments/8/delete", "main form[method=post]", []);
        var trash = await moderator.OpenAsync("/moderation?Status=Trash");
        Assert.Null(trash.GetElementById("queued-8"));
        await moderator.PostFormAsync("/moderation", [F("__RequestVerificationToken", trash.QuerySelector("form.queue input[name=__RequestVerificationToken]")!.GetAttribute("value")!), F("OnOne", "Restore:8")]);
        var erased = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == 8));
        Assert.Equal((CommentStatus.Trash, ""), (erased.Status, erased.AuthorName));
        Assert.NotNull(erased.ErasedAt);
    }

    [Fact]
    public async Task AMembersPostStaysInTheTrashAndTheirEditsAreJudgedAgain()
    {
        using var factory = new ForumFactory().With("Posts:MembersCanStart", "true").With("Moderation:HoldFirstComment", "false");
        await factory.CreateUserAsync("member@example.org");
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var member = new Browser(factory, "203.0.113.61");
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        await member.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", "Harmless"), F("Input.Body", "Nice words.")], "Input.Intent=publish-now");
        Assert.Equal(PostStatus.Published, (await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Slug == "harmless"))).Status);

        // Edited into link spam, it goes back to the moderators.
        await member.SubmitAsync("/posts/harmless/edit", "form.post-editor",
            [F("Input.Title", "Harmless"), F("Input.Body", "https://a.example https://b.example https://c.example")], "Input.Intent=save");
        var edited = await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Slug == "harmless"));
        Assert.Equal(PostStatus.Pending, edited.Status);
        Assert.StartsWith("3 links", edited.ModerationReason, StringComparison.Ordinal);

        // A moderator trashes it; its author can neither reopen it nor delete it (and its comments) for good.
        using var moderator = new Browser(factory, "192.0.2.21");
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        await moderator.SubmitAsync("/moderation/posts", $"#post-{edited.Id} form:nth-of-type(2)", []);
        Assert.Equal(PostStatus.Trash, (await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == edited.Id))).Status);
        var edit = await member.GetAsync("/posts/harmless/edit");
        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        var token = (await member.OpenAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var delete = await member.PostFormAsync("/posts/harmless/delete", [F("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        Assert.Equal(PostStatus.Trash, (await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == edited.Id))).Status);

        var log = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.PostId == edited.Id && e.CommentId == null).Select(e => e.Action).ToListAsync());
        Assert.Contains("Trash post", log);
    }

    [Fact]
    public async Task AModeratorPublishesOnlyTheVersionOfAPostTheyRead()
    {
        using var factory = new ForumFactory().With("Posts:MembersCanStart", "true");
        await factory.CreateUserAsync("member@example.org");
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var member = new Browser(factory, "203.0.113.62");
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        await member.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", "Question"), F("Input.Body", "Fair question.")], "Input.Intent=publish-now");
        var post = await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Slug == "question"));
        Assert.Equal(PostStatus.Pending, post.Status);

        using var moderator = new Browser(factory, "192.0.2.22");
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        var read = await moderator.OpenAsync("/moderation/posts");
        var form = read.QuerySelector($"#post-{post.Id} form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => F(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();

        // The member edits while the moderator reads; the moderator's click publishes nothing.
        await member.SubmitAsync("/posts/question/edit", "form.post-editor", [F("Input.Title", "Question"), F("Input.Body", "Changed meanwhile.")], "Input.Intent=save");
        await moderator.PostFormAsync(form.GetAttribute("action")!, fields);
        Assert.Equal(PostStatus.Pending, (await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == post.Id))).Status);

        await moderator.SubmitAsync("/moderation/posts", $"#post-{post.Id} form:first-of-type", []);
        Assert.Equal(PostStatus.Published, (await factory.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == post.Id))).Status);
    }
}
