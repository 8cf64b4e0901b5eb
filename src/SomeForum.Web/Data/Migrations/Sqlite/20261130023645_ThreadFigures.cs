using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThreadFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CommentCount",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ThreadCount",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TopLevelCount",
                table: "Posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "Comments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextHash",
                table: "Comments",
                type: "TEXT",
                unicode: false,
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ThreadPublishedCount",
                table: "Comments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PostId_TextHash",
                table: "Comments",
                columns: new[] { "PostId", "TextHash" });

            migrationBuilder.Sql(ThreadFiguresBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_PostId_TextHash",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentCount",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "ThreadCount",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "TopLevelCount",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "TextHash",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "ThreadPublishedCount",
                table: "Comments");
        }
    }
}
