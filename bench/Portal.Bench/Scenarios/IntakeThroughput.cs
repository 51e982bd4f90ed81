using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Bench.Hosting;
using Portal.Bench.Stats;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Integrations;

namespace Portal.Bench.Scenarios;

/// <summary>What the database holds after a run, checked against what the callers were told.</summary>
public sealed record IntakeIntegrity(
    int NewItemsCreated,
    int DistinctNumbersAnswered,
    int NumbersAnsweredForSeveralKeys,
    int RowsInWindow,
    int CreatedWithoutRow,
    int RowsWithoutCreated,
    int RowsNotFromTheKey,
    int DuplicateNumbersInTable,
    int Replays,
    int ReplaysSameNumber,
    int ReplaysMarkedReplayed,
    int ReplaysOther,
    int ReplaysSkipped,
    int IdempotencyRecordsInProgress,
    int IdempotencyRecordsCompleted,
    int CreatedIncludingWarmUp)
{
    /// <summary>Nothing lost, nothing doubled: every 201 has its one row, every row its 201, every replay its number.</summary>
    public bool Holds =>
        NewItemsCreated == DistinctNumbersAnswered
        && NumbersAnsweredForSeveralKeys == 0
        && RowsInWindow == NewItemsCreated
        && CreatedWithoutRow == 0
        && RowsWithoutCreated == 0
        && RowsNotFromTheKey == 0
        && DuplicateNumbersInTable == 0
        && ReplaysSameNumber == Replays
        && ReplaysMarkedReplayed == Replays
        && ReplaysOther == 0
        && IdempotencyRecordsInProgress == 0
        && IdempotencyRecordsCompleted == CreatedIncludingWarmUp;
}

/// <summary>The app's database work of one kind during the measured window (see <see cref="DatabaseTimings"/>).</summary>
/// <para><see cref="AtLeast150Ms"/>: how many took 150 ms or more; <see cref="NearStepOf150Ms"/>: how many of
/// those lie within 20 ms above a multiple of 150 ms, the retry step of Microsoft.Data.Sqlite on SQLITE_BUSY.</para>
public sealed record DatabaseWork(string Kind, int Count, double TotalMs, Summary Times, int AtLeast150Ms, int NearStepOf150Ms);

public sealed record IntakeResult(
    int Clients,
    int NewItems,
    int ReplayCalls,
    TimeSpan Wall,
    double CreatedPerSecond,
    double CallsPerSecond,
    Summary AllCalls,
    double AllCallsTotalMs,
    Summary NewItemCalls,
    Summary ReplayCallLatency,
    IReadOnlyDictionary<string, Summary> ByType,
    IReadOnlyDictionary<string, int> TypeMix,
    IReadOnlyDictionary<string, int> Refusals,
    int DatabaseLockedToCaller,
    int DatabaseLockedInAppLog,
    int CounterRacesLost,
    IReadOnlyDictionary<string, int> AppLog,
    IntakeIntegrity Integrity,
    int WarmUpRefusals,
    int WarmUpCalls,
    TimeSpan WarmUpWall,
    double JitMsInWindow,
    IReadOnlyList<DatabaseWork> Database,
    ThreadPoolStats ThreadPool,
    WindowStats Window,
    TimeSpan Elapsed);

/// <summary>
/// Intake throughput: the real app (BenchApp: one node, fresh SQLite file, demo data) and an API key
/// issued through the app's own <see cref="ApiKeys"/> use case for the demo admin. N concurrent
/// clients (closed loop, one shared SocketsHttpHandler) POST /api/v1/requests over loopback with
/// unique Idempotency-Keys and a fixed mix of types, residents and places; one item in 20 is sent a
/// second time (same key, same bytes) once its first answer is back. Then the database is read and
/// checked against the answers: nothing lost, nothing doubled.
/// </summary>
public sealed class IntakeThroughput(BenchOptions options, int run)
{
    /// <summary>Every 20th item is replayed: 5 %.</summary>
    public const int ReplayEvery = 20;

    public const string KeyName = "Bench intake";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Body(
        string Type, string? ComplaintKind, string? Category, string? Building, string? Unit, string? PublicSpot,
        string ResidentPhone, string? ContactName, string? ContactPhone, string Description, bool? Urgent);

    private sealed record Item(int Index, string Key, string Type, byte[] Body, bool ReplayLater);

    private sealed record Call(Item Item, bool Replay, int Status, string? Code, string? Number, bool MarkedReplayed, bool MentionsLocked, double Ms);

    public async Task<IntakeResult> RunAsync(CancellationToken ct)
    {
        var runClock = Stopwatch.StartNew();
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        if (options.MinThreads is { } min)
        {
            ThreadPool.SetMinThreads(min, min);
            Log($"diagnosis: ThreadPool.SetMinThreads({min}, {min}) for this run (was {minWorkers}, {minIo})");
        }

        try
        {
            return await RunCoreAsync(runClock, ct);
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }
    }

    private async Task<IntakeResult> RunCoreAsync(Stopwatch runClock, CancellationToken ct)
    {
        Log($"starting the app ({options.Clients} clients, {options.Requests} new items after {options.WarmUp} warm-up ones)");
        await using var app = await Task.Run(() => BenchApp.Start(new Dictionary<string, string?>
        {
            // The default budget (600 a minute per key) would turn the measurement into a 429 count.
            ["Portal:Api:PermitsPerMinute"] = "1000000",
        }, timeDatabase: true, busyTimeoutMs: options.BusyTimeoutMs), ct);
        var (key, keyId) = await IssueKeyAsync(app, ct);
        Log($"app at {app.BaseAddress}; key {key[..12]}… issued");

        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = options.Clients,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.BaseAddress, Timeout = options.Timeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        // The measured items are the same in every run; the warm-up draws from its own sequence.
        var random = new Random(20261123);
        var items = Enumerable.Range(0, options.Requests).Select(i => NewItem(random, $"intake-{run}-{i:D6}", i)).ToList();
        var warmUp = await WarmUpAsync(http, ct);
        var warmUpRefusals = warmUp.Calls.Count(c => c.Status != 201);
        var warmUpCreated = warmUp.Calls.Where(c => !c.Replay && c.Status == 201).Select(c => c.Number).Distinct().Count();
        Log($"warm-up: {warmUp.Calls.Count} calls, {warmUpRefusals} not 201, in {warmUp.Wall.TotalSeconds:0.0} s; JIT {warmUp.JitMs:0} ms in the last round");

        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int baseline;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            baseline = await db.ServiceRequests.MaxAsync(r => (int?)r.Id, ct) ?? 0;
        }

        app.LogTally.Reset();
        app.DatabaseTimings!.Reset();
        var window = new ProcessWindow();
        var pool = new ThreadPoolSampler();
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var measured = await DriveAsync(http, items, ct);
        var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        var poolStats = pool.Stop();
        var stats = window.Stop();
        var database = app.DatabaseTimings.Snapshot()
            .GroupBy(s => s.Kind)
            .Select(g => new DatabaseWork(g.Key, g.Count(), g.Sum(x => x.Ms), Percentiles.Of(g.Select(x => x.Ms)), g.Count(x => x.Ms >= 150), g.Count(x => x.Ms >= 150 && x.Ms % 150 < 20)))
            .OrderByDescending(w => w.TotalMs)
            .ToList();
        var log = app.LogTally.Snapshot();
        var lockedInLog = app.LogTally.DatabaseLocked;
        Log($"measured: {measured.Calls.Count} calls in {measured.Wall.TotalSeconds:0.0} s; {stats}; {poolStats}");

        var integrity = await CheckAsync(factory, keyId, baseline, measured.Calls, warmUpCreated, ct);
        Log($"integrity {(integrity.Holds ? "holds" : "DOES NOT HOLD")}: {integrity}");

        var news = measured.Calls.Where(c => !c.Replay).ToList();
        var replays = measured.Calls.Where(c => c.Replay).ToList();
        var refusals = measured.Calls.Where(c => c.Status != 201)
            .GroupBy(c => $"{(c.Status == 0 ? "no answer" : c.Status.ToString(CultureInfo.InvariantCulture))} {c.Code ?? "—"}{(c.Replay ? " (replay)" : "")}")
            .ToDictionary(g => g.Key, g => g.Count());
        var counterRaces = log.Where(kv => kv.Key.Contains("OptimisticConcurrency", StringComparison.Ordinal)).Sum(kv => kv.Value);
        return new IntakeResult(
            options.Clients,
            items.Count,
            replays.Count,
            measured.Wall,
            integrity.NewItemsCreated / measured.Wall.TotalSeconds,
            measured.Calls.Count / measured.Wall.TotalSeconds,
            Percentiles.Of(measured.Calls.Select(c => c.Ms)),
            measured.Calls.Sum(c => c.Ms),
            Percentiles.Of(news.Select(c => c.Ms)),
            Percentiles.Of(replays.Select(c => c.Ms)),
            news.GroupBy(c => c.Item.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Percentiles.Of(g.Select(c => c.Ms))),
            items.GroupBy(i => i.Type).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            refusals,
            measured.Calls.Count(c => c.MentionsLocked),
            lockedInLog,
            counterRaces,
            log,
            integrity,
            warmUpRefusals,
            warmUp.Calls.Count,
            warmUp.Wall,
            jitMs,
            database,
            poolStats,
            stats,
            runClock.Elapsed);
    }

    /// <summary>
    /// At least --warmup items, then rounds of the same mix until the JIT is quiet: a round in which
    /// compiling took under 2 % of the round's wall time (all threads, JitInfo). Tiered compilation of
    /// the app, EF and ASP.NET Core otherwise runs on a background thread through the first ~15 s of
    /// load on 2 cores and takes a large share of the CPU. At most 90 s. --warmup 0 skips it all.
    /// </summary>
    private async Task<(List<Call> Calls, TimeSpan Wall, double JitMs)> WarmUpAsync(HttpClient http, CancellationToken ct)
    {
        var calls = new List<Call>();
        if (options.WarmUp == 0)
        {
            return (calls, TimeSpan.Zero, double.NaN);
        }

        var random = new Random(1);
        var next = 0;
        var clock = Stopwatch.StartNew();
        var size = options.WarmUp;
        double jitMs;
        while (true)
        {
            var batch = Enumerable.Range(next, size).Select(i => NewItem(random, $"warm-{run}-{i:D6}", i)).ToList();
            next += size;
            var before = System.Runtime.JitInfo.GetCompilationTime();
            var (round, wall) = await DriveAsync(http, batch, ct);
            jitMs = (System.Runtime.JitInfo.GetCompilationTime() - before).TotalMilliseconds;
            calls.AddRange(round);
            Log($"warm-up round: {round.Count} calls in {wall.TotalSeconds:0.0} s, JIT {jitMs:0} ms");
            if (jitMs < 0.02 * wall.TotalMilliseconds || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                break;
            }

            size = Math.Max(options.Clients * 8, 200);
        }

        return (calls, clock.Elapsed, jitMs);
    }

    /// <summary>The key an administrator would issue on /staff/integrations, through the same use case.</summary>
    private static async Task<(string Key, int Id)> IssueKeyAsync(BenchApp app, CancellationToken ct)
    {
        var admin = await app.UserAsync(DemoData.AdminEmail);
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var estate = (await keys.EstatesAsync(admin, ct)).Single();
        var issued = await keys.IssueAsync(admin, KeyName, estate.Id, Channel.WeChat, ct);
        return issued.Succeeded
            ? (issued.Value!.Key, issued.Value.Row.Id)
            : throw new InvalidOperationException($"Issuing the bench's API key failed: {issued.ErrorCode}.");
    }

    /// <summary>
    /// The mix, fixed by the seed: repairs 55 %, complaints 25 %, inquiries 12 %, suggestions 8 %;
    /// the demo resident (3-1304) 60 %, the neighbour (1-502) 40 %; the home named by building and
    /// unit 80 %, left to the resident's one home 10 %, a public spot 10 % (repairs and complaints).
    /// </summary>
    private static Item NewItem(Random random, string key, int index)
    {
        var roll = random.Next(100);
        var type = roll < 55 ? "repair" : roll < 80 ? "complaint" : roll < 92 ? "inquiry" : "suggestion";
        var (phone, building, unit) = random.Next(100) < 60 ? ("13800138000", "3", "1304") : ("13900139000", "1", "502");
        var place = random.Next(100);
        string? spot = null;
        if (place < 10 && type is "repair" or "complaint")
        {
            spot = Pick(random, PublicSpots);
            unit = null;
        }
        else if (place < 20)
        {
            (building, unit) = (null, null);
        }

        var body = new Body(
            Type: type,
            ComplaintKind: type == "complaint" ? Pick(random, ComplaintKinds) : null,
            Category: type == "repair" ? (spot is not null ? Pick(random, PublicCategories) : Pick(random, HomeCategories)) : null,
            Building: building,
            Unit: unit,
            PublicSpot: spot,
            ResidentPhone: phone,
            ContactName: random.Next(100) < 30 ? "业主本人" : null,
            ContactPhone: random.Next(100) < 20 ? phone[..3] + " " + phone[3..7] + " " + phone[7..] : null,
            Description: Pick(random, type switch
            {
                "repair" => RepairTexts,
                "complaint" => ComplaintTexts,
                "inquiry" => InquiryTexts,
                _ => SuggestionTexts,
            }),
            Urgent: type == "repair" && random.Next(100) < 5 ? true : null);
        return new Item(index, key, type, JsonSerializer.SerializeToUtf8Bytes(body, Json), index % ReplayEvery == ReplayEvery / 2);
    }

    /// <summary>
    /// Closed loop: each client sends its next call as soon as its last one is answered. A replay is
    /// queued when its item's first answer is a 201, and clients take queued replays first.
    /// </summary>
    private async Task<(List<Call> Calls, TimeSpan Wall)> DriveAsync(HttpClient http, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var calls = new ConcurrentBag<Call>();
        var replays = new ConcurrentQueue<Item>();
        var next = -1;
        var inFlight = 0;
        var start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (replays.TryDequeue(out var again))
                {
                    calls.Add(await SendAsync(http, again, replay: true, ct));
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                var index = Interlocked.Increment(ref next);
                if (index < items.Count)
                {
                    var call = await SendAsync(http, items[index], replay: false, ct);
                    calls.Add(call);
                    if (call.Item.ReplayLater && call.Status == 201)
                    {
                        replays.Enqueue(call.Item);
                    }

                    Interlocked.Decrement(ref inFlight);
                    continue;
                }

                // No new items left: stop once no first call can still queue a replay.
                if (Interlocked.Decrement(ref inFlight) == 0 && replays.IsEmpty)
                {
                    return;
                }

                await Task.Delay(1, ct);
            }
        }, ct)).ToArray();
        await Task.WhenAll(clients);
        return ([.. calls], Stopwatch.GetElapsedTime(start));
    }

    private static async Task<Call> SendAsync(HttpClient http, Item item, bool replay, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests")
        {
            Content = new ByteArrayContent(item.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", item.Key);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var ms = Percentiles.Milliseconds(start, Stopwatch.GetTimestamp());
            var status = (int)response.StatusCode;
            var marked = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            var created = status == (int)HttpStatusCode.Created;
            var value = Read(body, created ? "number" : "code");
            var locked = !created && Encoding.UTF8.GetString(body).Contains("database is locked", StringComparison.OrdinalIgnoreCase);
            return new Call(item, replay, status, created ? null : value, created ? value : null, marked, locked, ms);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var ms = Percentiles.Milliseconds(start, Stopwatch.GetTimestamp());
            return new Call(item, replay, 0, ex is TaskCanceledException ? "timeout" : ex.GetType().Name, null, false, ex.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase), ms);
        }
    }

    /// <summary>A string property of a JSON object body; "(not JSON)" or "(no code)" when there is none.</summary>
    private static string? Read(byte[] body, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()
                : $"(no {property})";
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }

    private static async Task<IntakeIntegrity> CheckAsync(
        IDbContextFactory<PortalDbContext> factory, int keyId, int baseline, IReadOnlyList<Call> calls, int warmUpCreated, CancellationToken ct)
    {
        var firsts = calls.Where(c => !c.Replay && c.Status == 201).ToList();
        var answered = firsts.Where(c => c.Number is not null).GroupBy(c => c.Number!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.Item.Key).Distinct().Count(), StringComparer.Ordinal);
        var firstNumberByKey = firsts.Where(c => c.Number is not null).ToDictionary(c => c.Item.Key, c => c.Number!, StringComparer.Ordinal);
        var replays = calls.Where(c => c.Replay).ToList();

        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ServiceRequests.AsNoTracking().Where(r => r.Id > baseline)
            .Select(r => new { r.Number, r.Channel, r.Location.EstateId }).ToListAsync(ct);
        var estateOfKey = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.EstateId).SingleAsync(ct);
        var rowsByNumber = rows.GroupBy(r => r.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var duplicateNumbers = await db.ServiceRequests.GroupBy(r => r.Number).Where(g => g.Count() > 1).CountAsync(ct);
        var inProgress = await db.IdempotencyRecords.CountAsync(r => r.ApiKeyId == keyId && r.StatusCode == null, ct);
        var completed = await db.IdempotencyRecords.CountAsync(r => r.ApiKeyId == keyId && r.StatusCode == 201, ct);

        return new IntakeIntegrity(
            NewItemsCreated: firsts.Count,
            DistinctNumbersAnswered: answered.Count,
            NumbersAnsweredForSeveralKeys: answered.Count(kv => kv.Value > 1),
            RowsInWindow: rows.Count,
            CreatedWithoutRow: answered.Keys.Count(n => rowsByNumber.GetValueOrDefault(n) != 1),
            RowsWithoutCreated: rows.Count(r => !answered.ContainsKey(r.Number)),
            RowsNotFromTheKey: rows.Count(r => r.Channel != Channel.WeChat || r.EstateId != estateOfKey),
            DuplicateNumbersInTable: duplicateNumbers,
            Replays: replays.Count,
            ReplaysSameNumber: replays.Count(c => c.Status == 201 && c.Number is not null && firstNumberByKey.GetValueOrDefault(c.Item.Key) == c.Number),
            ReplaysMarkedReplayed: replays.Count(c => c.Status == 201 && c.MarkedReplayed),
            ReplaysOther: replays.Count(c => c.Status != 201),
            ReplaysSkipped: calls.Count(c => !c.Replay && c.Item.ReplayLater && c.Status != 201),
            IdempotencyRecordsInProgress: inProgress,
            IdempotencyRecordsCompleted: completed,
            CreatedIncludingWarmUp: firsts.Count + warmUpCreated);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static readonly string[] HomeCategories = ["plumbing", "plumbing", "electrical", "airConditioning", "doorsAndWindows", "wallsAndFloors", "other"];
    private static readonly string[] PublicCategories = ["lift", "publicFacilities", "electrical", "plumbing"];
    private static readonly string[] ComplaintKinds = ["propertyManagement", "propertyManagement", "customerService", "engineeringQuality", "other"];
    private static readonly string[] PublicSpots = ["B2 car park, near lift 3", "一楼大堂信箱旁", "东门岗亭", "3号楼电梯厅"];
    private static readonly string[] RepairTexts =
    [
        "厨房水龙头一直滴水", "卫生间地漏返臭味", "客厅插座没电了，跳闸后推不上去", "主卧空调不制冷，外机有异响",
        "阳台推拉窗关不严，下雨渗水", "Bathroom ceiling is leaking from the flat above", "楼道灯不亮", "电梯按钮失灵，按了没反应",
    ];
    private static readonly string[] ComplaintTexts =
    [
        "楼上每天晚上十一点后还在装修，噪音很大", "小区垃圾桶三天没有清运，气味很大", "前台电话一直没人接",
        "Delivery scooters are parked across the fire lane every evening", "外墙瓷砖有脱落，担心砸到人",
    ];
    private static readonly string[] InquiryTexts =
    [
        "请问物业费可以用微信缴纳吗", "停车月卡怎么续费", "What are the opening hours of the management office?", "装修需要办理什么手续",
    ];
    private static readonly string[] SuggestionTexts =
    [
        "建议在儿童游乐区加装遮阳棚", "希望快递柜旁边加一盏灯", "Please add more bicycle racks near building 2",
    ];

    private void Log(string message) => Console.Error.WriteLine($"[intake run {run}] {message}");
}
