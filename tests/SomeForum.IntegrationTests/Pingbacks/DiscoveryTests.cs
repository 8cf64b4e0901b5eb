using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>How a post page advertises the endpoints (Pingback 1.0 §2, Webmention §3.1.2), and where it must not.</summary>
public sealed partial class DiscoveryTests(DiscoveryTests.Forum shared) : IClassFixture<DiscoveryTests.Forum>
{
    // The specification's own client pattern (§2.3): anything a client could find this way is an advertisement.
    [GeneratedRegex("<link rel=\"pingback\" href=\"([^\"]+)\" ?/?>")]
    private static partial Regex PingbackLink();

    private const string Endpoint = "http://localhost/xmlrpc";
    private const string WebmentionEndpoint = "http://localhost/webmention";

    public sealed class Forum : ForumFactory;

    [Fact]
    public async Task APostPageAdvertisesBothEndpointsOnceWithAbsoluteUrls()
    {
        var forum = shared;
        using var response = await forum.CreateClient().GetAsync(new Uri(Pinger.SeedPost, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal([Endpoint], response.Headers.GetValues("X-Pingback"));
        Assert.Contains($"<{WebmentionEndpoint}>; rel=\"webmention\"", response.Headers.GetValues("Link"));

        var match = Assert.Single(PingbackLink().Matches(html));
        Assert.Equal($"<link rel=\"pingback\" href=\"{Endpoint}\" />", match.Value);
        var page = Html.Parse(html);
        Assert.Equal([Endpoint], page.Head!.QuerySelectorAll("link[rel=pingback]").Select(l => l.GetAttribute("href")));
        Assert.Equal([WebmentionEndpoint], page.Head!.QuerySelectorAll("link[rel=webmention]").Select(l => l.GetAttribute("href")));
        Assert.Empty(page.Body!.QuerySelectorAll("link"));

        using var head = await forum.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(Pinger.SeedPost, UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal([Endpoint], head.Headers.GetValues("X-Pingback"));
        Assert.Contains($"<{WebmentionEndpoint}>; rel=\"webmention\"", head.Headers.GetValues("Link"));

        // Nothing a commenter writes can add a second advertisement.
        var postId = await forum.WithDbAsync(db => db.Posts.Select(p => p.Id).FirstAsync());
        await using (var scope = forum.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = postId, AuthorName = "<link rel=\"pingback\" href=\"http://evil.example/x\" />",
                Text = "<link rel=\"pingback\" href=\"http://evil.example/xmlrpc\" /> and `<link rel=\"pingback\" href=\"http://evil.example/y\">`",
            }, CommentOrigin.Moderator, CancellationToken.None);
            Assert.Equal(CommentStatus.Approved, result.Comment!.Status);
        }
        var withComment = await forum.CreateClient().GetStringAsync(new Uri(Pinger.SeedPost, UriKind.Relative));
        Assert.Contains("evil.example", withComment, StringComparison.Ordinal);
        Assert.Single(PingbackLink().Matches(withComment));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/posts/no-such-post")]
    public async Task PagesThatAreNotPostsDoNotAdvertise(string path)
    {
        using var response = await shared.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Contains("X-Pingback"));
        Assert.False(response.Headers.Contains("Link"));
        Assert.Empty(PingbackLink().Matches(html));
        Assert.DoesNotContain("webmention", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithPingbacksOffDoesNotAdvertise()
    {
        using var forum = new ForumFactory();
        await forum.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.PingbacksOpen, false)));
        await AssertSilentAsync(forum);
    }

    [Fact]
    public async Task WithPingbacksOffSiteWideNoPostAdvertisesAndPingsAndWebmentionsAreRefused()
    {
        using var forum = new ForumFactory().With("Pingback:Enabled", "false").With("Pingback:AllowPrivateAddresses", "true");
        await AssertSilentAsync(forum);

        await using var site = await SourceSite.StartAsync();
        var source = site.LinkingPage("/post", Pinger.Target());
        var client = forum.CreateClient();
        Assert.Equal(33, (await client.PingAsync(source)).FaultCode);
        using var webmention = await client.SendWebmentionAsync(source.ToString(), Pinger.Target());
        Assert.Equal(HttpStatusCode.BadRequest, webmention.StatusCode);
        Assert.Empty(site.Requests);
    }

    private static async Task AssertSilentAsync(ForumFactory forum)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await forum.CreateClient().SendAsync(new HttpRequestMessage(method, new Uri(Pinger.SeedPost, UriKind.Relative)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Pingback"));
            Assert.False(response.Headers.Contains("Link"));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Empty(PingbackLink().Matches(html));
            Assert.DoesNotContain("rel=\"webmention\"", html, StringComparison.Ordinal);
        }
    }
}
