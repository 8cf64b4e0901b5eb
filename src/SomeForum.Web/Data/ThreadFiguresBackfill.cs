namespace SomeForum.Web.Data;

/// <summary>
/// Computes, once, the figures the thread's writers keep from then on (<c>ThreadCounts</c>), for a store
/// that had comments before they existed. Plain SQL that SQLite and PostgreSQL read alike (thread paths
/// compare byte by byte on both).
/// </summary>
public static class ThreadFiguresBackfill
{
    public const string Sql = """
        UPDATE "Comments" SET "ThreadPublishedCount" = (
            SELECT COUNT(*) FROM "Comments" AS d
            WHERE d."PostId" = "Comments"."PostId" AND d."Status" = 'Approved'
              AND (d."Id" = "Comments"."Id" OR d."ThreadPath" LIKE "Comments"."ThreadPath" || '.%'))
        WHERE "Depth" = 0;
        UPDATE "Comments" SET "Number" = (
            SELECT COUNT(*) FROM "Comments" AS r
            WHERE r."PostId" = "Comments"."PostId" AND r."Depth" = 0 AND r."Status" = 'Approved' AND r."ThreadPath" <= "Comments"."ThreadPath")
        WHERE "Depth" = 0 AND "Status" = 'Approved';
        UPDATE "Posts" SET
            "CommentCount" = (SELECT COUNT(*) FROM "Comments" AS c WHERE c."PostId" = "Posts"."Id" AND c."Status" = 'Approved'),
            "TopLevelCount" = (SELECT COUNT(*) FROM "Comments" AS c WHERE c."PostId" = "Posts"."Id" AND c."Depth" = 0 AND c."Status" = 'Approved'),
            "ThreadCount" = (SELECT COUNT(*) FROM "Comments" AS c WHERE c."PostId" = "Posts"."Id" AND c."Depth" = 0 AND c."ThreadPublishedCount" > 0);
        """;
}
