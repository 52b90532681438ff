using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Seeding;
using Hotline.Seeding.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Assessment;

/// <summary>
/// Issue 17: the assessment facts and rollups rebuild (<c>hotline rollups rebuild</c>) in orders/s on generated history,
/// PostgreSQL and SQLite, in one run: the previous way (EF-tracked inserts in batches of 500, on the first
/// <c>--old</c> orders, rolled back), the new way (streamed reads, binary COPY overlapped with the reads, the facts'
/// secondary indexes made after the load) and two of its variants (indexes kept; reads and COPY taking turns), and a raw
/// baseline: the binary COPY of the same fact rows alone, in memory beforehand.
/// </summary>
public sealed class RebuildBenchmark : IBenchmark
{
    public string Name => "rollups";

    public string Description => "the facts and rollups rebuild, old way vs new way vs raw COPY of the facts (--orders 200000 --old 20000 --sqlite 100000 --sqlite-old 10000 --seed 1)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var orders = context.GetInt("orders", 200_000);
        var oldOrders = context.GetInt("old", 20_000);
        var sqliteOrders = context.GetInt("sqlite", 100_000);
        var sqliteOld = context.GetInt("sqlite-old", 10_000);
        var seed = context.GetInt("seed", 1);
        var lines = new List<string>();

        if (orders > 0)
        {
            await PostgresAsync(lines, orders, oldOrders, seed);
        }

        var file = Path.Combine(Path.GetTempPath(), $"bench-rollups-{Guid.NewGuid():N}.db");
        var sqliteLines = new List<string>();
        await using (var app = await BenchApp.BuildAsync($"Data Source={file}", new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" }))
        {
            var generated = await GenerateAsync(app, sqliteOrders, seed);
            sqliteLines.Add(Row("generated (prepared inserts; not part of the rebuild)", generated.Orders, generated.Seconds, null));
            sqliteLines.Add(Row($"old way: EF-tracked inserts, batches of 500 (first {sqliteOld:#,0} orders, rolled back)", await OldWayAsync(app, sqliteOld)));
            sqliteLines.Add(Row("**new way** (`hotline rollups rebuild`: multi-row prepared inserts, one transaction)", await TimedAsync(() => app.Services.GetRequiredService<AssessmentFollower>().RebuildAsync(default).ContinueWith(t => t.Result ?? 0, TaskScheduler.Default))));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);

        Console.WriteLine(Measure.Header($"Facts and rollups rebuild — `bench/run.sh rollups --orders {orders} --old {oldOrders} --sqlite {sqliteOrders} --sqlite-old {sqliteOld} --seed {seed}`"));
        Console.WriteLine("PostgreSQL:\n\n| measure | orders | facts | seconds | orders/s |\n|---|---:|---:|---:|---:|");
        lines.ForEach(Console.WriteLine);
        Console.WriteLine("\nSQLite:\n\n| measure | orders | facts | seconds | orders/s |\n|---|---:|---:|---:|---:|");
        sqliteLines.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task PostgresAsync(List<string> lines, int orders, int oldOrders, int seed)
    {
        var connectionString = await Measure.CreateDatabaseAsync("bench_rollups");
        await using var app = await BenchApp.BuildAsync(connectionString);
        var generated = await GenerateAsync(app, orders, seed);
        lines.Add(Row("generated (binary COPY; not part of the rebuild)", generated.Orders, generated.Seconds, null));
        await ExecuteAsync(connectionString, "VACUUM ANALYZE");
        lines.Add(Row($"old way: EF-tracked inserts, batches of 500 (first {oldOrders:#,0} orders, rolled back)", await OldWayAsync(app, oldOrders)));
        lines.Add(Row("**new way** (`hotline rollups rebuild`: reads overlapped with the COPY, indexes made after)", await TimedAsync(() => app.Services.GetRequiredService<AssessmentFollower>().RebuildAsync(default).ContinueWith(t => t.Result ?? 0, TaskScheduler.Default))));
        lines.Add(Row("new way, facts' secondary indexes kept during the load", await TimedAsync(() => DirectAsync(app, overlapped: true, dropIndexes: false))));
        lines.Add(Row("new way, reads and COPY taking turns on one connection", await TimedAsync(() => DirectAsync(app, overlapped: false, dropIndexes: true))));
        lines.Add(Row("raw baseline: binary COPY of the same fact rows alone (in memory beforehand; indexes made after)", await RawCopyAsync(app, connectionString)));
    }

    private static string Row(string what, (long Orders, double Seconds, long? Facts) r) => Row(what, r.Orders, r.Seconds, r.Facts);

    private static string Row(string what, long orders, double seconds, long? facts) =>
        string.Create(CultureInfo.InvariantCulture, $"| {what} | {orders:#,0} | {facts:#,0} | {seconds:0.0} | {orders / Math.Max(seconds, 0.001):#,0} |");

    private static async Task<(long Orders, double Seconds)> GenerateAsync(WebApplication app, int orders, int seed)
    {
        await DemoData.SeedAsync(app.Services, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var options = HistoryOptions.Create(orders, seed, null, ChinaTime.LocalDate(now), false, now) with { AfterLoad = false };
        var result = await HistoryGenerator.RunAsync(app.Services, options, HistoryProgress.Console(orders), CancellationToken.None);
        return (result.Orders, result.Elapsed.TotalSeconds);
    }

    private static async Task<(long Orders, double Seconds, long? Facts)> TimedAsync(Func<Task<long>> rebuild)
    {
        var watch = Stopwatch.StartNew();
        var read = await rebuild();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"rebuilt {read:#,0} orders in {seconds:0.0} s");
        return (read, seconds, null);
    }

    private static async Task<long> DirectAsync(WebApplication app, bool overlapped, bool dropIndexes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var readerScope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var reader = overlapped && db.IsPostgres ? readerScope.ServiceProvider.GetRequiredService<HotlineDbContext>() : null;
        return await new AssessmentFactWriter(db).RebuildAsync(reader, null, CancellationToken.None, dropIndexes);
    }

    /// <summary>The rebuild as it was before (git history of AssessmentFactWriter), on the first <paramref name="limit"/> orders, rolled back.</summary>
    private static async Task<(long Orders, double Seconds, long? Facts)> OldWayAsync(WebApplication app, int limit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var watch = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Set<AssessmentRollupRow>().ExecuteDeleteAsync();
        await db.Set<AssessmentFactRow>().ExecuteDeleteAsync();
        long after = 0;
        long read = 0;
        while (read < limit)
        {
            var ids = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id > after).OrderBy(w => w.Id).Select(w => w.Id).Take(500).ToListAsync();
            if (ids.Count == 0)
            {
                break;
            }

            var batch = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync();
            var assessment = await AssessmentContext.LoadAsync(db, default);
            db.AddRange(batch.SelectMany(o => AssessmentFacts.Of(o, assessment.RulesFor(o))).Select(AssessmentFactRow.From));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            after = ids[^1];
            read += ids.Count;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();
        Console.Error.WriteLine($"old way: {read:#,0} orders in {seconds:0.0} s");
        return (read, seconds, null);
    }

    /// <summary>The same fact rows (read back after the rebuild, as the model writes them) copied alone into the emptied table, rolled back.</summary>
    private static async Task<(long Orders, double Seconds, long? Facts)> RawCopyAsync(WebApplication app, string connectionString)
    {
        HistoryTable table;
        List<object?[]> rows;
        long orders;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            table = HistoryRows.ScalarTable(db.Model.FindEntityType(typeof(AssessmentFactRow))!);
            var facts = await db.Set<AssessmentFactRow>().AsNoTracking().ToListAsync();
            rows = facts.ConvertAll(f =>
            {
                var row = new object?[table.Columns.Count];
                table.Fill(f, row, null);
                return row;
            });
            orders = facts.Count(f => f.UnitId == 0);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var truncate = new NpgsqlCommand("TRUNCATE assessment_facts", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        var indexes = await HistoryIndexes.DropAsync(connection, transaction, CancellationToken.None, ["assessment_facts"]);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(50_000))
        {
            PostgresHistoryWriter.Copy(connection, table, chunk);
        }

        await indexes.RecreateAsync(connection, transaction, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();
        Console.Error.WriteLine($"raw COPY: {rows.Count:#,0} facts in {seconds:0.0} s");
        return (orders, seconds, rows.Count);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
