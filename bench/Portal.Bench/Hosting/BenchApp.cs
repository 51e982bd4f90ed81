using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;

namespace Portal.Bench.Hosting;

/// <summary>
/// The real app, in this process, on Kestrel on a free loopback port: its own temp folder with a
/// fresh SQLite file (migrated and seeded with the demo estate by the app at start-up) and photos
/// folder, Development environment. The app's log goes to stderr so stdout carries only the report.
/// The only change to the app's composition is a pass-through timer around its request feed, and,
/// when asked for, an EF interceptor (intake) or a circuit-counting <c>CircuitHandler</c> (memory).
/// </summary>
public sealed partial class BenchApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _overrides;

    private readonly int? _busyTimeoutMs;

    private BenchApp(IReadOnlyDictionary<string, string?>? overrides, bool timeDatabase, int? busyTimeoutMs, bool countCircuits)
    {
        _overrides = overrides ?? new Dictionary<string, string?>();
        DatabaseTimings = timeDatabase ? new DatabaseTimings() : null;
        _busyTimeoutMs = busyTimeoutMs;
        Circuits = countCircuits ? new CircuitCounter() : null;
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("portal-bench-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When each change was handed to the app's feed (see <see cref="TimedRequestFeed"/>).</summary>
    public FeedTimings FeedTimings { get; } = new();

    /// <summary>The app's warnings and errors (and lost concurrency races), counted.</summary>
    public AppLogTally LogTally { get; } = new();

    /// <summary>With <c>timeDatabase</c>: the app's database work, timed by an EF interceptor; otherwise null.</summary>
    public DatabaseTimings? DatabaseTimings { get; }

    /// <summary>With <c>countCircuits</c>: the app's live Blazor circuits, counted by an added circuit handler; otherwise null.</summary>
    public CircuitCounter? Circuits { get; }

    /// <summary>
    /// Starts the app; <paramref name="overrides"/> replace or add settings (shared database, Redis);
    /// <paramref name="timeDatabase"/> adds <see cref="Hosting.DatabaseTimings"/> to the app's DbContext options;
    /// <paramref name="busyTimeoutMs"/> (diagnosis only) adds <see cref="SqliteBusyTimeout"/>;
    /// <paramref name="countCircuits"/> adds a <see cref="CountingCircuitHandler"/> (see <see cref="Circuits"/>).
    /// </summary>
    public static BenchApp Start(IReadOnlyDictionary<string, string?>? overrides = null, bool timeDatabase = false, int? busyTimeoutMs = null, bool countCircuits = false)
    {
        var app = new BenchApp(overrides, timeDatabase, busyTimeoutMs, countCircuits);
        try
        {
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
                .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
            app.BaseAddress = new Uri(address);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(Root, "portal.db")}",
            ["Portal:Photos:RootPath"] = Path.Combine(Root, "photos"),
            ["Portal:Database:Provider"] = "Sqlite",
            ["Portal:Database:SeedDemoData"] = "true",
            ["Portal:SignIn:PermitPerMinute"] = "100000",
        };
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        // UseSetting reaches the configuration Program.cs reads while registering services; the
        // in-memory source keeps the same values last in line for anything read later.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        builder.ConfigureLogging(logging => logging
            .AddProvider(new AppLogTallyProvider(LogTally))
            .AddFilter<AppLogTallyProvider>(AppLogTally.EfUpdateCategory, LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            // Wrap the app's own feed registration (local, or Redis when configured) in a pass-through timer.
            var feed = services.Last(d => d.ServiceType == typeof(IRequestFeed));
            var inner = feed.ImplementationFactory
                ?? throw new InvalidOperationException("IRequestFeed is no longer registered through a factory; update BenchApp.");
            services.Remove(feed);
            services.AddSingleton(FeedTimings);
            services.AddSingleton<IRequestFeed>(sp => new TimedRequestFeed((IRequestFeed)inner(sp), FeedTimings));
            if (DatabaseTimings is { } timings)
            {
                services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(timings));
            }

            if (_busyTimeoutMs is { } busy)
            {
                services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(new SqliteBusyTimeout(busy)));
            }

            if (Circuits is { } circuits)
            {
                // Blazor calls every registered CircuitHandler; the app's own one stays as it is.
                services.AddSingleton(circuits);
                services.AddScoped<CircuitHandler, CountingCircuitHandler>();
            }
        });
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>
    /// Posts the real sign-in form over the socket, as a browser would, and returns the cookie jar
    /// holding the <c>.AspNetCore.Identity.Application</c> cookie.
    /// </summary>
    public async Task<CookieContainer> SignInAsync(string login, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var page = await client.GetStringAsync("/Account/Login", ct);
        var token = TokenPattern().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on /Account/Login.");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        }), ct);
        return cookies.GetCookies(BaseAddress).Any(c => c.Name == ".AspNetCore.Identity.Application")
            ? cookies
            : throw new InvalidOperationException($"Sign-in of {login} set no cookie ({(int)response.StatusCode}).");
    }

    /// <summary>The use cases' view of an account, as the pages build it from the signed-in user.</summary>
    public async Task<CurrentUser> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var roles = await users.GetRolesAsync(user);
        return new CurrentUser(user.Id, user.DisplayName, roles.ToHashSet());
    }

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
            // A file still held open; the OS cleans the temp folder.
        }

        GC.SuppressFinalize(this);
    }
}
