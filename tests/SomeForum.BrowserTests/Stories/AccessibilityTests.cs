using Deque.AxeCore.Playwright;
using Newtonsoft.Json;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// axe-core on the pages a reader uses, in the light and the dark colour scheme: nothing serious or
/// critical. The full results go to test-output/accessibility/&lt;page&gt;.json (and &lt;page&gt;-dark.json).
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class AccessibilityTests(SeededForum forum)
{
    private const string ReplyPage = BrowserForum.SeedPostPath + "/reply/10"; // Khurshed Dehnugara's comment
    private static readonly string[] Blocking = ["serious", "critical"];

    public enum State
    {
        AsLoaded,
        /// <summary>The reply script has moved the form under a comment.</summary>
        FormMoved,
        /// <summary>The form came back with a message at every required field.</summary>
        FormRefused,
    }

    [Theory]
    [InlineData("home", "/", State.AsLoaded)]
    [InlineData("post", BrowserForum.SeedPostPath, State.AsLoaded)]
    [InlineData("reply", ReplyPage, State.AsLoaded)]
    [InlineData("post-replying", BrowserForum.SeedPostPath, State.FormMoved)]
    [InlineData("reply-refused", ReplyPage, State.FormRefused)]
    public async Task APageHasNoSeriousAccessibilityProblems(string name, string path, State state)
    {
        var folder = TestOutput.Folder("accessibility");
        var problems = new List<string>();
        foreach (var (scheme, background) in new[] { (ColorScheme.Light, "rgb(253, 252, 250)"), (ColorScheme.Dark, "rgb(21, 24, 28)") })
        {
            await using var reader = await forum.OpenAsync(colorScheme: scheme);
            var page = reader.Page;
            await reader.GotoAsync(path);
            // The scheme really is the one checked: the page's own background for it.
            Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
            await BringAboutAsync(page, state);

            var result = await page.RunAxe();
            var file = Path.Combine(folder, scheme == ColorScheme.Light ? $"{name}.json" : $"{name}-dark.json");
            await File.WriteAllTextAsync(file, JsonConvert.SerializeObject(result, Formatting.Indented));
            Assert.Contains(result.Passes, rule => rule.Id == "color-contrast");

            problems.AddRange(result.Violations
                .Where(v => Blocking.Contains(v.Impact))
                .Select(v => $"[{scheme}] {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length}×, e.g. {v.Nodes.FirstOrDefault()?.Html}) — see {file}"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task BringAboutAsync(IPage page, State state)
    {
        switch (state)
        {
            case State.FormMoved:
                await page.Locator($"#comment-{CommentForm.KhurshedsComment} > article a.reply-link").ClickAsync();
                await Expect(page.Locator($"#comment-{CommentForm.KhurshedsComment} > article + #respond")).ToHaveCountAsync(1);
                break;
            case State.FormRefused:
                var answer = await CommentForm.PostAsync(page);
                Assert.Equal(422, answer.Status);
                await Expect(page.Locator(".field-error:not(:empty)")).ToHaveCountAsync(3);
                break;
        }
    }
}
