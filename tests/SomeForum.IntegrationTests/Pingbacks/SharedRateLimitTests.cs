using System.Net;
using Npgsql;
using SomeForum.IntegrationTests.Data;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// On PostgreSQL the pingback and webmention limits are kept in the database: a caller reaching two instances
/// (two hosts here, each with its own services) has one allowance, not one each. Needs SOMEFORUM_POSTGRES.
/// </summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private ForumFactory a = null!;
    private ForumFactory b = null!;

    private ForumFactory Instance() => new ForumFactory()
        .With("Database:Provider", "Postgres")
        .With("ConnectionStrings:Forum", $"{TestPostgres.Server};Database={database}")
        .With("Pingback:AllowPrivateAddresses", "true")
        .With("Pingback:ProcessWebmentions", "false")
        .With("Pingback:RateLimitPerMinute", "3");

    public Task InitializeAsync()
    {
        // One after the other: A creates the database, B finds it.
        a = Instance();
        _ = a.Server;
        b = Instance();
        _ = b.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        b.Dispose();
        a.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task ACallerAlternatingBetweenInstancesHasOneAllowance()
    {
        var (toA, toB) = (a.CreateClient(), b.CreateClient());
        const string Caller = "203.0.113.80";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // Each names a source host of its own, so only the caller's limit counts.
            using var sent = await (i % 2 == 0 ? toA : toB).SendWebmentionAsync($"http://source{i}.example/post", Pinger.Target(), Caller);
            answers.Add(sent.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], answers);

        // Another caller is not held back by it, through either.
        using var other = await toB.SendWebmentionAsync("http://source9.example/post", Pinger.Target(), "203.0.113.81");
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task ASourceHostNamedThroughBothInstancesHasOneAllowance()
    {
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        // Many callers at once, half through each instance, one victim: no more than the limit get through.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var sent = await clients[i % 2].SendWebmentionAsync($"http://victim.example/post?{i}", Pinger.Target(), $"203.0.113.{100 + i}");
            return sent.StatusCode;
        }));
        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(9, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
