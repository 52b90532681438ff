using System.Diagnostics;
using System.Globalization;
using Hotline.Bench.SmartDispatch;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Seeding;
using Hotline.Seeding.History;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Bench.WorkOrders;

/// <summary>
/// Issue 19: what storing the entities on the work order costs. (1) Extraction per order on the shared citizens' messages
/// beside text normalisation alone (the raw baseline: the extractor normalises first); (2) the registration write path on
/// PostgreSQL (the group-commit writer, as in work-order-intake's write floor) with the entities stored and without, in
/// alternating rounds of the same run; (3) the backfill's rate (and the re-extraction's, <c>--all</c>) over generated
/// orders beside a plain keyset scan of the same text columns (what the backfill reads, without extraction or writes).
/// </summary>
public sealed class EntityBenchmark : IBenchmark
{
    public string Name => "work-order-entities";

    public string Description => "Entities on the work order: extraction µs/order vs normalisation, registration with/without entities stored (PostgreSQL), backfill and --all orders/s (--seconds 10 --clients 16 --rounds 2 --orders 100000 --batch 2000 --datasets <folder>)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var seconds = context.GetInt("seconds", 10);
        var clients = context.GetInt("clients", 16);
        var rounds = context.GetInt("rounds", 2);
        var generated = context.GetInt("orders", 100_000);
        var batch = context.GetInt("batch", 2000);

        var messages = Datasets.Messages(context).Select(m => m.Text).Where(t => t.Length > 0).ToList();
        var extractor = new WorkOrderEntityExtractor();
        var (normaliseUs, extractUs, perOrder, withAny) = Extraction(messages, extractor);

        var connectionString = await Measure.CreateDatabaseAsync("bench_entities");
        await using var app = await BenchApp.BuildAsync(connectionString, backgroundJobs: false);
        await DemoData.SeedAsync(app.Services, CancellationToken.None);
        var store = app.Services.GetRequiredService<WorkOrderEntityExtractor>();
        var results = new List<(bool Stored, Load Result)>();
        await WriteAsync(app.Services, messages, clients, TimeSpan.FromSeconds(Math.Min(seconds, 5))); // warm-up
        for (var r = 0; r < rounds; r++)
        {
            foreach (var stored in new[] { false, true })
            {
                store.Store = stored;
                Console.Error.WriteLine($"round {r + 1}: registrations with entities {(stored ? "stored" : "not stored")} for {seconds} s…");
                results.Add((stored, await WriteAsync(app.Services, messages, clients, TimeSpan.FromSeconds(seconds))));
            }
        }

        store.Store = true;

        Console.Error.WriteLine($"generating {generated:N0} orders…");
        var to = ChinaTime.LocalDate(DateTimeOffset.UtcNow);
        var history = await HistoryGenerator.RunAsync(
            app.Services, HistoryOptions.Create(generated, 1, null, to, false, DateTimeOffset.UtcNow, HistoryOptions.DefaultStampEvery(generated)), HistoryProgress.Console(generated), CancellationToken.None);
        var afterId = history.FirstId - 1;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // `hotline generate` stores its orders' entities itself: without them they are as orders from before M0074.
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            await db.Set<WorkOrderEntity>().Where(e => e.WorkOrderId > afterId).ExecuteDeleteAsync();
        }

        Console.Error.WriteLine("scanning the generated orders' text (baseline)…");
        var scan = Stopwatch.StartNew();
        var scanned = await ScanAsync(app.Services, afterId, batch);
        var scanSeconds = scan.Elapsed.TotalSeconds;
        Console.Error.WriteLine("backfilling…");
        var fill = Stopwatch.StartNew();
        var done = await EntityBackfill.RunAsync(app.Services, extractor.Current, batch, afterId, null, CancellationToken.None);
        var fillSeconds = fill.Elapsed.TotalSeconds;
        var again = Stopwatch.StartNew();
        var second = await EntityBackfill.RunAsync(app.Services, extractor.Current, batch, afterId, null, CancellationToken.None);
        var againSeconds = again.Elapsed.TotalSeconds;
        Console.Error.WriteLine("re-extracting every order (--all)…");
        var redo = Stopwatch.StartNew();
        var all = await EntityBackfill.RunAsync(app.Services, extractor.Current, batch, afterId, null, CancellationToken.None, all: true);
        var redoSeconds = redo.Elapsed.TotalSeconds;
        Console.Error.WriteLine("the servers' job after a change of the reading…");
        var job = app.Services.GetRequiredService<EntityRereadJob>();
        _ = await job.RunOnceAsync(); // records the reading (the table starts empty)
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // As after an upgrade whose rules differ: the recorded reading is not the one the job makes now.
            await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<EntityReading>().ExecuteUpdateAsync(u => u.SetProperty(r => r.Reading, "rules 0; names 0"));
        }

        var rerun = Stopwatch.StartNew();
        var reread = (await job.RunOnceAsync())?.Reread ?? throw new InvalidOperationException("the job did not read the orders again");
        var rereadSeconds = rerun.Elapsed.TotalSeconds;
        // What a registration meets while the job reads every order again in a loop: registrations alone, then beside the
        // job with its batch and with the command's.
        var beside = new List<(string Label, Load Result, int Runs)>();
        foreach (var size in Enumerable.Range(0, rounds).SelectMany(_ => new[] { 0, EntityRereadJob.Batch, batch }))
        {
            Console.Error.WriteLine($"registrations for {seconds} s {(size == 0 ? "alone" : $"while the job reads every order again in batches of {size}")}…");
            using var stop = new CancellationTokenSource();
            var loop = size == 0 ? Task.FromResult(0) : Task.Run(async () =>
            {
                var runs = 0;
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        runs++;
                        _ = await job.RunOnceAsync(force: true, batch: size, ct: stop.Token);
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    // The round ended during a run (cancelled mid-batch): counted as begun. Any other failure ends the bench.
                }

                return runs;
            });
            var load = await WriteAsync(app.Services, messages, clients, TimeSpan.FromSeconds(seconds));
            await stop.CancelAsync();
            beside.Add((size == 0 ? "alone" : string.Create(CultureInfo.InvariantCulture, $"beside the job, batches of {size:N0}"), load, await loop));
        }

        var everyOrder = new List<(int Batch, EntityBackfillProgress Done, double Seconds)>();
        var named = await EntityNames.LoadAsync(app.Services, CancellationToken.None); // the job's extractor (the units' names too)
        foreach (var size in new[] { batch, EntityRereadJob.Batch })
        {
            var watch = Stopwatch.StartNew(); // the job's set (every order), by the command's loop alone: no reading, no progress recorded
            var pass = await EntityBackfill.RunAsync(app.Services, named, size, 0, null, CancellationToken.None, all: true);
            everyOrder.Add((size, pass, watch.Elapsed.TotalSeconds));
        }

        Console.WriteLine(Measure.Header("Entities on the work order (issue 19)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Extraction on the shared messages ({messages.Count:N0} texts, mean {messages.Average(m => m.Length):0} characters; patterns, no dictionary file; median of 5 passes, one thread):

            | step | per order |
            |---|---|
            | text normalisation alone (raw baseline) | {normaliseUs:0.0} µs |
            | entity extraction (normalisation, dictionary, patterns, the storable filter) | **{extractUs:0.0} µs** |

            {perOrder:0.00} entities per message; {withAny:P0} of the messages name at least one.

            Registration write path on PostgreSQL (fsync off): {clients} tasks hand registrations (text from the messages) to the
            group-commit writer, {seconds} s per round, rounds alternating:

            | round | entities | registrations/s | p50 | p99 | process CPU per registration |
            |---|---|---|---|---|---|
            """));
        for (var i = 0; i < results.Count; i++)
        {
            var (stored, load) = results[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(i / 2) + 1} | {(stored ? "stored" : "not stored")} | {Measure.Rate(load.PerSecond)} | {Measure.Ms(load.P50)} | {Measure.Ms(load.P99)} | {load.CpuMs:0.00} ms |"));
        }

        double Mean(bool stored) => results.Where(r => r.Stored == stored).Average(r => r.Result.PerSecond);
        double Cpu(bool stored) => results.Where(r => r.Stored == stored).Average(r => r.Result.CpuMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Mean: {Measure.Rate(Mean(true))} with entities against {Measure.Rate(Mean(false))} without ({(Mean(true) / Mean(false)) - 1:+0.0%;-0.0%}); process CPU
            {Cpu(true):0.00} ms per registration with entities against {Cpu(false):0.00} ms without ({Cpu(true) - Cpu(false):+0.00;-0.00} ms).

            Backfill over {history.Orders:N0} generated orders (`hotline generate`, seed 1), batches of {batch:N0}:

            | step | orders | time | orders/s |
            |---|---|---|---|
            | keyset scan of the same text columns (raw baseline) | {scanned:N0} | {scanSeconds:0.0} s | {Measure.Rate(scanned / scanSeconds)} |
            | `EntityBackfill` (read, extract on all cores, insert) | {done.Scanned:N0} ({done.Changed:N0} given {done.Added:N0} entities) | {fillSeconds:0.0} s | **{Measure.Rate(done.Scanned / fillSeconds)}** |
            | the same run again (reads the orders without entities, writes nothing) | {second.Scanned:N0} ({second.Added:N0} entities) | {againSeconds:0.0} s | {Measure.Rate(second.Scanned / Math.Max(againSeconds, 0.001))} |
            | `--all` (locks, reads and extracts every order, compares with its rows; none differ) | {all.Scanned:N0} ({all.Changed:N0} changed) | {redoSeconds:0.0} s | **{Measure.Rate(all.Scanned / redoSeconds)}** |
            | the servers' `EntityRereadJob` after a change of the reading (every order incl. the registrations above, batches of {EntityRereadJob.Batch}, progress recorded after each) | {reread.Scanned:N0} ({reread.Changed:N0} changed) | {rereadSeconds:0.0} s | **{Measure.Rate(reread.Scanned / rereadSeconds)}** |
            {string.Join("\n", everyOrder.Select(e => FormattableString.Invariant($"| the command's loop over the same orders as the job, batches of {e.Batch:N0} | {e.Done.Scanned:N0} ({e.Done.Changed:N0} changed) | {e.Seconds:0.0} s | {Measure.Rate(e.Done.Scanned / e.Seconds)} |")))}

            The machine was shared with other builders and benchmarks during the run (2 cores): compare the rows of one run only.

            Registrations ({clients} tasks, {seconds} s each, {rounds} rounds alternating) alone and while the job reads every order again in a loop (runs = passes over every order begun):

            | registrations | registrations/s | p50 | p99 | job runs |
            |---|---|---|---|---|
            {string.Join("\n", beside.Select(b => FormattableString.Invariant($"| {b.Label} | {Measure.Rate(b.Result.PerSecond)} | {Measure.Ms(b.Result.P50)} | {Measure.Ms(b.Result.P99)} | {b.Runs} |")))}
            """));
        return 0;
    }

    /// <summary>Median over 5 passes of the µs per text for normalisation alone and for the extraction.</summary>
    private static (double NormaliseUs, double ExtractUs, double PerOrder, double WithAny) Extraction(List<string> texts, WorkOrderEntityExtractor extractor)
    {
        var normalise = new List<double>();
        var extract = new List<double>();
        long found = 0, any = 0;
        var sink = 0;
        for (var pass = 0; pass < 6; pass++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var t in texts)
            {
                sink += TextNormalizer.Normalize(WorkOrderText.Of(string.Empty, t, string.Empty)).Length;
            }

            normalise.Add(watch.Elapsed.TotalMicroseconds / texts.Count);
            watch.Restart();
            found = any = 0;
            foreach (var t in texts)
            {
                var n = extractor.Of(string.Empty, t, string.Empty).Count;
                found += n;
                any += n > 0 ? 1 : 0;
            }

            extract.Add(watch.Elapsed.TotalMicroseconds / texts.Count);
        }

        GC.KeepAlive(sink);
        // The first pass warms the JIT and is left out.
        return (Median(normalise.Skip(1)), Median(extract.Skip(1)), found / (double)texts.Count, any / (double)texts.Count);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <param name="CpuMs">This process's CPU per registration (writer, EF, Npgsql, extraction; the database's own is not in it): less moved by the other builders' load than the rate.</param>
    private sealed record Load(int Count, double PerSecond, double P50, double P99, double CpuMs);

    private static async Task<Load> WriteAsync(IServiceProvider services, List<string> texts, int clients, TimeSpan duration)
    {
        var writer = services.GetRequiredService<RegistrationWriter>();
        var clocks = services.GetRequiredService<WorkOrderClocks>();
        var numbers = services.GetRequiredService<WorkOrderNumbers>();
        var agent = await BenchApp.AgentAsync(services);

        var latencies = new List<double>[clients];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
            {
                var text = texts[((c * 7919) + n) % texts.Count];
                var content = new WorkOrderContent(
                    Channel.Phone, RequestType.Complaint, "010101", Urgency.Normal, new Caller("市民" + c, string.Create(CultureInfo.InvariantCulture, $"138{c:D2}{n % 1000000:D6}"), false, false),
                    new Location("990102001", "东华街道", null, null, null), Cut(text, 40), Cut(text, 4000), "请处理。", null, null, null, null, []);
                var t = Stopwatch.GetTimestamp();
                var clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency);
                var number = await numbers.NextAsync(clock.Now, CancellationToken.None);
                await writer.WriteAsync(WorkOrder.Register(number, content, agent, clock), CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var elapsed = started.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Load(all.Count, all.Count / elapsed, Measure.Percentile(all, 50), Measure.Percentile(all, 99), (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / all.Count);
    }

    /// <summary>At most <paramref name="length"/> characters, never half a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>What the backfill reads, alone: the text columns of the orders after <paramref name="afterId"/>, by id, in batches.</summary>
    private static async Task<long> ScanAsync(IServiceProvider services, long afterId, int batch)
    {
        long count = 0, last = afterId;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var rows = await db.Set<WorkOrder>().AsNoTracking().IgnoreAutoIncludes().Where(w => w.Id > last).OrderBy(w => w.Id).Take(batch)
                .Select(w => new { w.Id, w.Subject, w.Events, w.Demand }).ToListAsync();
            if (rows.Count == 0)
            {
                return count;
            }

            count += rows.Count;
            last = rows[^1].Id;
        }
    }
}
