using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data;

/// <summary>
/// Brings the database to the current migration before the server takes requests; on the
/// embedded default also turns on WAL and, on a fresh file, creates the demo estate.
/// </summary>
internal sealed class DatabaseStartup(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(db.Database.GetConnectionString());
        }

        await db.Database.MigrateAsync(cancellationToken);

        // Every provider needs the roles; only the embedded default gets demo people and places.
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

            // Keep the planner's statistics current so it picks the right index as tables grow.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);

            if (options.Value.SeedDemoData)
            {
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(cancellationToken);
                if (seeded)
                {
                    logger.LogInformation("Created the demo estate and demo logins (see README).");
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void EnsureSqliteFolder(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
