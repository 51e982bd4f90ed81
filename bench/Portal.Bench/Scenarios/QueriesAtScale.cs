using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Bench.Hosting;
using Portal.Bench.Stats;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Bench.Scenarios;

public sealed record QueryMeasure(string Name, string Call, double TargetP95, int Rows, IReadOnlyList<Summary> Rounds, string Sql, IReadOnlyList<string> Plan);

public sealed record QueriesResult(SeedResult Seed, long DatabaseBytes, long WalBytes, IReadOnlyList<QueryMeasure> Queries, WindowStats Window);

/// <summary>
/// Queries at scale: the real app (BenchApp, its migrations and demo data) on a fresh SQLite file
/// filled by <see cref="ScaleSeeder"/>; then the board, My requests and the desk's searches are called
/// in-process through the app's own query services, timed one call at a time after a warm-up.
/// For each query the SQL EF generates for an equivalent LINQ query (ToQueryString) is run through
/// EXPLAIN QUERY PLAN on the same file.
/// </summary>
/// <param name="whileSeeding">
/// Work started together with the seeding and awaited before anything is timed ("all" runs the memory
/// scenario, a separate process, there: the seeding only fills the database, and nothing of either is
/// timed while both run).
/// </param>
public sealed class QueriesAtScale(BenchOptions options, Func<Task>? whileSeeding = null)
{
    public const string UnitSearch = "3-1304";
    public const string PhoneSearch = "8000";

    public async Task<QueriesResult> RunAsync(CancellationToken ct)
    {
        Log($"starting the app; seeding {options.SeedRequests:N0} requests");
        await using var app = await Task.Run(() => BenchApp.Start(), ct);
        var alongside = whileSeeding?.Invoke() ?? Task.CompletedTask;
        var seed = await new ScaleSeeder(app, options.SeedRequests).SeedAsync(ct);
        Log($"seeded in {seed.Elapsed.TotalSeconds:0.0} s (people and places {seed.PeopleAndPlaces.TotalSeconds:0.0} s)");
        if (!alongside.IsCompleted)
        {
            Log("waiting for the work that ran alongside the seeding to finish before timing anything");
        }

        await alongside;

        var desk = await app.UserAsync(DemoData.DeskEmail);
        var resident = await app.UserAsync(DemoData.ResidentEmail);
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deskEstates = await DeskEstatesAsync(factory, desk, ct);

        var specs = new (string Name, string Call, double Target, Func<IServiceProvider, Task<int>> Run, Func<PortalDbContext, IQueryable<object>> Equivalent)[]
        {
            ($"Board, one estate ({seed.LargestEstateName})", $"BoardQueries.CardsAsync(desk, new BoardFilter(EstateId: {seed.LargestEstateId}))", 10,
                async sp => (await sp.GetRequiredService<BoardQueries>().CardsAsync(desk, new BoardFilter(EstateId: seed.LargestEstateId), ct)).Count,
                db => BoardEquivalent(db, deskEstates, seed.LargestEstateId, null)),
            ("My requests (resident with 50)", "RequestQueries.ListMineAsync(resident@portal.demo)", 5,
                async sp => (await sp.GetRequiredService<RequestQueries>().ListMineAsync(resident, ct)).Count,
                db => MineEquivalent(db, resident.UserId)),
            ($"Desk search by unit \"{UnitSearch}\"", $"BoardQueries.CardsAsync(desk, new BoardFilter(Search: \"{UnitSearch}\"))", 20,
                async sp => (await sp.GetRequiredService<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: UnitSearch), ct)).Count,
                db => BoardEquivalent(db, deskEstates, null, UnitSearch)),
            ($"Desk search by phone fragment \"{PhoneSearch}\"", $"BoardQueries.CardsAsync(desk, new BoardFilter(Search: \"{PhoneSearch}\"))", 20,
                async sp => (await sp.GetRequiredService<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: PhoneSearch), ct)).Count,
                db => BoardEquivalent(db, deskEstates, null, PhoneSearch)),
        };

        var rounds = specs.Select(_ => new List<Summary>()).ToArray();
        var rows = new int[specs.Length];
        var window = new ProcessWindow();
        for (var round = 1; round <= options.Runs; round++)
        {
            for (var q = 0; q < specs.Length; q++)
            {
                for (var w = 0; w < options.WarmUp; w++)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    rows[q] = await specs[q].Run(scope.ServiceProvider);
                }

                var samples = new double[options.Iterations];
                for (var i = 0; i < options.Iterations; i++)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var start = Stopwatch.GetTimestamp();
                    rows[q] = await specs[q].Run(scope.ServiceProvider);
                    samples[i] = Percentiles.Milliseconds(start, Stopwatch.GetTimestamp());
                }

                var summary = Percentiles.Of(samples);
                rounds[q].Add(summary);
                Log($"round {round}: {specs[q].Name}: {rows[q]} rows, p50 {summary.P50:0.00} p95 {summary.P95:0.00} p99 {summary.P99:0.00} ms");
            }
        }

        var stats = window.Stop();
        var measures = new List<QueryMeasure>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            for (var q = 0; q < specs.Length; q++)
            {
                var sql = specs[q].Equivalent(db).ToQueryString();
                measures.Add(new QueryMeasure(specs[q].Name, specs[q].Call, specs[q].Target, rows[q], rounds[q], sql, await ExplainAsync(connection, sql, ct)));
            }
        }

        var file = connectionFile(app);
        return new QueriesResult(seed, Size(file), Size(file + "-wal"), measures, stats);

        static string connectionFile(BenchApp app) => Path.Combine(app.Root, "portal.db");
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task<List<int>> DeskEstatesAsync(IDbContextFactory<PortalDbContext> factory, CurrentUser desk, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.StaffEstates.Where(s => s.UserId == desk.UserId).Select(s => s.EstateId).ToListAsync(ct);
    }

    /// <summary>The same LINQ as BoardQueries.CardsAsync (estate filter or search), for ToQueryString.</summary>
    private static IQueryable<object> BoardEquivalent(PortalDbContext db, List<int> estates, int? estate, string? search)
    {
        var statuses = BoardQueries.OpenStatuses;
        var requests = db.ServiceRequests.Where(r => estates.Contains(r.Location.EstateId) && statuses.Contains(r.Status));
        if (estate is { } e0)
        {
            requests = requests.Where(r => r.Location.EstateId == e0);
        }

        var query =
            from r in requests
            join e in db.Estates on r.Location.EstateId equals e.Id
            join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
            from b in bs.DefaultIfEmpty()
            join u in db.Units on r.Location.UnitId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new { r, e.TimeZoneId, BuildingName = b == null ? null : b.Name, UnitNumber = u == null ? null : u.Number };
        if (search is not null)
        {
            var term = search;
            var parts = term.Split('-', 2);
            var (buildingPart, unitPart) = parts.Length == 2 ? (parts[0], parts[1]) : ((string?)null, term);
            query = query.Where(x =>
                x.r.Number.Contains(term)
                || x.r.ContactPhone.Contains(term)
                || (x.UnitNumber != null && x.UnitNumber == unitPart && (buildingPart == null || x.BuildingName == buildingPart)));
        }

        return query.OrderBy(x => x.r.DueAt).Take(500)
            .Select(x => (object)new { x.r.Id, x.r.Number, x.r.Status, x.r.DueAt, x.BuildingName, x.UnitNumber, x.TimeZoneId, x.r.Description });
    }

    /// <summary>The same LINQ as RequestQueries.ListMineAsync (Summaries), for ToQueryString.</summary>
    private static IQueryable<object> MineEquivalent(PortalDbContext db, string userId) =>
        from r in db.ServiceRequests.Where(r => r.ResidentId == userId)
        join e in db.Estates on r.Location.EstateId equals e.Id
        join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
        from b in bs.DefaultIfEmpty()
        join u in db.Units on r.Location.UnitId equals u.Id into us
        from u in us.DefaultIfEmpty()
        orderby r.SubmittedAt descending, r.Id descending
        select (object)new
        {
            r.Id, r.Number, r.Status, e.Name, BuildingName = b == null ? null : b.Name, UnitNumber = u == null ? null : u.Number,
            FirstPhoto = r.Photos.OrderBy(p => p.UploadedAt).Select(p => (Guid?)p.Id).FirstOrDefault(),
            Photos = r.Photos.Count,
        };

    /// <summary>EXPLAIN QUERY PLAN of ToQueryString's text: its ".param set" lines become bound parameters.</summary>
    private static async Task<List<string>> ExplainAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var body = new List<string>();
        foreach (var line in sql.Split('\n'))
        {
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var rest = line[".param set ".Length..].Trim();
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = rest[..space];
                var value = rest[(space + 1)..].Trim();
                object bound = value.StartsWith('\'') ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
                    : long.TryParse(value, out var n) ? n : value;
                command.Parameters.AddWithValue(name, bound);
            }
            else
            {
                body.Add(line);
            }
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', body);
        var plan = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                plan.Add($"{reader.GetInt32(0)}|{reader.GetInt32(1)}| {reader.GetString(3)}");
            }
        }
        catch (SqliteException ex)
        {
            plan.Add($"(EXPLAIN failed: {ex.Message})");
        }

        return plan;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[queries] {message}");
}
