using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// Atom feeds of the posts, of each post's comments and of all recent comments, read with .NET's own syndication
/// reader: valid Atom, only what is published, never an email or an address, found from the pages, and 304 when
/// nothing changed.
/// </summary>
public sealed class FeedTests
{
    private static async Task<(SyndicationFeed Feed, string Xml, HttpResponseMessage Response)> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return (formatter.Feed, xml, response);
    }

    [Fact]
    public async Task ThePostsCommentsFeedHoldsWhatReadersSeeAndNothingElse()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var guest = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("Held, so not in any feed.") { Email = "secret.reader@example.org" })).Status);

        var (feed, xml, _) = await ReadAsync(guest.Client, $"{SeedThread.Url}/feed");
        Assert.Equal($"SomeForum: comments on “{await TitleAsync(factory)}”", feed.Title.Text);
        Assert.Equal(SeedThread.Entries, feed.Items.Count());
        Assert.All(feed.Items, item => Assert.Matches(@"^http://localhost/comments/\d+$", item.Id));
        Assert.All(feed.Items, item => Assert.Equal(item.Id, item.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri));
        Assert.DoesNotContain("Held, so not in any feed.", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.reader", xml, StringComparison.Ordinal);
        // The site's sanitized HTML, as text the reader's feed reader renders.
        var khurshed = feed.Items.Single(i => i.Id == $"http://localhost/comments/{KhurshedsComment}");
        Assert.Contains("<p>", ((TextSyndicationContent)khurshed.Content).Text, StringComparison.Ordinal);

        // Approved, it is in the feed at once, and in the site's recent comments too.
        await factory.MarkAsync(22, CommentStatus.Approved);
        var (after, _, _) = await ReadAsync(guest.Client, $"{SeedThread.Url}/feed");
        Assert.Equal(SeedThread.Entries + 1, after.Items.Count());
        Assert.Equal("http://localhost/comments/22", after.Items.First().Id);
        var (recent, _, _) = await ReadAsync(guest.Client, "/comments/feed");
        Assert.Equal("http://localhost/comments/22", recent.Items.First().Id);
    }

    private const long KhurshedsComment = 10;

    private static Task<string> TitleAsync(ForumFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Posts.Select(p => p.Title)));

    [Fact]
    public async Task ThePostsFeedListsPublishedPostsAndAnUnchangedFeedAnswers304()
    {
        using var factory = new ForumFactory();
        using var guest = new Browser(factory);
        var (feed, _, response) = await ReadAsync(guest.Client, "/feed");
        var post = Assert.Single(feed.Items);
        Assert.Equal(await TitleAsync(factory), post.Title.Text);
        Assert.Equal("http://localhost/posts/some-so-far-so-what", post.Id);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri("/feed", UriKind.Relative));
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await guest.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var gone = await guest.Client.GetAsync(new Uri("/posts/no-such-post/feed", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task PagesSayWhereTheirFeedsAre()
    {
        using var factory = new ForumFactory();
        using var guest = new Browser(factory);
        var page = await guest.OpenAsync(SeedThread.Url);
        var feeds = page.QuerySelectorAll("head link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")).ToList();
        Assert.Equal(["/feed", "/comments/feed", "/posts/some-so-far-so-what/feed"], feeds);
        foreach (var href in feeds) await ReadAsync(guest.Client, href!);
    }
}
