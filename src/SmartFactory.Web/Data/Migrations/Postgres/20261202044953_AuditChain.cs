using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "AuditEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditEvents",
                type: "bigint",
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
            // the shortest retention (180 days) is deleted.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD."Seq" IS NULL OR OLD."At" > now() - interval '180 days' THEN
                            RAISE EXCEPTION 'audit events are append-only';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF OLD."Seq" IS NOT NULL OR (NEW."Id", NEW."At", NEW."UserId", NEW."EnterpriseId", NEW."Action", NEW."Detail", NEW."Address", NEW."Mac")
                        IS DISTINCT FROM (OLD."Id", OLD."At", OLD."UserId", OLD."EnterpriseId", OLD."Action", OLD."Detail", OLD."Address", OLD."Mac") THEN
                        RAISE EXCEPTION 'audit events are append-only';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "AuditEvents"
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER audit_events_append_only ON "AuditEvents"; DROP FUNCTION audit_events_append_only();""");

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
