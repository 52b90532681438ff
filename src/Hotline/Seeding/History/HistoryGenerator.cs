using System.Globalization;
using System.Threading.Channels;
using Hotline.Domain.Calendar;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Seeding.History;

/// <summary>What a run wrote: the orders (ids <see cref="FirstId"/>..<see cref="LastId"/>), entries and co-units, and the time it took.</summary>
public sealed record HistoryResult(long Orders, long Events, long CoUnits, long FirstId, long LastId, DateOnly From, DateOnly To, TimeSpan Elapsed)
{
    public long Rows => Orders + Events + CoUnits;

    /// <summary>Of <see cref="Elapsed"/>: making the dropped indexes and foreign keys again (PostgreSQL bulk loads).</summary>
    public TimeSpan Indexes { get; init; }

    /// <summary>After <see cref="Elapsed"/>: ANALYZE and the <see cref="IAfterBulkLoad"/> steps (facts and rollups rebuilt, entities stored).</summary>
    public TimeSpan AfterLoad { get; init; }
}

/// <summary>
/// <c>hotline generate</c>: realistic history appended to the configured database. One producer lives the orders through
/// the domain (<see cref="HistoryOrders"/>) and turns them into rows (<see cref="HistoryRows"/>) while the consumer
/// writes the previous batch (binary COPY on PostgreSQL, prepared INSERTs on SQLite), so the two overlap. Ids follow
/// the highest in use, numbers continue each day's counter, and afterwards the id sequence and the counters are moved
/// past what was written so that later registrations do not collide. A second run appends.
/// </summary>
public static class HistoryGenerator
{
    public static async Task<HistoryResult> RunAsync(IServiceProvider services, HistoryOptions options, HistoryProgress progress, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var endUtc = options.EndUtc(now);
        var world = await HistoryWorld.LoadAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var postgres = db.Database.IsNpgsql();
        var rows = new HistoryRows(db.Model, postgres);
        var connectionString = db.Database.GetConnectionString()!;
        var platform = scope.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Platform:Code", "AL")!;

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var existing = await HistorySql.ScalarAsync(connection, "SELECT COUNT(*) FROM work_orders", ct);
        var lastId = await HistorySql.ScalarAsync(connection, postgres
            ? $"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM work_orders), (SELECT last_value + {HotlineDbContext.WorkOrderIdBlock} FROM {HotlineDbContext.WorkOrderIdSequence}))"
            : "SELECT COALESCE(MAX(id), 0) FROM work_orders", ct);
        var counters = await db.Set<WorkOrderCounter>().AsNoTracking().ToDictionaryAsync(c => c.Day, c => c.NextValue, StringComparer.Ordinal, ct);
        var firstId = lastId + 1;
        (long, string) Allocate(DateTime registeredAtUtc)
        {
            var day = ChinaTime.LocalDate(new DateTimeOffset(registeredAtUtc)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var next = counters.GetValueOrDefault(day) + 1;
            counters[day] = next;
            return (++lastId, string.Create(CultureInfo.InvariantCulture, $"{platform}{day}{next:D6}"));
        }

        var touchedDays = new HashSet<string>(StringComparer.Ordinal);
        var channel = Channel.CreateBounded<HistoryBatch>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await ProduceAsync(world, options, endUtc, (t) => { var a = Allocate(t); touchedDays.Add(a.Item2[platform.Length..(platform.Length + 8)]); return a; }, channel.Writer, ct);
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            ct);

        long orders = 0, events = 0, coUnits = 0;
        TimeSpan indexes;
        await using (IHistoryWriter writer = postgres
            ? await PostgresHistoryWriter.OpenAsync(connectionString, rows, dropIndexes: options.Orders >= existing, ct)
            : await SqliteHistoryWriter.OpenAsync(connectionString, rows, ct))
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                writer.Write(batch.Materialise(rows));
                orders += batch.Orders;
                events += batch.Events;
                coUnits += batch.CoUnits;
                progress.Report(orders, orders + events + coUnits);
            }

            await producer;
            await writer.CommitAsync(ct);
            indexes = writer.IndexTime;
        }

        await AdvanceAsync(connection, postgres, lastId, touchedDays.ToDictionary(d => d, d => counters[d], StringComparer.Ordinal), ct);
        progress.Report(orders, orders + events + coUnits, final: true);
        var result = new HistoryResult(orders, events, coUnits, firstId, lastId, options.From, options.To, progress.Elapsed) { Indexes = indexes };
        var after = System.Diagnostics.Stopwatch.StartNew();
        await AfterAsync(services, connection, postgres, options, result, ct);
        return result with { AfterLoad = after.Elapsed };
    }

    /// <summary>
    /// The producer: day by day, the day's orders at times of the hourly profile, in batches (public for the benchmark).
    /// With <see cref="HistoryOptions.StampEvery"/> above one, about one order in that many is lived through the domain and
    /// the others are stamped from one of the day's last finished lives (<see cref="HistoryStamp"/>: its rows with new
    /// ids and numbers, every instant moved to the new registration time), drawn from a stream of their own.
    /// </summary>
    public static async Task ProduceAsync(
        HistoryWorld world, HistoryOptions options, DateTime endUtc, Func<DateTime, (long, string)> allocate, ChannelWriter<HistoryBatch> output, CancellationToken ct)
    {
        var rhythm = new HistoryRhythm(options.From, options.To, options.Orders, world.Calendar);
        var times = new Random(unchecked(options.Seed * 7919) + 17);
        var stamping = new Random(unchecked(options.Seed * 104729) + 3);
        var maker = new HistoryOrders(world, options.Seed, endUtc, allocate);
        var batch = new HistoryBatch();
        var templates = new List<HistoryGroup>(TemplatesPerDay + 1);
        long produced = 0;
        for (var day = 0; day < rhythm.Days && produced < options.Orders; day++)
        {
            var quota = day == rhythm.Days - 1 ? options.Orders - produced : Math.Min(rhythm.OrdersOn(day), options.Orders - produced);
            var start = ChinaTime.StartOfDay(options.From.AddDays(day)).UtcDateTime;
            var minutes = Math.Clamp((endUtc - start).TotalMinutes, 1, 1440);
            var at = new DateTime[quota];
            for (var i = 0; i < quota; i++)
            {
                at[i] = start.AddMinutes((HistoryRhythm.MinuteOfDay(times) + times.NextDouble()) * minutes / 1440);
            }

            Array.Sort(at);
            templates.Clear();
            for (var i = 0; i < quota;)
            {
                if (options.StampEvery > 1 && templates.Count > 0 && stamping.Next(options.StampEvery) != 0
                    && Stamp(templates[stamping.Next(templates.Count)], at[i], quota - i, endUtc, allocate) is { } stamp)
                {
                    batch.Add(stamp);
                    i += stamp.Ids.Length;
                    produced += stamp.Ids.Length;
                }
                else
                {
                    var group = new HistoryGroup(maker.Next(at[i], allowPair: i + 1 < quota));
                    batch.Add(group);
                    i += group.Orders.Count;
                    produced += group.Orders.Count;
                    if (group.Stampable && options.StampEvery > 1)
                    {
                        templates.Add(group);
                        if (templates.Count > TemplatesPerDay)
                        {
                            templates.RemoveAt(0);
                        }
                    }
                }

                if (batch.OrderCount >= options.BatchSize)
                {
                    await output.WriteAsync(batch, ct);
                    batch = new HistoryBatch();
                }
            }
        }

        if (batch.OrderCount > 0)
        {
            await output.WriteAsync(batch, ct);
        }
    }

    /// <summary>The day's last finished lives a stamp is drawn from.</summary>
    private const int TemplatesPerDay = 16;

    private static HistoryStamp? Stamp(HistoryGroup source, DateTime registeredAtUtc, long room, DateTime endUtc, Func<DateTime, (long, string)> allocate)
    {
        var shift = registeredAtUtc - source.RegisteredAtUtc;
        if (source.Orders.Count > room || source.LatestUtc + shift > endUtc)
        {
            return null;
        }

        var ids = new long[source.Orders.Count];
        var numbers = new string[ids.Length];
        for (var k = 0; k < ids.Length; k++)
        {
            (ids[k], numbers[k]) = allocate(source.Orders[k].Order.RegisteredAtUtc + shift);
        }

        return new HistoryStamp(source, ids, numbers, shift);
    }

    /// <summary>Moves the id sequence and the daily number counters past what was written.</summary>
    private static async Task AdvanceAsync(System.Data.Common.DbConnection connection, bool postgres, long lastId, Dictionary<string, long> counters, CancellationToken ct)
    {
        if (postgres)
        {
            await HistorySql.ExecuteAsync(connection, $"SELECT setval('{HotlineDbContext.WorkOrderIdSequence}', GREATEST({lastId}, (SELECT last_value FROM {HotlineDbContext.WorkOrderIdSequence})))", ct);
        }

        var greatest = postgres ? "GREATEST" : "MAX";
        foreach (var chunk in counters.OrderBy(c => c.Key, StringComparer.Ordinal).Chunk(500))
        {
            var values = string.Join(", ", chunk.Select(c => string.Create(CultureInfo.InvariantCulture, $"('{c.Key}', {c.Value})")));
            await HistorySql.ExecuteAsync(connection, $"INSERT INTO work_order_counters (day, next_value) VALUES {values} ON CONFLICT (day) DO UPDATE SET next_value = {greatest}(work_order_counters.next_value, excluded.next_value)", ct);
        }
    }

    /// <summary>Planner statistics, the optional search reindex, then the registered <see cref="IAfterBulkLoad"/> steps.</summary>
    private static async Task AfterAsync(IServiceProvider services, System.Data.Common.DbConnection connection, bool postgres, HistoryOptions options, HistoryResult result, CancellationToken ct)
    {
        if (result.Orders == 0)
        {
            return;
        }

        await HistorySql.ExecuteAsync(connection, postgres ? "ANALYZE work_orders, work_order_events, work_order_co_units" : "ANALYZE", ct);
        if (options.Reindex)
        {
            // The reindex job picks this up in the background, batch by batch, from the first generated id.
            var least = postgres ? "LEAST" : "MIN";
            await HistorySql.ExecuteAsync(connection, $"INSERT INTO search_reindex (source, after_id) VALUES ('work_orders', {result.FirstId - 1}) ON CONFLICT (source) DO UPDATE SET after_id = {least}(search_reindex.after_id, excluded.after_id)", ct);
        }

        foreach (var step in options.AfterLoad ? services.GetServices<IAfterBulkLoad>() : [])
        {
            Console.Error.WriteLine($"after generate: {step.Name}");
            await step.RunAsync(services, result.FirstId, result.LastId, ct);
        }
    }
}
