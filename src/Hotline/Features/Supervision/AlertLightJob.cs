using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// Sets the yellow and red lights and issues the automatic reminders (催办单). It only visits orders whose stored
/// <see cref="WorkOrder.NextClockCheckUtc"/> has passed (an index seek), never recomputes calendars over all orders.
/// Each order is saved (with its search document: the light is a search filter) in its own transaction; a concurrent
/// edit wins and the order is looked at again next minute.
/// With several server nodes on PostgreSQL, one runs it at a time (advisory lock).
/// </summary>
public sealed class AlertLightJob(
    IServiceScopeFactory scopes, WorkOrderClocks clocks, TimeProvider time, HotlineMetrics metrics, JobHeartbeats heartbeats, ILogger<AlertLightJob> logger) : BackgroundService
{
    /// <summary>The job's name among the heartbeats (readiness, <c>hotline_jobs_lag_seconds</c>).</summary>
    public const string HeartbeatName = "alert-lights";

    private const int Batch = 200;
    private readonly JobLease _lease = new(JobLock.AlertLights);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Runs until nothing is due; returns how many orders changed.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => _lease.RunAsync(scopes, 0, LightAsync, cancellationToken);

    private async Task<int> LightAsync(IServiceProvider services, HotlineDbContext db, CancellationToken cancellationToken)
    {
        var indexer = services.GetRequiredService<WorkOrderStore>();

        return await DueVisits.RunAsync(
            (count, token) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return db.Set<WorkOrder>().AsNoTracking().Where(w => w.NextClockCheckUtc != null && w.NextClockCheckUtc <= now)
                    .OrderBy(w => w.NextClockCheckUtc).Select(w => w.Id).Take(count).ToListAsync(token);
            },
            async (id, token) =>
            {
                db.ChangeTracker.Clear();
                var order = await db.Set<WorkOrder>().SingleAsync(w => w.Id == id, token);
                var (light, reminders) = (order.Light, order.ReminderCount);
                if (!order.ApplyClock(clocks.For(order)))
                {
                    return false;
                }

                try
                {
                    await indexer.SaveAsync([order], token);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return false;
                }

                if (order.Light != light)
                {
                    metrics.LightTurned(order.Light);
                }

                metrics.RemindersSent(ReminderKind.Automatic, order.ReminderCount - reminders);
                return true;
            },
            Batch, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(1), time,
        async ct =>
        {
            var changed = await RunOnceAsync(ct);
            if (changed > 0)
            {
                logger.LogInformation("Alert lights: {Count} work orders changed", changed);
            }
        },
        e => logger.LogError(e, "Alert-light run failed"), stoppingToken);
}
