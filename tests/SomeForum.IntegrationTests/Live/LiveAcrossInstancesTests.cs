using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Live;
using SomeForum.Web.Site;

namespace SomeForum.IntegrationTests.Live;

/// <summary>
/// Two instances of the app on one PostgreSQL database: a comment published through one reaches the streams open on
/// the other, carried by the page cache's relay, through the one listening session each instance holds however many
/// streams it serves. Needs the server tests/run.sh starts (SOMEFORUM_POSTGRES); without it these tests fail.
/// </summary>
public sealed class LiveAcrossInstancesTests : IAsyncLifetime
{
    private const string Stream = SeedThread.Url + "/live";

    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private ForumFactory a = null!;
    private ForumFactory b = null!;

    private ForumFactory Instance(bool cachePages) => new ForumFactory()
        .With("Database:Provider", "Postgres")
        .With("ConnectionStrings:Forum", $"{TestPostgres.Server};Database={database}")
        .With("Comments:FloodIntervalSeconds", "0")
        .With("Caching:Pages", cachePages ? "true" : "false");

    public async Task InitializeAsync()
    {
        a = Instance(cachePages: true);
        _ = a.Server;
        // B keeps no pages: it listens for its streams alone.
        b = Instance(cachePages: false);
        _ = b.Server;
        await EventuallyAsync(async () => await ListenersAsync(b) == 1);
    }

    public async Task DisposeAsync()
    {
        b.Dispose();
        a.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task ACommentPublishedThroughOneInstanceReachesAStreamOpenOnTheOther()
    {
        using var reader = new Browser(b);
        using var other = new Browser(b);
        await using var live = await ServerEvents.OpenAsync(reader.Client, Stream);
        await using var second = await ServerEvents.OpenAsync(other.Client, Stream);

        var id = await HoldThroughAAsync("Held through A, approved through A, told on B.");
        await live.NothingWithinAsync(TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        await a.MarkAsync(id, CommentStatus.Approved);
        var (name, data) = await live.NextAsync(TimeSpan.FromSeconds(5));
        var told = clock.Elapsed;
        Assert.Equal("comments", name);
        Assert.Equal($"{{\"count\":1,\"href\":\"/comments/{id}\"}}", data);
        Assert.Equal(data, (await second.NextAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.True(told < TimeSpan.FromSeconds(5), $"told after {told.TotalMilliseconds} ms");

        // Two streams, one session listening on B, as before they opened.
        Assert.Equal(2, b.Services.GetRequiredService<LiveHub>().Open);
        Assert.Equal(1, await ListenersAsync(b));

        // B's own comments are told on B once, not once more when its own notice comes back.
        var own = await HoldThroughAsync(b, "Approved through B.");
        await b.MarkAsync(own, CommentStatus.Approved);
        Assert.Equal($"{{\"count\":1,\"href\":\"/comments/{own}\"}}", (await live.NextAsync(TimeSpan.FromSeconds(5))).Data);
        await live.NothingWithinAsync(TimeSpan.FromSeconds(1));
    }

    private Task<long> HoldThroughAAsync(string text) => HoldThroughAsync(a, text);

    private static async Task<long> HoldThroughAsync(ForumFactory instance, string text)
    {
        await using var scope = instance.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = 1, AuthorName = "Guest", AuthorEmail = $"guest-{Guid.NewGuid():N}@example.org", Text = text, IpAddress = "203.0.113.7",
        }, CommentOrigin.Reader, CancellationToken.None);
        Assert.Equal(CommentStatus.Pending, result.Comment?.Status);
        return result.Comment!.Id;
    }

    /// <summary>Sessions listening for this instance: its relay's one.</summary>
    private async Task<long> ListenersAsync(ForumFactory instance)
    {
        var name = instance.Services.GetRequiredService<PageCacheRelay>().ListenerName;
        await using var connection = new NpgsqlConnection($"{TestPostgres.Server};Database={database}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "still waiting after 10 s");
            await Task.Delay(50);
        }
    }
}
