using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Posts;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>Writing, editing, publishing and deleting posts through the real editor.</summary>
public sealed class WritingPostsTests : IDisposable
{
    private readonly ForumFactory factory = new ForumFactory()
        .With("Comments:FloodIntervalSeconds", "0")
        .With("Moderation:HoldFirstComment", "false");

    public void Dispose() => factory.Dispose();

    private async Task<Browser> SignedInAsync(string email, params string[] roles)
    {
        await factory.CreateUserAsync(email, roles);
        var browser = new Browser(factory);
        await browser.SignInAsync(email, ForumFactory.UserPassword);
        return browser;
    }

    private static KeyValuePair<string, string?> F(string key, string value) => new(key, value);

    private static Task<Page> WriteAsync(Browser writer, string title, string body, string intent = "publish-now", string slug = "") =>
        writer.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", title), F("Input.Slug", slug), F("Input.Body", body)], $"Input.Intent={intent}");

    private Task<Post> PostAsync(string slug) => factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Slug == slug));

    [Fact]
    public async Task AnAdministratorWritesAPostThatAReaderFindsAndRepliesTo()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);

        var preview = await WriteAsync(admin, "Hello, forum", "Some **bold** words.", "preview");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var page = preview.Document;
        Assert.Equal("bold", page.QuerySelector(".post-preview strong")?.TextContent);
        Assert.Equal("Some **bold** words.", page.QuerySelector("#Input_Body")?.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == "Hello, forum")));

        var publish = await WriteAsync(admin, "Hello, forum", "Some **bold** words.\n\n# A heading");
        Assert.Equal(HttpStatusCode.Redirect, publish.Status);
        Assert.Equal("/posts/hello-forum", publish.Location);
        var post = await PostAsync("hello-forum");
        Assert.Equal((PostStatus.Published, "admin"), (post.Status, post.AuthorName));
        Assert.Contains("<h2", post.Html, StringComparison.Ordinal);
        Assert.NotNull(post.PublishedAt);

        using var reader = new Browser(factory, "203.0.113.77");
        var home = await reader.OpenAsync("/");
        Assert.Equal("Hello, forum", home.QuerySelector("article.post-summary h2 a")?.TextContent);
        var reply = await reader.SubmitAsync("/posts/hello-forum", "form.comment-form",
            [F("Input.Name", "Reader"), F("Input.Email", "reader@example.org"), F("Input.Text", "First reply!")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, reply.Status);
        var thread = await reader.OpenAsync("/posts/hello-forum");
        Assert.Equal("First reply!", thread.QuerySelector("ol.comment-list > li .comment-body p")?.TextContent);
    }

    [Fact]
    public async Task DraftsAreSeenOnlyByTheirAuthorAndAdministrators()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        var save = await WriteAsync(author, "Work in progress", "Not ready.", "save");
        Assert.Equal(HttpStatusCode.Redirect, save.Status);
        Assert.Equal(PostStatus.Draft, (await PostAsync("work-in-progress")).Status);
        // Saving a draft keeps the writer in the editor.
        Assert.Equal("/posts/work-in-progress/edit", save.Location);
        var editor = await author.FollowAsync(save);
        Assert.Equal("Draft saved.", editor.Document.QuerySelector(".notice")?.TextContent);
        Assert.Equal("Not ready.", editor.Document.QuerySelector("#Input_Body")?.TextContent);

        var home = await author.OpenAsync("/");
        Assert.Contains("Draft", home.QuerySelector("article.post-summary h2")?.TextContent, StringComparison.Ordinal);
        var own = await author.GetAsync("/posts/work-in-progress");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        // Not "closed": a draft's comments open when it is published.
        Assert.Equal("Comments open when the post is published.", own.Document.QuerySelector(".comments-closed")?.TextContent);

        using var stranger = new Browser(factory, "203.0.113.78");
        Assert.DoesNotContain("Work in progress", (await stranger.OpenAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        var hidden = await stranger.GetAsync("/posts/work-in-progress");
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        var seen = await admin.GetAsync("/posts/work-in-progress");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
    }

    [Fact]
    public async Task EditingReRendersAndAStaleEditIsRefusedWithTheTextKept()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await WriteAsync(author, "Versioned", "First text.");

        // Two editors open the same post; the first saves, the second is told and keeps their text.
        var firstEditor = await author.OpenAsync("/posts/versioned/edit");
        var staleVersion = firstEditor.QuerySelector("input[name='Input.Version']")?.GetAttribute("value")!;
        var save = await author.SubmitAsync("/posts/versioned/edit", "form.post-editor",
            [F("Input.Title", "Versioned"), F("Input.Body", "Second *text*.")], "Input.Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, save.Status);
        Assert.Equal("<p>Second <em>text</em>.</p>", (await PostAsync("versioned")).Html);

        var stale = await author.PostFormAsync("/posts/versioned/edit",
            [F("__RequestVerificationToken", firstEditor.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
             F("Input.Version", staleVersion), F("Input.Title", "Versioned"), F("Input.Body", "My overwriting text"), F("Input.Intent", "save")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        var page = stale.Document;
        Assert.Contains("Someone saved this post after you opened it", page.QuerySelector(".form-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("My overwriting text", page.QuerySelector("#Input_Body")?.TextContent);
        Assert.Equal("<p>Second <em>text</em>.</p>", (await PostAsync("versioned")).Html);
    }

    [Theory]
    [InlineData("", "body", "Input.Title", "Give the post a title.")]
    [InlineData("TOO-LONG-TITLE", "body", "Input.Title", "A title can be at most 200 characters.")]
    [InlineData("A title", "", "Input.Body", "Write the post's text.")]
    [InlineData("A title", "TOO-LONG-BODY", "Input.Body", "A post can be at most 100,000 characters.")]
    public async Task BadTitlesAndBodiesAreRefusedNextToTheirField(string title, string body, string field, string message)
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        title = title == "TOO-LONG-TITLE" ? new string('t', 201) : title;
        body = body == "TOO-LONG-BODY" ? new string('b', 100_001) : body;
        var response = await WriteAsync(author, title, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        var page = response.Document;
        Assert.Equal(message, page.GetElementById($"{field.Replace('.', '_')}-error")?.TextContent.Trim());
        Assert.Equal(title, page.QuerySelector("#Input_Title")?.GetAttribute("value") ?? "");
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task SlugsAreReadableUniqueValidAndStableOncePublished()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await WriteAsync(author, "Καλημέρα κόσμε!", "Greek title.");
        Assert.NotNull(await factory.WithDbAsync(db => db.Posts.SingleOrDefaultAsync(p => p.Slug == "καλημερα-κοσμε")));

        await WriteAsync(author, "Same Title", "one");
        await WriteAsync(author, "Same title", "two");
        Assert.Equal(2, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.Slug == "same-title" || p.Slug == "same-title-2")));

        var clash = await WriteAsync(author, "Another", "x", slug: "same-title");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.Status);
        Assert.Contains("Another post already has the address “same-title”.", clash.Body, StringComparison.Ordinal);
        var bad = await WriteAsync(author, "Another", "x", slug: "no spaces/or?marks");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Contains("Use lower-case letters, digits and single hyphens", bad.Body, StringComparison.Ordinal);
        var reserved = await WriteAsync(author, "New", "x", slug: "new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reserved.Status);
        var moved = await author.SubmitAsync("/posts/same-title/edit", "form.post-editor",
            [F("Input.Title", "Same Title"), F("Input.Slug", "renamed"), F("Input.Body", "one")], "Input.Intent=save");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, moved.Status);
        Assert.Contains("The address of a published post cannot change", moved.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAddressCanPassForAnotherOne()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await WriteAsync(author, "Paypal login", "the real one");

        // Typed: a Cyrillic а inside a Latin word, a whole-Cyrillic look-alike, an invisible Hangul filler.
        var mixed = await WriteAsync(author, "Fake", "x", slug: "p\u0430ypal-login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mixed.Status);
        Assert.Contains("This address mixes Latin and Cyrillic letters", mixed.Body, StringComparison.Ordinal);
        var lookAlike = await WriteAsync(author, "Fake", "x", slug: "\u0440\u0430\u0443\u0440\u0430\u04CF-login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookAlike.Status);
        Assert.Contains("This address looks like another post's, “paypal-login”", lookAlike.Document.Body!.TextContent, StringComparison.Ordinal);
        var invisible = await WriteAsync(author, "Fake", "x", slug: "paypal\u3164login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invisible.Status);
        Assert.Contains("An address cannot hold invisible characters", invisible.Body, StringComparison.Ordinal);

        // From a title: the look-alike word reads as the Latin it passes for, and takes the next free address.
        await WriteAsync(author, "P\u0430ypal login", "from a look-alike title");
        Assert.Equal("from a look-alike title", (await PostAsync("paypal-login-2")).Source);
        Assert.Equal(["paypal-login", "paypal-login-2"], await factory.WithDbAsync(db => db.Posts.Where(p => p.Title != "Hello").Select(p => p.Slug)
            .Where(slug => slug != "some-so-far-so-what").OrderBy(slug => slug).ToListAsync()));
    }

    [Fact]
    public async Task UnpublishingHidesThePostAndDeletingAsksAndTrashesAPostWithComments()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await WriteAsync(author, "Short lived", "x");
        var unpublish = await author.SubmitAsync("/posts/short-lived/edit", "form.post-editor",
            [F("Input.Title", "Short lived"), F("Input.Body", "x")], "Input.Intent=unpublish");
        Assert.Equal(HttpStatusCode.Redirect, unpublish.Status);
        Assert.Equal(PostStatus.Draft, (await PostAsync("short-lived")).Status);

        var question = await author.OpenAsync("/posts/short-lived/delete");
        Assert.Contains("cannot be undone", question.Body!.TextContent, StringComparison.Ordinal);
        await author.SubmitAsync("/posts/short-lived/delete", "main form[method=post]", []);
        Assert.False(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.Slug == "short-lived")));

        // The seed post has 21 comments: an administrator's delete moves it to the trash, whence it comes back whole.
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        await admin.SubmitAsync("/posts/some-so-far-so-what/delete", "main form[method=post]", []);
        Assert.Equal(PostStatus.Trash, (await PostAsync("some-so-far-so-what")).Status);
        var gone = await new Browser(factory).GetAsync("/posts/some-so-far-so-what");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        await admin.SubmitAsync("/moderation/posts", "#trash-1 form:first-of-type", []);
        Assert.Equal(PostStatus.Published, (await PostAsync("some-so-far-so-what")).Status);
        Assert.Equal(21, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task OnlyStaffMayWriteUnlessTheForumIsOpen()
    {
        using (var anonymous = new Browser(factory))
        {
            var redirected = await anonymous.GetAsync("/posts/new");
            Assert.Equal(HttpStatusCode.Redirect, redirected.Status);
            Assert.Equal("/account/sign-in", redirected.ResolvedLocation?.AbsolutePath);
        }
        using var member = await SignedInAsync("member@example.org");
        var get = await member.GetAsync("/posts/new");
        Assert.Equal(HttpStatusCode.Forbidden, get.Status);
        var post = await member.PostFormAsync("/posts/new", [F("Input.Title", "x"), F("Input.Body", "y")]);
        Assert.True(post.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)post.Status}");
        Assert.DoesNotContain("New post", (await member.OpenAsync("/")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAnOpenForumAMembersFirstPostWaitsForAModerator()
    {
        using var open = new ForumFactory().With("Posts:MembersCanStart", "true");
        await open.CreateUserAsync("member@example.org");
        await open.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var member = new Browser(open, "203.0.113.90");
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);

        var write = await member.SubmitAsync("/posts/new", "form.post-editor",
            [F("Input.Title", "My question"), F("Input.Body", "What do you think?")], "Input.Intent=publish-now");
        Assert.Equal(HttpStatusCode.Redirect, write.Status);
        var held = await open.WithDbAsync(db => db.Posts.SingleAsync(p => p.Slug == "my-question"));
        Assert.Equal((PostStatus.Pending, "First comment from this author"), (held.Status, held.ModerationReason));
        var hidden = await new Browser(open).GetAsync("/posts/my-question");
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);

        using var moderator = new Browser(open, "192.0.2.50");
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        var queue = await moderator.OpenAsync("/moderation/posts");
        Assert.NotNull(queue.GetElementById($"post-{held.Id}"));
        await moderator.SubmitAsync("/moderation/posts", $"#post-{held.Id} form:first-of-type", []);
        Assert.Equal(PostStatus.Published, (await open.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == held.Id))).Status);
        var visible = await new Browser(open).GetAsync("/posts/my-question");
        Assert.Equal(HttpStatusCode.OK, visible.Status);
    }

    [Fact]
    public async Task OnlyTheAuthorAndAdministratorsMayEditOrDelete()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await WriteAsync(author, "Mine", "x");
        using var otherAuthor = await SignedInAsync("other@example.org", Roles.Author);
        foreach (var route in new[] { "/posts/mine/edit", "/posts/mine/delete" })
        {
            var get = await otherAuthor.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, get.Status);
        }
        // Even with a valid token from a page they may see, another author's POST is refused.
        var token = (await otherAuthor.OpenAsync("/posts/new")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var route in new[] { "/posts/mine/edit", "/posts/mine/delete" })
        {
            var post = await otherAuthor.PostFormAsync(route, [F("__RequestVerificationToken", token), F("Input.Title", "Stolen"), F("Input.Body", "x")]);
            Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        }
        Assert.Equal("Mine", (await PostAsync("mine")).Title);

        // A moderator too, unless Posts:ModeratorsEditOthersPosts allows it (PostPermissionTests).
        using var moderator = await SignedInAsync("mod@example.org", Roles.Moderator);
        var edit = await moderator.GetAsync("/posts/mine/edit");
        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/posts/mine/edit")).Status);
    }

    [Fact]
    public async Task ClosingCommentsOnAPostRemovesTheFormAndRefusesComments()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        await author.SubmitAsync("/posts/new", "form.post-editor",
            [F("Input.Title", "Quiet"), F("Input.Body", "x"), F("Input.CommentsOpen", "false")], "Input.Intent=publish-now");
        Assert.False((await PostAsync("quiet")).CommentsOpen);
        var page = await new Browser(factory).OpenAsync("/posts/quiet");
        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.Equal("Comments are closed.", page.QuerySelector(".comments-closed")?.TextContent);
    }

    [Fact]
    public async Task TheHomePageShowsTwentyPostsAPage()
    {
        using var author = await SignedInAsync("writer@example.org", Roles.Author);
        for (var i = 1; i <= 21; i++)
        {
            await WriteAsync(author, $"Post {i:00}", "x");
        }
        var first = await new Browser(factory).OpenAsync("/");
        Assert.Equal(20, first.QuerySelectorAll("article.post-summary").Length);
        Assert.Equal("Post 21", first.QuerySelector("article.post-summary h2 a")?.TextContent);
        var second = await new Browser(factory).OpenAsync("/?page=2");
        Assert.Equal(["Post 01", "SoMe, So Far, So\u00A0What?"], second.QuerySelectorAll("article.post-summary h2 a").Select(a => a.TextContent));
    }
}
