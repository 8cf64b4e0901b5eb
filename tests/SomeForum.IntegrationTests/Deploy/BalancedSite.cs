using System.Text.RegularExpressions;
using Npgsql;
using SomeForum.IntegrationTests.Data;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Deploy;

/// <summary>
/// The deployment README describes, on one machine: a fresh PostgreSQL database (on the server tests/run.sh starts),
/// two instances of the app as real processes started together, and a real nginx running deploy/someforum.nginx.conf
/// in front of them, trusted by the instances as their proxy (ForwardedHeaders:KnownProxies 127.0.0.1).
/// </summary>
public sealed partial class BalancedSite : IAsyncLifetime
{
    public const string Slug = "some-so-far-so-what";
    public const string PostPath = "/posts/" + Slug;
    public const string AdminEmail = "owner@example.org";
    public const string AdminPassword = "a long passphrase for the owner";
    // A comment with this word is held for a moderator; every other is published at once.
    public const string HoldWord = "quarantine";
    public const int FloodIntervalSeconds = 30;

    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private Dictionary<string, string> settings = null!;

    public AppProcess A { get; private set; } = null!;
    public AppProcess B { get; private set; } = null!;
    public NginxProcess Nginx { get; private set; } = null!;
    public string ConnectionString => $"{TestPostgres.Server};Database={database}";

    public async Task InitializeAsync()
    {
        var port = NginxProcess.FreePort();
        settings = new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Forum"] = ConnectionString,
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            // nginx passes Host without its port ($host, as on port 80 or 443): the site's address names it.
            ["Pingback__SiteUrl"] = $"http://127.0.0.1:{port}",
            ["Pingback__AllowPrivateAddresses"] = "true",
            ["Pingback__RateLimitPerMinute"] = "1000",
            ["Pingback__QueuePollSeconds"] = "1",
            ["Comments__FloodIntervalSeconds"] = FloodIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The whole thread on one page, so one view shows every comment the posters wrote.
            ["Comments__PageSize"] = "0",
            ["Moderation__HoldFirstComment"] = "false",
            ["Moderation__HoldWords__0"] = HoldWord,
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
        };
        var starting = new[] { AppProcess.StartAsync(settings), AppProcess.StartAsync(settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            if (starting[0].IsCompletedSuccessfully) A = starting[0].Result;
            if (starting[1].IsCompletedSuccessfully) B = starting[1].Result;
        }
        Nginx = await NginxProcess.StartAsync([A.Address.Port, B.Address.Port], port,
            Path.Combine(AppProcess.RepositoryRoot(), "src", "SomeForum.Web", "wwwroot"));
    }

    /// <summary>Starts B again where nginx expects it, as systemd's Restart=always does after a crash.</summary>
    public async Task RestartBAsync()
    {
        var port = B.Address.Port;
        await B.DisposeAsync();
        B = await AppProcess.StartAsync(settings, port);
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null) await Nginx.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [GeneratedRegex("""id="comment-(?<id>\d+)" """)]
    private static partial Regex CommentAnchor();

    [GeneratedRegex(@"#comment-(?<id>\d+)$")]
    private static partial Regex CommentFragment();

    /// <summary>The comments a guest's view of the seed post shows, read from one instance directly.</summary>
    public static async Task<HashSet<long>> ShownAsync(HttpClient client, Uri instance)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(instance, PostPath));
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        return CommentAnchor().Matches(html).Select(m => long.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
    }

    /// <summary>A guest's comment as a browser sends it from the page (no token: a same-origin guest needs none).</summary>
    public static HttpRequestMessage Comment(Uri site, string text, string forwardedFor, string name = "Poster")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(site, PostPath))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Text"] = text,
                ["Input.Name"] = name,
                ["Input.Email"] = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org",
                ["Input.Website"] = "",
                ["Input.Intent"] = "post",
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    /// <summary>The stored comment's id a 302 after a comment names, or null when the answer is no such acknowledgement.</summary>
    public static long? Acknowledged(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Acknowledged(response.StatusCode, response.Headers.Location?.OriginalString);
    }

    /// <summary>The same from an answer's status and Location header as the app wrote it (a redirect, 302 or 303, to the comment).</summary>
    public static long? Acknowledged(System.Net.HttpStatusCode status, string? location) =>
        status is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.SeeOther
            && location is not null && CommentFragment().Match(location) is { Success: true } match
            ? long.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<(long Id, string Text)>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }
}
