using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Rollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Rollups",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Tenths = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rollups", x => new { x.Kind, x.City, x.County, x.Industry, x.Year, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Rollups_Kind_County",
                table: "Rollups",
                columns: new[] { "Kind", "County" });

            migrationBuilder.CreateIndex(
                name: "IX_Rollups_Kind_Industry",
                table: "Rollups",
                columns: new[] { "Kind", "Industry" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Rollups");
        }
    }
}
