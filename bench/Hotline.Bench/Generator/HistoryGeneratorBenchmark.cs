using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Hotline.Seeding;
using Hotline.Seeding.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Generator;

/// <summary>
/// Issue 17: the history generator's rate on PostgreSQL (orders/s, rows/s) against a raw binary COPY of the same rows
/// (generated beforehand into memory, only the COPY timed) in the same run, the producer alone (living the orders
/// through the domain and making rows, nothing written), and SQLite's rate.
/// </summary>
public sealed class HistoryGeneratorBenchmark : IBenchmark
{
    public string Name => "generate";

    public string Description => "hotline generate on PostgreSQL against raw binary COPY of the same rows, and on SQLite (--orders 1000000 --baseline 100000 --sqlite 200000 --seed 1)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var orders = context.GetInt("orders", 1_000_000);
        var baseline = context.GetInt("baseline", 100_000);
        var sqliteOrders = context.GetInt("sqlite", 200_000);
        var seed = context.GetInt("seed", 1);
        var now = DateTimeOffset.UtcNow;
        var to = ChinaTime.LocalDate(now);

        var connectionString = await Measure.CreateDatabaseAsync("bench_generate");
        await using var app = await BenchApp.BuildAsync(connectionString);
        await DemoData.SeedAsync(app.Services, CancellationToken.None);

        // 1. The producer alone, its rows kept in memory for the raw COPY.
        var world = await HistoryWorld.LoadAsync(app.Services, CancellationToken.None);
        HistoryRows rows;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            rows = new HistoryRows(scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Model, postgres: true);
        }

        // The baseline's rows are made as the generator makes them at the run's size (the same share of stamped orders).
        var stamp = context.GetInt("stamp", HistoryOptions.DefaultStampEvery(orders));
        var baselineOptions = HistoryOptions.Create(baseline, seed, null, to, false, now, stamp);
        var batches = new List<HistoryBatch>();
        var channel = Channel.CreateUnbounded<HistoryBatch>();
        var day = new Dictionary<string, long>(StringComparer.Ordinal);
        // After the demo orders; the numbers of the baseline's rows take their own prefix (the rows are truncated after).
        long id;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var max = new NpgsqlCommand("SELECT GREATEST(COALESCE(MAX(id), 0), (SELECT last_value + 10 FROM work_order_ids)) FROM work_orders", connection);
            id = (long)(await max.ExecuteScalarAsync())!;
        }

        (long, string) Allocate(DateTime at)
        {
            var key = ChinaTime.LocalDate(new DateTimeOffset(at)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            day[key] = day.GetValueOrDefault(key) + 1;
            return (++id, string.Create(CultureInfo.InvariantCulture, $"BX{key}{day[key]:D6}"));
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var produce = Stopwatch.StartNew();
        await HistoryGenerator.ProduceAsync(world, baselineOptions, baselineOptions.EndUtc(now), Allocate, channel.Writer, CancellationToken.None);
        channel.Writer.Complete();
        await foreach (var b in channel.Reader.ReadAllAsync())
        {
            batches.Add(b);
        }

        var produceSeconds = produce.Elapsed.TotalSeconds;
        var produceCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var materialise = Stopwatch.StartNew();
        foreach (var b in batches)
        {
            b.Materialise(rows);
        }

        var materialiseSeconds = materialise.Elapsed.TotalSeconds;
        var materialiseCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var baselineRows = batches.Sum(b => b.RowCount);
        // The same rows as object arrays in memory (stamps expanded), outside the timing.
        var tables = new[] { rows.Orders, rows.Events, rows.CoUnits };
        var expanded = tables.Select((_, t) => batches.SelectMany(b => b.RowsOf(t)).ToList()).ToArray();
        Console.Error.WriteLine($"produced {baseline:#,0} orders ({baselineRows:#,0} rows) in {produceSeconds:0.0} s");

        // 2. Raw binary COPY of those rows, nothing else timed.
        double copySeconds, baselineIndexSeconds;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                // Measured as the generator loads: secondary indexes and foreign keys dropped, made again after the COPY.
                var indexes = await HistoryIndexes.DropAsync(connection, transaction, CancellationToken.None);
                var copy = Stopwatch.StartNew();
                for (var t = 0; t < tables.Length; t++)
                {
                    foreach (var chunk in expanded[t].Chunk(50_000))
                    {
                        PostgresHistoryWriter.Copy(connection, tables[t], chunk);
                    }
                }

                copySeconds = copy.Elapsed.TotalSeconds;
                await indexes.RecreateAsync(connection, transaction, CancellationToken.None);
                baselineIndexSeconds = indexes.Rebuilt.TotalSeconds;
                await transaction.CommitAsync();
            }

            expanded = [];
            batches.Clear();
            foreach (var sql in new[] { "TRUNCATE work_orders CASCADE", "VACUUM ANALYZE work_orders, work_order_events, work_order_co_units" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        Console.Error.WriteLine($"raw COPY of {baselineRows:#,0} rows in {copySeconds:0.0} s");

        // 3. The generator, end to end, on PostgreSQL.
        var busy = Measure.MachineBusy();
        var result = await HistoryGenerator.RunAsync(app.Services, HistoryOptions.Create(orders, seed, null, to, false, now, stamp), HistoryProgress.Console(orders), CancellationToken.None);
        var machineCpu = Measure.MachineBusyMs(busy, Measure.MachineBusy()) / 1000;
        long size;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            size = (long)(await command.ExecuteScalarAsync())!;
        }

        // 4. SQLite.
        var file = Path.Combine(Path.GetTempPath(), $"bench-generate-{Guid.NewGuid():N}.db");
        HistoryResult sqlite;
        await using (var sqliteApp = await BenchApp.BuildAsync($"Data Source={file}", new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" }))
        {
            await DemoData.SeedAsync(sqliteApp.Services, CancellationToken.None);
            sqlite = await HistoryGenerator.RunAsync(sqliteApp.Services, HistoryOptions.Create(sqliteOrders, seed, null, to, false, now, stamp), HistoryProgress.Console(sqliteOrders), CancellationToken.None);
        }

        var sqliteSize = new FileInfo(file).Length;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);

        double PerSecond(double count, double seconds) => count / Math.Max(seconds, 0.001);
        var generatorRows = PerSecond(result.Rows, result.Elapsed.TotalSeconds);
        var rawRows = PerSecond(baselineRows, copySeconds + baselineIndexSeconds);
        Console.WriteLine(Measure.Header($"History generator — `bench/run.sh generate --orders {orders} --baseline {baseline} --sqlite {sqliteOrders} --seed {seed} --stamp {stamp}`"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measure | orders | rows | seconds | orders/s | rows/s |
            |---|---:|---:|---:|---:|---:|
            | generator, PostgreSQL (binary COPY, producer and writer overlapping; indexes remade) | {result.Orders:#,0} | {result.Rows:#,0} | {result.Elapsed.TotalSeconds:0.0} | {PerSecond(result.Orders, result.Elapsed.TotalSeconds):#,0} | {generatorRows:#,0} |
            | of which: indexes and foreign keys made again | | | {result.Indexes.TotalSeconds:0.0} | | |
            | raw binary COPY of the same kind of rows, in memory beforehand (baseline; indexes remade) | {baseline:#,0} | {baselineRows:#,0} | {copySeconds + baselineIndexSeconds:0.0} | {PerSecond(baseline, copySeconds + baselineIndexSeconds):#,0} | {rawRows:#,0} |
            | of which: indexes and foreign keys made again | | | {baselineIndexSeconds:0.0} | | |
            | producer alone (orders lived through the domain, no rows) | {baseline:#,0} | {baselineRows:#,0} | {produceSeconds:0.0} | {PerSecond(baseline, produceSeconds):#,0} | {PerSecond(baselineRows, produceSeconds):#,0} |
            | rows alone (columns read from the model, JSON written) | {baseline:#,0} | {baselineRows:#,0} | {materialiseSeconds:0.0} | {PerSecond(baseline, materialiseSeconds):#,0} | {PerSecond(baselineRows, materialiseSeconds):#,0} |
            | generator, SQLite (prepared inserts; facts and rollups after: {sqlite.AfterLoad.TotalSeconds:0.0} s) | {sqlite.Orders:#,0} | {sqlite.Rows:#,0} | {sqlite.Elapsed.TotalSeconds:0.0} | {PerSecond(sqlite.Orders, sqlite.Elapsed.TotalSeconds):#,0} | {PerSecond(sqlite.Rows, sqlite.Elapsed.TotalSeconds):#,0} |

            After the load (not in the rates above): ANALYZE, facts and rollups rebuilt in {result.AfterLoad.TotalSeconds:0.0} s. One order in {stamp} lived through the domain, the others stamped.
            Generator / raw COPY (rows/s): **{generatorRows / rawRows:0.00}**. CPU per order: domain {produceCpu / baseline * 1e6:0} µs, rows {materialiseCpu / baseline * 1e6:0} µs.
            Machine CPU busy during the PostgreSQL run (all processes): {machineCpu:0} s of {result.Elapsed.TotalSeconds * Environment.ProcessorCount:0} s available.
            PostgreSQL database after {result.Orders:#,0} orders: {size / 1048576.0:#,0} MiB; SQLite file after {sqlite.Orders:#,0}: {sqliteSize / 1048576.0:#,0} MiB.
            """));
        return 0;
    }
}
