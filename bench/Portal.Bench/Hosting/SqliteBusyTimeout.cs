using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Hosting;

/// <summary>
/// Diagnosis only (intake <c>--busy-timeout</c>): sets <c>PRAGMA busy_timeout</c> on every connection
/// the app's DbContexts open, so that SQLite's own busy handler waits for the write lock (in steps of
/// 1–100 ms) before Microsoft.Data.Sqlite ever sees SQLITE_BUSY and sleeps 150 ms. The app does not
/// do this; the option measures what it would change.
/// </summary>
public sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {milliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
