using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CmmmIssuedId",
                table: "Assessments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DtIssuedId",
                table: "Assessments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<int>(type: "integer", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
