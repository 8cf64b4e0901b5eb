using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextBefore",
                table: "ModerationLog",
                type: "text",
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
