using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Assessment;

/// <summary>
/// Issue 17: the work-order list's .xlsx export (GET /api/work-orders/export) of 100,000 orders on PostgreSQL, through
/// Kestrel on loopback with cookie authentication, time to the last byte, beside the raw baseline of the same run
/// (the same columns of the same rows in the same order read with Npgsql, no workbook written), and the two writers the
/// project may use, MiniExcel (kept, <see cref="XlsxExport"/>) and the OpenXML SDK's SAX writer, on the same rows in memory.
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "work-order-export";

    public string Description => "GET /api/work-orders/export of 100,000 orders on PostgreSQL against reading the same rows raw; MiniExcel against the OpenXML SDK writer (--orders 100000 --runs 3)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var orders = context.GetInt("orders", 100_000);
        var runs = context.GetInt("runs", 3);
        var connectionString = await Measure.CreateDatabaseAsync("bench_export");
        await using var app = await BenchApp.BuildAsync(connectionString, new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinute"] = "100000",
            ["Seed:DemoWorkOrders"] = "false",
        }, start: true);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var data = NpgsqlDataSource.Create(connectionString);

        var load = Stopwatch.StartNew();
        await ExecAsync(data, await CompleteAsync(data, Fill(orders)));
        await ExecAsync(data, "VACUUM ANALYZE work_orders");
        Console.Error.WriteLine($"{orders:N0} orders loaded in {load.Elapsed.TotalSeconds:0.0} s");

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        using (var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = "Hotline@12345" }))
        {
            login.EnsureSuccessStatusCode();
        }

        var apiTimes = new List<double>();
        long bytes = 0;
        long rowsExported = 0;
        long peakHeap = 0;
        for (var i = 0; i <= runs; i++)
        {
            GC.Collect();
            var baseHeap = GC.GetTotalMemory(true);
            using var sampler = new HeapSampler();
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync("/api/work-orders/export", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var copy = new MemoryStream();
            await body.CopyToAsync(copy);
            watch.Stop();
            if (i == 0)
            {
                copy.Position = 0;
                rowsExported = MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true).LongCount();
                continue; // warm-up
            }

            apiTimes.Add(watch.Elapsed.TotalMilliseconds);
            bytes = copy.Length;
            peakHeap = Math.Max(peakHeap, sampler.Peak - baseHeap - copy.Length);
        }

        var rawTimes = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var time = await Measure.TimeAsync(async () =>
            {
                await using var command = data.CreateCommand(
                    "SELECT number, registered_at_utc, channel, request_type, urgency, category_code, subject, caller_name, caller_phone, caller_is_anonymous, " +
                    "caller_is_confidential, region_code, lead_unit_name, status, light, handling_due_utc, callback_due_utc FROM work_orders ORDER BY registered_at_utc DESC, id DESC");
                await using var reader = await command.ExecuteReaderAsync();
                var values = new object[17];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                }
            });
            if (i > 0)
            {
                rawTimes.Add(time);
            }
        }

        // The two writers on the same rows, already in memory: what writing the workbook alone costs.
        var viewer = new Actor(1, "周涛", new HashSet<Role> { Role.Supervisor }, 1, "热线中心", AccessScope.Platform);
        var rows = Enumerable.Range(0, orders).Select(SampleRow).ToList();
        var mini = new List<double>();
        var sdk = new List<double>();
        long miniBytes = 0, sdkBytes = 0;
        for (var i = 0; i <= runs; i++)
        {
            using var a = new MemoryStream();
            var t1 = Stopwatch.StartNew();
            XlsxExport.Write(a, WorkOrderExport.Sheet(rows, viewer), "工单列表");
            t1.Stop();
            using var b = new MemoryStream();
            var t2 = Stopwatch.StartNew();
            WriteWithOpenXml(b, WorkOrderExport.Sheet(rows, viewer));
            t2.Stop();
            if (i > 0)
            {
                mini.Add(t1.Elapsed.TotalMilliseconds);
                sdk.Add(t2.Elapsed.TotalMilliseconds);
                miniBytes = a.Length;
                sdkBytes = b.Length;
            }
        }

        var report = new StringBuilder();
        report.Append(Measure.Header($"Work-order export: {orders:N0} orders to .xlsx on PostgreSQL"));
        report.AppendLine();
        report.AppendLine("| what | median | best | size |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(Inv, $"| **API** `GET /api/work-orders/export` (supervisor, every order; to the last byte) | **{Median(apiTimes) / 1000:0.00} s** | {apiTimes.Min() / 1000:0.00} s | {bytes / 1048576.0:0.0} MiB, {rowsExported:N0} rows |");
        report.AppendLine(Inv, $"| raw baseline: the same 17 columns of the same rows in the same order, Npgsql, no workbook | {Median(rawTimes) / 1000:0.00} s | {rawTimes.Min() / 1000:0.00} s | |");
        report.AppendLine(Inv, $"| writer alone: MiniExcel (kept), rows in memory | {Median(mini) / 1000:0.00} s | {mini.Min() / 1000:0.00} s | {miniBytes / 1048576.0:0.0} MiB |");
        report.AppendLine(Inv, $"| writer alone: OpenXML SDK `OpenXmlWriter` (inline strings), rows in memory | {Median(sdk) / 1000:0.00} s | {sdk.Min() / 1000:0.00} s | {sdkBytes / 1048576.0:0.0} MiB |");
        report.AppendLine();
        report.AppendLine(Inv, $"{runs} runs each after one warm-up. Peak growth of the server's managed heap during an export (sampled every 10 ms, the client's copy of the file subtracted): {peakHeap / 1048576.0:0} MiB. Target: the API under 10 s.");
        Console.WriteLine(report);
        await app.StopAsync();
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static WorkOrderExport.Row SampleRow(int i) => new(
        string.Create(Inv, $"AL2026{i:D8}"), new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i), (Channel)(i % 10), (RequestType)(i % 5),
        i % 50 == 0 ? Urgency.Emergency : Urgency.Normal, "010101", "小区电梯长期停运无人维修，老人上下楼困难", "张三丰", "13812345678", false, i % 100 == 0,
        "990102001", "东城区住房和城乡建设委员会", (WorkOrderStatus)(i % 12), (Light)(i % 3), new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc), null);

    /// <summary>The same sheet through the OpenXML SDK's forward-only writer, cell by cell with inline strings.</summary>
    private static void WriteWithOpenXml(Stream stream, IEnumerable<IDictionary<string, object?>> rows)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            var first = true;
            foreach (var row in rows)
            {
                if (first)
                {
                    WriteRow(writer, row.Keys);
                    first = false;
                }

                WriteRow(writer, row.Values.Select(v => v?.ToString() ?? string.Empty));
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "工单列表" }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value))) { DataType = CellValues.InlineString });
        }

        writer.WriteEndElement();
    }

    /// <summary>Orders spread over the units and a year, in every status, with callers, one in fifty confidential.</summary>
    private static string Fill(int orders) => $"""
        WITH u AS (SELECT id, name, path, row_number() OVER (ORDER BY id) - 1 AS k FROM units),
             n AS (SELECT count(*) AS c FROM units)
        INSERT INTO work_orders (id, number, channel, request_type, category_code, urgency, caller_name, caller_phone, caller_is_anonymous, caller_is_confidential,
            region_code, subject, events, demand, attachments, status, registered_by_user_id, registered_by_name, registered_at_utc,
            lead_unit_id, lead_unit_path, lead_unit_name, dispatched_at_utc, handling_due_utc, deadline_provisional, light, first_response_reminded, dispatch_count, return_count,
            redo_count, extension_count, reminder_count, returned_late, replied_late, returns, extensions, progress_reports, co_replies, replies, callbacks,
            reminders, callback_unsatisfied, callback_unreachable, is_repeat_after_closure, version)
        SELECT g, 'AL2026' || lpad(g::text, 8, '0'), (ARRAY['Phone','WeChat','App','Web'])[1 + g % 4], (ARRAY['Inquiry','HelpRequest','Complaint','Report','Suggestion'])[1 + g % 5],
            '010101', 'Normal', '张三丰', '138' || lpad((g % 100000000)::text, 8, '0'), FALSE, g % 50 = 0,
            '990102001', '小区电梯长期停运无人维修，老人上下楼困难', '小区3栋电梯停运两周，多次找物业无人处理。', '请尽快督促物业修复电梯。', '[]',
            (ARRAY['Dispatched','InProgress','Replied','AwaitingCallback','Closed'])[1 + g % 5], 1, '王芳', now() - make_interval(mins => g * 5),
            u.id, u.path, u.name, now() - make_interval(mins => g * 5) + interval '1 hour', now() - make_interval(mins => g * 5) + interval '7 days', FALSE,
            (ARRAY['None','Yellow','Red'])[1 + g % 3], FALSE, 1, 0, 0, 0, 0, FALSE, FALSE, '[]', '[]', '[]', '[]', '[]', '[]', '[]', FALSE, FALSE, FALSE, 1
        FROM generate_series(1, {orders}) g, n JOIN u ON TRUE WHERE u.k = g % n.c;
        SELECT setval('{Hotline.Infrastructure.Data.HotlineDbContext.WorkOrderIdSequence}', {orders + 1000});
        """;

    /// <summary>
    /// Adds to the fill the required columns it does not name (the table grows with every issue): false, zero, an empty
    /// text or an empty JSON list, by the column's type.
    /// </summary>
    private static async Task<string> CompleteAsync(NpgsqlDataSource data, string fill)
    {
        var named = fill[(fill.IndexOf("INSERT INTO work_orders (", StringComparison.Ordinal) + 25)..fill.IndexOf(')', fill.IndexOf("INSERT INTO work_orders (", StringComparison.Ordinal))]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var extraColumns = new List<string>();
        var extraValues = new List<string>();
        await using var command = data.CreateCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'work_orders' AND is_nullable = 'NO' AND column_default IS NULL ORDER BY ordinal_position");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (column, type) = (reader.GetString(0), reader.GetString(1));
            if (named.Contains(column))
            {
                continue;
            }

            extraColumns.Add(column);
            extraValues.Add(type switch
            {
                "boolean" => "FALSE",
                "integer" or "bigint" or "smallint" or "numeric" or "double precision" or "real" => "0",
                "jsonb" or "json" => "'[]'",
                "timestamp with time zone" or "timestamp without time zone" => "now()",
                _ => "''",
            });
        }

        if (extraColumns.Count == 0)
        {
            return fill;
        }

        return fill.Replace("is_repeat_after_closure, version)", $"is_repeat_after_closure, version, {string.Join(", ", extraColumns)})", StringComparison.Ordinal)
            .Replace("FALSE, FALSE, FALSE, 1\n", $"FALSE, FALSE, FALSE, 1, {string.Join(", ", extraValues)}\n", StringComparison.Ordinal);
    }

    private static async Task ExecAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The managed heap's largest size while it lives, sampled every 10 ms.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public HeapSampler() => _timer = new Timer(_ => Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false))), null, 0, 10);

        public long Peak => Interlocked.Read(ref _peak);

        public void Dispose() => _timer.Dispose();
    }
}
