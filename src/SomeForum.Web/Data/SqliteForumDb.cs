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
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a running app or a database.</summary>
internal sealed class SqliteForumDbFactory : IDesignTimeDbContextFactory<SqliteForumDb>
{
    public SqliteForumDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteForumDb>().UseSqlite("Data Source=design-time.db").Options);
}
