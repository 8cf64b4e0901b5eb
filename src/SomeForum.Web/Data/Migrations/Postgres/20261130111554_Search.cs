using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Full-text search (Search/SearchQueries.cs): a stored generated tsvector column on Comments and on Posts, with a
    /// GIN index each. PostgreSQL computes the column on every insert and update, so it cannot drift from the text;
    /// the model does not know the column (nothing in the app reads or writes it but the search's own SQL).
    /// 'simple': words lower-cased as written, no stemming, no stop words, whatever the language, as FTS5's unicode61.
    /// A post's title weighs more than its body (weight A against the default D).
    /// </summary>
    public partial class Search : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Comments" ADD "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Source")) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Comments_SearchVector" ON "Comments" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""
                ALTER TABLE "Posts" ADD "SearchVector" tsvector GENERATED ALWAYS AS
                    (setweight(to_tsvector('simple'::regconfig, "Title"), 'A') || to_tsvector('simple'::regconfig, "Source")) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Posts_SearchVector" ON "Posts" USING GIN ("SearchVector");""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Posts_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Posts" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Comments" DROP COLUMN "SearchVector";""");
        }
    }
}
