using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProviderPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProviderProfiles",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Edition = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Introduction = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Contact = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Cities = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CasesJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderProfiles", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_ProviderProfiles_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProviderOffers",
                columns: table => new
                {
                    ProviderUserId = table.Column<int>(type: "integer", nullable: false),
                    ScenarioNo = table.Column<int>(type: "integer", nullable: false),
                    MaxTier = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderOffers", x => new { x.ProviderUserId, x.ScenarioNo });
                    table.ForeignKey(
                        name: "FK_ProviderOffers_ProviderProfiles_ProviderUserId",
                        column: x => x.ProviderUserId,
                        principalTable: "ProviderProfiles",
                        principalColumn: "UserId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProviderOffers_ScenarioNo_MaxTier",
                table: "ProviderOffers",
                columns: new[] { "ScenarioNo", "MaxTier" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProviderOffers");

            migrationBuilder.DropTable(
                name: "ProviderProfiles");
        }
    }
}
