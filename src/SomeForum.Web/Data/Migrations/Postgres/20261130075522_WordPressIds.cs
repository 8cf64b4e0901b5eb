using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WordPressIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WordPressId",
                table: "Posts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WordPressId",
                table: "Comments",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Posts_WordPressId",
                table: "Posts",
                column: "WordPressId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_WordPressId",
                table: "Comments",
                column: "WordPressId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_WordPressId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Comments_WordPressId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Comments");
        }
    }
}
