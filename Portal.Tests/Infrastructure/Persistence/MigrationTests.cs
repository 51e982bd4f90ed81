using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Infrastructure.Data;

namespace Portal.Tests.Infrastructure.Persistence;

/// <summary>
/// Both migration sets are checked in and must match the model. SQL Server cannot run here, so
/// its side is proven by generating the script from the checked-in migrations and parsing it.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-migrations-").FullName;

    private static SqlServerPortalDbContext SqlServer() => new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
        .UseSqlServer("Server=unused;Database=Portal;Integrated Security=true;TrustServerCertificate=true").Options);

    private SqlitePortalDbContext Sqlite() => new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, "fresh.db")}").Options);

    [Fact]
    public async Task Sqlite_migrations_build_a_fresh_database_with_every_table()
    {
        await using var db = Sqlite();
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());

        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index'").ToListAsync();
        Assert.Contains("IX_ServiceRequests_EstateId_Status_DueAt", indexes);
        foreach (var table in new[] { "Estates", "Buildings", "Units", "Residencies", "StaffEstates", "ServiceRequests", "TimelineEntries", "RequestPhotos", "StagedPhotos", "RequestNumberCounters", "AspNetUsers", "AspNetRoles" })
        {
            Assert.Contains(table, tables);
        }
    }

    [Fact]
    public async Task An_estate_created_before_follow_up_rules_existed_gets_workable_rules_on_upgrade()
    {
        await using var db = Sqlite();
        var migrator = db.GetService<IMigrator>();
        var before = db.Database.GetMigrations().Single(m => m.EndsWith("_DispatchAndWorkOrders", StringComparison.Ordinal));
        await migrator.MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO Estates (Name, Code, TimeZoneId) VALUES ('Old Estate', 'OLD', 'Asia/Shanghai')");

        await db.Database.MigrateAsync();

        var estate = await db.Estates.SingleAsync(e => e.Code == "OLD");
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(21, 0), 48, 3, 7), (estate.CallingFrom, estate.CallingTo, estate.FollowUpDueHours, estate.MaxFailedCallAttempts, estate.RatingWindowDays));
    }

    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration for the model change.");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration for the model change.");
    }

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void SqlServer_migration_script_parses_as_TSql(MigrationsSqlGenerationOptions options)
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(script), out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
        var batches = Assert.IsType<TSqlScript>(fragment).Batches;
        Assert.NotEmpty(batches);
        Assert.Contains("CREATE TABLE [ServiceRequests]", script, StringComparison.Ordinal);
        Assert.Contains("[ConcurrencyStamp] uniqueidentifier NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("IX_ServiceRequests_EstateId_Status_DueAt", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_script_is_caught_by_the_parser()
    {
        // Guards the test above: the parser really rejects malformed T-SQL.
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader("CREATE TABLE [X] ([Id] int NOT NULL,,);"), out var errors);
        Assert.NotEmpty(errors);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
