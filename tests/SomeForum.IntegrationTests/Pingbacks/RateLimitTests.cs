using System.Net;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>Fault 49 (and 429 for webmentions): the per-minute limits per caller and per source host, and the blocklist.</summary>
public sealed class RateLimitTests
{
    private static ForumFactory Forum(int perMinute) => new ForumFactory()
        .With("Pingback:AllowPrivateAddresses", "true")
        .With("Pingback:RateLimitPerMinute", perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task OneCallerPingingTooOftenIsFault49WithoutAFetch()
    {
        using var forum = Forum(2);
        // Three source hosts, all on this machine: 127.0.0.1, localhost and [::1].
        await using var v4 = await SourceSite.StartAsync("127.0.0.1");
        await using var v6 = await SourceSite.StartAsync("::1");
        var first = v4.LinkingPage("/1", Pinger.Target());
        var second = new Uri($"http://localhost:{v4.LinkingPage("/2", Pinger.Target()).Port}/2");
        var third = v6.LinkingPage("/3", Pinger.Target());
        var client = forum.CreateClient();

        Assert.Null((await client.PingAsync(first, caller: "203.0.113.50")).FaultCode);
        Assert.Null((await client.PingAsync(second, caller: "203.0.113.50")).FaultCode);
        var refused = await client.PingAsync(third, caller: "203.0.113.50");

        Assert.Equal(49, refused.FaultCode);
        Assert.Empty(v6.Requests);
        // Someone else is not held back by it.
        Assert.Null((await client.PingAsync(third, caller: "203.0.113.51")).FaultCode);
    }

    [Fact]
    public async Task OneSourceHostNamedTooOftenIsFault49WhoeverCalls()
    {
        using var forum = Forum(2);
        await using var victim = await SourceSite.StartAsync();
        var client = forum.CreateClient();

        // The reflection attack: many callers, one victim, a fresh query string each time.
        Assert.Null((await client.PingAsync(victim.LinkingPage("/p", Pinger.Target()) + "?1", Pinger.Target(), "203.0.113.61")).FaultCode);
        Assert.Null((await client.PingAsync(victim.Url("/p?2").ToString(), Pinger.Target(), "203.0.113.62")).FaultCode);
        Assert.Equal(49, (await client.PingAsync(victim.Url("/p?3").ToString(), Pinger.Target(), "203.0.113.63")).FaultCode);

        using var webmention = await client.SendWebmentionAsync(victim.Url("/p?4").ToString(), Pinger.Target(), "203.0.113.64");
        Assert.Equal(HttpStatusCode.TooManyRequests, webmention.StatusCode);
        Assert.Equal(2, victim.Requests.Count);
    }

    [Fact]
    public async Task ABlockedSourceOrCallerIsFault49WithoutAFetch()
    {
        using var forum = Forum(100).With("Moderation:BlockWords:0", "/spammy/").With("Moderation:BlockWords:1", "192.0.2.99");
        await using var site = await SourceSite.StartAsync();
        var client = forum.CreateClient();

        Assert.Equal(49, (await client.PingAsync(site.LinkingPage("/spammy/post", Pinger.Target()))).FaultCode);
        Assert.Equal(49, (await client.PingAsync(site.LinkingPage("/fine/post", Pinger.Target()), caller: "192.0.2.99")).FaultCode);
        Assert.Empty(site.Requests);
        Assert.Null((await client.PingAsync(site.LinkingPage("/fine/post", Pinger.Target()))).FaultCode);
    }

    [Fact]
    public async Task APingTheBlocklistMarksSpamAfterTheFetchIsFault49AndNeverShown()
    {
        using var forum = Forum(100).With("Moderation:BlockWords:0", "casino");
        await using var site = await SourceSite.StartAsync();
        var source = site.LinkingPage("/post", Pinger.Target(), "Best online casino");

        Assert.Equal(49, (await forum.CreateClient().PingAsync(source)).FaultCode);
        var page = await forum.CreateClient().GetStringAsync(new Uri(Pinger.SeedPost, UriKind.Relative));
        Assert.DoesNotContain("casino", page, StringComparison.OrdinalIgnoreCase);
    }
}
