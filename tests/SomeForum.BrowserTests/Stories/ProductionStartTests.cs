using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using SomeForum.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SomeForum.BrowserTests.Infrastructure.CommentForm;

namespace SomeForum.BrowserTests.Stories;

/// <summary>
/// The app as its owner starts it in production, in a process of its own: published, and from the build
/// output (as <c>dotnet run -c Release</c> does). The other stories run it in-process, in the Testing
/// environment, with static web assets wired up by the test host; that hid an app which, started from its
/// build output, answered every browser's request for its stylesheet and script with 200 and 0 bytes.
/// </summary>
public sealed partial class ProductionStartTests(ProductionForums forums) : IClassFixture<ProductionForums>
{
    // No Accept-Encoding, each encoding alone, and what chromium sends.
    private static readonly string?[] AcceptEncodings = [null, "gzip", "br", "gzip, deflate, br, zstd"];

    // The pages' own stylesheets and scripts: the home page's, and the post's (the reply script is only there).
    private static readonly string[] PagesLinkingAssets = ["/", BrowserForum.SeedPostPath];

    [GeneratedRegex(""""<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(?<url>[^"]+)"|<script\b[^>]*\bsrc="(?<url>[^"]+)"""")]
    private static partial Regex AssetReference();

    [Theory]
    [InlineData(ProductionStart.Published)]
    [InlineData(ProductionStart.BuildOutput)]
    public async Task EveryStylesheetAndScriptIsServedWholeInEveryEncodingABrowserAccepts(ProductionStart start)
    {
        var server = await forums.ServerAsync(start);
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = server.Address,
        };

        var assets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in PagesLinkingAssets)
        {
            using var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // The real server names neither itself nor its version.
            Assert.False(page.Headers.Contains("Server"), $"{path} answered with a Server header: {string.Join(", ", page.Headers.Server)}");
            assets.UnionWith(AssetReference().Matches(await page.Content.ReadAsStringAsync()).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)));
        }
        Assert.Contains(assets, a => a.StartsWith("/css/site.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/comment-reply.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));

        // Every answer is checked before failing: which encodings of which file are broken tells what broke.
        var problems = new List<string>();
        foreach (var asset in assets)
        {
            byte[] plain = [];
            foreach (var acceptEncoding in AcceptEncodings)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, asset);
                if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                // Read before the body: once the body is buffered, a missing header reads as the buffer's length.
                var declared = response.Content.Headers.ContentLength;
                var body = await response.Content.ReadAsByteArrayAsync();
                var encoding = string.Join(", ", response.Content.Headers.ContentEncoding);
                var what = $"{asset} (Accept-Encoding: {acceptEncoding ?? "none"}) answered {(int)response.StatusCode}, " +
                    $"{body.Length} bytes, Content-Length {declared?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, " +
                    $"Content-Encoding {(encoding.Length == 0 ? "none" : encoding)}";
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0 || declared != body.Length)
                {
                    problems.Add(what);
                    continue;
                }
                if (encoding.Length > 0 && !(acceptEncoding ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(encoding))
                {
                    problems.Add($"{what}: an encoding not asked for");
                    continue;
                }
                if (acceptEncoding is null)
                {
                    plain = body;
                }
                else if ((encoding.Length == 0 ? body : Decode(body, encoding)) is not { } decoded)
                {
                    problems.Add($"{what}: not {encoding} as it says");
                }
                else if (!decoded.AsSpan().SequenceEqual(plain))
                {
                    problems.Add($"{what}: decoded, {decoded.Length} bytes that are not the {plain.Length} served without encoding");
                }
            }
        }
        Assert.True(problems.Count == 0, $"Started {start} from {server.Address}:\n{string.Join('\n', problems)}");
    }

    [Theory]
    [InlineData(ProductionStart.Published)]
    [InlineData(ProductionStart.BuildOutput)]
    public async Task AReaderAndTheAdministratorGetAStyledSiteAndAWorkingReplyScript(ProductionStart start)
    {
        await using var session = await forums.OpenAsync(start);
        var page = session.Page;
        var assets = new ConcurrentQueue<(IResponse Response, Task<string?> Problem)>();
        var failed = new ConcurrentQueue<string>();
        // Each body is asked for as its response arrives: once the page is left, the browser no longer has it.
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "stylesheet" or "script") assets.Enqueue((response, ProblemWithAsync(response)));
        };
        page.RequestFailed += (_, request) =>
        {
            if (request.ResourceType is "stylesheet" or "script") failed.Enqueue($"{request.Url}: {request.Failure}");
        };

        Assert.Equal(200, (await session.GotoAsync("/")).Status);
        await AssertAssetsServedAsync("/", script: false);
        await AssertStyledAsync("/");

        Assert.Equal(200, (await session.GotoAsync(BrowserForum.SeedPostPath)).Status);
        await AssertAssetsServedAsync(BrowserForum.SeedPostPath, script: true);
        await AssertStyledAsync(BrowserForum.SeedPostPath);
        // The reply script moves the form right under the comment; without it the link would lead to another page.
        var url = page.Url;
        var khurshed = page.Locator($"#comment-{KhurshedsComment}");
        await khurshed.Locator(":scope > article").GetByRole(AriaRole.Link, new() { Name = $"Reply to {KhurshedsName}" }).ClickAsync();
        await Expect(khurshed.Locator(":scope > article + #respond")).ToHaveCountAsync(1);
        Assert.Equal(url, page.Url);

        await Accounts.SignInAsync(session, Accounts.Administrator, "/moderation");
        await AssertAssetsServedAsync("/moderation", script: false);
        await AssertStyledAsync("/moderation");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Moderation");

        Assert.Empty(session.ConsoleErrors);
        Assert.Empty(await session.PolicyViolationsAsync());

        // Each stylesheet and script the browser fetched (or took from its cache) since the last look: 200, and not empty.
        async Task AssertAssetsServedAsync(string path, bool script)
        {
            var problems = failed.ToList();
            failed.Clear();
            var seen = new List<(IResponse Response, Task<string?> Problem)>();
            while (assets.TryDequeue(out var asset)) seen.Add(asset);
            Assert.Contains(seen, a => a.Response.Request.ResourceType == "stylesheet");
            if (script) Assert.Contains(seen, a => a.Response.Request.ResourceType == "script");
            foreach (var (_, problem) in seen)
            {
                if (await problem is { } said) problems.Add(said);
            }
            Assert.True(problems.Count == 0, $"Started {start}, on {path}:\n{string.Join('\n', problems)}");
        }

        // The stylesheet applied: the page's background, and the page's width (.wrap, 72rem).
        async Task AssertStyledAsync(string path)
        {
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            var measure = await page.Locator(".site-header > .wrap").EvaluateAsync<string>("e => getComputedStyle(e).maxWidth");
            Assert.Equal($"{path}: background {Accessibility.Background(ColorScheme.Light)}, measure 1152px", $"{path}: background {background}, measure {measure}");
        }
    }

    private static async Task<string?> ProblemWithAsync(IResponse response)
    {
        try
        {
            var length = (await response.BodyAsync()).Length;
            return response.Status == 200 && length > 0 ? null : $"{response.Url}: {response.Status}, {length} bytes";
        }
        catch (PlaywrightException e)
        {
            return $"{response.Url}: {response.Status}, no body ({e.Message})";
        }
    }

    private static byte[]? Decode(byte[] body, string encoding)
    {
        using Stream? decoder = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "deflate" => new ZLibStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null) return null;
        using var decoded = new MemoryStream();
        try
        {
            decoder.CopyTo(decoded);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        return decoded.ToArray();
    }
}
