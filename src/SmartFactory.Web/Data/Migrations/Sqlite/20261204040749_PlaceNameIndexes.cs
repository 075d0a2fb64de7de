using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlaceNameIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_CountyCode",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CityCode_NameKey_Id",
                table: "Enterprises",
                columns: new[] { "CityCode", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CountyCode_NameKey_Id",
                table: "Enterprises",
                columns: new[] { "CountyCode", "NameKey", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_CityCode_NameKey_Id",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_CountyCode_NameKey_Id",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CountyCode",
                table: "Enterprises",
                column: "CountyCode");
        }
    }
}
