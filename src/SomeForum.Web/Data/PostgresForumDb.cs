using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Data;

/// <summary>The scale-out store: the same model on PostgreSQL, with its own migrations.</summary>
public sealed class PostgresForumDb(DbContextOptions<PostgresForumDb> options) : ForumDb(options)
{
    /// <summary>
    /// Under READ COMMITTED two transactions could both pass the duplicate and flood checks; a
    /// transaction-scoped advisory lock on the post makes them take turns, as SQLite's writers do.
    /// </summary>
    public override Task LockPostForWritingAsync(long postId, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({postId})", ct);

    public override Task LockClientForWritingAsync(string clientKey, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey.CommentClient}, {AdvisoryKey.Of(clientKey)})", ct);

    public override async Task<long[]> ReserveCommentIdsAsync(int count, CancellationToken ct)
    {
        var ids = await Database.SqlQuery<long>(
            $"""SELECT nextval(pg_get_serial_sequence('"Comments"', 'Id')) AS "Value" FROM generate_series(1, {count})""").ToListAsync(ct);
        ids.Sort();
        return [.. ids];
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Thread paths must sort byte by byte, as SQLite's BINARY collation does; a language
        // collation would weigh the '.' between ids differently and scramble the thread.
        builder.Entity<Comment>().Property(c => c.ThreadPath).UseCollation("C");
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresForumDbFactory : IDesignTimeDbContextFactory<PostgresForumDb>
{
    public PostgresForumDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresForumDb>().UseNpgsql("Host=localhost;Database=someforum_design").Options);
}
