using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Site;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// Two instances of the app (two hosts in this process, each with its own page cache) on one PostgreSQL database:
/// a change made through one is on the next page view served by the other, because every eviction is sent to every
/// instance with NOTIFY. Needs the server tests/run.sh starts (SOMEFORUM_POSTGRES); without it these tests fail.
/// </summary>
public sealed class PageCacheAcrossInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private ForumFactory a = null!;
    private ForumFactory b = null!;

    private static string Server => TestPostgres.Server;

    private ForumFactory Instance() => new ForumFactory()
        .With("Database:Provider", "Postgres")
        .With("ConnectionStrings:Forum", $"{Server};Database={database}")
        .With("Comments:FloodIntervalSeconds", "0");

    public async Task InitializeAsync()
    {
        // One after the other: A creates the database and imports the seed, B finds them there.
        a = Instance();
        _ = a.Server;
        b = Instance();
        _ = b.Server;
        await SettledAsync(b);
    }

    public async Task DisposeAsync()
    {
        b.Dispose();
        a.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task ACommentApprovedThroughOneInstanceIsOnTheNextViewThroughTheOther()
    {
        using var guest = new Browser(b);
        var title = await RenameBehindAKeptPageAsync(guest);

        var id = await HoldACommentAsync("Approved through A, read through B.");
        var (sent, evicted) = await TimeAsync(() => a.MarkAsync(id, CommentStatus.Approved));
        output.WriteLine($"approval on A: committed, evicted on A and sent in {sent:F1} ms; evicted on B {evicted:F1} ms after that");

        var page = await EventuallyAsync(guest, p => p.GetElementById($"comment-{id}") is not null);
        Assert.Equal("Approved through A, read through B.", page.Entry(id).Body());
        Assert.Equal(title, page.GetElementById("post-title")?.TextContent);
        Assert.StartsWith("22 responses", page.ResponsesTitle(), StringComparison.Ordinal);
        Assert.Contains("22 comments", (await guest.OpenAsync("/")).Body!.TextContent, StringComparison.Ordinal);

        // How long a change takes to reach the other instance: edits through A, each timed until B evicts it.
        var delays = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            delays.Add((await TimeAsync(() => EditThroughAAsync(id, $"Edit {round}"))).Evicted);
        }
        delays.Sort();
        output.WriteLine($"20 edits on A, from NOTIFY sent to evicted on B: median {delays[10]:F1} ms, slowest {delays[^1]:F1} ms");
        await EventuallyAsync(guest, p => p.Entry(id).Body() == "Edit 19");
    }

    [Fact]
    public async Task AnInstanceWhoseListenerWasCutOffConnectsAgainAndMissesNothing()
    {
        using var guest = new Browser(b);
        var id = await HoldACommentAsync("Approved while B was not listening.");

        // B's session is cut off and A changes the thread before B listens again: nobody at B hears of it. B tries
        // again after 1 s; should it be listening again by the time A has committed, the test cuts it off once more.
        var name = b.Services.GetRequiredService<PageCacheRelay>().ListenerName;
        var killed = new List<int>();
        var missed = false;
        var title = "";
        for (var attempt = 0; attempt < 3 && !missed; attempt++)
        {
            var pid = await EventuallyListeningAsync(name);
            if (attempt > 0) await SettledAsync(b);
            title = await RenameBehindAKeptPageAsync(guest);
            killed.Add(pid);
            Assert.True(await QueryAsync<bool>($"SELECT pg_terminate_backend({pid})"));
            await WhileAsync(async () => await QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}") > 0);
            if (attempt == 0) await a.MarkAsync(id, CommentStatus.Approved);
            else await EditThroughAAsync(id, $"Approved while B was not listening, attempt {attempt}.");
            missed = await QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{name}'") == 0;
        }
        Assert.True(missed, "B was listening again before every change A made: the test never cut it off long enough");

        // Listening again, B evicts every page: what it missed is on the next view.
        var page = await EventuallyAsync(guest, p => p.GetElementById($"comment-{id}") is not null
            && p.GetElementById("post-title")?.TextContent == title);
        Assert.StartsWith("Approved while B was not listening", page.Entry(id).Body(), StringComparison.Ordinal);
        Assert.DoesNotContain(await EventuallyListeningAsync(name), killed);

        // And it hears the next change as before.
        await SettledAsync(b);
        title = await RenameBehindAKeptPageAsync(guest);
        await EditThroughAAsync(id, "Changed after B listened again.");
        page = await EventuallyAsync(guest, p => p.Entry(id).Body() == "Changed after B listened again.");
        Assert.Equal(title, page.GetElementById("post-title")?.TextContent);
    }

    [Fact]
    public async Task AnInstanceThatDoesNotHearTheOthersServesNoKeptPage()
    {
        using var guest = new Browser(b);
        var relay = b.Services.GetRequiredService<PageCacheRelay>();
        // B is cut off, and a change is made that B cannot hear of. Read while B is not listening (it tries again
        // after 1 s), the page must be made afresh, not the one B kept. Should B be back first, it is cut off again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var pid = await EventuallyListeningAsync(relay.ListenerName);
            await SettledAsync(b);
            var title = await RenameBehindAKeptPageAsync(guest);
            Assert.True(await QueryAsync<bool>($"SELECT pg_terminate_backend({pid})"));
            await WhileAsync(() => Task.FromResult(relay.Listening));
            var shown = await TitleAsync(guest);
            if (relay.Listening) continue;
            Assert.Equal(title, shown);
            return;
        }
        Assert.Fail("B was listening again before every read: the test never read while it was cut off");
    }

    /// <summary>
    /// Renames the seed post in the database without a word to any instance, and proves <paramref name="reader"/>'s
    /// instance serves a kept page: it still shows the old title. Returns the new one, which the next eviction shows.
    /// </summary>
    private async Task<string> RenameBehindAKeptPageAsync(Browser reader)
    {
        var kept = await TitleAsync(reader);
        var title = $"Renamed behind the cache {Guid.NewGuid():N}";
        Assert.Equal(1, await QueryAsync<int>($"UPDATE \"Posts\" SET \"Title\" = '{title}' WHERE \"Slug\" = 'some-so-far-so-what' RETURNING 1"));
        Assert.Equal(kept, await TitleAsync(reader));
        return title;
    }

    private static async Task<string?> TitleAsync(Browser reader) =>
        (await reader.OpenAsync(SeedThread.Url)).GetElementById("post-title")?.TextContent;

    /// <summary>A guest's comment through A, held for moderation: nobody else sees it, so no page is evicted.</summary>
    private async Task<long> HoldACommentAsync(string text)
    {
        await using var scope = a.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
        {
            PostId = 1, AuthorName = "Guest", AuthorEmail = "guest@example.org", Text = text, IpAddress = "203.0.113.7",
        }, CommentOrigin.Reader, CancellationToken.None);
        Assert.Equal(CommentStatus.Pending, result.Comment?.Status);
        return result.Comment!.Id;
    }

    private async Task EditThroughAAsync(long id, string text)
    {
        var outcome = await a.WithServicesAsync(services => services.GetRequiredService<ThreadChanges>()
            .EditAsync(id, text, CommentOrigin.Moderator, ThreadDoor.TestModerator, CancellationToken.None));
        Assert.True(outcome is { Found: true, Refused: false, Status: CommentStatus.Approved }, $"the edit was {outcome}");
    }

    /// <summary>
    /// Times a change through A: how long the door took (commit, A's own eviction, the NOTIFY), then how long after
    /// that B evicted (B's eviction clock moves), looked at every millisecond.
    /// </summary>
    private async Task<(double Sent, double Evicted)> TimeAsync(Func<Task> change)
    {
        var versions = b.Services.GetRequiredService<ReaderCache.TagVersions>();
        var before = versions.Now;
        var clock = Stopwatch.StartNew();
        await change();
        var sent = clock.Elapsed;
        await WhileAsync(() => Task.FromResult(versions.Now == before), TimeSpan.FromMilliseconds(1));
        return (sent.TotalMilliseconds, (clock.Elapsed - sent).TotalMilliseconds);
    }

    /// <summary>Reads the seed post through <paramref name="reader"/> until it shows what is awaited: delivery is asynchronous.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> EventuallyAsync(Browser reader, Func<AngleSharp.Html.Dom.IHtmlDocument, bool> shows)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await reader.OpenAsync(SeedThread.Url);
            if (shows(page)) return page;
            Assert.True(clock.Elapsed < Patience, $"the page did not show the change within {Patience.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static async Task WhileAsync(Func<Task<bool>> condition, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"still waiting after {Patience.TotalSeconds} s");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>The pid of the session listening for <paramref name="name"/>, once it has said LISTEN.</summary>
    private async Task<int> EventuallyListeningAsync(string name)
    {
        int? pid = null;
        await WhileAsync(async () => (pid = await QueryAsync<int?>(
            $"SELECT pid FROM pg_stat_activity WHERE application_name = '{name}' AND query LIKE 'LISTEN%'")) is null);
        return pid!.Value;
    }

    /// <summary>
    /// Waits until <paramref name="instance"/> listens and the eviction of every page that begins each session after
    /// the first has run out (it evicts once more 2 s later): a page kept from now on stays until a change evicts it.
    /// </summary>
    private static async Task SettledAsync(ForumFactory instance)
    {
        var relay = instance.Services.GetRequiredService<PageCacheRelay>();
        await WhileAsync(() => Task.FromResult(!relay.Listening));
        if (instance.Services.GetRequiredService<ReaderCache.TagVersions>().Now > 0) await Task.Delay(TimeSpan.FromSeconds(2.5));
    }

    private async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection($"{Server};Database={database}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}
