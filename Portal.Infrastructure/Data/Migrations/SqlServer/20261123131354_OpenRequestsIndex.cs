using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OpenRequestsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The board and the desk's search read the open requests of one estate. EstateId lives in
            // the owned Location and Status on the request, so the model cannot declare this index;
            // without it the database reads every request the estate ever had (docs/benchmarks.md).
            migrationBuilder.Sql("CREATE INDEX IX_ServiceRequests_EstateId_Status_DueAt ON ServiceRequests (EstateId, Status, DueAt);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IX_ServiceRequests_EstateId_Status_DueAt ON ServiceRequests;");
        }
    }
}
