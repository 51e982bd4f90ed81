using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Persistence;

/// <summary>SQLite's per-connection settings reach every connection the app opens (ADR 0012).</summary>
public sealed class SqliteSettingsTests
{
    [Theory]
    [InlineData(null, 1)]     // the default: NORMAL, as SQLite recommends with WAL
    [InlineData("Full", 2)]   // waits for the disk at every commit
    [InlineData("Normal", 1)]
    public async Task Every_connection_gets_the_configured_synchronous_setting(string? configured, long expected)
    {
        await using var factory = new PortalFactory();
        if (configured is not null)
        {
            factory.Settings["Portal:Database:SqliteSynchronous"] = configured;
        }

        var contexts = factory.Get<IDbContextFactory<PortalDbContext>>();
        for (var i = 0; i < 3; i++)
        {
            // Pooled contexts and pooled connections alike: each open applies it.
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal(expected, (long)(await command.ExecuteScalarAsync())!);
            Assert.Equal("wal", (string)(await new Microsoft.Data.Sqlite.SqliteCommand("PRAGMA journal_mode;", (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).ExecuteScalarAsync())!);
        }
    }
}
