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

    /// <summary>
    /// A hot standby, or default_transaction_read_only set on the database or the role: every transaction is read-only.
    /// A database not created yet is not read-only: the migrations create it.
    /// </summary>
    public override async Task<string?> RefusesWritesAsync(CancellationToken ct)
    {
        try
        {
            var readOnly = await Database.SqlQueryRaw<string>("""SELECT current_setting('transaction_read_only') AS "Value" """).SingleAsync(ct);
            return readOnly == "on" ? "it is read-only" : null;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
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
