using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Dashboards;

/// <summary>
/// Issue 17: each S11 dashboard query (GET /api/dashboards/…) through Kestrel on loopback as a platform-wide leader, p50/p95,
/// beside a plain GROUP BY over <c>work_orders</c> of the same period in the same run. Against an existing database
/// (<c>--connection</c>, e.g. one the history generator filled with 10 million orders) or, without it, a scratch database
/// whose demo orders are copied (<c>--orders</c>) across two years by INSERT … SELECT.
/// </summary>
public sealed class DashboardBenchmark : IBenchmark
{
    public string Name => "dashboards";

    public string Description => "S11 dashboard queries and the month's assessment p50/p95 beside a plain GROUP BY (--connection <cs> | --orders 200000 | --generate 1000000 [--no-facts 1] [--sqlite 1]) --runs 30 --month 2026-02";

    public async Task<int> RunAsync(BenchContext context)
    {
        var runs = context.GetInt("runs", 30);
        var sqlite = context.Options.ContainsKey("sqlite");
        var file = Path.Combine(Path.GetTempPath(), $"bench-dash-{Guid.NewGuid():N}.db");
        var connectionString = context.Options.TryGetValue("connection", out var given) ? given
            : sqlite ? $"Data Source={file}" : await Measure.CreateDatabaseAsync("bench_dash");
        var settings = new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "100000" };
        if (sqlite)
        {
            settings["Database:Provider"] = "Sqlite";
        }

        // Background jobs off: after a bulk load the timeline's followers would catch up on millions of entries beside the timing.
        await using var app = await BenchApp.BuildAsync(connectionString, settings, start: true, backgroundJobs: false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var data = sqlite ? null : NpgsqlDataSource.Create(connectionString);
        await using var sqliteConnection = sqlite ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString) : null;
        sqliteConnection?.Open();
        var generated = "";
        // --no-facts: the facts and rollups are not rebuilt after generating (the assessment row is left out).
        var noFacts = context.Options.ContainsKey("no-facts");
        if (context.Options.TryGetValue("generate", out var generate))
        {
            // The history generator's orders (issue 17), then its after-load steps (facts and rollups rebuilt).
            var n = long.Parse(generate, CultureInfo.InvariantCulture);
            await Hotline.Seeding.DemoData.SeedAsync(app.Services, CancellationToken.None);
            var result = await Hotline.Seeding.History.HistoryGenerator.RunAsync(
                app.Services, Hotline.Seeding.History.HistoryOptions.Create(n, 1, null, null, false, DateTimeOffset.UtcNow) with { AfterLoad = !noFacts },
                Hotline.Seeding.History.HistoryProgress.Console(n), CancellationToken.None);
            generated = string.Create(CultureInfo.InvariantCulture,
                $"Filled by `hotline generate` ({result.Orders:N0} orders in {result.Elapsed.TotalSeconds:0} s, of which indexes {result.Indexes.TotalSeconds:0} s; {(noFacts ? "facts and rollups not rebuilt" : $"facts and rollups rebuilt after in {result.AfterLoad.TotalSeconds:0} s")}). ");
        }
        else if (given is null && data is not null)
        {
            var load = Stopwatch.StartNew();
            await FillAsync(data, context.GetInt("orders", 200_000));
            Console.Error.WriteLine($"orders loaded in {load.Elapsed.TotalSeconds:0.0} s");
        }

        async Task RawAsync(string sql)
        {
            await using System.Data.Common.DbCommand command = data is not null ? data.CreateCommand(sql) : sqliteConnection!.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        var orders = data is not null ? await ScalarAsync<long>(data, "SELECT count(*) FROM work_orders") : Count(sqliteConnection!);

        // The dashboards read dashboard_counts when the facts' follower has a cursor and few entries wait after it (a rebuild
        // sets it); otherwise they count the orders. Said in the report, so a run on an existing database shows which it timed.
        const string countsState = "SELECT (SELECT count(*) FROM dashboard_counts), (SELECT count(*) FROM work_order_events WHERE id > "
            + "(SELECT position FROM timeline_cursors WHERE name = 'assessment-facts')), (SELECT count(*) FROM timeline_cursors WHERE name = 'assessment-facts')";
        var (countRows, pendingEntries, hasCursor) = Counts(data, sqliteConnection, countsState);
        var month = DateOnly.ParseExact(context.Get("month", "2026-02") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (from, to) = (month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var year = $"from={month.AddMonths(-11):yyyy-MM-dd}&to={to}";
        var period = $"from={from}&to={to}";
        var (startUtc, endUtc) = (Utc(month), Utc(month.AddMonths(1)));

        using var http = await SignInAsync(address, "leader");
        var report = new StringBuilder();
        report.Append(Measure.Header($"Dashboards at {orders:N0} work orders on {(sqlite ? "SQLite" : "PostgreSQL")}"));
        report.AppendLine();
        report.AppendLine("| dashboard query | API p50 | API p95 | plain GROUP BY | its p50 | its p95 |");
        report.AppendLine("|---|---|---|---|---|---|");
        // Every dashboard, as the leader (whole platform) and then as readers of a unit subtree (their scope's counts): the
        // leader of 住建局 (a leaf) and 东城区's hotline office (the district). A subtree's plain GROUP BY counts the orders whose
        // lead unit is in it (the scope also takes those where it is a co-unit, which the plain query leaves out).
        List<(string Label, string Url, string Raw, string User)> cases = [.. Dashboards(string.Empty, "leader", year, period, month, startUtc, endUtc)];
        if (data is not null)
        {
            foreach (var (code, user, who) in new[] { ("AL-DC-ZJ", "unitlead", "its unit leader"), ("AL-DC", "dcoffice", "the district's hotline office") })
            {
                if (await ScalarAsync<string>(data, $"SELECT path FROM units WHERE code = '{code}'") is { } path)
                {
                    cases.AddRange(Dashboards($"a unit's subtree ({code}, as {who}): ", user, year, period, month, startUtc, endUtc, path)
                        .Where(c => !c.Url.StartsWith("/api/assessment", StringComparison.Ordinal)));
                }
            }
        }

        var clients = new Dictionary<string, HttpClient> { ["leader"] = http };
        foreach (var (label, url, raw, user) in cases)
        {
            if (noFacts && url.StartsWith("/api/assessment", StringComparison.Ordinal))
            {
                continue;
            }

            if (!clients.TryGetValue(user, out var client))
            {
                clients[user] = client = await SignInAsync(address, user);
            }

            var api = await TimeManyAsync(runs, async () =>
            {
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            var sql = sqlite ? ForSqlite(raw) : raw;
            var plain = await TimeManyAsync(runs, () => RawAsync(sql));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | **{Measure.Ms(api.P50)}** | {Measure.Ms(api.P95)} | `{raw.Split(" FROM ")[0].Replace("SELECT ", string.Empty, StringComparison.Ordinal)}` | {Measure.Ms(plain.P50)} | {Measure.Ms(plain.P95)} |");
        }

        foreach (var client in clients.Values.Where(c => c != http))
        {
            client.Dispose();
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{generated}{runs} sequential requests per row after {runs / 3} of warm-up, as the leader (whole platform) unless the row says a unit's subtree, month {month:yyyy-MM}; the plain GROUP BY is the same period's count by the same key on one pooled Npgsql connection.");
        report.AppendLine(hasCursor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"The dashboards counted the orders: the facts' follower has no cursor yet (run `hotline rollups rebuild`); dashboard_counts holds {countRows:N0} rows.")
            : string.Create(CultureInfo.InvariantCulture, $"The dashboards read dashboard_counts ({countRows:N0} rows; {pendingEntries:N0} timeline entries after the facts' cursor, corrected in each read; above {Hotline.Features.Assessment.Dashboards.DashboardCountReader.PendingBound:N0} they would count the orders)."));
        Console.WriteLine(report);
        await app.StopAsync();
        if (data is not null)
        {
            await data.DisposeAsync();
        }

        if (sqlite)
        {
            sqliteConnection!.Close();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }

        return 0;
    }

    private static (long Rows, long Pending, long Cursor) Counts(NpgsqlDataSource? data, Microsoft.Data.Sqlite.SqliteConnection? sqlite, string sql)
    {
        using System.Data.Common.DbCommand command = data is not null ? data.CreateCommand(sql) : sqlite!.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static long Count(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM work_orders";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The same plain GROUP BY in SQLite's dialect (instants are text 'yyyy-MM-dd HH:mm:ss.fffffff').</summary>
    private static string ForSqlite(string sql)
    {
        sql = sql.Replace("(registered_at_utc + interval '8 hours')::date", "date(registered_at_utc, '+8 hours')", StringComparison.Ordinal)
            .Replace("now() - interval '68 weeks'", "datetime('now', '-476 days')", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(sql, @"'(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})[^']*'", "'$1 $2'");
    }

    /// <summary>Copies the demo orders until there are <paramref name="target"/>, spread over the two years before now (new numbers, new times).</summary>
    private static async Task FillAsync(NpgsqlDataSource data, int target)
    {
        var columns = new List<string>();
        await using (var command = data.CreateCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'work_orders' ORDER BY ordinal_position"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var select = string.Join(", ", columns.Select(c => c switch
        {
            "id" => $"nextval('{Hotline.Infrastructure.Data.HotlineDbContext.WorkOrderIdSequence}')", // ids come from the server's sequence (no column default)
            "number" => "'B' || lpad((nextval('bench_numbers'))::text, 12, '0')",
            "registered_at_utc" => "now() - make_interval(mins => (random() * 60 * 24 * 730)::int)",
            _ => $"\"{c}\"",
        }));
        await ExecAsync(data, "CREATE SEQUENCE IF NOT EXISTS bench_numbers");
        var seed = await ScalarAsync<long>(data, "SELECT count(*) FROM work_orders");
        if (seed == 0)
        {
            throw new InvalidOperationException("No demo orders to copy: run with the demo seed (Development).");
        }

        while (await ScalarAsync<long>(data, "SELECT count(*) FROM work_orders") is var count && count < target)
        {
            await ExecAsync(data, $"INSERT INTO work_orders ({list}) SELECT {select} FROM work_orders LIMIT {target - count}");
        }

        await ExecAsync(data, "VACUUM ANALYZE work_orders");
        await ExecAsync(data, "VACUUM ANALYZE work_order_co_units");
    }

    private static string Raw(string key, DateTime start, DateTime end, string where = "") =>
        $"SELECT {key}, count(*) FROM work_orders WHERE {where}registered_at_utc >= '{start:O}' AND registered_at_utc < '{end:O}' GROUP BY 1";

    /// <summary>Each dashboard's request and its plain GROUP BY, for the whole platform or (<paramref name="subtree"/>) the orders led in a unit's subtree.</summary>
    private static IEnumerable<(string Label, string Url, string Raw, string User)> Dashboards(
        string prefix, string user, string year, string period, DateOnly month, DateTime startUtc, DateTime endUtc, string? subtree = null)
    {
        var where = subtree is null ? string.Empty : $"lead_unit_path LIKE '{subtree}%' AND ";
        var cases = new (string Label, string Url, string Raw)[]
        {
            ("volume by week, 12 months, YoY + MoM", $"/api/dashboards/volume?grain=week&{year}",
                $"SELECT (registered_at_utc + interval '8 hours')::date, count(*) FROM work_orders WHERE {where}registered_at_utc >= '{Utc(month.AddMonths(-23)):O}' AND registered_at_utc < '{endUtc:O}' GROUP BY 1"),
            ("volume by day, 1 month", $"/api/dashboards/volume?grain=day&{period}",
                $"SELECT (registered_at_utc + interval '8 hours')::date, count(*) FROM work_orders WHERE {where}registered_at_utc >= '{Utc(month.AddMonths(-13)):O}' AND registered_at_utc < '{endUtc:O}' GROUP BY 1"),
            ("by channel", $"/api/dashboards/breakdown?dimension=channel&{period}", Raw("channel", startUtc, endUtc, where)),
            ("by request type", $"/api/dashboards/breakdown?dimension=requestType&{period}", Raw("request_type", startUtc, endUtc, where)),
            ("by category (top level)", $"/api/dashboards/breakdown?dimension=category&{period}", Raw("substr(category_code, 1, 2)", startUtc, endUtc, where)),
            ("by region (top level)", $"/api/dashboards/breakdown?dimension=region&{period}", Raw("substr(region_code, 1, 6)", startUtc, endUtc, where)),
            ("by unit (top level)", $"/api/dashboards/breakdown?dimension=unit&{period}", Raw("lead_unit_path", startUtc, endUtc, where)),
            ("hot categories rising", $"/api/dashboards/rising?{period}", Raw("category_code", Utc(month.AddMonths(-1)), endUtc, where)),
            ("assessment of all units, 1 month (IUnitScores, the 考核 table)", $"/api/assessment/scores?year={month.Year}&month={month.Month}", Raw("lead_unit_id", startUtc, endUtc, where)),
            ("forecast by category, 8 weeks", "/api/dashboards/forecast?dimension=category&weeks=8",
                $"SELECT (registered_at_utc + interval '8 hours')::date, substr(category_code, 1, 2), count(*) FROM work_orders WHERE {where}registered_at_utc >= now() - interval '68 weeks' GROUP BY 1, 2"),
        };
        return cases.Select(c => (prefix + c.Label, c.Url, c.Raw, user));
    }

    private static DateTime Utc(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).UtcDateTime;

    private static async Task<HttpClient> SignInAsync(Uri address, string user)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Hotline@12345" });
        login.EnsureSuccessStatusCode();
        return http;
    }

    private static async Task<(double P50, double P95)> TimeManyAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < Math.Max(1, runs / 3); i++)
        {
            await action();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await Measure.TimeAsync(action));
        }

        times.Sort();
        return (Measure.Percentile(times, 50), Measure.Percentile(times, 95));
    }

    private static async Task ExecAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 1200;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
