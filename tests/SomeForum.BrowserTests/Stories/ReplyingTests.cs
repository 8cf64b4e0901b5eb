using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>Replying to a nested comment, with the reply script and without it. Comments publish at once here.</summary>
[Collection(OpenForumDefinition.Name)]
public sealed class ReplyingTests(OpenForum forum)
{
    [Fact]
    public async Task AReaderRepliesToANestedCommentWithJavaScript()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        var khurshed = page.Locator($"#comment-{KhurshedsComment}");
        await Expect(khurshed.Locator(":scope > article .comment-author")).ToHaveTextAsync(KhurshedsName);
        await khurshed.Locator(":scope > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync();

        // The script moves the form under the comment, right after it, and puts the cursor in it; the page stays.
        Assert.EndsWith(BrowserForum.SeedPostPath, page.Url, StringComparison.Ordinal);
        await Expect(khurshed.Locator(":scope > article + #respond")).ToHaveCountAsync(1);
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" })).ToBeVisibleAsync();
        await Expect(page.Locator("#Input_ParentId")).ToHaveValueAsync($"{KhurshedsComment}");
        await Expect(page.GetByLabel("Comment *", new() { Exact = true })).ToBeFocusedAsync();

        var text = UniqueText("Agreed – a reply written with the form moved under the comment");
        await FillAsync(page, text, "Jo Script", "jo.script@example.org");
        var answer = await PostAsync(page);
        Assert.Equal(302, answer.Status);

        Assert.Matches(Permalink(), page.Url);
        var id = CommentIdIn(page.Url);
        var reply = khurshed.Locator($":scope > ul.children > li#comment-{id}");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.Locator(".comment-body")).ToHaveTextAsync(text);
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Jo Script");
        await Expect(reply).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdepth-3\b"));
        await Expect(page.Locator("li:target")).ToHaveIdAsync($"comment-{id}");
        await Expect(reply).ToBeInViewportAsync();
        Assert.Empty(reader.ConsoleErrors);
    }

    [Fact]
    public async Task AReaderRepliesToANestedCommentWithoutJavaScript()
    {
        await using var reader = await forum.OpenAsync(javaScript: false);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        // Without the script the link leads to a page with the comment and the form.
        await NavigateAsync(page,
            () => page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync(),
            $"**/posts/some-so-far-so-what/reply/{KhurshedsComment}**");
        Assert.Equal($"/posts/some-so-far-so-what/reply/{KhurshedsComment}", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Replying to {KhurshedsName}");
        var answered = page.Locator($".replying-to #comment-{KhurshedsComment}");
        await Expect(answered.Locator(".comment-author")).ToHaveTextAsync(KhurshedsName);
        await Expect(answered.Locator(".comment-body")).ToBeVisibleAsync();
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");
        await Expect(Form(page)).ToBeVisibleAsync();

        var text = UniqueText("Agreed – a reply written on the reply page");
        await FillAsync(page, text, "Jo Plain", "jo.plain@example.org");
        var answer = await PostAsync(page);
        Assert.Equal(302, answer.Status);

        Assert.Matches(Permalink(), page.Url);
        var id = CommentIdIn(page.Url);
        var reply = page.Locator($"#comment-{KhurshedsComment} > ul.children > li#comment-{id}");
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.Locator(".comment-body")).ToHaveTextAsync(text);
        await Expect(reply.Locator(".comment-author")).ToHaveTextAsync("Jo Plain");
    }
}
