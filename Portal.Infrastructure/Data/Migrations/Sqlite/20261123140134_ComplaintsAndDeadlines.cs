using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplaintsAndDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Clock",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AboutRequestId",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Answer",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AnsweredAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockPausedSince",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClockStartedAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "ClosedOnTheSpot",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ComplaintKind",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EscalatedAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Escalation",
                table: "ServiceRequests",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<int>(
                name: "RaisedFromId",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RespondBy",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RespondedAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WarnedAt",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessHoursText",
                table: "Estates",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "Mon-Sun 08:00-20:00");

            migrationBuilder.CreateTable(
                name: "DeadlineRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RespondWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolveWithinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Counting = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineRules_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EstateHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EstateHolidays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EstateHolidays_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_AboutRequestId",
                table: "ServiceRequests",
                column: "AboutRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Escalation_Status",
                table: "ServiceRequests",
                columns: new[] { "Escalation", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_RaisedFromId",
                table: "ServiceRequests",
                column: "RaisedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineRules_EstateId_Type_Priority",
                table: "DeadlineRules",
                columns: new[] { "EstateId", "Type", "Priority" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EstateHolidays_EstateId_Date",
                table: "EstateHolidays",
                columns: new[] { "EstateId", "Date" },
                unique: true);

            // Requests filed before deadlines existed: their window starts at filing, and the desk's
            // acceptance (if any) was their first response. One still waiting for the desk is given its
            // resolution deadline to respond by: it was never promised anything sooner, and an upgrade
            // must not escalate every old request at the watch's first run.
            migrationBuilder.Sql("UPDATE ServiceRequests SET ClockStartedAt = SubmittedAt, RespondBy = COALESCE(AcceptedAt, DueAt), RespondedAt = AcceptedAt;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadlineRules");

            migrationBuilder.DropTable(
                name: "EstateHolidays");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_AboutRequestId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_Escalation_Status",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_RaisedFromId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Clock",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "AboutRequestId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Answer",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ClockPausedSince",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ClockStartedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ClosedOnTheSpot",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "ComplaintKind",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "Escalation",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RaisedFromId",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RespondBy",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "WarnedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "BusinessHoursText",
                table: "Estates");
        }
    }
}
