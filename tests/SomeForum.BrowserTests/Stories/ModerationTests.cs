using System.Globalization;
using System.Text.RegularExpressions;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// Out-of-the-box moderation, from three browsers: a guest's first comment is held and only its author
/// sees it; a moderator approves it from the queue; then every reader sees it, in its place.
/// </summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed partial class ModerationTests(ModeratedForum forum)
{
    [GeneratedRegex(@"^/avatars/[0-9a-f]{32}\.svg$")]
    private static partial Regex Identicon();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AHeldCommentIsShownOnlyToItsAuthorUntilAModeratorApprovesIt(bool javaScript)
    {
        // Another reader, in a browser of their own, is reading the thread already.
        await using var other = await forum.OpenAsync(javaScript);
        await other.GotoAsync(BrowserForum.SeedPostPath);
        var responsesBefore = await ResponsesAsync(other.Page);

        // A guest answers Khurshed: with the script the form moves under the comment, without it the link leads to the reply page.
        await using var author = await forum.OpenAsync(javaScript);
        var page = author.Page;
        await author.GotoAsync(BrowserForum.SeedPostPath);
        await page.Locator($"#comment-{KhurshedsComment} > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync();
        await Expect(page.Locator("#reply-title")).ToContainTextAsync($"Reply to {KhurshedsName}");
        var text = UniqueText("A first comment, which a moderator must see first");
        var name = javaScript ? "Nia Newcomer" : "Nils Noscript";
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        await FillAsync(page, text, name, email);
        var answer = await PostAsync(page);
        Assert.Equal(302, answer.Status);

        // The author lands on it, in its place under the comment it answers, marked as held.
        Assert.Matches(Permalink(), page.Url);
        var id = CommentIdIn(page.Url);
        var held = page.Locator($"#comment-{KhurshedsComment} > details.replies > ul.children > li#comment-{id}");
        await Expect(held).ToBeVisibleAsync();
        await Expect(held).ToHaveClassAsync(new Regex(@"\bawaiting\b"));
        await Expect(held.Locator(".awaiting-moderation")).ToHaveTextAsync("Your comment is awaiting moderation.");
        await Expect(held.Locator(".comment-body")).ToHaveTextAsync(text);
        // Nobody can answer a comment that is not published yet.
        await Expect(held.Locator("a.reply-link")).ToHaveCountAsync(0);
        // While held it has the neutral picture (its own would let a writer test an email against the page's),
        // and the page never gives the email away.
        Assert.Equal("/avatars/anonymous.svg", await held.Locator(":scope > article img.avatar").GetAttributeAsync("src"));
        Assert.DoesNotContain(email.Split('@')[0], await page.Locator("#comments ol.comment-list").InnerHTMLAsync(), StringComparison.OrdinalIgnoreCase);
        // It stays theirs across visits.
        await author.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator($"#comment-{id} .awaiting-moderation")).ToBeVisibleAsync();

        // The other reader, reloading, sees the thread as it was.
        await other.GotoAsync(BrowserForum.SeedPostPath);
        Assert.Equal(responsesBefore, await ResponsesAsync(other.Page));
        await Expect(other.Page.Locator($"#comment-{id}")).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText(text)).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText(name)).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText("awaiting moderation")).ToHaveCountAsync(0);
        Assert.Equal(404, (await other.GotoAsync($"/comments/{id}")).Status);

        // A moderator signs in, finds it at the top of the queue with why it was held, and approves it.
        await using var moderator = await forum.OpenAsync(javaScript);
        await Accounts.SignInAsync(moderator, Accounts.Moderator, "/moderation");
        var queued = moderator.Page.Locator($"form.queue #queued-{id}");
        await Expect(queued).ToBeVisibleAsync();
        await Expect(queued.Locator(".queued-meta")).ToContainTextAsync(name);
        await Expect(queued.Locator(".queued-meta")).ToContainTextAsync("SoMe, So Far, So What?");
        await Expect(queued.Locator(".queued-meta")).ToContainTextAsync($"in reply to {KhurshedsName}");
        await Expect(queued.Locator(".comment-body")).ToHaveTextAsync(text);
        await Expect(queued.Locator(".queued-facts")).ToContainTextAsync(email);
        await Expect(queued.Locator(".reason")).Not.ToBeEmptyAsync();
        var approve = queued.Locator($"button[name=OnOne][value='Approve:{id}']");
        await Expect(approve).ToHaveTextAsync("Approve");
        if (javaScript)
        {
            // With the script the row says what was done, in its place, and the page stays.
            await approve.ClickAsync();
            await Expect(moderator.Page.Locator($"#done-{id}")).ToContainTextAsync($"Approved the comment by {name}.");
            await Expect(queued).ToBeHiddenAsync();
        }
        else
        {
            var approved = await SubmitAsync(moderator.Page, () => approve.ClickAsync());
            Assert.True(approved.Status is 302 or 303, $"approving answered {approved.Status}");
            await Expect(moderator.Page.Locator("main .notice[role=status]")).ToContainTextAsync($"Approved the comment by {name}.");
            await Expect(moderator.Page.Locator($"#queued-{id}")).ToHaveCountAsync(0);
        }

        // Now the other reader sees it, in its place under Khurshed's comment, published, with its own picture.
        await other.GotoAsync(BrowserForum.SeedPostPath);
        Assert.Equal(responsesBefore + 1, await ResponsesAsync(other.Page));
        var published = other.Page.Locator($"#comment-{KhurshedsComment} > details.replies > ul.children > li#comment-{id}");
        await Expect(published).ToBeVisibleAsync();
        await Expect(published).Not.ToHaveClassAsync(new Regex(@"\bawaiting\b"));
        await Expect(published.Locator(":scope > article .comment-author")).ToHaveTextAsync(name);
        await Expect(published.Locator(":scope > article .comment-body")).ToHaveTextAsync(text);
        await Expect(published.Locator(".awaiting-moderation")).ToHaveCountAsync(0);
        await Expect(published.Locator(":scope > article a.reply-link")).ToHaveCountAsync(1);
        Assert.Matches(Identicon(), await published.Locator(":scope > article img.avatar").GetAttributeAsync("src"));
        var permalink = await other.GotoAsync($"/comments/{id}");
        Assert.Equal(200, permalink.Status);
        Assert.Matches(Permalink(), other.Page.Url);

        // And its author sees it as everyone does.
        await author.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator($"#comment-{id}")).ToBeVisibleAsync();
        await Expect(page.Locator($"#comment-{id} .awaiting-moderation")).ToHaveCountAsync(0);

        // The permalink of the held comment was a 404 on purpose; nothing else went wrong.
        Assert.DoesNotContain(other.ConsoleErrors, e => !e.Contains($"/comments/{id}: Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal));
        foreach (var session in new[] { author, other, moderator })
        {
            if (session != other) Assert.Empty(session.ConsoleErrors);
            Assert.Empty(await session.PolicyViolationsAsync());
        }
    }

    /// <summary>The number in "N responses to …".</summary>
    private static async Task<int> ResponsesAsync(IPage page)
    {
        var title = await page.Locator("#comments-title").TextContentAsync() ?? "";
        var match = Regex.Match(title, @"^\s*(\d+) responses? to");
        Assert.True(match.Success, $"Unexpected heading “{title}”");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
