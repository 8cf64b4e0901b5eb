using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// The pages live within their own strict policy: nothing they do is refused by it. The policy is
/// enforced (a violation made on purpose is seen), so a quiet console means something.
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class ContentSecurityPolicyTests(SeededForum forum)
{
    [Fact]
    public async Task NoPageBreaksItsContentSecurityPolicy()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;

        foreach (var (path, status) in new[]
        {
            ("/", 200),
            (BrowserForum.SeedPostPath, 200),
            ($"{BrowserForum.SeedPostPath}/reply/{CommentForm.KhurshedsComment}", 200),
            ("/posts/no-such-post", 404),
            ("/no/such/page", 404),
        })
        {
            var response = await reader.GotoAsync(path);
            Assert.Equal(status, response.Status);
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
