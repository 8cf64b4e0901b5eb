using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.IntegrationTests.Pingbacks;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Deploy;

/// <summary>
/// Several instances on one PostgreSQL database behind nginx, all real: two app processes, deploy/someforum.nginx.conf
/// in a real nginx, a real PostgreSQL server. Needs the server tests/run.sh starts (SOMEFORUM_POSTGRES) and nginx,
/// which it installs; without either these tests fail.
/// </summary>
public sealed class BalancedInstancesTests(BalancedSite site, ITestOutputHelper output) : IClassFixture<BalancedSite>
{
    private const int Posters = 16;
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(16);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(9);

    private static int lastAddress;

    // A reader's own address, as nginx passes it on: each test's clients are different readers.
    private static string NextReader()
    {
        var n = Interlocked.Increment(ref lastAddress);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    private static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task NginxServesTheStaticFilesAndBalancesThePagesAndTheHealthProbe()
    {
        using var client = Client();
        using var health = await client.GetAsync(new Uri(site.Nginx.Address, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var page = await client.GetStringAsync(new Uri(site.Nginx.Address, BalancedSite.PostPath));
        var stylesheet = System.Text.RegularExpressions.Regex.Match(page, """<link rel="stylesheet" href="(?<href>/css/[^"]+)" """).Groups["href"].Value;
        Assert.Matches(@"^/css/site\.[a-z0-9]{10}\.css$", stylesheet);
        using var css = await client.GetAsync(new Uri(site.Nginx.Address, stylesheet));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", css.Headers.CacheControl?.ToString());
        // From the folder, not from an instance: the app would have sent its Content-Security-Policy.
        Assert.False(css.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot(), "src", "SomeForum.Web", "wwwroot", "css", "site.css")),
            await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACommentApprovedThroughInstanceAIsOnTheNextViewServedByInstanceB()
    {
        using var guest = Client();
        // B keeps the guests' page of the post.
        var before = await BalancedSite.ShownAsync(guest, site.B.Address);

        using var comment = BalancedSite.Comment(site.A.Address, $"Please {BalancedSite.HoldWord} this one until it is read.", NextReader(), "Held Reader");
        using var held = await guest.SendAsync(comment);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        var id = await site.ScalarAsync<long>($"""SELECT "Id" FROM "Comments" WHERE "AuthorName" = 'Held Reader'""");
        Assert.Equal("Pending", await site.ScalarAsync<string>($"""SELECT "Status" FROM "Comments" WHERE "Id" = {id}"""));
        Assert.DoesNotContain(id, await BalancedSite.ShownAsync(guest, site.B.Address));

        using var moderator = new Browser(site.A.Address);
        await moderator.SignInAsync(BalancedSite.AdminEmail, BalancedSite.AdminPassword);
        var approve = await moderator.SubmitAsync("/moderation?Status=Pending", "form.queue", [], $"OnOne=Approve:{id}");
        Assert.Equal(HttpStatusCode.Redirect, approve.Status);

        // B hears of it by NOTIFY in milliseconds (PageCacheAcrossInstancesTests measures it); a view begun in those
        // milliseconds may still get the kept page, so B is asked until it shows the comment (on a machine this busy,
        // within a few seconds at most).
        var clock = Stopwatch.StartNew();
        var views = 0;
        HashSet<long> shown;
        do
        {
            views++;
            shown = await BalancedSite.ShownAsync(guest, site.B.Address);
        }
        while (!shown.Contains(id) && clock.Elapsed < TimeSpan.FromSeconds(5));
        output.WriteLine($"approved through A: on B's view {views}, {clock.Elapsed.TotalMilliseconds:F0} ms after the approval's answer");
        Assert.Contains(id, shown);
        Assert.Superset(before, shown);
    }

    [Fact]
    public async Task ALiveStreamThroughNginxIsToldOfACommentAtOnce()
    {
        // Whichever instance nginx gives the streams to, a comment through A reaches them, and nginx holds nothing back.
        using var reader = Client();
        await using var first = await ServerEvents.OpenAsync(reader, new Uri(site.Nginx.Address, BalancedSite.PostPath + "/live").ToString(), throughNginx: true);
        await using var second = await ServerEvents.OpenAsync(reader, new Uri(site.Nginx.Address, BalancedSite.PostPath + "/live").ToString(), throughNginx: true);

        using var poster = Client();
        using var comment = BalancedSite.Comment(site.A.Address, "Said while two readers had the post open.", NextReader(), "Live Poster");
        using var posted = await poster.SendAsync(comment);
        var id = BalancedSite.Acknowledged(posted);
        Assert.NotNull(id);
        var clock = Stopwatch.StartNew();
        Assert.Equal($"{{\"count\":1,\"href\":\"/comments/{id}\"}}", (await first.NextAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Equal($"{{\"count\":1,\"href\":\"/comments/{id}\"}}", (await second.NextAsync(TimeSpan.FromSeconds(5))).Data);
        output.WriteLine($"both streams told {clock.Elapsed.TotalMilliseconds:F0} ms after the comment's answer");
    }

    [Fact]
    public async Task ASessionAndAFormTokenIssuedByInstanceAAreTakenByInstanceB()
    {
        using var atA = new Browser(site.A.Address);
        await atA.SignInAsync(BalancedSite.AdminEmail, BalancedSite.AdminPassword);
        using var atB = new Browser(site.B.Address);
        foreach (Cookie cookie in atA.Cookies.GetAllCookies()) atB.Cookies.Add(cookie);

        // B reads the session cookie A wrote: the keys that protect it are in the shared database.
        var queue = await atB.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, queue.Status);

        // A form A served, sent to B: B takes A's token, and refuses one that is not a token at all.
        var page = await atA.OpenAsync("/moderation");
        var token = page.QuerySelector("form[action='/account/sign-out'] input[name='__RequestVerificationToken']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));
        var forged = await atB.PostFormAsync("/account/sign-out", [new(Browser.AntiforgeryField, token![..^4] + "AAAA")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        var signedOut = await atB.PostFormAsync("/account/sign-out", [new(Browser.AntiforgeryField, token)]);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
    }

    [Fact]
    public async Task TheFloodCheckRefusesAClientThatAlternatesBetweenInstances()
    {
        using var client = Client();
        var reader = NextReader();
        using (var first = BalancedSite.Comment(site.A.Address, "First, through A.", reader, "Alternating Reader"))
        using (var answer = await client.SendAsync(first))
        {
            Assert.NotNull(BalancedSite.Acknowledged(answer));
        }
        using (var second = BalancedSite.Comment(site.B.Address, "Second, at once, through B.", reader, "Alternating Reader"))
        using (var answer = await client.SendAsync(second))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        }

        // At the same moment, through both, to two different posts (the post lock alone would let both in): one each round.
        using var writer = new Browser(site.A.Address);
        await writer.SignInAsync(BalancedSite.AdminEmail, BalancedSite.AdminPassword);
        var slug = $"second-{Guid.NewGuid():N}"[..16];
        var published = await writer.SubmitAsync("/posts/new", "form.post-editor",
            [new("Input.Title", "A second post"), new("Input.Slug", slug), new("Input.Body", "For the flood check.")], "Input.Intent=publish-now");
        Assert.Equal(HttpStatusCode.Redirect, published.Status);

        var rounds = new List<(HttpStatusCode, HttpStatusCode)>();
        for (var round = 0; round < 10; round++)
        {
            var at = NextReader();
            using var toA = BalancedSite.Comment(site.A.Address, $"Round {round} on the seed post.", at, "Racing Reader");
            using var toB = BalancedSite.Comment(site.B.Address, $"Round {round} on the second post.", at, "Racing Reader");
            toB.RequestUri = new Uri(site.B.Address, $"/posts/{slug}");
            var answers = await Task.WhenAll(client.SendAsync(toA), client.SendAsync(toB));
            rounds.Add((answers[0].StatusCode, answers[1].StatusCode));
            foreach (var answer in answers) answer.Dispose();
        }
        output.WriteLine("rounds (A, B): " + string.Join(", ", rounds.Select(r => $"({(int)r.Item1}, {(int)r.Item2})")));
        Assert.All(rounds, r => Assert.Equal(
            new[] { HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests }, new[] { r.Item1, r.Item2 }.Order()));
    }

    [Fact]
    public async Task AQueuedWebmentionIsVerifiedOnceThoughBothInstancesRunTheWorker()
    {
        await using var source = await SourceSite.StartAsync();
        var target = new Uri(site.Nginx.Address, BalancedSite.PostPath).ToString();
        const int Mentions = 8;
        var pages = Enumerable.Range(0, Mentions)
            .Select(i => source.LinkingPage($"/mention-{i}", target, $"Mention {i} of the post")).ToList();
        using var client = Client();
        // Through nginx, so both instances take some and both wake their workers.
        foreach (var page in pages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(site.Nginx.Address, "/webmention"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["source"] = page.ToString(), ["target"] = target }),
            };
            request.Headers.Add("X-Forwarded-For", NextReader());
            using var accepted = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        while (await site.ScalarAsync<long>("""SELECT COUNT(*) FROM "WebmentionQueue" WHERE "State" <> 'Done' """) > 0
            && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
        var rows = await site.RowsAsync("""SELECT "Attempts"::bigint, "State" || ' ' || "Source" FROM "WebmentionQueue" ORDER BY "Id" """);
        output.WriteLine(string.Join("\n", rows.Select(r => $"attempts {r.Id}: {r.Text}")));
        Assert.Equal(Mentions, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Id));
        Assert.All(rows, r => Assert.StartsWith("Done ", r.Text, StringComparison.Ordinal));
        foreach (var page in pages)
        {
            Assert.Equal(1, source.CountOf(page.AbsolutePath));
            Assert.Equal(1L, await site.ScalarAsync<long>($"""SELECT COUNT(*) FROM "Comments" WHERE "SourceUrl" = '{page.AbsoluteUri}'"""));
        }
        var workers = new[] { site.A, site.B }.Count(instance => instance.Output.Contains("Webmention", StringComparison.Ordinal)
            && instance.Output.Contains("Stored as comment", StringComparison.Ordinal));
        output.WriteLine($"instances whose worker stored a mention: {workers}");
    }

    [Fact]
    public async Task SixteenPostersThroughNginxLoseNothingAcknowledgedWhenAnInstanceIsKilled()
    {
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<(TimeSpan At, string What)>();
        using var client = Client();
        var clock = Stopwatch.StartNew();
        TimeSpan killedAt = default, restartedAt = default;
        long acknowledgedWhenKilled = 0, acknowledgedWhenRestarted = 0;

        async Task PostAsync(int poster)
        {
            for (var n = 0; clock.Elapsed < LoadFor; n++)
            {
                var text = $"Load {poster}-{n}: {Guid.NewGuid():N}";
                try
                {
                    // Every comment from a reader of its own: the flood check stays on and is run for each one.
                    using var request = BalancedSite.Comment(site.Nginx.Address, text, NextReader(), $"Poster {poster}");
                    using var answer = await client.SendAsync(request);
                    if (BalancedSite.Acknowledged(answer) is { } id) acknowledged[text] = id;
                    else failures.Enqueue((clock.Elapsed, $"{(int)answer.StatusCode}"));
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue((clock.Elapsed, e.HttpRequestError.ToString()));
                }
            }
        }

        async Task KillAndRestartBAsync()
        {
            await Task.Delay(KillAfter);
            acknowledgedWhenKilled = acknowledged.Count;
            killedAt = clock.Elapsed;
            site.B.Kill();
            await Task.Delay(RestartAfter - KillAfter);
            acknowledgedWhenRestarted = acknowledged.Count;
            await site.RestartBAsync();
            restartedAt = clock.Elapsed;
        }

        await Task.WhenAll(Enumerable.Range(0, Posters).Select(PostAsync).Append(KillAndRestartBAsync()));
        var seconds = clock.Elapsed.TotalSeconds;

        var stored = await site.RowsAsync("""SELECT "Id", "Source" FROM "Comments" WHERE "Source" LIKE 'Load %' """);
        var storedByText = stored.GroupBy(s => s.Text, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList(), StringComparer.Ordinal);
        var unacknowledgedStored = storedByText.Keys.Count(text => !acknowledged.ContainsKey(text));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Posters} posters, {seconds:F1} s: {acknowledged.Count} comments acknowledged ({acknowledged.Count / seconds:F0}/s), {stored.Count} stored"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"B killed at {killedAt.TotalSeconds:F1} s ({acknowledgedWhenKilled} acknowledged by then), started again at {restartedAt.TotalSeconds:F1} s; " +
            $"{acknowledgedWhenRestarted - acknowledgedWhenKilled} acknowledged through A alone meanwhile"));
        output.WriteLine($"not acknowledged: {failures.Count} ({string.Join(", ", failures.GroupBy(f => f.What).Select(g => $"{g.Count()} × {g.Key}"))}), " +
            $"at {string.Join(", ", failures.Select(f => f.At.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)).Distinct().Take(20))} s; " +
            $"of them stored all the same: {unacknowledgedStored}");

        // Nothing went wrong before the kill, and the posters went on through A while B was down.
        Assert.DoesNotContain(failures, f => f.At < killedAt);
        Assert.True(acknowledgedWhenRestarted - acknowledgedWhenKilled > 0, "nothing was acknowledged while B was down");
        // Every comment acknowledged is stored once, under the id its redirect named; nothing is stored twice.
        foreach (var (text, id) in acknowledged)
        {
            Assert.True(storedByText.TryGetValue(text, out var ids), $"acknowledged as comment {id} but not stored: {text}");
            Assert.Equal([id], ids);
        }
        Assert.All(storedByText, s => Assert.Single(s.Value));

        // Both instances show every one of them, B after its restart, each read directly.
        foreach (var instance in new[] { site.A, site.B })
        {
            var shown = await BalancedSite.ShownAsync(client, instance.Address);
            var missing = acknowledged.Values.Where(id => !shown.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{instance.Address} does not show {missing.Count} acknowledged comments, e.g. {string.Join(", ", missing.Take(5))}");
        }
    }
}
