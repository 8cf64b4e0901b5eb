using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>With Pingback:SiteUrl set, the site's own address, not a request's Host header, names our posts.</summary>
public sealed class SiteUrlTests
{
    [Fact]
    public async Task TheConfiguredAddressNamesOurPostsAndIsWhatPagesAdvertise()
    {
        using var forum = new ForumFactory().With("Pingback:SiteUrl", "https://forum.example");
        var client = forum.CreateClient();

        using var page = await client.GetAsync(new Uri(Pinger.SeedPost, UriKind.Relative));
        Assert.Equal(["https://forum.example/xmlrpc"], page.Headers.GetValues("X-Pingback"));

        // The request came to "localhost", but that is no longer a name of ours: 33, not one of our posts.
        var viaHost = await client.PingAsync("https://blog.example/p", Pinger.Target());
        Assert.Equal(33, viaHost.FaultCode);

        // Our real address passes the target check and goes on to the fetch, which the address rules refuse here.
        var viaSite = await client.PingAsync("http://127.0.0.1:9/p", "https://forum.example" + Pinger.SeedPost);
        Assert.Equal(16, viaSite.FaultCode);
    }
}
