using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Support;

/// <summary>
/// The real app over a real SQLite file in its own temp folder, migrated by the app itself at
/// start-up and seeded with the demo estate, exactly as the embedded default runs.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public string Root { get; } = Directory.CreateTempSubdirectory("portal-tests-").FullName;

    /// <summary>Extra configuration for a test class; set before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Portal:SignIn:PermitPerMinute"] = "1000",
    };

    /// <summary>
    /// Replaces the app's clock (e.g. a FakeTimeProvider) for tests about deadlines; set before the
    /// first client is created. Null keeps the system clock.
    /// </summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Set once <see cref="StartOnLoopbackPort"/> has put the app on a real port.</summary>
    public Uri? KestrelAddress { get; private set; }

    /// <summary>Runs the app on Kestrel on a free loopback port, for browsers and other processes.</summary>
    public Uri StartOnLoopbackPort()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        KestrelAddress = new Uri(address);
        ClientOptions.BaseAddress = KestrelAddress;
        return KestrelAddress;
    }

    /// <summary>Client options that reach this app whether it runs in memory or on a port.</summary>
    public WebApplicationFactoryClientOptions Client(bool allowAutoRedirect = false, bool handleCookies = true) => new()
    {
        AllowAutoRedirect = allowAutoRedirect,
        HandleCookies = handleCookies,
        BaseAddress = KestrelAddress ?? new Uri("http://localhost"),
    };

    public string DatabasePath => Settings.TryGetValue("ConnectionStrings:Portal", out var cs) && cs is not null
        ? new SqliteConnectionStringBuilder(cs).DataSource
        : Path.Combine(Root, "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            ["Portal:Photos:RootPath"] = Path.Combine(Root, "photos"),
            ["Portal:Database:Provider"] = "Sqlite",
            ["Portal:Database:SeedDemoData"] = "true",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value; // a test's own settings win, e.g. a database shared by two nodes
        }

        // UseSetting reaches the configuration Program.cs reads while it registers services;
        // the in-memory source keeps the same values last in line for anything read later.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }

    /// <summary>The use cases' view of a demo account.</summary>
    public async Task<CurrentUser> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        var roles = await users.GetRolesAsync(user);
        return new CurrentUser(user.Id, user.DisplayName, roles.ToHashSet());
    }

    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }
}
