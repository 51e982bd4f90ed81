using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FollowUpsAndRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Estates that exist before this migration get the same follow-up rules a new estate
            // starts with (calls 09:00-21:00, due 48 h after completion, 3 tries, rate within 7 days).
            migrationBuilder.AddColumn<bool>(
                name: "CausedRework",
                table: "WorkOrders",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ReworkOfSequence",
                table: "WorkOrders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FollowUpDueAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FollowedUpAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatedAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingAttitude",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingComment",
                table: "ServiceRequests",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatingOpenUntil",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingOverall",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingQuality",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingRecordedById",
                table: "ServiceRequests",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingRecordedByName",
                table: "ServiceRequests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingSource",
                table: "ServiceRequests",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingSpeed",
                table: "ServiceRequests",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecoveryDueAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecoveryOpenedAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryResolution",
                table: "ServiceRequests",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecoveryResolvedAt",
                table: "ServiceRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryResolvedByName",
                table: "ServiceRequests",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryStatus",
                table: "ServiceRequests",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResidentWords",
                table: "ServiceRequests",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "CallingFrom",
                table: "Estates",
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(9, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "CallingTo",
                table: "Estates",
                type: "time",
                nullable: false,
                defaultValue: new TimeOnly(21, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "FollowUpDueHours",
                table: "Estates",
                type: "int",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<int>(
                name: "MaxFailedCallAttempts",
                table: "Estates",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RatingWindowDays",
                table: "Estates",
                type: "int",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.CreateTable(
                name: "FollowUpAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ServiceRequestId = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Result = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CallBackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OutOfHoursReason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpAttempts_ServiceRequests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Status_FollowUpDueAt",
                table: "ServiceRequests",
                columns: new[] { "Status", "FollowUpDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAttempts_ServiceRequestId_At",
                table: "FollowUpAttempts",
                columns: new[] { "ServiceRequestId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpAttempts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_Status_FollowUpDueAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "CausedRework",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ReworkOfSequence",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "FollowUpDueAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "FollowedUpAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingAttitude",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingComment",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingOpenUntil",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingOverall",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingQuality",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingRecordedById",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingRecordedByName",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingSource",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RatingSpeed",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryDueAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryOpenedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryResolution",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryResolvedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryResolvedByName",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RecoveryStatus",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ResidentWords",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "CallingFrom",
                table: "Estates");

            migrationBuilder.DropColumn(
                name: "CallingTo",
                table: "Estates");

            migrationBuilder.DropColumn(
                name: "FollowUpDueHours",
                table: "Estates");

            migrationBuilder.DropColumn(
                name: "MaxFailedCallAttempts",
                table: "Estates");

            migrationBuilder.DropColumn(
                name: "RatingWindowDays",
                table: "Estates");
        }
    }
}
