using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// axe-core on the pages a reader uses (and the sign-in and register pages), in the light and the dark
/// colour scheme: nothing serious or critical. The full results go to
/// test-output/accessibility/&lt;page&gt;.json (and &lt;page&gt;-dark.json). The moderation queue is audited
/// with held comments in it, in <see cref="ModerationDeskTests"/>.
/// </summary>
[Collection(SeededForumDefinition.Name)]
public sealed class AccessibilityTests(SeededForum forum)
{
    private const string ReplyPage = BrowserForum.SeedPostPath + "/reply/10"; // Khurshed Dehnugara's comment

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
    [InlineData("sign-in", "/account/sign-in", State.AsLoaded)]
    [InlineData("register", "/account/register", State.AsLoaded)]
    public async Task APageHasNoSeriousAccessibilityProblems(string name, string path, State state)
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var reader = await forum.OpenAsync(colorScheme: scheme);
            var page = reader.Page;
            await reader.GotoAsync(path);
            await BringAboutAsync(page, state);
            problems.AddRange(await Accessibility.AuditAsync(page, name, scheme));
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
