using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEditText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TextAfter",
                table: "ModerationLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextBefore",
                table: "ModerationLog",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TextAfter",
                table: "ModerationLog");

            migrationBuilder.DropColumn(
                name: "TextBefore",
                table: "ModerationLog");
        }
    }
}
