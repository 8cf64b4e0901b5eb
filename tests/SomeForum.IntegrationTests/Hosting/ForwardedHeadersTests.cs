using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Hosting;

/// <summary>
/// Readers behind a reverse proxy: the proxy's X-Forwarded-For and X-Forwarded-Proto are believed when the request comes
/// from a proxy the owner named, and from nobody else. Each browser here connects from an address of its own (the
/// proxy's, or a client's), as the test host lets it say; the app's own middleware decides what to believe.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "192.0.2.10";
    private const string Ann = "203.0.113.1";
    private const string Bob = "203.0.113.2";

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "192.0.2.0/24")]
    public async Task TwoReadersBehindAConfiguredProxyAreTwoClientsToTheFloodCheck(string key, string value)
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false").With(key, value);
        using var ann = Behind(factory, Proxy, Ann);
        using var bob = Behind(factory, Proxy, Bob);

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Ann, through the proxy."))).Status);
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url,
            new CommentForm("Bob, through the same proxy, a moment later.") { Name = "Bob", Email = "bob@example.org" })).Status);
        // The check still holds each of them.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Ann again, too soon."))).Status);

        Assert.Equal([Ann, Bob], await StoredAddressesAsync(factory));
    }

    [Fact]
    public async Task WithNoProxyConfiguredAForwardedForHeaderIsIgnoredEvenFromLoopback()
    {
        // ASP.NET Core's own default would believe a loopback sender; with nothing configured, the app believes nobody.
        using var factory = new ForumFactory().With("Moderation:Enabled", "false");
        using var ann = Behind(factory, "127.0.0.1", Ann);
        using var bob = Behind(factory, "127.0.0.1", Bob);

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Ann, who says she is 203.0.113.1."))).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await bob.SubmitCommentAsync(SeedThread.Url,
            new CommentForm("Bob, from the same address, saying he is someone else.") { Name = "Bob", Email = "bob@example.org" })).Status);

        Assert.Equal(["127.0.0.1"], await StoredAddressesAsync(factory));
    }

    [Fact]
    public async Task AForwardedForHeaderFromAnAddressThatIsNotAConfiguredProxyIsIgnored()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false").With("ForwardedHeaders:KnownProxies:0", Proxy);
        using var ann = Behind(factory, "198.51.100.7", Ann);
        using var bob = Behind(factory, "198.51.100.7", Bob);

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Straight to the app, with a header."))).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await bob.SubmitCommentAsync(SeedThread.Url,
            new CommentForm("Straight to the app again, another header.") { Name = "Bob", Email = "bob@example.org" })).Status);

        Assert.Equal(["198.51.100.7"], await StoredAddressesAsync(factory));
    }

    [Fact]
    public async Task ACommentThatCameThroughAChainOfProxiesIsStoredWithTheAddressLeftOfTheLastKnownProxy()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false")
            .With("ForwardedHeaders:KnownProxies:0", Proxy).With("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16");
        // The client wrote a header of its own ("6.6.6.6"); a CDN node (10.1.2.3) added the client, nginx added the CDN.
        using var ann = Behind(factory, Proxy, $"6.6.6.6, {Ann}, 10.1.2.3");

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("From behind two proxies."))).Status);

        Assert.Equal([Ann], await StoredAddressesAsync(factory));
    }

    [Theory]
    [InlineData(Proxy, "https", true)]
    [InlineData(Proxy, null, false)]
    [InlineData("198.51.100.7", "https", false)]
    public async Task TheSchemeTheConfiguredProxyWasReachedByDecidesSecureCookiesAndOurOwnAddresses(string from, string? proto, bool https)
    {
        using var factory = new ForumFactory().With("ForwardedHeaders:KnownProxies:0", Proxy);
        await factory.CreateUserAsync("writer@example.org");
        using var writer = Behind(factory, from, Ann, proto);

        await writer.SignInAsync("writer@example.org", ForumFactory.UserPassword);
        var session = writer.Cookies.GetAllCookies().Single(c => c.Name == "someforum_session");
        Assert.Equal(https, session.Secure);

        using var post = await writer.Client.GetAsync(new Uri(SeedThread.Url, UriKind.Relative));
        Assert.Equal([$"{(https ? "https" : "http")}://localhost/xmlrpc"], post.Headers.GetValues("X-Pingback"));
    }

    [Theory]
    [InlineData("https", "max-age=31536000")]
    [InlineData(null, null)]
    public async Task BrowsersAreToldToKeepToHttpsOnlyInAnswersThatCameOverIt(string? proto, string? expected)
    {
        using var factory = new ForumFactory().With("ForwardedHeaders:KnownProxies:0", Proxy);
        using var reader = Behind(factory, Proxy, Ann, proto);
        using var request = new HttpRequestMessage(HttpMethod.Get, SeedThread.Url);
        request.Headers.Host = "forum.example.org"; // loopback names are never given HSTS
        using var page = await reader.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(expected, page.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task WithThePublicHttpsPortGivenPlainHttpIsRedirectedToIt()
    {
        using var factory = new ForumFactory().With("ForwardedHeaders:KnownProxies:0", Proxy).With("https_port", "443");
        using var plain = Behind(factory, Proxy, Ann, "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, SeedThread.Url);
        request.Headers.Host = "forum.example.org";
        using var answer = await plain.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, answer.StatusCode);
        Assert.Equal($"https://forum.example.org{SeedThread.Url}", answer.Headers.Location?.ToString());

        using var secure = Behind(factory, Proxy, Ann, "https");
        using var again = new HttpRequestMessage(HttpMethod.Get, SeedThread.Url);
        again.Headers.Host = "forum.example.org";
        Assert.Equal(HttpStatusCode.OK, (await secure.Client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0 '10.0.0.300' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 '10.0.0.0/33' is not a network in CIDR notation")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5", "ForwardedHeaders:KnownProxies is a list")]
    public void AProxySettingThatIsNotAnAddressStopsTheStartAndSaysWhich(string key, string value, string message)
    {
        using var forum = new ForumFactory().With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => forum.Server);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A browser whose requests reach the app from <paramref name="from"/>, saying they were forwarded for <paramref name="client"/>.</summary>
    private static Browser Behind(ForumFactory factory, string from, string client, string? proto = null)
    {
        var browser = new Browser(factory, from);
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        if (proto is not null) browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        return browser;
    }

    private static Task<List<string?>> StoredAddressesAsync(ForumFactory factory) =>
        factory.WithDbAsync(db => db.Comments.Where(c => c.Id > SeedThread.Entries).OrderBy(c => c.Id).Select(c => c.IpAddress).ToListAsync());
}
