using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Deploy;
using SomeForum.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// The app on a SQLite file, a real process of its own, stopped while sixteen readers post through the comment form:
/// killed outright (SIGKILL, as a crash or the OOM killer does) or asked to stop (SIGTERM, as systemd does), then
/// started again on the same file. Every comment it acknowledged (a redirect to the comment) is there once, the file
/// is whole, and the restarted app serves the post with all of them. A reduced run for CI: a few seconds of load.
/// </summary>
[Collection(SqlitePools.Name)]
public sealed class KillUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Posters = 16;
    // Seconds of acknowledged posts before the stop: counted from the first acknowledgement, as a busy machine may take
    // seconds to serve the posters their forms.
    private static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(3);

    private readonly string folder = Directory.CreateTempSubdirectory("someforum-kill-").FullName;

    private string Database => Path.Combine(folder, "forum.db");

    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings__Forum"] = $"Data Source={Database}",
        // Every poster comes from 127.0.0.1 and each comment is published at once: the load is all writes.
        ["Comments__FloodIntervalSeconds"] = "0",
        ["Moderation__Enabled"] = "false",
        // The whole thread on one page, so one view shows every comment the posters wrote.
        ["Comments__PageSize"] = "0",
        ["Admin__Email"] = "owner@example.org",
        ["Admin__Password"] = "a long passphrase for the owner",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SixteenPostersLoseNothingAcknowledgedWhenTheAppIsKilledMidLoad()
    {
        var (acknowledged, _) = await PostThenStopAsync(app =>
        {
            app.Kill();
            return Task.CompletedTask;
        });
        await CheckAfterRestartAsync(acknowledged);
    }

    [Fact]
    public async Task SixteenPostersLoseNothingAcknowledgedWhenTheAppIsStoppedMidLoadAndItFinishesWhatItBegan()
    {
        var exitCode = -1;
        var (acknowledged, failures) = await PostThenStopAsync(async app => exitCode = await app.TerminateAsync(TimeSpan.FromSeconds(30)));
        // A clean stop: the host shut down on the signal rather than being cut off, and no request it had begun was dropped
        // (a refused or reset connection is one the app never took; an answer other than the acknowledgement would be a
        // request it began and then failed).
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(failures, f => f.What.All(char.IsDigit));
        await CheckAfterRestartAsync(acknowledged);
    }

    /// <summary>
    /// Starts the app on a fresh file, lets the posters write for <see cref="StopAfter"/> once all have their form and the
    /// first comment is acknowledged, then stops it as
    /// <paramref name="stop"/> says while they are still posting. Returns the comments acknowledged (text to id) and
    /// what the others got, and checks nothing went wrong before the stop.
    /// </summary>
    private async Task<(ConcurrentDictionary<string, long> Acknowledged, List<(TimeSpan At, string What)> Failures)> PostThenStopAsync(Func<AppProcess, Task> stop)
    {
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<(TimeSpan At, string What)>();
        await using var app = await AppProcess.StartAsync(Settings);
        var clock = Stopwatch.StartNew();
        TimeSpan stoppingAt = TimeSpan.MaxValue;
        var stopped = false;
        var ready = 0;

        async Task PostAsync(int poster)
        {
            using var browser = new Browser(app.Address);
            // The form once, with its antiforgery token and cookie, then sent again and again as a reader with a lot to say would.
            var page = await browser.GetAsync(SeedThread.Url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Interlocked.Increment(ref ready);
            for (var n = 0; !Volatile.Read(ref stopped); n++)
            {
                var text = $"Load {poster}-{n}: {Guid.NewGuid():N}";
                try
                {
                    var answer = await browser.SubmitCommentAsync(page, new CommentForm(text) { Name = $"Poster {poster}", Email = $"poster{poster}@example.org" });
                    if (BalancedSite.Acknowledged(answer.Status, answer.Location) is { } id) acknowledged[text] = id;
                    else failures.Enqueue((clock.Elapsed, ((int)answer.Status).ToString(CultureInfo.InvariantCulture)));
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue((clock.Elapsed, e.HttpRequestError.ToString()));
                    // The app is gone: nothing more to send until it is back.
                    if (clock.Elapsed >= stoppingAt) return;
                }
            }
        }

        async Task StopAsync()
        {
            while ((Volatile.Read(ref ready) < Posters || acknowledged.IsEmpty) && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
            var firstAcknowledged = clock.Elapsed;
            await Task.Delay(StopAfter);
            stoppingAt = clock.Elapsed;
            var before = acknowledged.Count;
            await stop(app);
            Volatile.Write(ref stopped, true);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first acknowledged by {firstAcknowledged.TotalSeconds:F1} s, stopped at {stoppingAt.TotalSeconds:F1} s with {before} acknowledged, exited {(clock.Elapsed - stoppingAt).TotalMilliseconds:F0} ms later; " +
                $"{acknowledged.Count - before} more acknowledged meanwhile"));
        }

        await Task.WhenAll(Enumerable.Range(0, Posters).Select(PostAsync).Append(StopAsync()));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Posters} posters: {acknowledged.Count} comments acknowledged; not acknowledged: {failures.Count} " +
            $"({string.Join(", ", failures.GroupBy(f => f.What).Select(g => $"{g.Count()} × {g.Key}"))})"));
        Assert.DoesNotContain(failures, f => f.At < stoppingAt);
        return (acknowledged, [.. failures]);
    }

    private async Task CheckAfterRestartAsync(ConcurrentDictionary<string, long> acknowledged)
    {
        var restarting = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(Settings);
        output.WriteLine($"started again in {restarting.ElapsedMilliseconds} ms");

        await using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());

            check.CommandText = """SELECT "Id", "Source" FROM "Comments" WHERE "Source" LIKE 'Load %' """;
            var stored = new List<(long Id, string Text)>();
            await using (var rows = await check.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync()) stored.Add((rows.GetInt64(0), rows.GetString(1)));
            }
            var storedByText = stored.GroupBy(s => s.Text, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList(), StringComparer.Ordinal);
            output.WriteLine($"stored: {stored.Count}, of them not acknowledged (cut off after the commit): {storedByText.Keys.Count(t => !acknowledged.ContainsKey(t))}");
            foreach (var (text, id) in acknowledged)
            {
                Assert.True(storedByText.TryGetValue(text, out var ids), $"acknowledged as comment {id} but not stored: {text}");
                Assert.Equal([id], ids);
            }
            Assert.All(storedByText, s => Assert.Single(s.Value));
        }

        using var client = new HttpClient();
        var shown = await BalancedSite.ShownAsync(client, app.Address);
        var missing = acknowledged.Values.Where(id => !shown.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"the restarted app does not show {missing.Count} acknowledged comments, e.g. {string.Join(", ", missing.Take(5))}");
    }
}
