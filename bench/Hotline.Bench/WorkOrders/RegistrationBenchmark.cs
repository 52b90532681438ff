using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.WorkOrders;

/// <summary>
/// Registers work orders through the real HTTP API (Kestrel on loopback, cookie auth, EF Core, PostgreSQL) with many
/// concurrent clients, and in the same run measures the raw rate of single-row INSERTs into the same database with the
/// same concurrency, so the product's overhead can be read against what the database alone does.
/// </summary>
public sealed class RegistrationBenchmark : IBenchmark
{
    public string Name => "work-order-intake";

    public string Description => "POST /api/work-orders on PostgreSQL: throughput, p50/p99, against raw single-row INSERTs, with fsync off and on, then the HTTP and write-path floors (--seconds 20 --clients 32 --warmup 30 --durability both/off/on)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var seconds = context.GetInt("seconds", 20);
        var clients = context.GetInt("clients", 32);
        var warmup = context.GetInt("warmup", 30);
        var connectionString = await Measure.CreateDatabaseAsync("bench_intake");

        await using var app = await BenchApp.BuildAsync(connectionString, new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "100000" }, start: true);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // The load generator keeps the session cookie itself: a shared CookieContainer would serialise the clients on its lock.
        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = address };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "agent", password = "Hotline@12345" });
        login.EnsureSuccessStatusCode();
        var cookie = BenchApp.SessionCookie(login);
        http.DefaultRequestHeaders.Add("Cookie", cookie);

        // A server runs for days: the figures are taken once tiered compilation has settled, which on two busy cores
        // takes tens of seconds; the JIT time left inside the measured window is reported below.
        Console.Error.WriteLine($"warming up for {warmup} s…");
        await RegisterLoadAsync(http, clients, TimeSpan.FromSeconds(warmup));

        // The tables were empty when the run began, so PostgreSQL's statistics still describe empty tables; a database in
        // service has statistics of its size (autovacuum refreshes them within a minute of a tenth of a table changing).
        await AnalyzeAsync(connectionString);
        var exceptions = 0L;
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        var modes = context.Get("durability", "both") switch
        {
            "off" => new[] { false },
            "on" => [true],
            _ => [false, true],
        };
        var results = new List<(bool Durable, LoadResult Api, LoadResult Raw, string Figures)>();
        foreach (var durable in modes)
        {
            await SetDurabilityAsync(connectionString, durable);
            Console.Error.WriteLine($"measuring the API for {seconds} s with {clients} clients, fsync {(durable ? "on" : "off")}…");
            Interlocked.Exchange(ref exceptions, 0);
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var gen0Before = GC.CollectionCount(0);
            var gen2Before = GC.CollectionCount(2);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var (api, machinePerRequest) = await MachineCostAsync(() => RegisterLoadAsync(http, clients, TimeSpan.FromSeconds(seconds)));
            var cpuPerRequest = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / api.Count;
            var allocatedPerRequest = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)api.Count;
            var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            var gen0 = GC.CollectionCount(0) - gen0Before;
            var gen2 = GC.CollectionCount(2) - gen2Before;
            var exceptionsPerRequest = Interlocked.Read(ref exceptions) / (double)api.Count;

            Console.Error.WriteLine($"measuring raw INSERTs for {seconds} s with {clients} connections…");
            var raw = await RawInsertsAsync(connectionString, clients, TimeSpan.FromSeconds(seconds));
            var figures = string.Create(CultureInfo.InvariantCulture, $"""
                | process CPU per registration (server and load generator) | {cpuPerRequest:0.00} ms |
                | machine CPU per registration (all processes: server, load generator, PostgreSQL) | {machinePerRequest:0.00} ms |
                | allocated per registration (server and load generator) | {allocatedPerRequest / 1024:0} KiB |
                | GC collections during the run | gen0 {gen0}, gen2 {gen2} |
                | first-chance exceptions per registration | {exceptionsPerRequest:0.00} |
                | JIT compilation time inside the measured window | {jit.TotalMilliseconds:#,0} ms |
                """);
            results.Add((durable, api, raw, figures));
        }

        await SetDurabilityAsync(connectionString, durable: false);

        // Two floors, each alone on the whole machine: the HTTP harness with an authenticated request that touches no
        // database (GET /api/auth/me, same clients), and the write path with no HTTP (the registrations handed straight to
        // the group-commit writer, same concurrency). A registration costs at least the machine CPU of both.
        Console.Error.WriteLine($"measuring GET /api/auth/me for {seconds} s…");
        var floor = await MachineCostAsync(() => LoadAsync(clients, TimeSpan.FromSeconds(seconds), _ => Task.FromResult<Func<int, Task<bool>>>(async _ =>
        {
            using var response = await http.GetAsync("/api/auth/me");
            return response.StatusCode == HttpStatusCode.OK;
        })));
        Console.Error.WriteLine($"measuring the write path without HTTP for {seconds} s…");
        var writeFloor = await MachineCostAsync(() => WriteFloorAsync(app.Services, clients, TimeSpan.FromSeconds(seconds)));

        await app.StopAsync();

        var rows = await CountAsync(connectionString);
        Console.WriteLine(Measure.Header("Work-order registration through the HTTP API (PostgreSQL)"));
        foreach (var (durable, api, raw, figures) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                #### {(durable ? "Durable: fsync, synchronous_commit and full_page_writes on (PostgreSQL's defaults, how production runs)" : "Test cluster: fsync, synchronous_commit and full_page_writes off")}

                | measure | registrations via API | raw single-row INSERT (baseline) |
                |---|---|---|
                | throughput | **{Measure.Rate(api.PerSecond)}** | {Measure.Rate(raw.PerSecond)} |
                | p50 latency | {Measure.Ms(api.P50)} | {Measure.Ms(raw.P50)} |
                | p99 latency | {Measure.Ms(api.P99)} | {Measure.Ms(raw.P99)} |
                | operations | {api.Count:#,0} in {seconds} s ({api.Errors} errors) | {raw.Count:#,0} in {seconds} s |

                Ratio API / raw: **{api.PerSecond / raw.PerSecond:0.00}** (target ≥ 0.3; throughput target ≥ 2,000/s).

                | measure (API run) | |
                |---|---|
                {figures}

                """));
        }

        // Each floor used the whole machine, so its machine CPU per operation is what one costs; a registration pays both.
        var bound = 1000 * Environment.ProcessorCount / (floor.MachineMs + writeFloor.MachineMs);
        var target = 0.3 * results[0].Raw.PerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Floors, fsync off, same run, each alone on the machine:

            | floor | throughput | p50 | p99 | machine CPU per operation |
            |---|---|---|---|---|
            | HTTP harness: `GET /api/auth/me` (cookie authentication, no database), {clients} clients | {Measure.Rate(floor.Result.PerSecond)} | {Measure.Ms(floor.Result.P50)} | {Measure.Ms(floor.Result.P99)} | {floor.MachineMs:0.000} ms |
            | write path without HTTP: {clients} tasks hand registrations to the group-commit writer (number, domain verb, order, timeline entry, search document, commit) | {Measure.Rate(writeFloor.Result.PerSecond)} | {Measure.Ms(writeFloor.Result.P50)} | {Measure.Ms(writeFloor.Result.P99)} | {writeFloor.MachineMs:0.000} ms |

            A registration costs at least both floors: {floor.MachineMs + writeFloor.MachineMs:0.000} ms of machine CPU, so at most **{Measure.Rate(bound)}** on
            {Environment.ProcessorCount} cores, {bound / results[0].Raw.PerSecond:0.00} of this run's raw rate (0.3 of it would be {Measure.Rate(target)}).

            """));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {clients} concurrent clients after {warmup} s of warm-up, load generator in the same process as the server (both share the 2
            cores), PostgreSQL 15 on the same machine. Each registration is one HTTP request with cookie authentication, validation, a
            number from the block allocator, deadline computation on the working-day calendar, and one transaction (group commit)
            inserting the work order, its first timeline entry and its search document; {rows:#,0} work orders were in the table at
            the end. The raw baseline inserts one row of similar width ({RawPayload.Length} characters of text) per autocommit statement
            over {clients} prepared Npgsql connections.
            """));
        return 0;
    }

    private static readonly string RawPayload = new('测', 300);

    private static async Task<(LoadResult Result, double MachineMs)> MachineCostAsync(Func<Task<LoadResult>> run)
    {
        var before = Measure.MachineBusy();
        var result = await run();
        return (result, Measure.MachineBusyMs(before, Measure.MachineBusy()) / result.Count);
    }

    /// <summary>
    /// The registrations of the HTTP run, handed straight to the group-commit writer by <paramref name="clients"/> tasks:
    /// everything a registration writes and computes except the request, authentication, validation and response.
    /// </summary>
    private static async Task<LoadResult> WriteFloorAsync(IServiceProvider services, int clients, TimeSpan duration)
    {
        var writer = services.GetRequiredService<RegistrationWriter>();
        var clocks = services.GetRequiredService<WorkOrderClocks>();
        var numbers = services.GetRequiredService<WorkOrderNumbers>();
        var agent = await BenchApp.AgentAsync(services); // the agent the HTTP run logs in as, so the orders read as the API would have stored them

        return await LoadAsync(clients, duration, c => Task.FromResult<Func<int, Task<bool>>>(async n =>
        {
            var content = RegisterRequestFor(c, n).ToContent(new Validation(), forDispatch: true);
            var clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency);
            var number = await numbers.NextAsync(clock.Now, CancellationToken.None);
            try
            {
                await writer.WriteAsync(WorkOrder.Register(number, content, agent, clock), CancellationToken.None);
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }));
    }

    /// <summary>One registration to dispatch; the fields vary with the client and the count as a day's calls do.</summary>
    private static RegisterRequest RegisterRequestFor(int client, int n) => new()
    {
        Channel = Channel.Phone,
        RequestType = (n % 3) switch { 0 => RequestType.Complaint, 1 => RequestType.Inquiry, _ => RequestType.HelpRequest },
        CategoryCode = (n % 4) switch { 0 => "010101", 1 => "080101", 2 => "020101", _ => "090301" },
        Urgency = n % 50 == 0 ? Urgency.Emergency : Urgency.Normal,
        Caller = new CallerInput("市民" + client, string.Create(CultureInfo.InvariantCulture, $"138{client:D2}{n % 1000000:D6}"), false, false),
        Location = new LocationInput("990102001", "东华街道", string.Create(CultureInfo.InvariantCulture, $"明珠小区{n % 20}栋"), null, null),
        Subject = "小区电梯故障长期无人维修",
        Events = "小区3栋电梯停运两周，多次找物业无人处理，老人上下楼困难，希望有关部门督促物业尽快维修并说明原因。",
        Demand = "请尽快督促物业修复电梯。",
        Outcome = new IntakeOutcome(IntakeOutcomeKind.Dispatch, null, null, null, null, null, null, null, null),
    };

    private sealed record LoadResult(int Count, int Errors, double PerSecond, double P50, double P99);

    /// <summary>Registrations through the API, <paramref name="clients"/> at a time.</summary>
    private static Task<LoadResult> RegisterLoadAsync(HttpClient http, int clients, TimeSpan duration) =>
        LoadAsync(clients, duration, c => Task.FromResult<Func<int, Task<bool>>>(async n =>
        {
            // Sized and unescaped, as the workbench's fetch sends it (JSON.stringify leaves Chinese as UTF-8).
            using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(RegisterRequestFor(c, n), Json));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.PostAsync("/api/work-orders", body);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return true;
            }

            // A run whose registrations fail measures nothing: the first refusal is shown so that it can be fixed.
            if (Interlocked.Exchange(ref _refusalShown, 1) == 0)
            {
                Console.Error.WriteLine($"a registration was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return false;
        }));

    private static int _refusalShown;

    /// <summary>
    /// <paramref name="clients"/> loops for <paramref name="duration"/>, each timing one operation after another; a loop
    /// gets its operation from <paramref name="start"/> (which may set up a connection of its own), and the operation is
    /// given its count and answers whether it succeeded.
    /// </summary>
    private static async Task<LoadResult> LoadAsync(int clients, TimeSpan duration, Func<int, Task<Func<int, Task<bool>>>> start)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var operation = await start(c);
            var mine = latencies[c] = new List<double>(8192);
            for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
            {
                var t = Stopwatch.GetTimestamp();
                if (!await operation(n))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var elapsed = started.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(all.Count, errors, all.Count / elapsed, Measure.Percentile(all, 50), Measure.Percentile(all, 99));
    }

    /// <summary>The request body as the API's own JSON options write it (camelCase names and enum values), text unescaped as a browser sends it.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Switches the cluster between the test settings (no flush to disk) and PostgreSQL's durable defaults; all three
    /// settings take effect on a configuration reload.
    /// </summary>
    private static async Task SetDurabilityAsync(string connectionString, bool durable)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var value = durable ? "on" : "off";
        foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
        {
            await using var alter = new NpgsqlCommand($"ALTER SYSTEM SET {setting} = {value}", connection);
            await alter.ExecuteNonQueryAsync();
        }

        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    private static async Task<LoadResult> RawInsertsAsync(string connectionString, int clients, TimeSpan duration)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, created_at timestamptz NOT NULL, payload text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        var connections = new System.Collections.Concurrent.ConcurrentBag<NpgsqlConnection>();
        try
        {
            return await LoadAsync(clients, duration, async _ =>
            {
                var connection = new NpgsqlConnection(connectionString);
                connections.Add(connection);
                await connection.OpenAsync();
                var insert = new NpgsqlCommand("INSERT INTO bench_raw (created_at, payload) VALUES (@at, @payload)", connection);
                var at = new NpgsqlParameter<DateTime>("at", DateTime.UtcNow);
                insert.Parameters.Add(at);
                insert.Parameters.Add(new NpgsqlParameter<string>("payload", RawPayload));
                await insert.PrepareAsync();
                return async _ =>
                {
                    at.TypedValue = DateTime.UtcNow;
                    return await insert.ExecuteNonQueryAsync() == 1;
                };
            });
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM work_orders", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
