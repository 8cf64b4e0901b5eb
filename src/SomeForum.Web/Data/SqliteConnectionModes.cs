using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SomeForum.Web.Data;

public enum SqliteSynchronous
{
    // Under WAL a commit is durable once the log is flushed at a checkpoint: a crash of the app loses nothing, a power
    // cut can lose the last commits before it, and the file is never corrupted.
    Normal,

    // Every commit flushed to disk before it returns: nothing is lost to a power cut, at one fsync a write.
    Full,
}

public sealed class SqliteOptions
{
    public const string Section = "Database:Sqlite";

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    // Reads through a memory map instead of a system call a page (a pooled connection's page cache is dropped whenever
    // another connection commits, so after every comment each connection reads its pages again). Off by default: it
    // saved about an eighth of a post's CPU in benchmarks/load.sh, and every page of the file it touched counted in the
    // server's resident memory (580 MB against 334 MB with 16 readers of 10,000 comments on one page).
    public long MemoryMapBytes { get; set; }

    public static SqliteOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<SqliteOptions>() ?? new SqliteOptions();
        if (!Enum.IsDefined(options.Synchronous))
        {
            throw new InvalidOperationException($"{Section}:Synchronous '{options.Synchronous}' is not known: use Normal (the default) or Full.");
        }
        return options.MemoryMapBytes >= 0
            ? options
            : throw new InvalidOperationException($"{Section}:MemoryMapBytes is {options.MemoryMapBytes}: give a size in bytes, or 0 for none.");
    }
}

/// <summary>
/// Sets SQLite's per-connection modes (they are not properties of the file, as WAL is) once on each native connection:
/// Microsoft.Data.Sqlite pools them, and every EF Core query opens one from the pool.
/// </summary>
internal sealed class SqliteConnectionModes(SqliteOptions options) : DbConnectionInterceptor
{
    private static readonly object Set = new();
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> done = [];
    private readonly string pragmas = $"PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA mmap_size = {options.MemoryMapBytes};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || done.TryGetValue(handle, out _)) return;
        // Through a command, not sqlite3_exec: reading the schema first, a pragma can find the database busy (another
        // connection checkpointing), and the command waits and tries again as every query does.
        using var command = sqlite.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        done.AddOrUpdate(handle, Set);
    }
}
