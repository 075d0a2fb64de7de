using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Seq",
                table: "AuditEvents",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Unsealed",
                table: "AuditEvents",
                column: "Id",
                filter: "\"Seq\" IS NULL");

            // Rows written before the chain: accepted by `audit verify` only ahead of the first real MAC (decision 023).
            migrationBuilder.Sql("""UPDATE "AuditEvents" SET "Mac" = 'legacy'""");
            // Append-only: a sealed row never changes; an unsealed one only gets its place and hash; no row younger than
            // the shortest retention (180 days) is deleted. A later migration that rebuilds this table must create these again.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_AppendOnly_Update" BEFORE UPDATE ON "AuditEvents"
                WHEN OLD."Seq" IS NOT NULL OR NEW."Id" IS NOT OLD."Id" OR NEW."At" IS NOT OLD."At" OR NEW."UserId" IS NOT OLD."UserId"
                    OR NEW."EnterpriseId" IS NOT OLD."EnterpriseId" OR NEW."Action" IS NOT OLD."Action" OR NEW."Detail" IS NOT OLD."Detail"
                    OR NEW."Address" IS NOT OLD."Address" OR NEW."Mac" IS NOT OLD."Mac"
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_AppendOnly_Delete" BEFORE DELETE ON "AuditEvents"
                WHEN OLD."Seq" IS NULL OR OLD."At" > strftime('%Y-%m-%d %H:%M:%S', 'now', '-180 days')
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_AppendOnly_Update"; DROP TRIGGER "AuditEvents_AppendOnly_Delete";""");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Seq",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Unsealed",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "AuditEvents");
        }
    }
}
