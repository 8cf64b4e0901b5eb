using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SomeForum.IntegrationTests.Deploy;
using SomeForum.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// <c>backup FILE</c> while the site serves and takes comments, and the restore README gives (stop, put the file in
/// place, start): the copy is one moment's database, whole, and a site started on it serves every comment acknowledged
/// before the backup began. Real processes, real files.
/// </summary>
[Collection(SqlitePools.Name)]
public sealed class BackupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("someforum-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static Dictionary<string, string> Site(string database) => new()
    {
        ["ConnectionStrings__Forum"] = $"Data Source={database}",
        ["Comments__FloodIntervalSeconds"] = "0",
        ["Moderation__Enabled"] = "false",
        ["Comments__PageSize"] = "0",
    };

    private static async Task<string> PragmaAsync(string database, string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task ABackupTakenWhilePostersWriteRestoresEveryCommentAcknowledgedBeforeIt()
    {
        var live = Path.Combine(folder, "forum.db");
        var backup = Path.Combine(folder, "forum-backup.db");
        var acknowledged = new ConcurrentDictionary<long, TimeSpan>();
        var failures = new ConcurrentQueue<string>();
        TimeSpan backupStarted = default, backupEnded = default;
        var clock = Stopwatch.StartNew();
        await using (var site = await AppProcess.StartAsync(Site(live)))
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var writing = true;
            async Task PostAsync(int poster)
            {
                for (var n = 0; Volatile.Read(ref writing); n++)
                {
                    using var answer = await client.SendAsync(BalancedSite.Comment(site.Address, $"Backup load {poster}-{n}", "127.0.0.1", $"Poster {poster}"));
                    if (BalancedSite.Acknowledged(answer) is { } id) acknowledged[id] = clock.Elapsed;
                    else failures.Enqueue($"{(int)answer.StatusCode}");
                }
            }
            var posters = Enumerable.Range(0, 4).Select(PostAsync).ToList();
            // Some comments stored before the backup begins, and some after it ends (a loaded machine starts slowly).
            while (acknowledged.Count < 20 && failures.IsEmpty) await Task.Delay(100);

            backupStarted = clock.Elapsed;
            var (exit, said) = await AppCommand.RunAsync("backup", backup, $"--ConnectionStrings:Forum=Data Source={live}");
            backupEnded = clock.Elapsed;
            output.WriteLine(said);
            Assert.True(exit == 0, said);
            Assert.Contains("Backed up", said, StringComparison.Ordinal);

            var seen = acknowledged.Count;
            while (acknowledged.Count < seen + 20 && failures.IsEmpty) await Task.Delay(100);
            Volatile.Write(ref writing, false);
            await Task.WhenAll(posters);
        }
        Assert.Empty(failures);
        var before = acknowledged.Where(a => a.Value < backupStarted).Select(a => a.Key).ToHashSet();
        var after = acknowledged.Where(a => a.Value > backupEnded).Select(a => a.Key).ToHashSet();
        output.WriteLine($"{acknowledged.Count} acknowledged: {before.Count} before the backup began, {after.Count} after it ended");
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);

        // One self-contained, sound file.
        Assert.False(File.Exists(backup + "-wal"));
        Assert.Equal("delete", await PragmaAsync(backup, "journal_mode"));
        Assert.Equal("ok", await PragmaAsync(backup, "integrity_check"));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));

        // Restored as README says, in a new place: the site serves what was acknowledged before the backup, and
        // nothing acknowledged after it.
        var restored = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "restored")).FullName, "forum.db");
        File.Copy(backup, restored);
        await using (var site = await AppProcess.StartAsync(Site(restored)))
        {
            using var client = new HttpClient();
            var shown = await BalancedSite.ShownAsync(client, site.Address);
            Assert.Superset(before, shown);
            Assert.Empty(after.Intersect(shown));
        }
    }

    [Fact]
    public async Task ABackupNeverOverwritesAFileUnlessToldAndNeverTheDatabaseItself()
    {
        var live = Path.Combine(folder, "forum.db");
        var existing = Path.Combine(folder, "taken.db");
        await File.WriteAllTextAsync(existing, "an earlier backup");
        var settings = $"--ConnectionStrings:Forum=Data Source={live}";

        var (exit, said) = await AppCommand.RunAsync("backup", existing, settings);
        Assert.Equal(1, exit);
        Assert.Contains("exists already", said, StringComparison.Ordinal);
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(existing));

        (exit, said) = await AppCommand.RunAsync("backup", live, settings);
        Assert.Equal(1, exit);
        Assert.Contains("that is the database itself", said, StringComparison.Ordinal);

        (exit, said) = await AppCommand.RunAsync("backup", existing, "--force", settings);
        Assert.True(exit == 0, said);
        Assert.Equal("ok", await PragmaAsync(existing, "integrity_check"));

        (exit, said) = await AppCommand.RunAsync("backup", settings);
        Assert.Equal(2, exit);
        Assert.Contains("usage: backup FILE [--force]", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnPostgreSqlTheCommandNamesPgDump()
    {
        var database = $"someforum_test_{Guid.NewGuid():N}";
        try
        {
            var (exit, said) = await AppCommand.RunAsync("backup", Path.Combine(folder, "x.db"),
                "--Database:Provider=Postgres", $"--ConnectionStrings:Forum={TestPostgres.Server};Database={database}");
            Assert.Equal(2, exit);
            Assert.Contains("pg_dump -Fc", said, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "x.db")));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}
