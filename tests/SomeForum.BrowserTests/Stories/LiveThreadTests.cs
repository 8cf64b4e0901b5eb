using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.BrowserTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// A reader has a post open while others write: a notice says how many comments were published since, without the
/// page reloading, and leads to them. Without JavaScript the page is as it always was.
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class LiveThreadTests(OpenForum forum)
{
    [Fact]
    public async Task AReaderWithThePostOpenIsToldOfNewCommentsAndIsTakenToThem()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator("#comments[data-live-state=open]")).ToHaveCountAsync(1);
        var notice = page.Locator(".live-notice");
        await Expect(notice).ToBeEmptyAsync();
        // Marks this very document: a reload would lose the mark.
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        // Another reader, in a browser of their own, writes twice.
        await using var other = await forum.OpenAsync();
        var first = await SendAsync(other.Context.APIRequest, "Lola Live", "lola@example.org", UniqueText("Written while you read"));
        var link = notice.GetByRole(AriaRole.Link);
        await Expect(link).ToHaveTextAsync("1 new comment — show them");
        await Expect(link).ToBeInViewportAsync();
        var second = await SendAsync(other.Context.APIRequest, "Lola Live", "lola@example.org", UniqueText("And another"));
        await Expect(link).ToHaveTextAsync("2 new comments — show them");
        await Expect(link).ToHaveAttributeAsync("href", $"/comments/{first}");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was loaded again");
        await Expect(page.Locator($"#comment-{first}")).ToHaveCountAsync(0);

        var audit = await Accessibility.AuditAsync(page, "post-live", ColorScheme.Light);
        Assert.Empty(audit);
        // The window as the reader sees it, notice and all, for a person to look at.
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestOutput.Folder("screenshots"), "post-live-desktop.png") });

        await NavigateAsync(page, () => link.ClickAsync(), $"**{BrowserForum.SeedPostPath}*#comment-{first}");
        await Expect(page.Locator($"#comment-{first} > article")).ToBeInViewportAsync();
        // What the reader had not seen is marked as new (new-since.js), both of them.
        await Expect(page.Locator($"#comment-{first}.new")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#comment-{second}.new")).ToHaveCountAsync(1);
        await Expect(page.Locator(".live-notice")).ToBeEmptyAsync();
        Assert.Empty(reader.ConsoleErrors);
        Assert.Empty(await reader.PolicyViolationsAsync());
    }

    [Fact]
    public async Task InTheDarkTheNoticeIsAsReadable()
    {
        await using var reader = await forum.OpenAsync(colorScheme: ColorScheme.Dark);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator("#comments[data-live-state=open]")).ToHaveCountAsync(1);
        await using var other = await forum.OpenAsync();
        await SendAsync(other.Context.APIRequest, "Dora Dark", "dora@example.org", UniqueText("Read at night"));
        await Expect(page.Locator(".live-notice a")).ToHaveTextAsync("1 new comment — show them");
        Assert.Empty(await Accessibility.AuditAsync(page, "post-live", ColorScheme.Dark));
    }

    [Fact]
    public async Task WithoutJavaScriptThePageOpensNoStreamAndShowsNoNotice()
    {
        await using var reader = await forum.OpenAsync(javaScript: false);
        var page = reader.Page;
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await using var other = await forum.OpenAsync(javaScript: false);
        await SendAsync(other.Context.APIRequest, "Nils Noscript", "nils@example.org", UniqueText("Not announced"));
        await Task.Delay(1000);
        await Expect(page.Locator(".live-notice")).ToHaveCountAsync(0);
        Assert.DoesNotContain(requested, url => url.EndsWith("/live", StringComparison.Ordinal));
    }
}

/// <summary>Where comments are held, a reader is told of one only once a moderator approves it.</summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class LiveModeratedThreadTests(ModeratedForum forum)
{
    [Fact]
    public async Task AHeldCommentIsToldOnlyOnceAModeratorApprovesIt()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator("#comments[data-live-state=open]")).ToHaveCountAsync(1);

        await using var guest = await forum.OpenAsync();
        var held = await SendAsync(guest.Context.APIRequest, "Hal Held", $"hal.{Guid.NewGuid():N}@example.org", UniqueText("Held first"));
        await Task.Delay(1500);
        await Expect(page.Locator(".live-notice")).ToBeEmptyAsync();

        await using (var scope = forum.Services.CreateAsyncScope())
        {
            var changed = await scope.ServiceProvider.GetRequiredService<ThreadChanges>()
                .ModerateAsync([held], ModerationAction.Approve, new Actor(null, "the administrator"), CancellationToken.None);
            Assert.Equal(1, changed);
        }
        var link = page.Locator(".live-notice a");
        await Expect(link).ToHaveTextAsync("1 new comment — show them");
        await NavigateAsync(page, () => link.ClickAsync(), $"**{BrowserForum.SeedPostPath}*#comment-{held}");
        await Expect(page).ToHaveURLAsync(new Regex($"#comment-{held}$"));
        await Expect(page.Locator($"#comment-{held} > article")).ToBeInViewportAsync();
        Assert.Empty(reader.ConsoleErrors);
    }
}
