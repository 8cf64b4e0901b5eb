using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SomeForum.BrowserTests.Stories;

[Collection(SeededForumDefinition.Name)]
public sealed class ReadingTests(SeededForum forum)
{
    [Fact]
    public async Task ANewReaderReadsTheSeedPost()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;

        await reader.GotoAsync("/");
        var entry = page.Locator("article.post-summary").Filter(new() { HasText = "SoMe, So Far, So What?" });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.Locator(".meta")).ToContainTextAsync("21 comments");

        await CommentForm.NavigateAsync(page, () => entry.GetByRole(AriaRole.Link, new() { Name = "SoMe, So Far, So What?" }).ClickAsync(),
            $"**{BrowserForum.SeedPostPath}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SoMe, So Far, So What?");
        await Expect(page).ToHaveTitleAsync("SoMe, So Far, So What? – SomeForum");
        await Expect(page.Locator("article.post .post-body")).ToContainTextAsync("Wednesday sees the hosting of the CIPD’s Social Media conference.");
        await Expect(page.Locator("#comments-title")).ToContainTextAsync("21 responses");

        // 13 numbered top-level entries, 1 to 13, and 21 entries in all.
        var topLevel = page.Locator("#comments > ol.comment-list > li");
        await Expect(topLevel).ToHaveCountAsync(13);
        var numbers = await topLevel.EvaluateAllAsync<int[]>("items => items.map(li => li.value)");
        Assert.Equal(Enumerable.Range(1, 13), numbers);
        Assert.Equal("decimal", await page.Locator("#comments > ol.comment-list").EvaluateAsync<string>("ol => getComputedStyle(ol).listStyleType"));
        await Expect(page.Locator("#comments li[id^='comment-']")).ToHaveCountAsync(21);

        // Replies sit inside their parent: Emma Browes in Steve Hearsum in Robin Schooling, all on screen when scrolled to.
        var robin = topLevel.Nth(6);
        await Expect(Author(robin)).ToHaveTextAsync("Robin Schooling");
        var steve = robin.Locator(":scope > details.replies > ul.children > li");
        await Expect(Author(steve)).ToHaveTextAsync("Steve Hearsum");
        var emma = steve.Locator(":scope > details.replies > ul.children > li");
        await Expect(Author(emma)).ToHaveTextAsync("Emma Browes");
        foreach (var comment in new[] { robin, steve, emma })
        {
            await comment.Locator(":scope > article").ScrollIntoViewIfNeededAsync();
            await Expect(comment.Locator(":scope > article .comment-body")).ToBeVisibleAsync();
        }
        // A nested reply is drawn further in than its parent.
        var robinBox = await robin.Locator(":scope > article").BoundingBoxAsync();
        var steveBox = await steve.Locator(":scope > article").BoundingBoxAsync();
        var emmaBox = await emma.Locator(":scope > article").BoundingBoxAsync();
        Assert.True(robinBox!.X < steveBox!.X && steveBox.X < emmaBox!.X, $"indents {robinBox.X}, {steveBox.X}, {emmaBox.X}");

        Assert.Empty(reader.ConsoleErrors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AThreadFoldsAwayAndOpensAgainFromTheKeyboardAndNothingIsRemembered(bool javaScript)
    {
        await using var reader = await forum.OpenAsync(javaScript);
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        // Robin Schooling's thread: Steve Hearsum's reply, and Emma Browes' reply to Steve.
        var robin = page.Locator("#comments > ol.comment-list > li").Nth(6);
        await Expect(Author(robin)).ToHaveTextAsync("Robin Schooling");
        var replies = robin.Locator(":scope > details.replies");
        var summary = replies.Locator(":scope > summary");
        var steve = robin.Locator(":scope > details.replies > ul.children > li").First;
        var emma = steve.Locator(":scope > details.replies > ul.children > li");
        await Expect(replies).ToHaveAttributeAsync("open", "");
        await Expect(summary).ToHaveTextAsync("2 replies to Robin Schooling");
        await Expect(summary).ToHaveAccessibleNameAsync("2 replies to Robin Schooling");
        // The name is said in full to a screen reader; on screen the count is enough.
        var hidden = await summary.Locator(".visually-hidden").BoundingBoxAsync();
        Assert.True(hidden is { Width: <= 1, Height: <= 1 }, $"the author's name in the toggle takes {hidden?.Width}×{hidden?.Height}px");
        await Expect(Author(emma)).ToBeVisibleAsync();

        // From Robin's Report link, the comment's last, Tab reaches the toggle, visibly focused; Enter folds the thread away.
        await robin.Locator(":scope > article a.report-link").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(summary).ToBeFocusedAsync();
        var outline = await summary.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return `${s.outlineStyle} ${parseFloat(s.outlineWidth) || 0}`; }");
        Assert.Equal("solid 3", outline);
        await page.Keyboard.PressAsync("Enter");
        await Expect(replies).Not.ToHaveAttributeAsync("open", new System.Text.RegularExpressions.Regex(".*"));
        await Expect(Author(steve)).ToBeHiddenAsync();
        await Expect(Author(emma)).ToBeHiddenAsync();
        // Only this thread: Robin's own comment and the other threads stay as they were.
        await Expect(robin.Locator(":scope > article .comment-body")).ToBeVisibleAsync();
        await Expect(summary).ToBeVisibleAsync();
        await Expect(page.Locator($"#comment-{CommentForm.KhurshedsComment} .comment-body").First).ToBeVisibleAsync();

        // Space opens it again.
        await page.Keyboard.PressAsync(" ");
        await Expect(replies).ToHaveAttributeAsync("open", "");
        await Expect(Author(emma)).ToBeVisibleAsync();

        // Folded with the mouse, then the page loaded again: every thread is open, as served.
        await summary.ClickAsync();
        await Expect(Author(steve)).ToBeHiddenAsync();
        await reader.GotoAsync(BrowserForum.SeedPostPath);
        await Expect(page.Locator("details.replies:not([open])")).ToHaveCountAsync(0);
        await Expect(Author(emma)).ToBeVisibleAsync();
        if (javaScript)
        {
            // Nothing of the folding: the one thing kept is what the reader has seen of the post (new-since.js).
            var kept = await page.EvaluateAsync<string[]>("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]");
            Assert.All(kept, key => Assert.StartsWith("someforum.seen.", key, StringComparison.Ordinal));
        }
        Assert.Empty(reader.ConsoleErrors);
    }

    [Fact]
    public async Task DatesReadWellAndGiveTheExactUtcTimeOnHover()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        // One on every comment (the seed's pingbacks and its post give none, and none is invented).
        var dates = await page.Locator("main time").EvaluateAllAsync<string[][]>(
            "times => times.map(t => [t.textContent.trim(), t.getAttribute('datetime'), t.title])");
        Assert.Equal(19, dates.Length);
        await Expect(page.Locator("#comments li.comment:not(.pingback) > article .comment-meta time")).ToHaveCountAsync(19);
        await Expect(page.Locator("article.post .meta .date-unknown")).ToHaveTextAsync("date unknown");
        foreach (var (text, machine, exact) in dates.Select(d => (d[0], d[1], d[2])))
        {
            // Readable on the page, the exact time in UTC on hover, and UTC in the markup.
            Assert.Matches(@"^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$", text);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", machine);
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$", exact);
            var instant = DateTime.Parse(machine, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(instant.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), text);
            Assert.Equal(instant.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), exact);
        }
        // Meg Peppin's, in a browser set to London time: the page does not depend on the reader's clock.
        var meg = page.Locator("#comment-1 > article time");
        await Expect(meg).ToHaveTextAsync("December 2, 2013");
        await Expect(meg).ToHaveAttributeAsync("datetime", "2013-12-02T00:00:00Z");
        await Expect(meg).ToHaveAttributeAsync("title", "2013-12-02 00:00 UTC");
    }

    [Fact]
    public async Task EveryCommentHasAPictureDrawnByTheForumItself()
    {
        await using var reader = await forum.OpenAsync();
        var page = reader.Page;
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await reader.GotoAsync(BrowserForum.SeedPostPath);

        // Every entry has one; the seed's readers left no email, and pingbacks have none: the neutral picture.
        var avatars = page.Locator("#comments li.comment > article img.avatar");
        await Expect(avatars).ToHaveCountAsync(21);
        foreach (var avatar in await avatars.AllAsync())
        {
            await avatar.ScrollIntoViewIfNeededAsync();
            await Expect(avatar).ToHaveAttributeAsync("src", "/avatars/anonymous.svg");
            // Decorative: the name beside it says who wrote the comment.
            await Expect(avatar).ToHaveAttributeAsync("alt", "");
            Assert.True(await avatar.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "an avatar did not load");
        }
        var picture = await page.Context.APIRequest.GetAsync("/avatars/anonymous.svg");
        Assert.Equal("image/svg+xml; charset=utf-8", picture.Headers["content-type"]);
        Assert.Contains("immutable", picture.Headers["cache-control"], StringComparison.Ordinal);

        // Nothing was fetched from anywhere but the forum.
        var origin = forum.Address.GetLeftPart(UriPartial.Authority);
        Assert.All(requested, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Contains(requested, url => url.EndsWith("/avatars/anonymous.svg", StringComparison.Ordinal));
        Assert.Empty(reader.ConsoleErrors);
    }

    private static ILocator Author(ILocator comment) => comment.Locator(":scope > article .comment-author");
}
