using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// pingback.ping end to end: the forum through its test server, the source pages on a real
/// server on loopback. Every fault code where the specification puts it, and the limits.
/// </summary>
public sealed class PingbackTests(PingbackFixture fixture) : IClassFixture<PingbackFixture>
{
    private readonly SourceSite site = fixture.Site;
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task APingFromAPageThatLinksIsHeldThenShownAsPingbackOnceApproved()
    {
        var source = site.LinkingPage(PingbackFixture.NewPath("linking"), Pinger.Target(), "A &lt;b&gt;reply&lt;/b&gt; | Some Blog");

        var answer = await client.PingAsync(source, caller: "198.51.100.21");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/xml", answer.ContentType);
        Assert.Null(answer.FaultCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.Result));

        var stored = Assert.Single(await fixture.MentionsFromAsync(source));
        Assert.Equal((CommentKind.Pingback, CommentStatus.Pending), (stored.Kind, stored.Status));
        Assert.Equal("A <b>reply</b> | Some Blog", stored.SourceTitle);
        Assert.Equal("Before the link. As this forum post argues, after the link.", stored.Source);
        Assert.Equal("198.51.100.21", stored.IpAddress);

        // One GET, saying who we are and for whom we fetch, so the source's owner can filter us.
        var fetch = Assert.Single(site.Requests, r => r.PathAndQuery == source.PathAndQuery);
        Assert.Equal("GET", fetch.Method);
        Assert.Contains("SomeForum", fetch.UserAgent, StringComparison.Ordinal);
        Assert.Contains("198.51.100.21", fetch.UserAgent, StringComparison.Ordinal);
        Assert.Equal("198.51.100.21", fetch.ForwardedFor);

        var held = await client.GetDocumentAsync(Pinger.SeedPost);
        Assert.Null(held.GetElementById($"comment-{stored.Id}"));

        await fixture.Forum.MarkAsync(stored.Id, CommentStatus.Approved);
        var page = await client.GetDocumentAsync(Pinger.SeedPost);
        var entry = page.GetElementById($"comment-{stored.Id}")!;
        Assert.Contains("pingback", entry.ClassList);
        Assert.Equal("Pingback: A <b>reply</b> | Some Blog", entry.QuerySelector(".pingback-line")!.Text().Split(" · ")[0]);
        var link = entry.QuerySelector(".pingback-line a")!;
        Assert.Equal(source.AbsoluteUri, link.GetAttribute("href"));
        Assert.Equal("nofollow ugc", link.GetAttribute("rel"));
        Assert.Empty(entry.QuerySelectorAll("b"));
        Assert.Equal("Before the link. As this forum post argues, after the link.", entry.QuerySelector(".comment-body")!.Text());
    }

    public static TheoryData<string, string> UnknownCharsets => new()
    {
        { "text/html; charset=x-no-such-charset", "<meta charset=\"utf-8\">" },
        { "text/html; charset=\"\"", "<meta charset=\"utf-8\">" },
        { "text/html", "<meta charset=\"klingon-8\">" },
        { "text/html", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-7\">" },
    };

    [Theory]
    [MemberData(nameof(UnknownCharsets))]
    public async Task ASourceInACharsetDotNetDoesNotKnowIsStillReadAndNeverAServerError(string contentType, string meta)
    {
        var target = Pinger.Target();
        var source = site.Page(PingbackFixture.NewPath("charset"), $"""
            <!DOCTYPE html>
            <html><head>{meta}<title>Odd charset</title></head>
            <body><p>Before the link. As <a href="{target}">this forum post</a> argues, after the link.</p></body></html>
            """, contentType);

        var answer = await client.PingAsync(source, target);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.FaultCode);
        var stored = Assert.Single(await fixture.MentionsFromAsync(source));
        Assert.Equal("Odd charset", stored.SourceTitle);
    }

    [Fact]
    public async Task RedirectsAreFollowedUpToThree()
    {
        var page = site.LinkingPage(PingbackFixture.NewPath("after-redirects"), Pinger.Target());
        var hop3 = site.Redirect(PingbackFixture.NewPath("hop3"), page, StatusCodes.Status308PermanentRedirect);
        var hop2 = site.Redirect(PingbackFixture.NewPath("hop2"), hop3, StatusCodes.Status307TemporaryRedirect);
        var hop1 = site.Redirect(PingbackFixture.NewPath("hop1"), hop2, StatusCodes.Status301MovedPermanently);

        var answer = await client.PingAsync(hop1);

        Assert.Null(answer.FaultCode);
        Assert.Single(await fixture.MentionsFromAsync(hop1));
    }

    public static TheoryData<string> UnfetchableSources => ["404", "410", "500", "403", "too-many-redirects", "closed-port"];

    [Theory]
    [MemberData(nameof(UnfetchableSources))]
    public async Task ASourceThatCannotBeFetchedIsFault16(string kind)
    {
        var target = Pinger.Target();
        var source = kind switch
        {
            "404" => site.Url(PingbackFixture.NewPath("missing")),
            "410" or "500" or "403" => site.Page(PingbackFixture.NewPath("status"), $"<a href=\"{target}\">x</a>", status: int.Parse(kind, System.Globalization.CultureInfo.InvariantCulture)),
            "too-many-redirects" => TooManyRedirects(),
            _ => new Uri($"http://127.0.0.1:{ClosedPort()}/page"),
        };

        var answer = await client.PingAsync(source);

        Assert.Equal((HttpStatusCode.OK, 16), (answer.Status, answer.FaultCode));
        Assert.Empty(await fixture.MentionsFromAsync(source));
        // The message is the same whatever went wrong: nothing about ports, addresses or errors leaks.
        Assert.Equal("The sourceURI does not exist or could not be fetched.", answer.FaultString);

        Uri TooManyRedirects()
        {
            var last = site.LinkingPage(PingbackFixture.NewPath("too-far"), target);
            for (var i = 0; i < 4; i++) last = site.Redirect(PingbackFixture.NewPath("hop"), last);
            return last;
        }
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static TheoryData<string, string> PagesWithoutALink => new()
    {
        { "text/html", "<p>No link at all.</p>" },
        { "text/html", "<p>Only text: {target}</p>" },
        { "text/html", "<!-- <a href=\"{target}\">x</a> --><script>var a = '<a href=\"{target}\">';</script><img src=\"{target}\">" },
        { "text/html", "<a href=\"{target}-and-more\">a longer URL</a> <a href=\"{target}/x\">below it</a>" },
        { "text/plain", "<a href=\"{target}\">plain text is not parsed</a>" },
        { "application/json", "{\"url\": \"{target}\"}" },
    };

    [Theory]
    [MemberData(nameof(PagesWithoutALink))]
    public async Task ASourceWithoutARealLinkIsFault17(string contentType, string body)
    {
        var source = site.Page(PingbackFixture.NewPath("no-link"), body.Replace("{target}", Pinger.Target(), StringComparison.Ordinal), contentType);

        var answer = await client.PingAsync(source);

        Assert.Equal(17, answer.FaultCode);
        Assert.Empty(await fixture.MentionsFromAsync(source));
    }

    [Fact]
    public async Task APostThatDoesNotExistIsFault32()
    {
        var source = site.LinkingPage(PingbackFixture.NewPath("to-nowhere"), Pinger.Target("/posts/no-such-post"));
        var draft = await fixture.NewPostAsync(status: SomeForum.Web.Posts.PostStatus.Draft);

        Assert.Equal(32, (await client.PingAsync(source, Pinger.Target("/posts/no-such-post"))).FaultCode);
        Assert.Equal(32, (await client.PingAsync(source, Pinger.Target(draft))).FaultCode);
        Assert.Equal(0, site.CountOf(source.AbsolutePath));
    }

    [Theory]
    [InlineData("http://localhost/")]
    [InlineData("http://localhost/moderation")]
    [InlineData("http://localhost/posts")]
    [InlineData("http://localhost/posts/some-so-far-so-what/extra")]
    [InlineData("http://other.example/posts/some-so-far-so-what")]
    [InlineData("http://localhost:8080/posts/some-so-far-so-what")]
    public async Task ATargetThatIsNotOneOfOurPostsIsFault33(string target)
    {
        var source = site.LinkingPage(PingbackFixture.NewPath("elsewhere"), target);

        Assert.Equal(33, (await client.PingAsync(source, target)).FaultCode);
        Assert.Equal(0, site.CountOf(source.AbsolutePath));
    }

    [Fact]
    public async Task APostWithPingbacksOffIsFault33()
    {
        var closed = await fixture.NewPostAsync(pingbacksOpen: false);
        var source = site.LinkingPage(PingbackFixture.NewPath("to-closed"), Pinger.Target(closed));

        Assert.Equal(33, (await client.PingAsync(source, Pinger.Target(closed))).FaultCode);
        Assert.Equal(0, site.CountOf(source.AbsolutePath));
    }

    [Theory]
    [InlineData(CommentStatus.Pending)]
    [InlineData(CommentStatus.Approved)]
    [InlineData(CommentStatus.Spam)]
    [InlineData(CommentStatus.Trash)]
    public async Task TheSameSourceAgainIsFault48WhateverItsState(CommentStatus state)
    {
        var source = site.LinkingPage(PingbackFixture.NewPath("twice"), Pinger.Target());
        Assert.Null((await client.PingAsync(source)).FaultCode);
        var first = Assert.Single(await fixture.MentionsFromAsync(source));
        await fixture.Forum.MarkAsync(first.Id, state);

        var again = await client.PingAsync(source, caller: "198.51.100.99");

        Assert.Equal(48, again.FaultCode);
        Assert.Single(await fixture.MentionsFromAsync(source));
        // Refused before fetching: the source was fetched once, for the first ping.
        Assert.Equal(1, site.CountOf(source.AbsolutePath));
    }

    public static TheoryData<string, string> MalformedArguments => new()
    {
        { "not a url", Pinger.Target() },
        { "/relative/path", Pinger.Target() },
        { "ftp://127.0.0.1/file", Pinger.Target() },
        { "file:///etc/passwd", Pinger.Target() },
        { "http://user:secret@127.0.0.1/page", Pinger.Target() },
        { "", Pinger.Target() },
        { "http://127.0.0.1/page", "not a url" },
        { "http://127.0.0.1/page", "" },
        { Pinger.Target(), Pinger.Target() },
        { Pinger.Target() + "#a", Pinger.Target() + "#b" },
    };

    [Theory]
    [MemberData(nameof(MalformedArguments))]
    public async Task MalformedArgumentsAreFault0(string source, string target)
    {
        var answer = await client.PingAsync(source, target);
        Assert.Equal((HttpStatusCode.OK, 0), (answer.Status, answer.FaultCode));
    }

    [Fact]
    public async Task ASourceFarLargerThanTheCapIsJudgedByItsFirstMegabyteAndEndsQuickly()
    {
        var target = Pinger.Target();
        // Endless filler, with the link only after the first megabyte: never read, so never found.
        var endless = site.Map(PingbackFixture.NewPath("endless"), async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<!DOCTYPE html><title>Huge</title><p>");
            var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
            for (var sent = 0; sent < 64 && !context.RequestAborted.IsCancellationRequested; sent++)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
            }
            await context.Response.WriteAsync($"<a href=\"{target}\">late link</a></p>", context.RequestAborted);
        });
        // The same size, with the link at the top: judged by its beginning, it links.
        var early = site.Map(PingbackFixture.NewPath("large-early"), async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<!DOCTYPE html><title>Huge</title><p>See <a href=\"{target}\">this</a>.</p><p>");
            var filler = Encoding.UTF8.GetBytes(new string('y', 64 * 1024));
            for (var sent = 0; sent < 64 && !context.RequestAborted.IsCancellationRequested; sent++)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
            }
        });

        var clock = Stopwatch.StartNew();
        Assert.Equal(17, (await client.PingAsync(endless)).FaultCode);
        Assert.Null((await client.PingAsync(early)).FaultCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task ASourceThatDripsBytesIsCutOffAtTheDeadline()
    {
        var drip = site.Map(PingbackFixture.NewPath("drip"), async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<!DOCTYPE html><title>Slow</title><p>");
            await context.Response.Body.FlushAsync();
            // One byte every 100 ms, for a minute: each read succeeds, only a total deadline ends it.
            for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.WriteAsync("x", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        });

        var clock = Stopwatch.StartNew();
        var answer = await client.PingAsync(drip);

        Assert.Equal(16, answer.FaultCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(8.5));
    }

    [Fact]
    public async Task ASourceThatNeverAnswersIsCutOffAtTheDeadline()
    {
        var silent = site.Map(PingbackFixture.NewPath("silent"), async context => await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted));

        var clock = Stopwatch.StartNew();
        Assert.Equal(16, (await client.PingAsync(silent)).FaultCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(8.5));
    }
}
