using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Tagline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FooterText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SiteUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CommentPageSize = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxReplyDepth = table.Column<int>(type: "INTEGER", nullable: true),
                    CloseCommentsAfterDays = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
