using System.Net;
using Microsoft.Data.Sqlite;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Hosting;

/// <summary>A load balancer asks <c>/healthz</c> whether the instance can serve: yes while it can read its database.</summary>
[Collection(SqlitePools.Name)]
public sealed class HealthTests
{
    [Fact]
    public async Task TheHealthProbeSaysHealthyWithNothingToCacheOrKeep()
    {
        using var factory = new ForumFactory();
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", health.Content.Headers.ContentType?.MediaType);
        Assert.True(health.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control: {health.Headers.CacheControl}");
        Assert.False(health.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task TheHealthProbeSaysUnhealthyWhenTheDatabaseFileIsNoLongerADatabase()
    {
        using var factory = new ForumFactory().With("Database:Provider", "Sqlite"); // about the file, on either pass
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The file is overwritten under the running app (the tests' store opens it anew for every query).
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(factory.DatabaseFile + suffix);
        await File.WriteAllTextAsync(factory.DatabaseFile, new string('x', 8192));

        using var after = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        // The checks that threw are named, their exceptions are not told.
        Assert.Equal("Unhealthy\ndatabase: failed (see the log)\nwebmentions: failed (see the log)", await after.Content.ReadAsStringAsync());
        Assert.True(after.Headers.CacheControl is { NoStore: true }, $"Cache-Control: {after.Headers.CacheControl}");
    }
}
