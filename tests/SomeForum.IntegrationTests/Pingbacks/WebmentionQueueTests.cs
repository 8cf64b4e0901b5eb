using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Pingbacks;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>The queue is in the database: what was accepted before a restart is verified after it.</summary>
[Collection(SqlitePools.Name)]
public sealed class WebmentionQueueTests
{
    [Fact]
    public async Task AWebmentionQueuedBeforeARestartIsProcessedAfterIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"someforum-queue-{Guid.NewGuid():N}.db");
        await using var site = await SourceSite.StartAsync();
        var source = site.LinkingPage("/before-restart", Pinger.Target(), "Queued across a restart");
        try
        {
            using (var before = new ForumFactory(file)
                .With("Pingback:AllowPrivateAddresses", "true")
                .With("Pingback:ProcessWebmentions", "false"))
            {
                using var response = await before.CreateClient().SendWebmentionAsync(source.ToString(), Pinger.Target());
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                await Task.Delay(500);
                var queued = await before.WithDbAsync(db => db.WebmentionRequests.AsNoTracking().SingleAsync());
                Assert.Equal((WebmentionState.Queued, 0), (queued.State, queued.Attempts));
                Assert.Empty(site.Requests);
            }

            using var after = new ForumFactory(file).With("Pingback:AllowPrivateAddresses", "true");
            _ = after.Server;
            var processed = Assert.Single(await Pinger.ProcessedAsync(after, source));
            Assert.Equal(WebmentionState.Done, processed.State);
            var mention = await after.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.SourceUrl == source.AbsoluteUri));
            Assert.Equal((CommentKind.Webmention, "Queued across a restart"), (mention.Kind, mention.SourceTitle));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" }) File.Delete(file + suffix);
        }
    }
}
