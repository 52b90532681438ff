using Hotline.Domain.Calendar;
using Hotline.Domain.Routing;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>
/// Records, for every order a dispatcher dispatches, what the system suggested and whether the dispatcher took it
/// (<see cref="RoutingRecord"/>), and marks the record when the unit later returns the order. It follows the timeline
/// (dispatch and return entries) instead of hooking into the write path, so dispatching costs nothing extra; the
/// suggestion is the one the dispatcher's screen computes for the order's content with the model active at that moment.
/// One node records (advisory lock); the cursor is stored, so a restart resumes where it stopped.
/// </summary>
public sealed class RoutingOutcomeRecorder(IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, ILogger<RoutingOutcomeRecorder> logger)
    : BackgroundService
{
    /// <summary>The cursor's name; the migration starts it at the timeline's end, so history is never replayed.</summary>
    public const string CursorName = "routing-outcomes";

    /// <summary>Identity values can commit out of order: look back this far; a record already written is not written again.</summary>
    private const int Lookback = 500;

    private const int Batch = 1000;
    private readonly JobLease _lease = new(JobLock.RoutingOutcomes);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Reads what is new on the timeline and records it; returns the number of dispatches recorded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var lease = await _lease.AcquireAsync(db, ct);
        if (lease is null)
        {
            return 0;
        }

        var suggestions = scope.ServiceProvider.GetRequiredService<RoutingSuggestions>();
        var recorded = 0;
        while (true)
        {
            var cursor = await db.Set<TimelineCursor>().SingleOrDefaultAsync(c => c.Name == CursorName, ct);
            if (cursor is null)
            {
                cursor = new TimelineCursor(CursorName, await db.Set<WorkOrderEvent>().MaxAsync(e => (long?)e.Id, ct) ?? 0);
                db.Add(cursor);
                await db.SaveChangesAsync(ct);
            }

            // The newest entry of any kind, read first: when the page below comes back short, every dispatch and return up
            // to it has been seen, so the cursor moves there even if the latest entries were of other kinds (registrations,
            // replies); otherwise each poll would read those again.
            var head = await db.Set<WorkOrderEvent>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
            var from = Math.Max(0, cursor.Position - Lookback);
            var events = await db.Set<WorkOrderEvent>().AsNoTracking()
                .Where(e => e.Id > from && (e.Action == WorkOrderAction.Dispatch || e.Action == WorkOrderAction.Return))
                .OrderBy(e => e.Id)
                .Take(Batch + Lookback)
                .Select(e => new { e.Id, e.WorkOrderId, e.Action, e.AtUtc, e.Details })
                .ToListAsync(ct);
            var orderIds = events.Select(e => e.WorkOrderId).Distinct().ToList();
            var records = await db.Set<RoutingRecord>().Where(r => orderIds.Contains(r.WorkOrderId)).ToDictionaryAsync(r => r.WorkOrderId, ct);
            var dispatched = events.Where(e => e.Action == WorkOrderAction.Dispatch && !records.ContainsKey(e.WorkOrderId)).Select(e => e.WorkOrderId).Distinct().ToList();
            var orders = await db.Set<WorkOrder>().AsNoTracking()
                .Where(w => dispatched.Contains(w.Id))
                .Select(w => new { w.Id, w.Subject, w.Events, w.Demand, w.CategoryCode, w.RegionCode, w.LeadUnitId, w.LeadUnitName })
                .ToDictionaryAsync(w => w.Id, ct);
            foreach (var e in events)
            {
                if (e.Action == WorkOrderAction.Return)
                {
                    records.GetValueOrDefault(e.WorkOrderId)?.MarkReturned();
                    continue;
                }

                if (records.ContainsKey(e.WorkOrderId) || !orders.TryGetValue(e.WorkOrderId, out var order))
                {
                    continue;
                }

                var set = await suggestions.SuggestAsync(new RoutingQuery(RouterTraining.TextOf(order.Subject, order.Events, order.Demand), order.CategoryCode, order.RegionCode), ct);
                var leadName = e.Details.GetValueOrDefault("leadUnit");
                var (unitId, unitName) = leadName is null || leadName == order.LeadUnitName
                    ? (order.LeadUnitId, order.LeadUnitName)
                    : (await db.Units.AsNoTracking().Where(u => u.Name == leadName).OrderByDescending(u => u.IsActive).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct), leadName);
                var record = RoutingRecord.Create(
                    e.WorkOrderId, e.AtUtc, WeekStart(e.AtUtc), set.UnitModelId, set.UnitModelVersion,
                    set.Warnings.FirstOrDefault(w => w.Model == "unit")?.Code,
                    set.Units.Select(u => new SuggestedUnit(u.UnitId, u.UnitName, u.Confidence, u.Basis)).ToList(),
                    set.CatalogueUnitId, unitId, unitName);
                db.Add(record);
                records[e.WorkOrderId] = record;
                recorded++;
            }

            var newest = events.Count > 0 ? events[^1].Id : cursor.Position;
            cursor.MoveTo(events.Count < Batch + Lookback ? Math.Max(newest, head) : newest);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (events.Count < Batch + Lookback)
            {
                return recorded;
            }
        }
    }

    /// <summary>Monday of the week (Asia/Shanghai) of an instant.</summary>
    public static DateOnly WeekStart(DateTime utc)
    {
        var date = ChinaTime.LocalDate(new DateTimeOffset(utc, TimeSpan.Zero));
        return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FollowMilliseconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(options.Value.FollowMilliseconds, 100)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Routing outcomes: reading the timeline failed");
            }
        }
    }
}
