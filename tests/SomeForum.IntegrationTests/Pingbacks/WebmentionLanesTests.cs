using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Pingbacks;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// Sources that stall (they accept the connection and never answer) do not hold up a genuine webmention: the queue is
/// verified in lanes, one fetch at a time per source host, and a host that stalled rests before it is tried again.
/// Real source servers on loopback; a real stall, cut by the fetch timeout.
/// </summary>
public sealed class WebmentionLanesTests(ITestOutputHelper output)
{
    private const int Stalled = 10;
    private const int FetchTimeoutSeconds = 3;

    [Fact]
    public async Task TenStallingSourcesOnOneHostDoNotHoldUpAGenuineMentionFromAnother()
    {
        await using var slow = await SourceSite.StartAsync();
        await using var genuine = await SourceSite.StartAsync();
        var inFlight = 0;
        var mostInFlight = 0;
        var stalls = Enumerable.Range(0, Stalled).Select(i => slow.Map($"/stall/{i}", async context =>
        {
            InterlockedMax(ref mostInFlight, Interlocked.Increment(ref inFlight));
            try
            {
                await StallAsync(context);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        })).ToList();
        var good = genuine.LinkingPage("/genuine", Pinger.Target(), "A genuine mention");

        using var forum = new ForumFactory()
            .With("Pingback:AllowPrivateAddresses", "true")
            .With("Pingback:RateLimitPerMinute", "10000")
            .With("Pingback:FetchTimeoutSeconds", FetchTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = forum.CreateClient();
        foreach (var stall in stalls)
        {
            using var queued = await client.SendWebmentionAsync(stall.ToString(), Pinger.Target());
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        }
        // The genuine mention comes while the stalled host holds its lane (sent any sooner, a loaded machine can verify
        // it before the first stalled fetch has reached the source, and the test shows nothing).
        await StalledFetchStartedAsync(() => Volatile.Read(ref inFlight) > 0);
        var clock = Stopwatch.StartNew();
        using (var queued = await client.SendWebmentionAsync(good.ToString(), Pinger.Target()))
        {
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        }

        var processed = Assert.Single(await Pinger.ProcessedAsync(forum, good));
        var waited = clock.Elapsed;
        var stallsFetched = slow.Requests.Count;
        output.WriteLine($"genuine mention done after {waited.TotalSeconds:F1} s; stalled sources fetched by then: {stallsFetched} of {Stalled}, at most {mostInFlight} at once");

        Assert.Equal(WebmentionState.Done, processed.State);
        Assert.Single(await forum.WithDbAsync(db => db.Comments.Where(c => c.SourceUrl == good.AbsoluteUri).ToListAsync()));
        // One at a time, one lane's timeout is the most the genuine mention could wait for (one at a time through the
        // queue it waited out all ten: 30 s); and the stalled host was not tried again while it rested.
        Assert.True(waited < TimeSpan.FromSeconds(FetchTimeoutSeconds * 3), $"the genuine mention waited {waited.TotalSeconds:F1} s");
        Assert.Equal(1, mostInFlight);
        Assert.True(stallsFetched <= 2, $"{stallsFetched} stalled sources fetched");
        var stillQueued = await forum.WithDbAsync(db => db.WebmentionRequests.CountAsync(r => r.State == WebmentionState.Queued && r.Attempts == 0));
        Assert.True(stillQueued >= Stalled - 2, $"{stillQueued} stalled requests left untried while their host rests");
    }

    [Fact]
    public async Task TenStallingSourcesOnTenHostsHoldUpFourLanesForOneTimeoutNotTheQueueForTen()
    {
        var sites = new List<SourceSite>();
        try
        {
            for (var i = 0; i < Stalled; i++) sites.Add(await SourceSite.StartAsync());
            var stalls = sites.Select(site => site.Map("/stall", StallAsync)).ToList();
            await using var genuine = await SourceSite.StartAsync();
            var good = genuine.LinkingPage("/genuine", Pinger.Target(), "A genuine mention");

            using var forum = new ForumFactory()
                .With("Pingback:AllowPrivateAddresses", "true")
                .With("Pingback:RateLimitPerMinute", "10000")
                .With("Pingback:WebmentionConcurrency", "4")
                .With("Pingback:FetchTimeoutSeconds", FetchTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var client = forum.CreateClient();
            foreach (var stall in stalls)
            {
                using var queued = await client.SendWebmentionAsync(stall.ToString(), Pinger.Target());
                Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            }
            var clock = Stopwatch.StartNew();
            using (var queued = await client.SendWebmentionAsync(good.ToString(), Pinger.Target()))
            {
                Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            }

            Assert.Equal(WebmentionState.Done, Assert.Single(await Pinger.ProcessedAsync(forum, good)).State);
            var waited = clock.Elapsed;
            output.WriteLine($"genuine mention done after {waited.TotalSeconds:F1} s behind {Stalled} stalled sources on {Stalled} hosts");
            // Four lanes: the ten stalls take at most three rounds of the timeout before it (one lane: ten rounds, 30 s).
            Assert.True(waited < TimeSpan.FromSeconds(FetchTimeoutSeconds * 4), $"the genuine mention waited {waited.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (var site in sites) await site.DisposeAsync();
        }
    }

    // A source that takes the request and never answers, until the fetcher gives up.
    private static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StalledFetchStartedAsync(Func<bool> started)
    {
        var waiting = Stopwatch.StartNew();
        while (!started())
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(30), "no stalled source was fetched within 30 s of being queued");
            await Task.Delay(20);
        }
    }

    private static void InterlockedMax(ref int most, int value)
    {
        for (var seen = Volatile.Read(ref most); value > seen; seen = Volatile.Read(ref most))
        {
            if (Interlocked.CompareExchange(ref most, value, seen) == seen) return;
        }
    }
}
