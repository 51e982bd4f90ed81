using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Infrastructure.Complaints;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Photos;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.WorkOrders;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Integrations;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, Identity stores, photo storage and the use cases.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
                if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
                {
                    sqlite.DataSource = Path.Combine(environment.ContentRootPath, sqlite.DataSource);
                }

                sqlite.DefaultTimeout = Math.Max(sqlite.DefaultTimeout, 30);
                var gate = new WriteGate(enabled: true);
                services.AddSingleton(gate);
                var settings = new SqliteConnectionSettings(database.SqliteSynchronous);
                services.AddPooledDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(sqlite.ToString()).AddInterceptors(new WriteGateInterceptor(gate), settings));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, ForwardingDbContextFactory<SqlitePortalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Portal:Database:Provider is SqlServer but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is empty.");
                }

                services.AddSingleton(WriteGate.Open);
                services.AddPooledDbContextFactory<SqlServerPortalDbContext>(o => o.UseSqlServer(connectionString, s => s.EnableRetryOnFailure()));
                services.AddSingleton<IDbContextFactory<PortalDbContext>, ForwardingDbContextFactory<SqlServerPortalDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{database.Provider}'. Use Sqlite or SqlServer.");
        }

        // Contexts come from a pool (ADR 0012): a filing opens three or four, and building each anew
        // was a tenth of an intake call's CPU. Identity's stores want a scoped context; it comes from
        // the same factory and goes back to the pool with the scope.
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddIdentityCore<PortalUser>(o =>
            {
                // Length over composition (NIST SP 800-63B); the common-password list does the rest.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddPortalPhotos(configuration, environment.ContentRootPath);

        services.AddScoped<DemoData>();
        services.AddScoped<ResidentHomes>();
        services.AddSingleton<InvitationAttempts>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<ResidentDirectory>();
        services.AddScoped<EstateSettings>();
        services.AddScoped<PhotoUploads>();
        services.AddScoped<FileRepairRequest>();
        services.AddScoped<RegisterRequest>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<EscalationQueries>();
        services.AddScoped<DeadlineSettings>();
        services.AddSingleton<DeadlineWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
        services.AddScoped<RequestQueries>();
        services.AddScoped<CancelRequest>();
        services.AddScoped<PublicAreaIssues>();
        services.AddScoped<FollowRequest>();
        services.AddScoped<RequestCommands>();
        services.AddScoped<DispatchDesk>();
        services.AddScoped<BoardQueries>();
        services.AddScoped<TechnicianJobs>();
        services.AddScoped<QuoteDecisions>();
        services.AddScoped<FollowUpQueue>();
        services.AddScoped<FollowUpCalls>();
        services.AddScoped<RatingService>();
        services.AddSingleton<FollowUpHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpHousekeeping>());
        services.AddLiveFeed(configuration);
        services.AddIntegrations();

        // One key ring for every node, kept in the shared database: a cookie issued by one node
        // is read by the next, and restarts do not sign everybody out.
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        services.AddSingleton<RequestNumbers>();
        services.AddSingleton<StagedPhotoSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StagedPhotoSweeper>());
        return services;
    }
}
