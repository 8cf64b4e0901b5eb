using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Seeding;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.IntegrationTests.Search;

/// <summary>
/// Search through the real page, on the real index of each database (run the suite with SOMEFORUM_TEST_DATABASE=postgres
/// for PostgreSQL): what readers may read is found, ranked, marked and linked; nothing else ever is, whatever the
/// comment's changes through the one door; and no query, however hostile, breaks the page.
/// </summary>
public sealed class SearchTests : IDisposable
{
    private const string SeedPost = "/posts/some-so-far-so-what";
    private readonly ForumFactory factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task APublishedCommentIsFoundByAWordInItRankedAboveAWeakerMatchMarkedAndLinkedToItsPermalink()
    {
        var word = UniqueWord();
        var weak = await PublishedCommentAsync($"Some long talk about the weather, the garden, the bus timetable and, once, {word}, then more about tea and biscuits.");
        var strong = await PublishedCommentAsync($"{word}! Yes, {word} again: {word} is all I talk about.");

        using var guest = new Browser(factory);
        var page = await guest.OpenAsync(ForumUrls.Search(word));
        var results = Results(page);
        Assert.Equal([ForumUrls.Permalink(strong), ForumUrls.Permalink(weak)], results.Select(Link));
        Assert.All(results, r => Assert.Contains(r.QuerySelectorAll(".search-excerpt mark"), m => m.TextContent == word));
        Assert.Equal(3, results[0].QuerySelectorAll(".search-excerpt mark").Length);

        // The link leads to the comment on its post's page.
        var permalink = await guest.GetAsync(Link(results[0]));
        Assert.Equal(HttpStatusCode.Redirect, permalink.Status);
        Assert.EndsWith($"#comment-{strong}", permalink.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllTheWordsMustMatchWhateverTheirCase()
    {
        var (first, second) = (UniqueWord(), UniqueWord());
        var both = await PublishedCommentAsync($"Here {first} and there {second}.");
        await PublishedCommentAsync($"Only {first} here.");

        using var guest = new Browser(factory);
        var results = Results(await guest.OpenAsync(ForumUrls.Search($"{second.ToUpperInvariant()} {first}")));
        Assert.Equal([ForumUrls.Permalink(both)], results.Select(Link));
    }

    [Fact]
    public async Task HeldSpamTrashedAndErasedCommentsAreNeverFoundAndTheIndexFollowsEveryChange()
    {
        var word = UniqueWord();
        var id = await GuestCommentAsync($"A first comment, held: {word}.");
        Assert.Equal(CommentStatus.Pending, await StatusAsync(id));
        Assert.Empty(await GuestFindsAsync(word));

        await factory.MarkAsync(id, CommentStatus.Approved);
        Assert.Equal([ForumUrls.Permalink(id)], await GuestFindsAsync(word));

        await factory.MarkAsync(id, CommentStatus.Spam);
        Assert.Empty(await GuestFindsAsync(word));

        await factory.MarkAsync(id, CommentStatus.Approved);
        await factory.MarkAsync(id, CommentStatus.Trash);
        Assert.Empty(await GuestFindsAsync(word));

        // Erased (kept as an empty placeholder for a reply): its words are gone from the store and from the index.
        await factory.MarkAsync(id, CommentStatus.Approved);
        var reply = await PublishedCommentAsync($"A reply to it, {UniqueWord()}.", parentId: id);
        await factory.WithServicesAsync(s => s.GetRequiredService<ThreadChanges>().EraseAsync(id, ThreadDoor.TestModerator, null, CancellationToken.None));
        Assert.Empty(await GuestFindsAsync(word));
        Assert.Empty(await ModeratorFindsInQueueAsync(word));
        Assert.NotEqual(0, reply);
    }

    [Fact]
    public async Task AnEditedCommentIsFoundByItsNewWordsNotItsOldOnes()
    {
        var (before, after) = (UniqueWord(), UniqueWord());
        var id = await PublishedCommentAsync($"First thoughts: {before}.");
        Assert.Equal([ForumUrls.Permalink(id)], await GuestFindsAsync(before));

        var edited = await factory.WithServicesAsync(s => s.GetRequiredService<ThreadChanges>()
            .EditAsync(id, $"Second thoughts: {after}.", CommentOrigin.Moderator, ThreadDoor.TestModerator, CancellationToken.None));
        Assert.True(edited.Found);
        Assert.Empty(await GuestFindsAsync(before));
        Assert.Equal([ForumUrls.Permalink(id)], await GuestFindsAsync(after));
    }

    [Fact]
    public async Task PublishedPostsAreFoundByTheirTitleAndDraftsNever()
    {
        var (published, draft) = (UniqueWord(), UniqueWord());
        await factory.WithDbAsync(async db =>
        {
            db.Posts.AddRange(
                new Post { Slug = published, Title = $"About {published}", Source = "Body.", Html = "<p>Body.</p>", Status = PostStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, PublishedAt = DateTime.UtcNow },
                new Post { Slug = draft, Title = $"About {draft}", Source = $"Secret {draft}.", Html = $"<p>Secret {draft}.</p>", Status = PostStatus.Draft, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        Assert.Equal([ForumUrls.Post(published)], await GuestFindsAsync(published));
        Assert.Empty(await GuestFindsAsync(draft));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*")]
    [InlineData("word*")]
    [InlineData("NEAR(seed comment, 2)")]
    [InlineData("-seed")]
    [InlineData("seed OR NOT comment AND")]
    [InlineData("Source:seed")]
    [InlineData("^seed")]
    [InlineData("((((")]
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<b onmouseover=alert(1)>bold</b>")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!@#$%^&*()")]
    [InlineData("a b c d e f g h i j")]
    public async Task HostileQueriesAreAnsweredWithAPageAndNoMarkupOfTheirs(string query)
    {
        using var guest = new Browser(factory);
        var page = await guest.GetAsync(ForumUrls.Search(query));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>alert", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b onmouseover", page.Body, StringComparison.OrdinalIgnoreCase);
        // What was typed is kept in the box, as text.
        Assert.Equal(string.IsNullOrWhiteSpace(query) ? "" : query, page.Document.QuerySelector<IHtmlInputElement>("#search-q")?.Value);
    }

    [Fact]
    public async Task AThousandCharacterQueryIsRefusedWithAClearMessage()
    {
        using var guest = new Browser(factory);
        var page = await guest.GetAsync(ForumUrls.Search(new string('a', 500) + " " + new string('b', 499)));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("too long", page.Document.QuerySelector("#search-problem")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(Results(page.Document));
    }

    [Fact]
    public async Task MarkupInACommentIsShownAsTextInItsExcerpt()
    {
        var word = UniqueWord();
        await PublishedCommentAsync($"Try <script>alert('{word}')</script> and <b>{word}</b> & more.");

        using var guest = new Browser(factory);
        var page = await guest.GetAsync(ForumUrls.Search(word));
        var excerpt = Assert.Single(Results(page.Document)).QuerySelector(".search-excerpt")!;
        // The only elements are our marks; the comment's tags are text.
        Assert.All(excerpt.Children, e => Assert.Equal("MARK", e.TagName));
        Assert.Equal(2, excerpt.Children.Length);
        Assert.Contains("<script>alert(", excerpt.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeratorsFindHeldAndSpamTextInTheQueueScopeWithLinksToItsRow()
    {
        var word = UniqueWord();
        var held = await GuestCommentAsync($"Held words: {word}.");
        var spam = await GuestCommentAsync($"Spammy words: {word} {word}.", "Spammer");
        await factory.MarkAsync(spam, CommentStatus.Spam);
        Assert.Empty(await GuestFindsAsync(word));

        var links = await ModeratorFindsInQueueAsync(word);
        var post = await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == held).Select(c => c.PostId).SingleAsync());
        Assert.Equal(
            [$"{ForumUrls.Queue(CommentStatus.Spam, post, null, 1)}#{ForumUrls.Queued(spam)}", $"{ForumUrls.Queue(CommentStatus.Pending, post, null, 1)}#{ForumUrls.Queued(held)}"],
            links);

        // The link opens the queue at the row.
        using var moderator = await ModeratorAsync("second@example.org");
        var queue = await moderator.OpenAsync(links[1].Split('#')[0]);
        Assert.NotNull(queue.GetElementById(ForumUrls.Queued(held)));
    }

    [Fact]
    public async Task TheQueueScopeAnswersOthersAsTheQueueDoes()
    {
        using var guest = new Browser(factory);
        var (queue, search) = (await guest.GetAsync("/moderation"), await guest.GetAsync(ForumUrls.Search("held", queue: true)));
        Assert.Equal(HttpStatusCode.Redirect, search.Status);
        Assert.Equal((queue.Status, queue.ResolvedLocation?.AbsolutePath), (search.Status, search.ResolvedLocation?.AbsolutePath));
        Assert.StartsWith("/account/sign-in", search.ResolvedLocation?.AbsolutePath, StringComparison.Ordinal);

        await factory.CreateUserAsync("reader@example.org");
        using var reader = new Browser(factory);
        await reader.SignInAsync("reader@example.org", ForumFactory.UserPassword);
        (queue, search) = (await reader.GetAsync("/moderation"), await reader.GetAsync(ForumUrls.Search("held", queue: true)));
        Assert.NotEqual(HttpStatusCode.OK, search.Status);
        Assert.Equal((queue.Status, queue.ResolvedLocation?.AbsolutePath), (search.Status, search.ResolvedLocation?.AbsolutePath));
    }

    [Fact]
    public async Task ResultsComePagedTwentyAtATime()
    {
        var word = UniqueWord();
        for (var i = 0; i < 21; i++) await PublishedCommentAsync($"Number {i}: {word}.");

        using var guest = new Browser(factory);
        var first = await guest.OpenAsync(ForumUrls.Search(word));
        Assert.Equal(20, Results(first).Count);
        var next = first.QuerySelector<IHtmlAnchorElement>(".search-pages a[rel=next]")?.GetAttribute("href");
        Assert.Equal(ForumUrls.Search(word, 2), next);
        var second = await guest.OpenAsync(next!);
        Assert.Single(Results(second));
        Assert.Null(second.QuerySelector(".search-pages a[rel=next]"));
    }

    [Fact]
    public async Task SearchPagesAreNeverKeptInTheGuestsCache()
    {
        var word = UniqueWord();
        using var guest = new Browser(factory);
        Assert.Empty(Results(await guest.OpenAsync(ForumUrls.Search(word))));
        var id = await PublishedCommentAsync($"Now it is here: {word}.");
        Assert.Equal([ForumUrls.Permalink(id)], await GuestFindsAsync(word));
    }

    [Fact]
    public async Task ASearchOverItsTimeIsStoppedAndTheReaderToldSo()
    {
        using var hurried = new ForumFactory().With("Search:Timeout", "00:00:00.001");
        await GeneratedThreads.GenerateAsync(hurried, "--comments", "3000", "--slug", "many-words");

        using var guest = new Browser(hurried);
        var page = await guest.GetAsync(ForumUrls.Search("the"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("took too long", page.Document.QuerySelector("#search-problem")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(Results(page.Document));
    }

    private static string UniqueWord() => "w" + Guid.NewGuid().ToString("N")[..12];

    private static List<IElement> Results(IHtmlDocument page) => [.. page.QuerySelectorAll("ol.search-results > li")];

    private static string Link(IElement result) => result.QuerySelector("h2 a")!.GetAttribute("href")!;

    private async Task<List<string>> GuestFindsAsync(string words)
    {
        using var guest = new Browser(factory);
        return [.. Results(await guest.OpenAsync(ForumUrls.Search(words))).Select(Link)];
    }

    private async Task<List<string>> ModeratorFindsInQueueAsync(string words)
    {
        using var moderator = await ModeratorAsync();
        return [.. Results(await moderator.OpenAsync(ForumUrls.Search(words, queue: true))).Select(Link)];
    }

    private bool moderatorCreated;

    private async Task<Browser> ModeratorAsync(string email = "mod@example.org")
    {
        if (email != "mod@example.org" || !moderatorCreated) await factory.CreateUserAsync(email, Roles.Moderator);
        moderatorCreated |= email == "mod@example.org";
        var moderator = new Browser(factory);
        await moderator.SignInAsync(email, ForumFactory.UserPassword);
        return moderator;
    }

    private async Task<long> GuestCommentAsync(string text, string name = "Gwen", long? parentId = null)
    {
        using var guest = new Browser(factory);
        var response = await guest.SubmitCommentAsync(parentId is { } parent ? $"{SeedPost}/reply/{parent}" : SeedPost,
            new CommentForm(text) { Name = name, Email = $"{name.ToLowerInvariant()}{Guid.NewGuid():N}@example.org", ParentId = parentId });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        return long.Parse(response.Location!.Split("#comment-")[1], CultureInfo.InvariantCulture);
    }

    private async Task<long> PublishedCommentAsync(string text, long? parentId = null)
    {
        var id = await GuestCommentAsync(text, parentId: parentId);
        if (await StatusAsync(id) != CommentStatus.Approved) await factory.MarkAsync(id, CommentStatus.Approved);
        return id;
    }

    private Task<CommentStatus> StatusAsync(long id) => factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
