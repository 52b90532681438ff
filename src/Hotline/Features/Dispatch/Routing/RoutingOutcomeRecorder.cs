using Hotline.Domain.Calendar;
using Hotline.Domain.Routing;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
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
public sealed class RoutingOutcomeRecorder(IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, JobHeartbeats heartbeats, ILogger<RoutingOutcomeRecorder> logger)
    : BackgroundService
{
    /// <summary>The cursor's name; the migration starts it at the timeline's end, so history is never replayed.</summary>
    public const string CursorName = "routing-outcomes";

    private readonly JobLease _lease = new(JobLock.RoutingOutcomes);
    private static readonly IReadOnlySet<WorkOrderAction> Outcomes = new HashSet<WorkOrderAction> { WorkOrderAction.Dispatch, WorkOrderAction.Return };
    private readonly TimelineFeed _feed = TimelineFeed.Stored(CursorName);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Reads what is new on the timeline and records it; returns the number of dispatches recorded.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, RecordNewAsync, ct);

    private async Task<int> RecordNewAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var suggestions = services.GetRequiredService<RoutingSuggestions>();
        var recorded = 0;
        TimelinePage<WorkOrderEvent> page;
        do
        {
            page = await _feed.ReadAsync(db, e => e, ct, Outcomes);
            recorded += await RecordAsync(db, suggestions, [.. page.Entries], ct);
            // Saves the records with the cursor: a restart after this resumes behind them, one before it records them again.
            await _feed.AdvanceAsync(db, page, ct);
            db.ChangeTracker.Clear();
        }
        while (page.Full);

        return recorded;
    }

    /// <summary>
    /// Adds a record for each order's first dispatch and marks it on a return; idempotent, since a stored feed gives its
    /// look-back's entries again after a restart.
    /// </summary>
    private static async Task<int> RecordAsync(HotlineDbContext db, RoutingSuggestions suggestions, List<WorkOrderEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var orderIds = events.Select(e => e.WorkOrderId).Distinct().ToList();
        var records = await db.Set<RoutingRecord>().Where(r => orderIds.Contains(r.WorkOrderId)).ToDictionaryAsync(r => r.WorkOrderId, ct);
        var dispatched = events.Where(e => e.Action == WorkOrderAction.Dispatch && !records.ContainsKey(e.WorkOrderId)).Select(e => e.WorkOrderId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => dispatched.Contains(w.Id))
            .Select(w => new DispatchedOrder(w.Id, w.Subject, w.Events, w.Demand, w.CategoryCode, w.RegionCode, w.LeadUnitId, w.LeadUnitName))
            .ToDictionaryAsync(w => w.Id, ct);
        var recorded = 0;
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

            var set = await suggestions.SuggestAsync(new RoutingQuery(WorkOrderText.Of(order.Subject, order.Events, order.Demand), order.CategoryCode, order.RegionCode), ct);
            var (unitId, unitName) = DispatchedUnit(e, order);
            var record = RoutingRecord.Create(
                e.WorkOrderId, e.AtUtc, WeekStart(e.AtUtc), set.UnitModelId, set.UnitModelVersion,
                set.Warnings.FirstOrDefault(w => w.Model == "unit")?.Code,
                set.Units.Select(u => new SuggestedUnit(u.UnitId, u.UnitName, u.Confidence, u.Basis)).ToList(),
                set.CatalogueUnitId, unitId, unitName);
            db.Add(record);
            records[e.WorkOrderId] = record;
            recorded++;
        }

        return recorded;
    }

    /// <summary>What the recorder needs of a dispatched order.</summary>
    private sealed record DispatchedOrder(long Id, string Subject, string Events, string Demand, string CategoryCode, string? RegionCode, long? LeadUnitId, string? LeadUnitName);

    /// <summary>
    /// The unit a dispatch entry sent the order to, by the id the entry carries; an entry written before ids were
    /// recorded stands for the order's current lead unit.
    /// </summary>
    private static (long? Id, string? Name) DispatchedUnit(WorkOrderEvent e, DispatchedOrder order) =>
        e.UnitId is not { } id || id == order.LeadUnitId
            ? (order.LeadUnitId, order.LeadUnitName)
            : (id, e.Details.GetValueOrDefault("leadUnit"));

    /// <summary>Monday of the week (Asia/Shanghai) of an instant.</summary>
    public static DateOnly WeekStart(DateTime utc)
    {
        var date = ChinaTime.LocalDate(new DateTimeOffset(utc, TimeSpan.Zero));
        return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TimelinePolling.RunAsync(heartbeats, CursorName, options.Value.FollowMilliseconds, time, RunOnceAsync, e => logger.LogWarning(e, "Routing outcomes: reading the timeline failed"), stoppingToken);
}
