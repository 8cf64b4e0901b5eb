using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Search;

public enum SearchScope
{
    /// <summary>Published comments on published posts, and published posts: what any reader may read.</summary>
    Published,

    /// <summary>Held and spam comments, for moderators.</summary>
    Queue,
}

/// <summary>One ranked match, with what its result shows, read in the same statement that ranked it.</summary>
public sealed class SearchHit
{
    public const string CommentKind = "comment";
    public const string PostKind = "post";

    public string Kind { get; set; } = "";
    public long Id { get; set; }
    public double Rank { get; set; }
    public long PostId { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Html { get; set; } = "";
    public string? AuthorName { get; set; }
    public string? Status { get; set; }
    public DateTime? WrittenAt { get; set; }
}

/// <summary>
/// The search itself, on each database's own full-text index (see the Search migrations): SQLite's FTS5 tables
/// CommentsSearch and PostsSearch, kept by triggers; PostgreSQL's generated SearchVector columns with GIN indexes.
/// Which rows a reader may see is decided here, at query time, on the real tables: the index holds every comment,
/// whatever its status, so a change of status never has to reach it.
/// </summary>
public static class SearchQueries
{
    private const string Approved = nameof(CommentStatus.Approved);
    private const string Published = nameof(PostStatus.Published);
    private const string Held = $"'{nameof(CommentStatus.Pending)}', '{nameof(CommentStatus.Spam)}'";

    /// <summary>
    /// One page of matches, best first; <paramref name="take"/> bounds the rows read back, whatever matched. A search
    /// still running after <paramref name="timeout"/> is stopped in the database and ends in a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<List<SearchHit>> FindAsync(this ForumDb db, SearchTerms terms, SearchScope scope, int skip, int take,
        TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        if (!terms.CanSearch) throw new ArgumentException("There are no words to search for.", nameof(terms));
        var (sql, words) = db.Database.IsNpgsql() ? (Postgres(scope), terms.PlainWords) : (Sqlite(scope), terms.Fts5Query);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Npgsql cancels a running statement on the server when its token is; Microsoft.Data.Sqlite does not (its
            // Cancel does nothing), so on SQLite the timeout interrupts the connection's statement itself.
            await using var interrupt = db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle }
                ? limit.Token.Register(() => raw.sqlite3_interrupt(handle))
                : default;
            var running = Stopwatch.StartNew();
            limit.CancelAfter(timeout);
            var hits = await db.Database.SqlQueryRaw<SearchHit>(sql, words, take, skip).ToListAsync(limit.Token);
            // The cancel can cross the answer on the way (PostgreSQL finishing as it arrives), or come late (its timer
            // waits for a free thread on a busy machine): over its time is over its time, whichever came first, so the
            // reader is told the same either way.
            if (running.Elapsed > timeout) limit.Cancel();
            limit.Token.ThrowIfCancellationRequested();
            return hits;
        }
        catch (Exception e) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The search took longer than {timeout}.", e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string CommentFilter(SearchScope scope) => scope == SearchScope.Queue
        ? $"""c."Status" IN ({Held})"""
        : $"""c."Status" = '{Approved}' AND p."Status" = '{Published}'""";

    // bm25 is smaller for a better match; negated, both databases rank larger first. A post's title weighs 4 times its body.
    private static string Sqlite(SearchScope scope) => $$"""
        WITH "Hits" AS (
            SELECT '{{SearchHit.CommentKind}}' AS "Kind", c."Id" AS "Id", -bm25("CommentsSearch") AS "Rank"
            FROM "CommentsSearch"
            JOIN "Comments" AS c ON c."Id" = "CommentsSearch".rowid
            JOIN "Posts" AS p ON p."Id" = c."PostId"
            WHERE "CommentsSearch" MATCH {0} AND c."ErasedAt" IS NULL AND {{CommentFilter(scope)}}
            {{(scope == SearchScope.Published ? $$"""
            UNION ALL
            SELECT '{{SearchHit.PostKind}}', p."Id", -bm25("PostsSearch", 4.0, 1.0)
            FROM "PostsSearch"
            JOIN "Posts" AS p ON p."Id" = "PostsSearch".rowid
            WHERE "PostsSearch" MATCH {0} AND p."Status" = '{{Published}}'
            """ : "")}}
            ORDER BY "Rank" DESC, "Id" DESC
            LIMIT {1} OFFSET {2}
        )
        {{Details}}
        """;

    // 'simple': words as written, lower-cased, no stemming and no stop words, as FTS5's unicode61 does; the forum's
    // comments are in any language, and the highlighter can mark exactly the words that matched.
    private static string Postgres(SearchScope scope) => $$"""
        WITH "Hits" AS (
            SELECT '{{SearchHit.CommentKind}}' AS "Kind", c."Id" AS "Id", ts_rank(c."SearchVector", plainto_tsquery('simple', {0}))::float8 AS "Rank"
            FROM "Comments" AS c
            JOIN "Posts" AS p ON p."Id" = c."PostId"
            WHERE c."SearchVector" @@ plainto_tsquery('simple', {0}) AND c."ErasedAt" IS NULL AND {{CommentFilter(scope)}}
            {{(scope == SearchScope.Published ? $$"""
            UNION ALL
            SELECT '{{SearchHit.PostKind}}', p."Id", ts_rank(p."SearchVector", plainto_tsquery('simple', {0}))::float8
            FROM "Posts" AS p
            WHERE p."SearchVector" @@ plainto_tsquery('simple', {0}) AND p."Status" = '{{Published}}'
            """ : "")}}
            ORDER BY "Rank" DESC, "Id" DESC
            LIMIT {1} OFFSET {2}
        )
        {{Details}}
        """;

    private const string Details = $$"""
        SELECT h."Kind", h."Id", h."Rank", p."Id" AS "PostId", p."Slug", p."Title",
            CASE WHEN h."Kind" = '{{SearchHit.CommentKind}}' THEN c."Html" ELSE p."Html" END AS "Html",
            CASE WHEN h."Kind" = '{{SearchHit.CommentKind}}' THEN c."AuthorName" ELSE p."AuthorName" END AS "AuthorName",
            c."Status" AS "Status",
            CASE WHEN h."Kind" = '{{SearchHit.CommentKind}}' THEN COALESCE(c."CreatedAt", c."ReceivedAt") ELSE p."PublishedAt" END AS "WrittenAt"
        FROM "Hits" AS h
        LEFT JOIN "Comments" AS c ON h."Kind" = '{{SearchHit.CommentKind}}' AND c."Id" = h."Id"
        JOIN "Posts" AS p ON p."Id" = COALESCE(c."PostId", h."Id")
        ORDER BY h."Rank" DESC, h."Id" DESC
        """;
}
