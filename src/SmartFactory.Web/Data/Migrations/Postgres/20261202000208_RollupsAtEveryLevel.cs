using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartFactory.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupsAtEveryLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rollups.Of now counts every figure at county, city and province level: the next migrate step rebuilds
            // the emptied table from the base tables (Database.MigrateAsync).
            migrationBuilder.Sql("DELETE FROM \"Rollups\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
