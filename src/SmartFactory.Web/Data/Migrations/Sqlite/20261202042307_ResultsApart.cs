using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultsApart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentResults",
                columns: table => new
                {
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentResults", x => x.AssessmentId);
                    table.ForeignKey(
                        name: "FK_AssessmentResults_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every submission's result moves with it before the column goes (a draft has none).
            migrationBuilder.Sql("""INSERT INTO "AssessmentResults" ("AssessmentId", "Json") SELECT "Id", "ResultJson" FROM "Assessments" WHERE "ResultJson" IS NOT NULL""");

            migrationBuilder.DropColumn(
                name: "ResultJson",
                table: "Assessments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResultJson",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("""UPDATE "Assessments" SET "ResultJson" = (SELECT "Json" FROM "AssessmentResults" r WHERE r."AssessmentId" = "Assessments"."Id")""");

            migrationBuilder.DropTable(
                name: "AssessmentResults");
        }
    }
}
