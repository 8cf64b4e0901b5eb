using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Pingbacks;

namespace SomeForum.IntegrationTests.Hosting;

/// <summary><c>/healthz</c> says more than "the database answers": the schema is this build's, and the webmention queue moves.</summary>
public sealed class HealthDetailTests
{
    private static async Task<(HttpStatusCode Status, string Body)> ProbeAsync(ForumFactory forum)
    {
        using var client = forum.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (health.StatusCode, await health.Content.ReadAsStringAsync());
    }

    private static Task<int> QueueAsync(ForumFactory forum, TimeSpan dueAgo, string source) => forum.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        db.WebmentionRequests.Add(new WebmentionRequest
        {
            Source = source,
            Target = "http://localhost/somewhere",
            PostId = await db.Posts.Select(p => p.Id).FirstAsync(),
            ReceivedAt = now - dueAgo,
            NextAttemptAt = now - dueAgo,
        });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task AQueuedWebmentionLongPastItsDueTimeMakesTheProbeDegradedWithTheReason()
    {
        using var forum = new ForumFactory().With("Pingback:ProcessWebmentions", "false");
        await QueueAsync(forum, TimeSpan.FromMinutes(5), "https://recent.example.org/a");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(forum));

        await QueueAsync(forum, TimeSpan.FromHours(2), "https://stuck.example.org/a");
        var (status, body) = await ProbeAsync(forum);
        // Degraded still answers 200: the queue is the site's, and taking instances out of the pool would not move it.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"^Degraded\nwebmentions: the oldest due webmention has waited 1[12]\d minutes past its due time \(this instance's worker is off: Pingback:ProcessWebmentions\)$", body);

        // Done, it no longer counts.
        await forum.WithDbAsync(db => db.WebmentionRequests.Where(r => r.Source == "https://stuck.example.org/a")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, WebmentionState.Done)));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(forum));
    }

    [Fact]
    public async Task AMigrationOfThisBuildMissingFromTheDatabaseMakesTheProbeUnhealthy()
    {
        using var forum = new ForumFactory();
        // The app migrated at its start; the history then loses its last row, as if that migration had never run.
        // The probe compares on its first call (and every few minutes after), so this is what it finds.
        _ = forum.Server;
        var last = await forum.WithDbAsync(async db =>
        {
            var name = (await db.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal).Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", name);
            return name;
        });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, $"Unhealthy\ndatabase: 1 migration of this build not applied: {last}"), await ProbeAsync(forum));
    }

    [Fact]
    public async Task AMigrationThisBuildDoesNotKnowMakesTheProbeDegraded()
    {
        using var forum = new ForumFactory();
        _ = forum.Server;
        await forum.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromANewerVersion', '10.0.15')"));

        Assert.Equal((HttpStatusCode.OK,
            "Degraded\ndatabase: 1 migration applied that this build does not know (a newer version migrated the database): 29991231000000_FromANewerVersion"),
            await ProbeAsync(forum));
    }
}
