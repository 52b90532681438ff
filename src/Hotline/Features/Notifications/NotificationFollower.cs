using Hotline.Domain.Notifications;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Notifications;

/// <summary>
/// Follows the timeline and creates the workbench notifications its rules ask for (<see cref="NotificationRules"/>). The
/// notifications and the feed's position are saved in one transaction; after a restart the look-back's entries come again
/// and an entry that already has its notifications is skipped. One node at a time (job lease).
/// </summary>
public sealed class NotificationFollower(
    IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, JobHeartbeats heartbeats, ILogger<NotificationFollower> logger)
    : BackgroundService
{
    /// <summary>The cursor's name; the migration starts it at the timeline's end.</summary>
    public const string CursorName = "notifications";

    private readonly JobLease _lease = new(JobLock.Notifications);
    private readonly TimelineFeed _feed = TimelineFeed.Stored(CursorName);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override void Dispose()
    {
        _lease.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Reads what is new on the timeline; returns the number of notifications created. One run at a time in this process
    /// (the feed is read from one task at a time): a call while the background loop runs waits for it and then finds the rest.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RunCoreAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> RunCoreAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var lease = await _lease.AcquireAsync(db, ct);
        if (lease is null)
        {
            return 0;
        }

        var created = 0;
        TimelinePage<WorkOrderEvent> page;
        do
        {
            page = await _feed.ReadAsync(db, e => e, ct);
            created += await CreateAsync(db, page.Entries.Where(e => NotificationRules.Actions.Contains(e.Action)).ToList(), ct);
            await SettleAsync(db, page.Entries.Where(e => NotificationRules.Settles.ContainsKey(e.Action)).ToList(), ct);
            await _feed.AdvanceAsync(db, page, ct);
            db.ChangeTracker.Clear();
        }
        while (page.Full);

        return created;
    }

    private static async Task<int> CreateAsync(HotlineDbContext db, List<WorkOrderEvent> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var entryIds = entries.Select(e => (long?)e.Id).ToList();
        var done = (await db.Set<Notification>().AsNoTracking().Where(n => entryIds.Contains(n.SourceEventId)).Select(n => n.SourceEventId).ToListAsync(ct)).ToHashSet();
        var orderIds = entries.Select(e => e.WorkOrderId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => orderIds.Contains(w.Id))
            .Select(w => new NotifiedOrder(w.Id, w.Number, w.Urgency, w.LeadUnitId, w.LeadUnitName, w.CategoryCode))
            .ToDictionaryAsync(w => w.Id, ct);
        var created = 0;
        foreach (var entry in entries.Where(e => !done.Contains(e.Id)))
        {
            if (!orders.TryGetValue(entry.WorkOrderId, out var order))
            {
                continue;
            }

            foreach (var draft in NotificationRules.For(entry, order))
            {
                db.Add(Notification.Create(draft.Kind, draft.Audience, order.Id, order.Number, draft.Facts, entry.AtUtc, entry.Id));
                created++;
            }
        }

        return created;
    }

    /// <summary>Entries that answer open notifications of their order acknowledge them (the check of an emergency answers its raise).</summary>
    private static async Task SettleAsync(HotlineDbContext db, List<WorkOrderEvent> entries, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            var kind = NotificationRules.Settles[entry.Action];
            await db.Set<Notification>().Where(n => n.WorkOrderId == entry.WorkOrderId && n.Kind == kind && n.AcknowledgedAtUtc == null).LoadAsync(ct);

            // The local set holds those just loaded and those this page created and has not saved yet.
            foreach (var notification in db.Set<Notification>().Local.Where(n => n.WorkOrderId == entry.WorkOrderId && n.Kind == kind && n.AcknowledgedAtUtc == null).ToList())
            {
                notification.Acknowledge(entry.ActorUserId ?? 0, entry.ActorName, entry.AtUtc);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TimelinePolling.RunAsync(heartbeats, CursorName, options.Value.FollowMilliseconds, time, RunOnceAsync, e => logger.LogWarning(e, "Notifications: reading the timeline failed"), stoppingToken);
}
