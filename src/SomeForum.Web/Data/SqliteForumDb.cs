using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SomeForum.Web.Data;

public sealed class SqliteForumDb(DbContextOptions<SqliteForumDb> options) : ForumDb(options)
{
    /// <summary>
    /// The writer holds the database's only write lock (BEGIN IMMEDIATE), so the ids after the last one
    /// given are free. AUTOINCREMENT remembers ids of deleted comments too: none is given twice.
    /// </summary>
    public override async Task<long[]> ReserveCommentIdsAsync(int count, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("Comment ids are reserved inside the writer's transaction.");
        var last = await Database.SqlQueryRaw<long>("""
            SELECT MAX(COALESCE((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Comments'), 0),
                       COALESCE((SELECT MAX("Id") FROM "Comments"), 0)) AS "Value"
            """).SingleAsync(ct);
        return [.. Enumerable.Range(1, count).Select(i => last + i)];
    }

    /// <summary>
    /// SQLite opens a file it may not write (no permission, a read-only mount) read-only without a word; asked here on a
    /// connection of its own. A read-only file in WAL mode can be read only if its -wal and -shm files are there (empty
    /// will do) or can be created beside it; otherwise nothing can be read, and start-up stops saying so.
    /// </summary>
    public override async Task<string?> RefusesWritesAsync(CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false };
        if (file.Mode is SqliteOpenMode.Memory || file.DataSource is "" or ":memory:" || !File.Exists(file.DataSource)) return null;
        await using var connection = new SqliteConnection(file.ToString());
        await connection.OpenAsync(ct);
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") != 1) return null;
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM sqlite_master";
        try
        {
            await read.ExecuteScalarAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 14)
        {
            // SQLITE_CANTOPEN: the write-ahead log's files are missing and cannot be made.
            throw new InvalidOperationException(
                $"The SQLite file {file.DataSource} is read-only, and cannot be read either: it is in WAL mode, and its -wal and -shm files " +
                $"are missing and cannot be created in {Path.GetDirectoryName(file.DataSource)}. Make the folder writable, or create the two " +
                "files (empty will do: touch forum.db-wal forum.db-shm) before making it read-only.", e);
        }
        return "it is read-only";
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a running app or a database.</summary>
internal sealed class SqliteForumDbFactory : IDesignTimeDbContextFactory<SqliteForumDb>
{
    public SqliteForumDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteForumDb>().UseSqlite("Data Source=design-time.db").Options);
}
