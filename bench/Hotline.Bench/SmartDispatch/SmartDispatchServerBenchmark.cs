using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hotline.Domain.Analytics;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Analytics;
using Hotline.Features.Dispatch;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Smart dispatch inside the server, on PostgreSQL: what the dispatch of an order costs with the followers running and
/// stopped; then, with a million work orders binary-copied into the real <c>work_orders</c> table, the repeat index's
/// warm-up from the database and the repeat check through the endpoint's code; training from 100,000 closed orders in the
/// database and the suggestion latency; the hot-spot job over all million orders; the routing-outcome recorder catching up.
/// </summary>
public sealed class SmartDispatchServerBenchmark : IBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>gov-messages label → the demo unit that handles it and a category of the default tree.</summary>
    private static readonly Dictionary<string, (string Unit, string Category)> Routing = new(StringComparer.Ordinal)
    {
        ["交通运输"] = ("AL-JT", "030101"),
        ["劳动和社会保障"] = ("AL-RS", "050101"),
        ["卫生计生"] = ("AL-WJ", "070101"),
        ["商贸旅游"] = ("AL-SJ", "060101"),
        ["城乡建设"] = ("AL-ZJ", "010101"),
        ["教育文体"] = ("AL-JY", "040101"),
        ["环境保护"] = ("AL-HB", "020101"),
    };

    public string Name => "smart-dispatch-server";

    public string Description => "smart dispatch in the server on PostgreSQL: dispatch cost, warm-up, repeat check, training, suggestions, hot-spot job over 1M orders (--orders 1000000 --closed 100000 --queries 20000 --suggestions 5000 --load-seconds 15)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var count = context.GetInt("orders", 1_000_000);
        var closedEvery = Math.Max(1, count / context.GetInt("closed", 100_000));
        var queries = context.GetInt("queries", 20_000);
        var suggestionCalls = context.GetInt("suggestions", 5_000);
        var loadSeconds = context.GetInt("load-seconds", 15);
        Console.WriteLine(Measure.Header($"Smart dispatch in the server (PostgreSQL, {count:N0} work orders)"));
        Console.WriteLine($"Load average at the start: {LoadAverage()}\n");

        await DispatchCostAsync(loadSeconds);

        var connectionString = await Measure.CreateDatabaseAsync("bench_smart");
        await using var app = await BuildAsync(connectionString, start: false, followers: false);
        var generator = new SyntheticOrders(Datasets.Messages(context));
        var now = DateTimeOffset.UtcNow;
        var orders = Generate(generator, count, now, closedEvery);
        var copySeconds = await CopyAsync(app, connectionString, orders);
        Console.WriteLine(string.Create(Inv, $"Loaded {count:N0} work orders over the last 89 days in 300 streets of 15 districts, 600,000 callers ({count / closedEvery:N0} closed with their lead unit; {orders.Average(o => o.Events.Length + o.Subject.Length):0} characters of text on average) by binary COPY into work_orders in {copySeconds:0.0} s.\n"));

        await RepeatsAsync(app, orders, queries, now);
        await TrainingAndSuggestionsAsync(app, orders, suggestionCalls);
        await HotSpotsAsync(app, connectionString, count);
        await RecorderAsync(app, connectionString);
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        return 0;
    }

    private sealed record Order(long Id, string Label, string Subject, string Events, DateTime RegisteredAtUtc, string Phone, string Region, bool Closed);

    private static List<Order> Generate(SyntheticOrders generator, int count, DateTimeOffset now, int closedEvery)
    {
        var random = new Random(31);
        var span = TimeSpan.FromDays(89);
        var start = now - span;
        var list = new List<Order>(count);
        for (var i = 0; i < count; i++)
        {
            var label = generator.Labels[random.Next(generator.Labels.Count)];
            var text = generator.Text(random, label, 1, 3, 240);
            var cut = Math.Min(text.Length, Math.Max(8, text.IndexOf('。', StringComparison.Ordinal) + 1));
            list.Add(new Order(
                i + 1, label, text[..Math.Min(cut, 60)], text,
                (start + TimeSpan.FromTicks(span.Ticks / count * i)).UtcDateTime,
                string.Create(Inv, $"13{random.Next(600_000):000000000}"),
                string.Create(Inv, $"9901{random.Next(1, 16):00}{random.Next(1, 21):000}"),
                i % closedEvery == 0));
        }

        return list;
    }

    private static Task<WebApplication> BuildAsync(string connectionString, bool start, bool followers) =>
        BenchApp.BuildAsync(connectionString, new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinute"] = "100000",
            ["Seed:DemoWorkOrders"] = "false",
            ["SmartDispatch:RetrainCheckMinutes"] = "0",
            ["SmartDispatch:HotSpotMinutes"] = "0",
            ["SmartDispatch:FollowMilliseconds"] = followers ? "1000" : "0",
            // The first migration probes for its history table and logs the expected failure; a real failure still throws.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            ["Logging:LogLevel:Hotline.Features.SmartDispatch.Routing.RouterModelRegistry"] = "Error",
        }, start);

    /// <summary>Register + dispatch over HTTP, with the followers (recorder, repeat index) running and stopped.</summary>
    private static async Task DispatchCostAsync(int seconds)
    {
        Console.WriteLine("#### Dispatching with and without the followers\n");
        Console.WriteLine("| followers (routing-outcome recorder, repeat index) | register + dispatch pairs | p50 register | p99 register | p50 dispatch | p99 dispatch |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var followers in new[] { false, true, false, true })
        {
            var cs = await Measure.CreateDatabaseAsync("bench_smart_intake");
            await using var app = await BuildAsync(cs, start: true, followers);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 16 };
            using var agent = await SignIn(handler, address, "agent");
            using var dispatcher = await SignIn(handler, address, "dispatcher");
            var unit = (await dispatcher.GetFromJsonAsync<List<UnitRow>>("/api/units"))!.Single(u => u.Code == "AL-DC-ZJ").Id;
            var register = new List<double>();
            var dispatch = new List<double>();
            var stopAt = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
            var n = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async c =>
            {
                var mine = (R: new List<double>(), D: new List<double>());
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var t = Stopwatch.GetTimestamp();
                    using var created = await agent.PostAsJsonAsync("/api/work-orders", IntakeBody(c, Interlocked.Increment(ref n)));
                    mine.R.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    var id = (await created.Content.ReadFromJsonAsync<IdRow>())!.Id;
                    t = Stopwatch.GetTimestamp();
                    using var dispatched = await dispatcher.PostAsJsonAsync($"/api/work-orders/{id}/dispatch", new { leadUnitId = unit });
                    dispatched.EnsureSuccessStatusCode();
                    mine.D.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                lock (register)
                {
                    register.AddRange(mine.R);
                    dispatch.AddRange(mine.D);
                }
            }));
            // The recorder follows the timeline once a second: how long after the load it has recorded every dispatch.
            var caughtUp = Stopwatch.StartNew();
            var recorded = await ScalarAsync(cs, "SELECT count(*) FROM routing_records");
            while (followers && recorded < dispatch.Count && caughtUp.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
                recorded = await ScalarAsync(cs, "SELECT count(*) FROM routing_records");
            }

            await app.StopAsync();
            register.Sort();
            dispatch.Sort();
            Console.WriteLine(string.Create(Inv,
                $"| {(followers ? $"running ({recorded:N0} dispatches recorded, all of them {caughtUp.Elapsed.TotalSeconds:0.0} s after the load)" : "stopped")} | {dispatch.Count:N0} in {seconds} s | {Measure.Ms(Measure.Percentile(register, 50))} | {Measure.Ms(Measure.Percentile(register, 99))} | {Measure.Ms(Measure.Percentile(dispatch, 50))} | {Measure.Ms(Measure.Percentile(dispatch, 99))} |"));
        }

        Console.WriteLine("\n8 clients, each registering an order and dispatching it; the load generator runs in the server's process. Rows alternate stopped/running to show the run-to-run noise.\n");
    }

    private sealed record UnitRow(long Id, string Code);

    private sealed record IdRow(long Id);

    private static async Task<HttpClient> SignIn(SocketsHttpHandler handler, Uri address, string user)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Hotline@12345" });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add("Cookie", BenchApp.SessionCookie(login));
        return client;
    }

    private static object IntakeBody(int client, int n) => new
    {
        channel = "phone",
        requestType = "complaint",
        categoryCode = "010101",
        urgency = "normal",
        caller = new { name = "市民" + client, phone = string.Create(Inv, $"138{client:D2}{n % 1000000:D6}") },
        location = new { regionCode = "990102001", street = "东华街道" },
        subject = "小区电梯故障长期无人维修",
        events = "小区3栋电梯停运两周，多次找物业无人处理，老人上下楼困难，希望有关部门督促物业尽快维修并说明原因。",
        demand = "请尽快督促物业修复电梯。",
        outcome = new { kind = "dispatch" },
    };

    private static async Task<double> CopyAsync(WebApplication app, string connectionString, List<Order> orders)
    {
        Dictionary<string, Unit> units;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            units = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Units.AsNoTracking().ToDictionaryAsync(u => u.Code);
        }

        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY work_orders (id, number, channel, request_type, category_code, urgency, caller_name, caller_phone, caller_is_anonymous, caller_is_confidential, " +
            "region_code, subject, events, demand, attachments, status, close_reason, registered_by_user_id, registered_by_name, registered_at_utc, " +
            "lead_unit_id, lead_unit_path, lead_unit_name, dispatched_at_utc, deadline_provisional, light, first_response_reminded, dispatch_count, return_count, " +
            "redo_count, extension_count, reminder_count, returned_late, replied_late, returns, extensions, progress_reports, co_replies, replies, callbacks, " +
            "reminders, callback_unsatisfied, callback_unreachable, is_repeat_after_closure, closed_at_utc, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in orders)
            {
                var (unitCode, category) = Routing[o.Label];
                var unit = units[unitCode];
                await importer.StartRowAsync();
                await importer.WriteAsync(o.Id, NpgsqlDbType.Bigint);
                await importer.WriteAsync(string.Create(Inv, $"BN{o.Id:D12}"), NpgsqlDbType.Varchar);
                await importer.WriteAsync("Phone", NpgsqlDbType.Varchar);
                await importer.WriteAsync("Complaint", NpgsqlDbType.Varchar);
                await importer.WriteAsync(category, NpgsqlDbType.Varchar);
                await importer.WriteAsync("Normal", NpgsqlDbType.Varchar);
                await importer.WriteAsync("市民", NpgsqlDbType.Varchar);
                await importer.WriteAsync(o.Phone, NpgsqlDbType.Varchar);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync(o.Region, NpgsqlDbType.Varchar);
                await importer.WriteAsync(o.Subject, NpgsqlDbType.Varchar);
                await importer.WriteAsync(o.Events, NpgsqlDbType.Varchar);
                await importer.WriteAsync("请尽快处理。", NpgsqlDbType.Varchar);
                await importer.WriteAsync("[]", NpgsqlDbType.Jsonb);
                await importer.WriteAsync(o.Closed ? "Closed" : "AwaitingDispatch", NpgsqlDbType.Varchar);
                await WriteOrNull(importer, o.Closed ? "Satisfied" : null, NpgsqlDbType.Varchar);
                await importer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await importer.WriteAsync("受理座席", NpgsqlDbType.Varchar);
                await importer.WriteAsync(o.RegisteredAtUtc, NpgsqlDbType.TimestampTz);
                await WriteOrNull(importer, o.Closed ? unit.Id : (long?)null, NpgsqlDbType.Bigint);
                await WriteOrNull(importer, o.Closed ? unit.Path : null, NpgsqlDbType.Varchar);
                await WriteOrNull(importer, o.Closed ? unit.Name : null, NpgsqlDbType.Varchar);
                await WriteOrNull(importer, o.Closed ? o.RegisteredAtUtc.AddHours(2) : (DateTime?)null, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync("None", NpgsqlDbType.Varchar);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                for (var k = 0; k < 5; k++)
                {
                    await importer.WriteAsync(k == 0 && o.Closed ? 1 : 0, NpgsqlDbType.Integer);
                }

                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                for (var k = 0; k < 7; k++)
                {
                    await importer.WriteAsync("[]", NpgsqlDbType.Jsonb);
                }

                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await importer.WriteAsync(false, NpgsqlDbType.Boolean);
                await WriteOrNull(importer, o.Closed ? o.RegisteredAtUtc.AddDays(3) : (DateTime?)null, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(1L, NpgsqlDbType.Bigint);
            }

            await importer.CompleteAsync();
        }

        await using (var setval = new NpgsqlCommand($"SELECT setval('{HotlineDbContext.WorkOrderIdSequence}', {orders.Count + 1000}); ANALYZE work_orders;", connection))
        {
            await setval.ExecuteNonQueryAsync();
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task WriteOrNull<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, type);
        }
        else
        {
            await importer.WriteNullAsync();
        }
    }

    private static async Task WriteOrNull(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, type);
        }
    }

    private static async Task RepeatsAsync(WebApplication app, List<Order> orders, int queries, DateTimeOffset now)
    {
        var index = app.Services.GetRequiredService<RepeatCandidateIndex>();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var cpu = Environment.CpuUsage.TotalTime;
        await index.WarmUpAsync(default);
        var warmCpu = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var memory = GC.GetTotalMemory(true) - before;
        var status = index.Status;

        // Queries at "now": a third re-report an order of the last 30 days (its end cut, a sentence added), a third come
        // from a caller already indexed, a third are new.
        var random = new Random(5);
        var probes = new List<(RepeatCandidatesRequest Request, long Original)>(queries);
        for (var q = 0; q < queries; q++)
        {
            var earlier = orders[orders.Count - 1 - random.Next(orders.Count / 3)];
            probes.Add(((q % 3) switch
            {
                0 => new RepeatCandidatesRequest(string.Create(Inv, $"15{random.Next(900_000_000):000000000}"), earlier.Subject, earlier.Events[..(earlier.Events.Length * 4 / 5)] + "希望尽快解决。", "请尽快处理。", earlier.Region, null),
                1 => new RepeatCandidatesRequest(earlier.Phone, "再次反映", orders[random.Next(orders.Count)].Events, null, orders[random.Next(orders.Count)].Region, null),
                _ => new RepeatCandidatesRequest(string.Create(Inv, $"15{random.Next(900_000_000):000000000}"), "新诉求", Head(orders[random.Next(orders.Count)].Events, 20) + "今天又发生了。", null, orders[random.Next(orders.Count)].Region, null),
            }, earlier.Id));
        }

        var centre = await CentreActorAsync(app);
        var indexOnly = new List<double>(queries);
        var endpoint = new List<double>(queries);
        var withCandidates = new List<double>(queries);
        var roundTrip = new List<double>(queries);
        var found = 0;
        var firstIsOriginal = 0;
        foreach (var ((probe, original), q) in probes.Select((p, q) => (p, q)))
        {
            var document = new RepeatDocument(string.Empty, WorkOrderText.Of(probe.Subject ?? string.Empty, probe.Events ?? string.Empty, probe.Demand ?? string.Empty), now, probe.Phone, WorkOrderText.PlaceOf(probe.RegionCode));
            var t = Stopwatch.GetTimestamp();
            index.Find(document, 20);
            indexOnly.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            await using var scope = app.Services.CreateAsyncScope();
            var result = await RepeatEndpoints.FindAsync(index, scope.ServiceProvider.GetRequiredService<HotlineDbContext>(), centre, document, default);
            endpoint.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (result.Candidates.Count > 0)
            {
                withCandidates.Add(endpoint[^1]);
            }

            // Raw baseline: the cheapest database access a request makes (a scope and one order's number by primary key).
            t = Stopwatch.GetTimestamp();
            await using (var baselineScope = app.Services.CreateAsyncScope())
            {
                await baselineScope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrder>().AsNoTracking()
                    .Where(w => w.Id == original).Select(w => w.Number).FirstAsync();
            }

            roundTrip.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            found += result.Candidates.Count > 0 ? 1 : 0;
            firstIsOriginal += q % 3 == 0 && result.Candidates.Count > 0 && result.Candidates[0].Id == original ? 1 : 0;
        }

        indexOnly.Sort();
        endpoint.Sort();
        withCandidates.Sort();
        roundTrip.Sort();
        Console.WriteLine("#### Repeat check through the real index, warmed from the database\n");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(Inv, $"| **warm-up** (read {status.Indexed:N0} orders of the last 90 days from PostgreSQL and index them) | **{status.WarmUpSeconds:0.0} s** ({status.Indexed / status.WarmUpSeconds:N0} orders/s; CPU {warmCpu:0.0} s) |"));
        Console.WriteLine(string.Create(Inv, $"| index memory after the warm-up (managed heap) | {memory / 1024.0 / 1024:0} MiB |"));
        Console.WriteLine(string.Create(Inv, $"| raw baseline: `RepeatIndex.Find` alone, p50 / p99 | {Measure.Ms(Measure.Percentile(indexOnly, 50))} / {Measure.Ms(Measure.Percentile(indexOnly, 99))} |"));
        Console.WriteLine(string.Create(Inv, $"| raw baseline: one database round trip (a scope, one order's number by primary key), p50 / p99 | {Measure.Ms(Measure.Percentile(roundTrip, 50))} / {Measure.Ms(Measure.Percentile(roundTrip, 99))} |"));
        Console.WriteLine(string.Create(Inv, $"| **repeat check as the endpoint runs it** (index, candidate orders loaded by id, scope, masking), p50 / p95 / p99 | {Measure.Ms(Measure.Percentile(endpoint, 50))} / {Measure.Ms(Measure.Percentile(endpoint, 95))} / **{Measure.Ms(Measure.Percentile(endpoint, 99))}** |"));
        Console.WriteLine(string.Create(Inv, $"| the same, queries with at least one candidate ({found:N0} of {queries:N0}; the others skip the database), p50 / p99 | {Measure.Ms(Measure.Percentile(withCandidates, 50))} / {Measure.Ms(Measure.Percentile(withCandidates, 99))} |"));
        Console.WriteLine(string.Create(Inv, $"| re-reports whose original order came first | {firstIsOriginal:N0} of {(queries + 2) / 3:N0} |\n"));
    }

    private static string Head(string text, int length) => text.Length <= length ? text : text[..length];

    private static async Task<Actor> CentreActorAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var centre = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Units.AsNoTracking().SingleAsync(u => u.Code == "AL-HC");
        return new Actor(1, "受理座席", new HashSet<Role> { Role.IntakeAgent }, centre.Id, centre.Name, AccessScope.Platform);
    }

    private static async Task TrainingAndSuggestionsAsync(WebApplication app, List<Order> orders, int calls)
    {
        var training = app.Services.GetRequiredService<RouterTraining>();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        var outcomes = await training.TrainAsync(new TrainingRequest("benchmark", Activate: true), default);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var registry = app.Services.GetRequiredService<RouterModelRegistry>();
        Console.WriteLine("#### Training from the database, and suggestions\n");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        foreach (var o in outcomes)
        {
            var m = o.Stored!;
            Console.WriteLine(string.Create(Inv,
                $"| {o.Kind} model: {m.TrainingSize:N0} closed orders, {m.Labels.Count} labels; training {m.TrainingSeconds:0.0} s; {m.CvFolds}-fold CV on {m.CvExamples:N0}: macro-F1 {m.CvMacroF1:0.0000}, top-3 {m.CvTop3Accuracy:0.0000} | {m.SizeBytes / 1024.0 / 1024:0.0} MiB stored; loaded in {registry.For(o.Kind).LoadSeconds:0.00} s |"));
        }

        Console.WriteLine(string.Create(Inv, $"| **`router train` from the database, both kinds** (read closed orders, train, cross-validate, store, load) | **{seconds:0.0} s** wall, {cpuSeconds:0.0} s CPU |"));

        var random = new Random(9);
        var categories = Routing.Values.Select(v => v.Category).ToArray();
        var probes = Enumerable.Range(0, calls).Select(_ =>
        {
            var o = orders[random.Next(orders.Count)];
            return new RoutingQuery(WorkOrderText.Of(o.Subject, o.Events, "请尽快处理。"), random.Next(4) == 0 ? null : categories[random.Next(categories.Length)], "990102001");
        }).ToList();
        var baseline = new List<double>();
        var predict = new List<double>();
        var full = new List<double>();
        foreach (var probe in probes)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var t = Stopwatch.GetTimestamp();
            await DispatchCatalogue.ProposeAsync(db, probe.CategoryCode ?? "010101", probe.RegionCode, default);
            baseline.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            registry.Unit.Model!.Classifier.Predict(probe.Text, 10);
            registry.Category.Model!.Classifier.Predict(probe.Text, 10);
            predict.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            await scope.ServiceProvider.GetRequiredService<RoutingSuggestions>().SuggestAsync(probe, default);
            full.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        baseline.Sort();
        predict.Sort();
        full.Sort();
        Console.WriteLine(string.Create(Inv, $"| raw baseline: the catalogue proposal alone (`ProposeAsync`, what dispatch offered before), p50 / p99 | {Measure.Ms(Measure.Percentile(baseline, 50))} / {Measure.Ms(Measure.Percentile(baseline, 99))} |"));
        Console.WriteLine(string.Create(Inv, $"| the two models' predictions alone (unit and category, top 10 each), p50 / p99 | {Measure.Ms(Measure.Percentile(predict, 50))} / {Measure.Ms(Measure.Percentile(predict, 99))} |"));
        Console.WriteLine(string.Create(Inv, $"| **suggestion** (models + catalogue + territory + active-unit check), p50 / p99 | **{Measure.Ms(Measure.Percentile(full, 50))}** / **{Measure.Ms(Measure.Percentile(full, 99))}** |\n"));
    }

    private static async Task HotSpotsAsync(WebApplication app, string connectionString, int count)
    {
        // Raw baseline: reading the same rows the job reads.
        var watch = Stopwatch.StartNew();
        long characters = 0;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT id, subject, events, demand, registered_at_utc, region_code, category_code, lead_unit_id FROM work_orders WHERE merged_into_id IS NULL", connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                characters += reader.GetString(2).Length;
            }
        }

        var readSeconds = watch.Elapsed.TotalSeconds;
        GC.Collect();
        var cpu = Environment.CpuUsage.TotalTime;
        var job = app.Services.GetRequiredService<HotSpotJob>();
        // The quarter's window (91 days) covers the 89 days, so the job clusters every one of the orders.
        var result = await job.RunOnceAsync(HotSpotPeriod.Quarter, default);
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(Inv, $"#### Hot-spot job over the {count:N0} orders in the database\n"));
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(Inv, $"| raw baseline: reading the rows the job reads (one query, {characters / 1_000_000.0:0} M characters of events) | {readSeconds:0.0} s |"));
        Console.WriteLine(string.Create(Inv, $"| **hot-spot job** (read, find both lists over the quarter, store {result.HotSpots} hot spots, seasonal check) | **{result.Seconds:0.0} s** wall, {cpuSeconds:0.0} s CPU |"));
        Console.WriteLine(string.Create(Inv, $"| orders clustered | {result.Orders:N0} |"));
        Console.WriteLine(string.Create(Inv, $"| peak working set of the process so far | {process.PeakWorkingSet64 / 1024.0 / 1024:N0} MiB |\n"));
    }

    /// <summary>The recorder catching up after a pause: dispatch entries for 10,000 orders appear on the timeline at once.</summary>
    private static async Task RecorderAsync(WebApplication app, string connectionString)
    {
        const int Dispatches = 10_000;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO work_order_events (work_order_id, at_utc, action, actor_name, actor_roles, actor_unit_name, details) " +
                $"SELECT id, registered_at_utc + interval '1 hour', 'Dispatch', '派单座席', 'Dispatcher', '热线中心', json_build_object('leadUnit', lead_unit_name)::text FROM work_orders WHERE status = 'Closed' ORDER BY id LIMIT {Dispatches}", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var recorder = app.Services.GetRequiredService<RoutingOutcomeRecorder>();
        var watch = Stopwatch.StartNew();
        var recorded = await recorder.RunOnceAsync(default);
        var seconds = watch.Elapsed.TotalSeconds;
        var top = await ScalarAsync(connectionString, "SELECT count(*) FROM routing_records WHERE chosen_rank = 1");
        Console.WriteLine("#### Routing-outcome recorder\n");
        Console.WriteLine(string.Create(Inv,
            $"{recorded:N0} dispatches recorded in {seconds:0.0} s ({recorded / seconds:N0}/s, one node, off the dispatch path); the dispatcher's unit was the first suggestion for {top:N0} of them (these synthetic orders' units are the model's labels).\n"));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), Inv);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
