using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IssuedResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AiIssuedId",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CmmmIssuedId",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DtIssuedId",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedResults", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedResults_CreditCode_Kind_ImportedAt",
                table: "IssuedResults",
                columns: new[] { "CreditCode", "Kind", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "UX_IssuedResults_Current",
                table: "IssuedResults",
                columns: new[] { "CreditCode", "Kind" },
                unique: true,
                filter: "\"SupersededAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedResults");

            migrationBuilder.DropColumn(
                name: "AiIssuedId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CmmmIssuedId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "DtIssuedId",
                table: "Assessments");
        }
    }
}
