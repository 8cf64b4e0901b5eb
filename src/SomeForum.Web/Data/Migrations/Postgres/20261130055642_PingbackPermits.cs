using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SomeForum.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PingbackPermits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PingbackPermits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PingbackPermits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PingbackPermits_Key_TakenAt",
                table: "PingbackPermits",
                columns: new[] { "Key", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PingbackPermits_TakenAt",
                table: "PingbackPermits",
                column: "TakenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PingbackPermits");
        }
    }
}
