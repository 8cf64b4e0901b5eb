using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Live;

namespace SomeForum.IntegrationTests.Live;

/// <summary>
/// A reader with a post's page open holds a stream (/posts/{slug}/live) that tells them how many comments were
/// published since, and which came first: never one held for the moderators or marked spam. The streams an instance
/// keeps are bounded, hold nothing of the database while open, and end when the app stops.
/// </summary>
public sealed class LiveThreadTests
{
    private const string Stream = SeedThread.Url + "/live";

    private static ForumFactory Forum(params (string Key, string Value)[] settings)
    {
        var forum = new CountingForum(new CommandCounter()).With("Comments:FloodIntervalSeconds", "0");
        foreach (var (key, value) in settings) forum.With(key, value);
        return forum;
    }

    private sealed class CountingForum(CommandCounter counter) : ForumFactory
    {
        public CommandCounter Queries => counter;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter)));
        }
    }

    [Fact]
    public async Task AnOpenPageIsToldOfAnApprovedCommentAndNeverOfAHeldOne()
    {
        using var forum = Forum();
        using var reader = new Browser(forum);
        await using var live = await ServerEvents.OpenAsync(reader.Client, Stream);
        Assert.Equal(10_000, live.Retry ?? await RetryAsync(live));

        // The first comment of a guest is held for the moderators: nobody else hears of it.
        using var writer = new Browser(forum);
        Assert.Equal(HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("Held, then approved."))).Status);
        var held = await forum.WithDbAsync(db => db.Comments.MaxAsync(c => c.Id));
        Assert.Equal(CommentStatus.Pending, await forum.WithDbAsync(db => db.Comments.Where(c => c.Id == held).Select(c => c.Status).SingleAsync()));
        await live.NothingWithinAsync(TimeSpan.FromSeconds(1.5));

        await forum.MarkAsync(held, CommentStatus.Approved);
        var (name, data) = await live.NextAsync();
        Assert.Equal("comments", name);
        Assert.Equal((1, $"/comments/{held}"), Read(data));

        // Taken back, marked spam, approved again: only the approval is news.
        await forum.MarkAsync(held, CommentStatus.Pending);
        await forum.MarkAsync(held, CommentStatus.Spam);
        await live.NothingWithinAsync(TimeSpan.FromSeconds(1));
        await forum.MarkAsync(held, CommentStatus.Approved);
        Assert.Equal((1, $"/comments/{held}"), Read((await live.NextAsync()).Data));

        // The link leads to the page that shows it.
        var permalink = await reader.GetAsync($"/comments/{held}");
        Assert.Equal(HttpStatusCode.Found, permalink.Status);
        Assert.Equal($"{SeedThread.Url}#comment-{held}", permalink.Location);
    }

    [Fact]
    public async Task CommentsPublishedTogetherAreCountedFromTheFirstOfThem()
    {
        using var forum = Forum(("Moderation:Enabled", "false"));
        using var reader = new Browser(forum);
        await using var live = await ServerEvents.OpenAsync(reader.Client, Stream);
        using var other = new Browser(forum);
        await using var second = await ServerEvents.OpenAsync(other.Client, Stream);

        using var writer = new Browser(forum);
        Assert.Equal(HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("Published at once."))).Status);
        var first = await forum.WithDbAsync(db => db.Comments.MaxAsync(c => c.Id));
        Assert.Equal((1, $"/comments/{first}"), Read((await live.NextAsync()).Data));
        Assert.Equal((1, $"/comments/{first}"), Read((await second.NextAsync()).Data));

        // Published in one transaction (an import, a moderator approving several): however many, the stream says how many.
        var held = new List<long>();
        await using (var scope = forum.Scope())
        {
            var pipeline = scope.ServiceProvider.GetRequiredService<CommentPipeline>();
            var writes = scope.ServiceProvider.GetRequiredService<ThreadWrites>();
            await using var transaction = await writes.BeginAsync(CancellationToken.None);
            for (var i = 0; i < 3; i++)
            {
                var result = await pipeline.AddAsync(new CommentSubmission
                {
                    PostId = 1, AuthorName = $"Guest {i}", AuthorEmail = $"guest{i}@example.org", Text = $"One of three, number {i}.",
                }, CommentOrigin.Import, CancellationToken.None);
                held.Add(result.Comment!.Id);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        // As few events as the stream can keep up with (one, unless it was already sending when the second came), each
        // linking to its first; together they count all three.
        var told = new List<(int Count, string Href)> { Read((await live.NextAsync()).Data) };
        while (told.Sum(t => t.Count) < 3) told.Add(Read((await live.NextAsync()).Data));
        Assert.Equal(3, told.Sum(t => t.Count));
        Assert.Equal($"/comments/{held[0]}", told[0].Href);
        Assert.True(told.Count < 3 || told.Select(t => t.Href).SequenceEqual(held.Select(id => $"/comments/{id}")), string.Join(", ", told));
        await live.NothingWithinAsync(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task AStreamAsksTheDatabaseOnceWhenItOpensAndNeverWhileItIsOpen()
    {
        using var forum = Forum(("Live:HeartbeatSeconds", "1"));
        var queries = ((CountingForum)forum).Queries;
        using var reader = new Browser(forum);
        await reader.OpenAsync(SeedThread.Url);

        queries.Reset();
        await using var live = await ServerEvents.OpenAsync(reader.Client, Stream);
        Assert.Equal(1, queries.Count);

        queries.Reset();
        var id = await HoldAsync(forum, "Approved while the stream is open.");
        await forum.MarkAsync(id, CommentStatus.Approved);
        Assert.Equal((1, $"/comments/{id}"), Read((await live.NextAsync()).Data));
        await WaitUntilAsync(() => live.Heartbeats >= 2, TimeSpan.FromSeconds(5));
        Assert.Equal(0, queries.Count);

        // The guest's page is still the one kept for every guest: read again, it asks the database nothing.
        await reader.OpenAsync(SeedThread.Url);
        queries.Reset();
        using var guest = new Browser(forum);
        var page = await guest.OpenAsync(SeedThread.Url);
        Assert.Equal(0, queries.Count);
        Assert.Equal(Stream, page.QuerySelector("script[data-live]")?.GetAttribute("data-live"));
    }

    [Fact]
    public async Task StreamsBeyondTheBoundAreRefusedWithAWaitUntilOneCloses()
    {
        using var forum = Forum(("Live:MaxConnections", "2"), ("Live:RetryAfterSeconds", "45"));
        using var reader = new Browser(forum);
        var one = await ServerEvents.OpenAsync(reader.Client, Stream);
        await using var two = await ServerEvents.OpenAsync(reader.Client, Stream);

        using (var refused = await ServerEvents.TryOpenAsync(reader.Client, Stream))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(2, forum.Services.GetRequiredService<LiveHub>().Open);

        // A reader leaves: their place is free again.
        await one.DisposeAsync();
        await WaitUntilAsync(() => forum.Services.GetRequiredService<LiveHub>().Open == 1, TimeSpan.FromSeconds(5));
        await using var three = await ServerEvents.OpenAsync(reader.Client, Stream);
        Assert.Equal(2, forum.Services.GetRequiredService<LiveHub>().Open);
    }

    [Fact]
    public async Task OnlyAPublishedPostHasAStream()
    {
        using var forum = Forum();
        using var reader = new Browser(forum);
        using (var missing = await ServerEvents.TryOpenAsync(reader.Client, "/posts/no-such-post/live"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        await forum.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, SomeForum.Web.Posts.PostStatus.Draft)));
        using (var draft = await ServerEvents.TryOpenAsync(reader.Client, Stream))
        {
            Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        }
        Assert.Equal(0, forum.Services.GetRequiredService<LiveHub>().Open);
    }

    [Fact]
    public async Task SwitchedOffThePageHasNoStreamAndNoScript()
    {
        using var forum = Forum(("Live:Enabled", "false"));
        using var reader = new Browser(forum);
        var page = await reader.OpenAsync(SeedThread.Url);
        Assert.Null(page.QuerySelector("[data-live]"));
        Assert.DoesNotContain(page.Scripts, s => s.Source?.Contains("live-thread", StringComparison.Ordinal) == true);
        using var stream = await ServerEvents.TryOpenAsync(reader.Client, Stream);
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
    }

    [Fact]
    public async Task StoppingTheAppEndsItsStreamsAtOnce()
    {
        using var forum = Forum();
        using var reader = new Browser(forum);
        await using var live = await ServerEvents.OpenAsync(reader.Client, Stream);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        forum.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await live.EndedWithinAsync(TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    private static async Task<long> HoldAsync(ForumFactory forum, string text)
    {
        await using var scope = forum.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = 1, AuthorName = "Guest", AuthorEmail = "guest@example.org", Text = text, IpAddress = "203.0.113.7",
        }, CommentOrigin.Reader, CancellationToken.None);
        Assert.Equal(CommentStatus.Pending, result.Comment?.Status);
        return result.Comment!.Id;
    }

    private static async Task<int> RetryAsync(ServerEvents live)
    {
        await WaitUntilAsync(() => live.Retry is not null, TimeSpan.FromSeconds(5));
        return live.Retry!.Value;
    }

    private static (int Count, string Href) Read(string data)
    {
        using var json = JsonDocument.Parse(data);
        // Nothing but the count and the link: never what the comments say.
        Assert.Equal(["count", "href"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return (json.RootElement.GetProperty("count").GetInt32(), json.RootElement.GetProperty("href").GetString()!);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < patience, $"still waiting after {patience.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
