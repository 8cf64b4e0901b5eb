using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Seeding;

namespace SomeForum.Web.Data;

/// <summary>
/// <c>backup FILE [--force]</c>: a consistent copy of the SQLite database, taken with SQLite's online backup while the
/// site keeps serving (readers and writers go on; the copy is the database as it was at one moment). The copy is a
/// single self-contained file (no -wal beside it), checked before it is moved into place, so a failed backup leaves no
/// half file. On PostgreSQL the tool for this is pg_dump, and the command says so.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";
    private const string Usage = "usage: backup FILE [--force]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        var (target, exit) = await OutputFile.ReadAsync(args, Usage, error);
        if (target is null) return exit;
        var file = target.FullPath;

        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ForumDb>().Database;
        if (!database.IsSqlite())
        {
            await error.WriteLineAsync(
                "backup copies a SQLite database; on PostgreSQL use pg_dump, which takes a consistent snapshot while the site runs: " +
                "pg_dump -Fc -h HOST -U USER -d DATABASE -f FILE (README: Backup and restore)");
            return 2;
        }
        var source = new SqliteConnectionStringBuilder(database.GetConnectionString()) { Pooling = false };
        if (Path.GetFullPath(source.DataSource) == file)
        {
            await error.WriteLineAsync($"{target.Given}: that is the database itself");
            return 1;
        }
        // After that check, so the database named as the target is answered as such, not as a file that exists.
        if (await target.RefusedAsExistingAsync(error)) return 1;

        var clock = Stopwatch.StartNew();
        var partial = $"{file}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var from = new SqliteConnection(source.ConnectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await from.OpenAsync();
                await to.OpenAsync();
                // One step: the copy holds a read transaction on the source for its length, so it is one moment's
                // database; in WAL mode the site's writers carry on meanwhile.
                from.BackupDatabase(to);
                // The copy inherits WAL mode; a backup should be one file that can be carried and opened alone.
                await ScalarAsync(to, "PRAGMA journal_mode = DELETE");
                var check = await ScalarAsync(to, "PRAGMA integrity_check");
                if (check != "ok")
                {
                    await error.WriteLineAsync($"backup: the copy failed SQLite's integrity check ({check}); nothing was written to {target.Given}");
                    return 1;
                }
            }
            File.Move(partial, file, overwrite: target.Force);
        }
        finally
        {
            File.Delete(partial);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {source.DataSource} to {target.Given} ({new FileInfo(file).Length / 1024.0:N0} KB) in {clock.Elapsed.TotalSeconds:0.0} s. It holds the data-protection keys too: keep it as private as the site."));
        return 0;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
