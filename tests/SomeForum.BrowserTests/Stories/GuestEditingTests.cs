using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// A guest changes their mind: edits the comment they just posted with the link beside it, then erases their details.
/// Both pages pass axe-core (results in test-output/accessibility/guest-edit.json and guest-data.json).
/// </summary>
[Collection(OpenForumDefinition.Name)]
public sealed class GuestEditingTests(OpenForum forum)
{
    [Fact]
    public async Task AGuestEditsTheirCommentWithTheLinkBesideItThenErasesTheirDetails()
    {
        await using var guest = await forum.OpenAsync();
        var page = guest.Page;
        await guest.GotoAsync(BrowserForum.SeedPostPath);

        var text = UniqueText("A first thought, with a tpyo");
        await FillAsync(page, text, "Gail Guest", "gail.guest@example.org");
        Assert.Equal(302, (await PostAsync(page)).Status);
        var id = CommentIdIn(page.Url);
        var comment = page.Locator($"#comment-{id} > article");
        var edit = comment.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Edit or delete your comment \(until \d\d:\d\d UTC\)$") });
        await Expect(edit).ToBeVisibleAsync();

        await NavigateAsync(page, () => edit.ClickAsync(), $"**/comments/{id}/edit?token=*");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Edit your comment");
        var box = page.GetByLabel("Comment *", new() { Exact = true });
        await Expect(box).ToHaveValueAsync(text);
        var problems = (await Accessibility.AuditAsync(page, "guest-edit", ColorScheme.Light)).ToList();
        var corrected = text.Replace("tpyo", "typo", StringComparison.Ordinal);
        await box.FillAsync(corrected);
        Assert.Equal(302, (await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync())).Status);

        Assert.Equal(id, CommentIdIn(page.Url));
        await Expect(comment.Locator(".comment-body")).ToHaveTextAsync(corrected);
        await Expect(comment.Locator(".edited")).ToContainTextAsync("edited");

        await NavigateAsync(page, () => comment.GetByRole(AriaRole.Link, new() { Name = "What is stored about you" }).ClickAsync(), $"**/comments/{id}/your-data?token=*");
        await Expect(page.Locator("dl.stored-data").First).ToContainTextAsync("gail.guest@example.org");
        problems.AddRange(await Accessibility.AuditAsync(page, "guest-data", ColorScheme.Light));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(302, (await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Erase my personal data" }).ClickAsync())).Status);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your personal data is erased");
        await Expect(page.Locator("dl.stored-data").First).Not.ToContainTextAsync("gail.guest@example.org");

        await guest.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(comment.Locator(".comment-author")).ToHaveTextAsync("Anonymous");
        await Expect(comment.Locator(".comment-body")).ToHaveTextAsync(corrected);
        Assert.Empty(guest.ConsoleErrors);
    }
}
