using System.Net;
using Microsoft.Data.Sqlite;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// The database's disk fills up: a commenter is told their comment could not be saved (503) and gets their text back
/// in the form, readers go on reading, and once there is room again the same comment goes in. A real full disk: the
/// SQLite file lives on a small tmpfs that the test fills to its last byte (mounting needs root, as CI and
/// tests/run.sh have; without it the test fails and says so).
/// </summary>
[Collection(SqlitePools.Name)]
public sealed class FullDiskTests : IDisposable
{
    private readonly SmallDisk disk = new("full");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        disk.Dispose();
    }

    private void MountSmallDisk() => disk.Mount("of 16 MB to fill a real disk");

    /// <summary>Fills the disk to its last byte; the file is the room given back later.</summary>
    private static async Task<string> FillAsync(string folder)
    {
        var filler = Path.Combine(folder, "filler");
        await using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var block = new byte[4096];
        try
        {
            while (true) await stream.WriteAsync(block);
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
        return filler;
    }

    [Fact]
    public async Task ACommenterGets503AndTheirTextBackReadersReadAndTheCommentGoesInOnceThereIsRoom()
    {
        MountSmallDisk();
        var database = Path.Combine(disk.Folder, "forum.db");
        // Pooled, as the app runs in production: its connections (and SQLite's shared memory file) stay open.
        using var factory = new ForumFactory(database)
            .With("ConnectionStrings:Forum", $"Data Source={database}")
            .With("Comments:FloodIntervalSeconds", "0")
            .With("Moderation:Enabled", "false");
        using var reader = new Browser(factory);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(SeedThread.Url)).Status);
        var before = await factory.CountCommentsAsync();

        // An empty write-ahead log, so the next write needs new room on the disk; then no room at all.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var filler = await FillAsync(disk.Folder);

        using var commenter = new Browser(factory);
        var comment = new CommentForm("Written while the disk was full. " + new string('x', 6000)) { Name = "Fuller", Email = "fuller@example.org" };
        var refused = await commenter.SubmitCommentAsync(SeedThread.Url, comment);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(comment.Text, refused.Document.QuerySelector("form.comment-form #Input_Text")?.TextContent);
        Assert.Equal("Fuller", refused.Document.QuerySelector("form.comment-form #Input_Name")?.GetAttribute("value"));
        Assert.Contains(refused.Document.QuerySelectorAll("form.comment-form .form-errors li"),
            li => li.TextContent.Contains("could not be saved", StringComparison.Ordinal) && li.TextContent.Contains("your text is still here", StringComparison.Ordinal));
        // Readers read on, the post and a fresh reader's first view alike.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(SeedThread.Url)).Status);
        using var newcomer = new Browser(factory);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/")).Status);
        Assert.Equal(before, await factory.CountCommentsAsync());

        File.Delete(filler);
        var stored = await commenter.SubmitCommentAsync(SeedThread.Url, comment);
        Assert.Equal(HttpStatusCode.Found, stored.Status);
        Assert.Equal(before + 1, await factory.CountCommentsAsync());
    }
}
