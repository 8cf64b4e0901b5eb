using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search (Search/SearchQueries.cs): FTS5 tables over the comments' and posts' Markdown, external content
    /// (they hold the index, not a copy of the text), kept by triggers on every insert, delete and change of the text,
    /// however it is made. Status is not indexed: who may see a match is decided at query time on the real tables.
    /// unicode61 without removing diacritics: words as PostgreSQL's 'simple' configuration cuts them.
    /// A later migration that rebuilds Comments or Posts (SQLite's way to alter a column) drops their triggers and must
    /// make them again; SearchTests then fail until it does.
    /// </summary>
    public partial class Search : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CommentsSearch" USING fts5("Source", content='Comments', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_SearchInsert" AFTER INSERT ON "Comments" BEGIN
                    INSERT INTO "CommentsSearch"(rowid, "Source") VALUES (new."Id", new."Source");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_SearchDelete" AFTER DELETE ON "Comments" BEGIN
                    INSERT INTO "CommentsSearch"("CommentsSearch", rowid, "Source") VALUES ('delete', old."Id", old."Source");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_SearchUpdate" AFTER UPDATE OF "Id", "Source" ON "Comments" BEGIN
                    INSERT INTO "CommentsSearch"("CommentsSearch", rowid, "Source") VALUES ('delete', old."Id", old."Source");
                    INSERT INTO "CommentsSearch"(rowid, "Source") VALUES (new."Id", new."Source");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PostsSearch" USING fts5("Title", "Source", content='Posts', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_SearchInsert" AFTER INSERT ON "Posts" BEGIN
                    INSERT INTO "PostsSearch"(rowid, "Title", "Source") VALUES (new."Id", new."Title", new."Source");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_SearchDelete" AFTER DELETE ON "Posts" BEGIN
                    INSERT INTO "PostsSearch"("PostsSearch", rowid, "Title", "Source") VALUES ('delete', old."Id", old."Title", old."Source");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_SearchUpdate" AFTER UPDATE OF "Id", "Title", "Source" ON "Posts" BEGIN
                    INSERT INTO "PostsSearch"("PostsSearch", rowid, "Title", "Source") VALUES ('delete', old."Id", old."Title", old."Source");
                    INSERT INTO "PostsSearch"(rowid, "Title", "Source") VALUES (new."Id", new."Title", new."Source");
                END;
                """);
            // What is already stored.
            migrationBuilder.Sql("""INSERT INTO "CommentsSearch"("CommentsSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""INSERT INTO "PostsSearch"("PostsSearch") VALUES ('rebuild');""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Comments_SearchInsert", "Comments_SearchDelete", "Comments_SearchUpdate", "Posts_SearchInsert", "Posts_SearchDelete", "Posts_SearchUpdate" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{trigger}";""");
            }
            migrationBuilder.Sql("""DROP TABLE "CommentsSearch";""");
            migrationBuilder.Sql("""DROP TABLE "PostsSearch";""");
        }
    }
}
