using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// The moderation queue as a moderator sees it, with held comments in it: photographed on a desktop and a
/// phone (test-output/screenshots/queue-*.png), fitting both, and audited by axe in both colour schemes.
/// </summary>
[Collection(ModeratedForumDefinition.Name)]
public sealed class ModerationDeskTests(ModeratedForum forum)
{
    [Fact]
    public async Task TheQueueIsPhotographedFitsAPhoneAndHasNoSeriousAccessibilityProblems()
    {
        // Two first-time guests: a reply, and a comment of their own with links in it. Both are held.
        var held = new List<long>();
        await using (var guest = await forum.OpenAsync())
        {
            var page = guest.Page;
            await guest.GotoAsync(BrowserForum.SeedPostPath);
            await page.Locator($"#comment-{KhurshedsComment} > article a.reply-link").ClickAsync();
            await FillAsync(page, UniqueText("I think the point about policies is the strongest one here."),
                "Quentin Queue", $"quentin.{Guid.NewGuid():N}@example.org");
            Assert.Equal(302, (await PostAsync(page)).Status);
            held.Add(CommentIdIn(page.Url));

            await guest.GotoAsync(BrowserForum.SeedPostPath);
            await FillAsync(page, UniqueText("Two reads on this: [one](https://example.org/a) and [two](https://example.org/b)."),
                "Rosa Review", $"rosa.{Guid.NewGuid():N}@example.org");
            Assert.Equal(302, (await PostAsync(page)).Status);
            held.Add(CommentIdIn(page.Url));
        }

        var problems = new List<string>();
        foreach (var (device, scheme) in new[] { ("desktop", ColorScheme.Light), ("phone", ColorScheme.Light), ("desktop", ColorScheme.Dark) })
        {
            var (width, height, phone) = Screenshots.Devices[device];
            await using var moderator = await forum.OpenAsync(width: width, height: height, phone: phone, colorScheme: scheme);
            var page = moderator.Page;
            await Accounts.SignInAsync(moderator, Accounts.Moderator, "/moderation");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Moderation");
            foreach (var id in held)
            {
                await Expect(page.Locator($"form.queue #queued-{id} button[value='Approve:{id}']")).ToBeVisibleAsync();
            }

            if (scheme == ColorScheme.Light) await Screenshots.TakeAsync(page, "queue", device);
            if (device == "desktop") problems.AddRange(await Accessibility.AuditAsync(page, "moderation-queue", scheme));
            Assert.Empty(moderator.ConsoleErrors);
            Assert.Empty(await moderator.PolicyViolationsAsync());
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
