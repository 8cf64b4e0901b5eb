using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThreadPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_PostId_Depth_ThreadPath",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PostId_Depth_ThreadPath_ThreadPublishedCount_Number",
                table: "Comments",
                columns: new[] { "PostId", "Depth", "ThreadPath", "ThreadPublishedCount", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ShownPlaceholders",
                table: "Comments",
                columns: new[] { "PostId", "ThreadPath" },
                filter: "\"Number\" IS NULL AND \"ThreadPublishedCount\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_PostId_Depth_ThreadPath_ThreadPublishedCount_Number",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ShownPlaceholders",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PostId_Depth_ThreadPath",
                table: "Comments",
                columns: new[] { "PostId", "Depth", "ThreadPath" });
        }
    }
}
