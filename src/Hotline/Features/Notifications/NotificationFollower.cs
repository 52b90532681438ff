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
    : StoredTimelineFollower(CursorName, JobLock.Notifications, scopes, options, time, heartbeats, logger)
{
    /// <summary>The cursor's name; the migration starts it at the timeline's end.</summary>
    public const string CursorName = "notifications";

    protected override IReadOnlySet<WorkOrderAction> Actions { get; } = NotificationRules.Actions.Union(NotificationRules.Settles.Keys).ToHashSet();

    protected override async Task<int> HandleAsync(HotlineDbContext db, IReadOnlyList<WorkOrderEvent> entries, CancellationToken ct)
    {
        var created = await CreateAsync(db, entries.Where(e => NotificationRules.Actions.Contains(e.Action)).ToList(), ct);
        await SettleAsync(db, entries.Where(e => NotificationRules.Settles.ContainsKey(e.Action)).ToList(), ct);
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
}
