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

    protected override Task<int> HandleAsync(HotlineDbContext db, IReadOnlyList<WorkOrderEvent> entries, CancellationToken ct) =>
        CreateAsync(db, entries.Where(e => NotificationRules.Actions.Contains(e.Action)).ToList(), ct);

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
}
