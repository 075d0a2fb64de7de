using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GradingInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GradingInput",
                table: "Assessments",
                type: "TEXT",
                maxLength: 1100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_LatestInputs",
                table: "Assessments",
                columns: new[] { "Id", "EnterpriseId", "ReferenceLevel", "BasicRequirements", "GradingInput", "IsLatest" },
                filter: "\"IsLatest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_LatestInputs",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "GradingInput",
                table: "Assessments");
        }
    }
}
