using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// The pages live within their own strict policy: nothing they do is refused by it, on any kind of page
/// (a reader's, the account pages, a moderator's, the error pages). The policy is enforced (a violation
/// made on purpose is seen), so a quiet console means something.
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class ContentSecurityPolicyTests(SeededForum forum)
{
    [Fact]
    public async Task NoPageBreaksItsContentSecurityPolicy()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        var signedIn = false;

        // Every kind of page: a reader's, then (signed in) a moderator's. Each is checked as it is shown.
        foreach (var (path, status) in new[]
        {
            ("/", 200),
            (BrowserForum.SeedPostPath, 200),
            ($"{BrowserForum.SeedPostPath}/reply/{CommentForm.KhurshedsComment}", 200),
            ($"/comments/{CommentForm.KhurshedsComment}", 200), // the permalink, redirected to the post
            ("/account/sign-in", 200),
            ("/account/register", 200),
            ("/moderation", 200),
            ("/moderation?Status=Approved", 200),
            ("/moderation/log", 403),
            ("/posts/no-such-post", 404),
            ("/no/such/page", 404),
        })
        {
            if (path.StartsWith("/moderation", StringComparison.Ordinal) && !signedIn)
            {
                await Accounts.SignInAsync(reader, Accounts.Moderator);
                Assert.Empty(await reader.PolicyViolationsAsync());
                signedIn = true;
            }
            var response = await reader.GotoAsync(path);
            Assert.Equal(status, response.Status);
            if (path.StartsWith("/comments/", StringComparison.Ordinal))
            {
                Assert.NotNull(response.Request.RedirectedFrom);
                Assert.EndsWith($"{BrowserForum.SeedPostPath}#comment-{CommentForm.KhurshedsComment}", page.Url, StringComparison.Ordinal);
            }
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            // The stylesheet applied (a refused one would leave the skip link in the flow of the page).
            Assert.Equal("absolute", await page.Locator(".skip-link").EvaluateAsync<string>("e => getComputedStyle(e).position"));
            if (path == BrowserForum.SeedPostPath)
            {
                // What the script does on the page is inside the policy too.
                await page.Locator($"#comment-{CommentForm.KhurshedsComment} > article a.reply-link").ClickAsync();
                await Expect(page.Locator($"#comment-{CommentForm.KhurshedsComment} > article + #respond")).ToHaveCountAsync(1);
                await page.GetByRole(AriaRole.Link, new() { Name = "Cancel reply" }).ClickAsync();
                await Expect(page.Locator($"#comment-{CommentForm.KhurshedsComment} #respond")).ToHaveCountAsync(0);
                // Folding a thread away and opening it again, and every avatar drawn.
                var toggle = page.Locator("details.replies > summary").First;
                await toggle.ClickAsync();
                await toggle.ClickAsync();
                await page.Locator("img.avatar").Last.ScrollIntoViewIfNeededAsync();
                await Expect(page.Locator("img.avatar").Last).ToHaveJSPropertyAsync("complete", true);
            }
            Assert.Empty(await reader.PolicyViolationsAsync());
        }

        // The control: an inline style set on purpose is refused, and the watch reports it.
        await reader.GotoAsync("/");
        await page.EvaluateAsync("() => document.body.setAttribute('style', 'background: red')");
        var seen = await reader.PolicyViolationsAsync();
        for (var tries = 0; seen.Count == 0 && tries < 50; tries++)
        {
            await Task.Delay(100);
            seen = await reader.PolicyViolationsAsync();
        }
        Assert.NotEmpty(seen);
        Assert.NotEqual("rgb(255, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }
}
