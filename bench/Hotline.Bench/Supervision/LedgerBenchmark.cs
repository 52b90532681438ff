using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Supervision;

/// <summary>
/// The supervision ledger's first page (GET /api/supervision/notices) at 100,000 notices on PostgreSQL, through Kestrel on
/// loopback with cookie authentication, for the centre (every notice) and for a unit (its own notices), beside the raw
/// SQL of the same page (the count and the first 20 rows with their orders) measured in the same run.
/// </summary>
public sealed class LedgerBenchmark : IBenchmark
{
    public string Name => "supervision-ledger";

    public string Description => "GET /api/supervision/notices first page at 100,000 notices on PostgreSQL: p50/p95/p99 against the raw SQL of the same page (--notices 100000 --runs 300)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var notices = context.GetInt("notices", 100_000);
        var runs = context.GetInt("runs", 300);
        var connectionString = await Measure.CreateDatabaseAsync("bench_ledger");
        await using var app = await BenchApp.BuildAsync(connectionString, new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinute"] = "100000",
            ["Seed:DemoWorkOrders"] = "false",
        }, start: true);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var data = NpgsqlDataSource.Create(connectionString);

        var load = Stopwatch.StartNew();
        await ExecAsync(data, Fill(notices));
        await ExecAsync(data, "VACUUM ANALYZE supervision_notices");
        await ExecAsync(data, "VACUUM ANALYZE supervision_notice_orders");
        Console.Error.WriteLine($"{notices:N0} notices loaded in {load.Elapsed.TotalSeconds:0.0} s");
        var unitPath = await ScalarAsync<string>(data, "SELECT path FROM units WHERE code = 'AL-DC-ZJ'");
        var unitCount = await ScalarAsync<long>(data, $"SELECT count(*) FROM supervision_notices WHERE unit_path LIKE '{unitPath}%'");

        var report = new StringBuilder();
        report.Append(Measure.Header($"Supervision ledger: first page at {notices:N0} notices on PostgreSQL"));
        report.AppendLine();
        report.AppendLine("| page | rows in scope | API p50 | API p95 | API p99 | raw SQL p50 | raw SQL p99 |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (user, label, scopeFilter, inScope) in new (string, string, string, long)[]
        {
            ("supervisor", "centre (all notices)", "TRUE", notices),
            ("handler", "a unit (AL-DC-ZJ's own)", $"unit_path LIKE '{unitPath}%'", unitCount),
        })
        {
            using var http = await SignInAsync(address, user);
            var api = await TimeManyAsync(runs, async () =>
            {
                using var response = await http.GetAsync("/api/supervision/notices?page=1&pageSize=20");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            var raw = await TimeManyAsync(runs, async () =>
            {
                await using var connection = await data.OpenConnectionAsync();
                await using (var count = new NpgsqlCommand($"SELECT count(*) FROM supervision_notices WHERE {scopeFilter}", connection))
                {
                    await count.ExecuteScalarAsync();
                }

                var ids = new List<long>();
                await using (var page = new NpgsqlCommand($"SELECT * FROM supervision_notices WHERE {scopeFilter} ORDER BY issued_at_utc DESC, id DESC LIMIT 20", connection))
                await using (var reader = await page.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        ids.Add(reader.GetInt64(0));
                    }
                }

                await using var orders = new NpgsqlCommand("SELECT * FROM supervision_notice_orders WHERE notice_id = ANY(@ids)", connection);
                orders.Parameters.AddWithValue("ids", ids.ToArray());
                await using var rows = await orders.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                }
            });
            report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {inScope:N0} | **{Measure.Ms(api.P50)}** | {Measure.Ms(api.P95)} | {Measure.Ms(api.P99)} | {Measure.Ms(raw.P50)} | {Measure.Ms(raw.P99)} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{runs} sequential requests per row after {runs / 3} of warm-up; the raw SQL is the same page's count, 20 rows and their orders on one pooled connection. Target: API p50 under 20 ms.");
        Console.WriteLine(report);
        await app.StopAsync();
        return 0;
    }

    /// <summary>Notices spread over the units and two years, in every state, each about one order.</summary>
    private static string Fill(int notices) => $"""
        WITH u AS (SELECT id, name, path, row_number() OVER (ORDER BY id) - 1 AS k FROM units),
             n AS (SELECT count(*) AS c FROM units)
        INSERT INTO supervision_notices (number, trigger, reason, demand, method, deadline_working_days, state, unit_id, unit_name, unit_path,
            opened_by_user_id, opened_by_name, opener_scope_path, issued_at_utc, due_at_utc, warn_at_utc, next_check_utc, light, reminder_count,
            late_answer_count, reject_count, is_listed, listing_in_media, version)
        SELECT 'DB' || lpad(g::text, 10, '0'), (ARRAY['red-light','redo','slow-sign','manual'])[1 + g % 4], '工单逾期未办结，群众反映强烈', '三个工作日内答复整改措施',
            (ARRAY['Document','Meeting','OnSite','UnannouncedVisit'])[1 + g % 4], 3, (ARRAY['Issued','InHand','Answered','Closed','Closed','Closed'])[1 + g % 6],
            u.id, u.name, u.path, 1, '周涛', '/', now() - make_interval(mins => g * 10), now() - make_interval(mins => g * 10) + interval '5 days',
            now() - make_interval(mins => g * 10) + interval '4 days', NULL, (ARRAY['None','Yellow','Red'])[1 + g % 3], g % 2, g % 5 / 4, g % 7 / 6, g % 50 = 0, FALSE, 0
        FROM generate_series(1, {notices}) g, n JOIN u ON TRUE WHERE u.k = g % n.c;
        INSERT INTO supervision_notice_orders (notice_id, work_order_id, number, subject)
        SELECT id, id, 'AL' || lpad(id::text, 12, '0'), '小区电梯长期停运无人维修' FROM supervision_notices;
        """;

    private static async Task<HttpClient> SignInAsync(Uri address, string user)
    {
        var http = new HttpClient { BaseAddress = address };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Hotline@12345" });
        login.EnsureSuccessStatusCode();
        return http;
    }

    private static async Task<(double P50, double P95, double P99)> TimeManyAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < runs / 3; i++)
        {
            await action();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await Measure.TimeAsync(action));
        }

        times.Sort();
        return (Measure.Percentile(times, 50), Measure.Percentile(times, 95), Measure.Percentile(times, 99));
    }

    private static async Task ExecAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
