using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Data;

/// <summary>/health: can we reach the database, which provider, and is it fully migrated.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> factory, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = options.Value.Provider.ToString() };
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", data: data);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            data["appliedMigrations"] = applied.Count;
            data["pendingMigrations"] = pending.Count;
            data["lastMigration"] = applied.LastOrDefault() ?? "";
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database is reachable and up to date.", data)
                : HealthCheckResult.Degraded($"{pending.Count} migration(s) not applied.", data: data);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", ex, data);
        }
    }
}
