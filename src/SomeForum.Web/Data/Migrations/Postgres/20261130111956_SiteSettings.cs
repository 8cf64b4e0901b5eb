using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SiteSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SiteSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Tagline = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FooterText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SiteUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CommentPageSize = table.Column<int>(type: "integer", nullable: true),
                    MaxReplyDepth = table.Column<int>(type: "integer", nullable: true),
                    CloseCommentsAfterDays = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSettings", x => x.Id);
                });

            // Saved rules decided when comments close by age; that is a site setting now, and keeps the saved value.
            migrationBuilder.Sql("""
                INSERT INTO "SiteSettings" ("Id", "CloseCommentsAfterDays", "UpdatedAt", "UpdatedBy")
                SELECT 1, "CloseCommentsAfterDays", "UpdatedAt", "UpdatedBy" FROM "ModerationRules" WHERE "Id" = 1;
                """);

            migrationBuilder.DropColumn(
                name: "CloseCommentsAfterDays",
                table: "ModerationRules");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SiteSettings");

            migrationBuilder.AddColumn<int>(
                name: "CloseCommentsAfterDays",
                table: "ModerationRules",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
