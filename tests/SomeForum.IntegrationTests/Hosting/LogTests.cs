using System.Net;
using System.Text.Json;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Hosting;

/// <summary>
/// The logs as an operator ships them: JSON on the console (one object a line), and one line a request when asked for,
/// without the query (tokens travel there). A real process, its real console.
/// </summary>
public sealed class LogTests : IDisposable
{
    private const string RequestCategory = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";
    private readonly string folder = Directory.CreateTempSubdirectory("someforum-logs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Dictionary<string, string> Site(bool requestLog)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Forum"] = $"Data Source={Path.Combine(folder, "forum.db")}",
            ["Logging__Console__FormatterName"] = "json",
        };
        if (requestLog) settings["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging"] = "Information";
        return settings;
    }

    private static List<JsonElement> Lines(AppProcess app) =>
        [.. app.Output.Split('\n').Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task EveryLineIsAJsonObjectAndEachRequestIsOneLineWithoutItsQuery()
    {
        await using var app = await AppProcess.StartAsync(Site(requestLog: true));
        using var http = new HttpClient { BaseAddress = app.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/posts/some-so-far-so-what?secret=letmein", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/posts/no-such-post", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        List<JsonElement> requests = [];
        for (var wait = 0; wait < 50 && requests.Count < 2; wait++)
        {
            await Task.Delay(100);
            // Every line the app wrote parses as JSON, the start-up's included.
            requests = [.. Lines(app).Where(l => l.GetProperty("Category").GetString() == RequestCategory)];
        }

        Assert.Equal(2, requests.Count);
        var post = requests.Single(r => r.GetProperty("State").GetProperty("Path").GetString() == "/posts/some-so-far-so-what");
        var state = post.GetProperty("State");
        Assert.Equal("GET", state.GetProperty("Method").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        Assert.Equal("127.0.0.1", state.GetProperty("Client").GetString());
        Assert.True(state.TryGetProperty("Duration", out _), post.ToString());
        Assert.Equal(404, requests.Single(r => r.GetProperty("State").GetProperty("Path").GetString() == "/posts/no-such-post").GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.DoesNotContain("letmein", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(requests, r => r.GetProperty("State").GetProperty("Path").GetString() == "/healthz");
    }

    [Fact]
    public async Task RequestsAreNotLoggedUnlessAskedFor()
    {
        await using var app = await AppProcess.StartAsync(Site(requestLog: false));
        using var http = new HttpClient { BaseAddress = app.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative))).StatusCode);
        await Task.Delay(500);

        Assert.NotEmpty(Lines(app));
        Assert.DoesNotContain(Lines(app), l => l.GetProperty("Category").GetString() == RequestCategory);
    }
}
