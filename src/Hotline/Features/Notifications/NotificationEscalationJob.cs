using Hotline.Domain.Notifications;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Notifications;

/// <summary>
/// Every 30 seconds, tells the next level about notifications nobody acknowledged in time (S4: unacknowledged emergency
/// notifications escalate after 15 minutes). An indexed query on the escalation time; one node at a time; a concurrent
/// acknowledgement wins (the version check refuses the escalation, and the next pass finds nothing due).
/// </summary>
public sealed class NotificationEscalationJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<NotificationEscalationJob> logger) : BackgroundService
{
    public const string HeartbeatName = "notification-escalation";

    private readonly JobLease _lease = new(JobLock.NotificationEscalation);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Escalates what is due; returns the number of notifications created for the next levels.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, EscalateAsync, ct);

    private async Task<int> EscalateAsync(IServiceProvider _, HotlineDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<Notification>().Where(n => n.EscalateAtUtc != null && n.EscalateAtUtc <= now).OrderBy(n => n.EscalateAtUtc).Take(200).ToListAsync(ct);
        var created = 0;
        foreach (var notification in due)
        {
            var next = notification.Escalate(now);
            db.AddRange(next);
            try
            {
                await db.SaveChangesAsync(ct);
                created += next.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromSeconds(30), time,
        async ct =>
        {
            var created = await RunOnceAsync(ct);
            if (created > 0)
            {
                logger.LogInformation("Notifications: {Count} escalated", created);
            }
        },
        e => logger.LogError(e, "Notification escalation failed"), stoppingToken);
}
