using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SomeForum.Web.Data;

public sealed class SqliteForumDb(DbContextOptions<SqliteForumDb> options) : ForumDb(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a running app or a database.</summary>
internal sealed class SqliteForumDbFactory : IDesignTimeDbContextFactory<SqliteForumDb>
{
    public SqliteForumDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteForumDb>().UseSqlite("Data Source=design-time.db").Options);
}
