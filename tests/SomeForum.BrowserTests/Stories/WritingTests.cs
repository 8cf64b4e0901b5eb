using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Tried as a new user would: the administrator signs in, writes a post in Markdown, previews and
/// publishes it; a reader finds it on the home page and replies to it. Comments publish at once here.
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class WritingTests(OpenForum forum)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EnterInTheTitleSavesADraftAndNeverPublishes(bool javaScript)
    {
        var title = $"Half a thought {(javaScript ? "with" : "without")} scripts {Guid.NewGuid().ToString("N")[..6]}";
        await using var admin = await forum.OpenAsync(javaScript);
        var editor = admin.Page;
        await Accounts.SignInAsync(admin, Accounts.Administrator);
        await admin.GotoAsync("/posts/new");
        await editor.GetByLabel("Text * (Markdown)").FillAsync("Not ready for readers yet.");
        await editor.GetByLabel("Title *").FillAsync(title);

        // Enter in the title sends the form with its first button: Save draft, never Publish.
        var saved = await SubmitAsync(editor, () => editor.GetByLabel("Title *").PressAsync("Enter"));
        Assert.True(saved.Status is 302 or 303, $"Enter in the title answered {saved.Status}");
        var path = new Uri(editor.Url).AbsolutePath;
        Assert.Matches("^/posts/half-a-thought-[^/]+/edit$", path);
        await Expect(editor.Locator(".notice[role=status]")).ToHaveTextAsync("Draft saved.");
        await Expect(editor.GetByLabel("Title *")).ToHaveValueAsync(title);
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToBeVisibleAsync();

        // Readers cannot see it: it is a draft.
        await using var reader = await forum.OpenAsync(javaScript);
        var response = await reader.Page.GotoAsync(path[..^"/edit".Length]);
        Assert.Equal(404, response!.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnAdministratorPublishesAPostAndAReaderFindsItAndReplies(bool javaScript)
    {
        var title = $"Reading long threads, {(javaScript ? "with" : "without")} scripts {Guid.NewGuid().ToString("N")[..6]}";
        const string Markdown = """
            Threads get long. Here is *how* to keep them **readable**:

            - fold a thread away with its *N replies* toggle
            - follow a [permalink](https://example.org/guide) to one comment

            ## Why it matters

            Use `details` and `summary`; they need no script.
            """;

        // The administrator signs in and starts a post from the home page.
        await using var admin = await forum.OpenAsync(javaScript);
        var editor = admin.Page;
        await Accounts.SignInAsync(admin, Accounts.Administrator);
        await NavigateAsync(editor, () => editor.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync(), "**/posts/new");
        await admin.WatchPolicyAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New post");
        await editor.GetByLabel("Title *").FillAsync(title);
        await editor.GetByLabel("Text * (Markdown)").FillAsync(Markdown);

        // The preview shows the Markdown rendered, and keeps what was typed.
        var previewed = await SubmitAsync(editor, () => editor.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync());
        Assert.Equal(200, previewed.Status);
        var preview = editor.Locator(".post-preview .post-body");
        await Expect(preview.Locator("em").First).ToHaveTextAsync("how");
        await Expect(preview.Locator("strong")).ToHaveTextAsync("readable");
        await Expect(editor.GetByLabel("Title *")).ToHaveValueAsync(title);
        await Expect(editor.GetByLabel("Text * (Markdown)")).ToHaveValueAsync(Markdown.ReplaceLineEndings("\n"));

        // Published, it is at its own address, made from the title.
        // Publish asks once (in the page with scripts, on a page of its own without): "Publish now" publishes.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var published = await SubmitAsync(editor, () => editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync());
        Assert.True(published.Status is 302 or 303, $"publishing answered {published.Status}");
        var path = new Uri(editor.Url).AbsolutePath;
        Assert.StartsWith("/posts/reading-long-threads-with", path, StringComparison.Ordinal);
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(editor.Locator("article.post .notice")).ToHaveCountAsync(0);

        // A reader, not signed in, finds it at the top of the home page.
        await using var reader = await forum.OpenAsync(javaScript);
        var page = reader.Page;
        await reader.GotoAsync("/");
        var newest = page.Locator("ol.post-list > li").First.Locator("article.post-summary");
        await Expect(newest.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(title);
        await Expect(newest.Locator(".meta")).ToContainTextAsync("0 comments");
        await Expect(newest.Locator(".excerpt")).ToContainTextAsync("Threads get long.");
        await NavigateAsync(page, () => newest.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync(), $"**{path}");
        await reader.WatchPolicyAsync();

        // The post reads as written: the Markdown rendered, its link marked as the author's, not the site's.
        var body = page.Locator("article.post .post-body");
        await Expect(body.Locator("em").First).ToHaveTextAsync("how");
        await Expect(body.Locator("strong")).ToHaveTextAsync("readable");
        await Expect(body.Locator("ul > li")).ToHaveCountAsync(2);
        await Expect(body.GetByRole(AriaRole.Heading, new() { Name = "Why it matters" })).ToBeVisibleAsync();
        await Expect(body.Locator("code")).ToHaveTextAsync(["details", "summary"]);
        var link = body.GetByRole(AriaRole.Link, new() { Name = "permalink" });
        await Expect(link).ToHaveAttributeAsync("href", "https://example.org/guide");
        await Expect(link).ToHaveAttributeAsync("rel", new System.Text.RegularExpressions.Regex(@"\bnofollow\b"));
        await Expect(page.Locator(".no-comments")).ToHaveTextAsync("No comments yet.");

        // The reader replies to it, and lands on their comment, published.
        var text = UniqueText("Thanks, the fold-away threads help");
        await FillAsync(page, text, "Rae Reader", $"rae.{Guid.NewGuid():N}@example.org");
        var answer = await PostAsync(page);
        Assert.Equal(302, answer.Status);
        Assert.Matches($@"{path}#comment-\d+$", page.Url);
        var id = page.Url[(page.Url.LastIndexOf('-') + 1)..];
        var reply = page.Locator($"#comments > ol.comment-list > li#comment-{id}");
        await Expect(reply).ToHaveAttributeAsync("value", "1");
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Rae Reader");
        await Expect(reply.Locator(".comment-body")).ToHaveTextAsync(text);
        await Expect(reply.Locator(".awaiting-moderation")).ToHaveCountAsync(0);
        await Expect(page.Locator("#comments-title")).ToContainTextAsync($"1 response to “{title}”");

        // The administrator, reloading, sees the reply too.
        await admin.GotoAsync(path);
        await Expect(editor.Locator($"#comment-{id} .comment-body")).ToHaveTextAsync(text);

        foreach (var session in new[] { admin, reader })
        {
            Assert.Empty(session.ConsoleErrors);
            Assert.Empty(await session.PolicyViolationsAsync());
        }
    }
}
