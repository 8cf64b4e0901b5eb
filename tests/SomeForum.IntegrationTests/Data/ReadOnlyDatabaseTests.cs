using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// The database turns read-only under the app, or is read-only when it starts: the first refused write is answered
/// 503 with the commenter's text back, logged once naming the database, and turns the health probe Unhealthy until a
/// write goes in again; a start on a read-only database serves readers and answers writers 503. SQLite on a small
/// tmpfs remounted read-only, which stops root too (mounting needs root, as CI and tests/run.sh have; without it these
/// fail and say so); PostgreSQL by default_transaction_read_only on the test's own database.
/// </summary>
[Collection(SqlitePools.Name)]
public sealed class ReadOnlyDatabaseTests : IDisposable
{
    private readonly SmallDisk disk = new("readonly");

    private string Database => Path.Combine(disk.Folder, "forum.db");

    public void Dispose() => disk.Dispose();

    private void MountSmallDisk() => disk.Mount("it can make read-only");

    /// <summary>
    /// Remounts the disk read-only, with the database's -wal and -shm files there (SQLite can read a read-only WAL
    /// database only then). Linux refuses while a file on it is open for writing: the app's connections are not pooled
    /// here (ForumFactory's), so they are closed between requests, and a background worker's that happens to be open is
    /// waited out. (Not SqliteConnection.ClearAllPools: that would close the pooled connections of tests running beside.)
    /// </summary>
    private async Task MakeReadOnlyAsync(bool keepLogFiles = true)
    {
        var said = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (keepLogFiles)
            {
                foreach (var suffix in new[] { "-wal", "-shm" }) File.Open(Database + suffix, FileMode.OpenOrCreate).Dispose();
            }
            said = disk.Remount("remount,ro");
            // The last connection to close deletes the two files: if one closed between the touch and the remount, again.
            if (said.Length == 0 && (!keepLogFiles || (File.Exists(Database + "-wal") && File.Exists(Database + "-shm")))) return;
            if (said.Length == 0) MakeWritable();
            await Task.Delay(100);
        }
        Assert.Fail($"Could not remount {disk.Folder} read-only: {said}");
    }

    private void MakeWritable()
    {
        var failed = disk.Remount("remount,rw");
        Assert.True(failed.Length == 0, failed);
    }

    private static async Task<(HttpStatusCode Status, string Text)> HealthAsync(Browser browser)
    {
        using var response = await browser.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertRefusedWithTheTextBack(Page refused, CommentForm comment)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(comment.Text, refused.Document.QuerySelector("form.comment-form #Input_Text")?.TextContent);
        Assert.Contains(refused.Document.QuerySelectorAll("form.comment-form .form-errors li"),
            li => li.TextContent.Contains("could not be saved", StringComparison.Ordinal) && li.TextContent.Contains("your text is still here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFirstWriteToAReadOnlySqliteFileIs503WithTheTextBackAndHealthIsUnhealthyUntilAWriteGoesInAgain()
    {
        MountSmallDisk();
        var log = new LogCapture();
        using var forum = new ForumFactory(Database)
            .With("Comments:FloodIntervalSeconds", "0")
            .With("Moderation:Enabled", "false");
        using var factory = forum.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var reader = new Browser(factory);
        using var commenter = new Browser(factory);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(SeedThread.Url)).Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(reader));
        var form = await commenter.GetAsync(SeedThread.Url);

        await MakeReadOnlyAsync();
        var comment = new CommentForm("Written while the disk was read-only.") { Name = "Reader Only", Email = "reader.only@example.org" };
        AssertRefusedWithTheTextBack(await commenter.SubmitCommentAsync(form, comment), comment);
        var again = await commenter.SubmitCommentAsync(form, comment);
        AssertRefusedWithTheTextBack(again, comment);
        var health = await HealthAsync(reader);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal("Unhealthy\ndatabase: The database refuses writes: it is read-only", health.Text);
        // Another write, outside the comment form: the 503 page.
        using var newcomer = new Browser(factory);
        var register = await newcomer.SubmitAsync("/account/register", "form.stacked-form",
            [new("Input.DisplayName", "Newcomer"), new("Input.Email", "newcomer@example.org"),
             new("Input.Password", "a long enough passphrase"), new("Input.ConfirmPassword", "a long enough passphrase")]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, register.Status);
        Assert.Equal("Could not be saved", register.Document.QuerySelector("h1")?.TextContent);
        // Readers read on.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(SeedThread.Url)).Status);
        // One error in the log for three refused writes, naming the file.
        var refusals = log.Lines.Where(l => l.Contains("failed because", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count == 1, string.Join("\n", log.Lines));
        Assert.StartsWith($"Error: A write to the SQLite file {Database} failed because it is read-only", refusals[0], StringComparison.Ordinal);

        MakeWritable();
        var stored = await commenter.SubmitCommentAsync(form, comment);
        Assert.Equal(HttpStatusCode.Found, stored.Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(reader));
        Assert.Contains(log.Lines, l => l.Contains("takes writes again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppStartsReadOnlyOnAReadOnlySqliteFileServesThePostAndAnswersACommentWith503()
    {
        MountSmallDisk();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Forum"] = $"Data Source={Database}",
            ["Comments__FloodIntervalSeconds"] = "0",
            ["Moderation__Enabled"] = "false",
        };
        await using (var first = await AppProcess.StartAsync(settings))
        {
            using var once = new Browser(first.Address);
            Assert.Equal(HttpStatusCode.OK, (await once.GetAsync(SeedThread.Url)).Status);
            // Stopped cleanly: SQLite's last connection deletes the -wal and -shm files.
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        // Without them on a read-only disk SQLite cannot read the file at all: the app says so and does not start.
        await MakeReadOnlyAsync(keepLogFiles: false);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(settings));
        Assert.Contains($"The SQLite file {Database} is read-only, and cannot be read either", refused.Message, StringComparison.Ordinal);

        MakeWritable();
        await MakeReadOnlyAsync();
        await using var app = await AppProcess.StartAsync(settings);
        Assert.Contains($"Starting read-only: the SQLite file {Database} refuses writes (it is read-only)", app.Output, StringComparison.Ordinal);
        using var reader = new Browser(app.Address);
        var post = await reader.GetAsync(SeedThread.Url);
        Assert.Equal(HttpStatusCode.OK, post.Status);
        Assert.NotNull(post.Document.GetElementById("comment-1"));
        var health = await HealthAsync(reader);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Contains("database: The database refuses writes: it is read-only", health.Text, StringComparison.Ordinal);
        var comment = new CommentForm("Written to a forum that started read-only.") { Name = "Late Reader", Email = "late@example.org" };
        AssertRefusedWithTheTextBack(await reader.SubmitCommentAsync(post, comment), comment);
    }

    [Fact]
    public async Task TheAppRefusesToStartOnAReadOnlySqliteFileWithMigrationsPendingNamingTheFile()
    {
        MountSmallDisk();
        using (var forum = new ForumFactory(Database))
        using (var once = new Browser(forum))
        {
            Assert.Equal(HttpStatusCode.OK, (await once.GetAsync(SeedThread.Url)).Status);
        }
        // As if this build carried a migration the database has not had yet.
        await using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""";
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }
        await MakeReadOnlyAsync();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string> { ["ConnectionStrings__Forum"] = $"Data Source={Database}" }));
        Assert.Contains($"Cannot start: the SQLite file {Database} refuses writes (it is read-only), and 1 migration(s) of this build are not applied", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriteToAReadOnlyPostgresDatabaseIs503WithTheTextBackAndHealthIsUnhealthyUntilAWriteGoesInAgain()
    {
        var database = $"someforum_test_{Guid.NewGuid():N}";
        try
        {
            using var factory = OnPostgres(database);
            using var reader = new Browser(factory);
            using var commenter = new Browser(factory);
            var form = await commenter.GetAsync(SeedThread.Url);
            Assert.Equal(HttpStatusCode.OK, form.Status);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(reader));

            await SetReadOnlyAsync(database, true);
            var comment = new CommentForm("Written while the database was read-only.") { Name = "Standby Reader", Email = "standby@example.org" };
            AssertRefusedWithTheTextBack(await commenter.SubmitCommentAsync(form, comment), comment);
            var health = await HealthAsync(reader);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.Contains("database: The database refuses writes: it is read-only", health.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(SeedThread.Url)).Status);

            await SetReadOnlyAsync(database, false);
            Assert.Equal(HttpStatusCode.Found, (await commenter.SubmitCommentAsync(form, comment)).Status);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(reader));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task TheAppStartsReadOnlyOnAReadOnlyPostgresDatabaseServesThePostAndAnswersACommentWith503()
    {
        var database = $"someforum_test_{Guid.NewGuid():N}";
        try
        {
            using (var first = OnPostgres(database))
            using (var once = new Browser(first))
            {
                Assert.Equal(HttpStatusCode.OK, (await once.GetAsync(SeedThread.Url)).Status);
            }
            await SetReadOnlyAsync(database, true);

            using var factory = OnPostgres(database);
            using var reader = new Browser(factory);
            var post = await reader.GetAsync(SeedThread.Url);
            Assert.Equal(HttpStatusCode.OK, post.Status);
            var health = await HealthAsync(reader);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.Contains("database: The database refuses writes: it is read-only", health.Text, StringComparison.Ordinal);
            var comment = new CommentForm("Written to a forum that started read-only.") { Name = "Late Reader", Email = "late@example.org" };
            AssertRefusedWithTheTextBack(await reader.SubmitCommentAsync(post, comment), comment);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static ForumFactory OnPostgres(string database) => new ForumFactory()
        .With("Database:Provider", "Postgres")
        .With("ConnectionStrings:Forum", $"{TestPostgres.Server};Database={database}")
        .With("Comments:FloodIntervalSeconds", "0")
        .With("Moderation:Enabled", "false");

    /// <summary>
    /// Sets default_transaction_read_only on the database, as an owner would to freeze it (a standby refuses the same
    /// way), and lets go of the app's pooled sessions, which keep the setting they began with.
    /// The connection string is the app's, letter for letter, so the pool cleared is the app's.
    /// </summary>
    private static async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using (var connection = new NpgsqlConnection($"{TestPostgres.Server};Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")}", connection);
            await command.ExecuteNonQueryAsync();
        }
        // This database's pool only: tests beside this one keep theirs.
        await using var app = new NpgsqlConnection($"{TestPostgres.Server};Database={database}");
        NpgsqlConnection.ClearPool(app);
    }

    /// <summary>What the app logs, "Level: message" a line, for a test to read.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
