using Hotline.Domain.CitizenMessages;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.CitizenMessages;

/// <summary>
/// Follows the timeline and puts "your request has been dispatched" in the outbox on an order's first dispatch (S3: the
/// caller is told when the request has been dispatched), with the order number and the unit. Anonymous callers and
/// callers without a phone get nothing. The messages and the feed's position are saved in one transaction; an order that
/// already has its message is skipped, so a re-read entry or a later dispatch writes nothing twice. Issue 18: an accepted
/// reply puts the replied or callback link in the outbox (<see cref="ReplyNotice"/>), once per accepted reply.
/// </summary>
public sealed class CitizenMessageFollower(
    IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> follow, IOptions<CitizenMessageOptions> options, TimeProvider time, JobHeartbeats heartbeats,
    ILogger<CitizenMessageFollower> logger) : StoredTimelineFollower(CursorName, JobLock.CitizenMessageFollower, scopes, follow, time, heartbeats, logger)
{
    /// <summary>The cursor's name; the migration starts it at the timeline's end.</summary>
    public const string CursorName = "citizen-messages";

    protected override IReadOnlySet<WorkOrderAction> Actions { get; } = new HashSet<WorkOrderAction> { WorkOrderAction.Dispatch, WorkOrderAction.AcceptReply };

    protected override async Task<int> HandleAsync(HotlineDbContext db, IReadOnlyList<WorkOrderEvent> entries, CancellationToken ct) =>
        await CreateAsync(db, entries.Where(e => e.Action == WorkOrderAction.Dispatch).ToList(), ct)
        + await ReplyNoticesAsync(db, entries.Where(e => e.Action == WorkOrderAction.AcceptReply).ToList(), ct);

    /// <summary>Issue 18: the replied or callback link (<see cref="ReplyNotice"/>), once per accepted reply (the entry), so a re-read writes nothing twice.</summary>
    private async Task<int> ReplyNoticesAsync(HotlineDbContext db, List<WorkOrderEvent> accepted, CancellationToken ct)
    {
        if (accepted.Count == 0)
        {
            return 0;
        }

        var entryIds = accepted.Select(e => (long?)e.Id).ToList();
        var told = (await db.Set<CitizenMessage>().AsNoTracking()
            .Where(m => (m.Kind == CitizenMessageKind.Replied || m.Kind == CitizenMessageKind.CallbackLink) && entryIds.Contains(m.SourceEventId))
            .Select(m => m.SourceEventId).ToListAsync(ct)).ToHashSet();
        var orderIds = accepted.Select(e => e.WorkOrderId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => orderIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Number, w.CallerPhone, w.CallerIsAnonymous, w.CitizenWantsCallback }).ToDictionaryAsync(w => w.Id, ct);
        var submissions = await db.Set<Domain.Citizens.Submission>().AsNoTracking().Where(s => s.WorkOrderId != null && orderIds.Contains(s.WorkOrderId.Value))
            .Select(s => new { s.WorkOrderId, s.Number }).ToListAsync(ct);
        var numbers = submissions.GroupBy(s => s.WorkOrderId!.Value).ToDictionary(g => g.Key, g => g.First().Number);
        var now = Time.GetUtcNow().UtcDateTime;
        var created = 0;
        foreach (var entry in accepted.OrderBy(e => e.Id))
        {
            if (!told.Add(entry.Id) || !orders.TryGetValue(entry.WorkOrderId, out var order))
            {
                continue;
            }

            var notice = ReplyNotice.For(
                numbers.GetValueOrDefault(order.Id), order.Number, order.CallerPhone, order.CallerIsAnonymous, order.CitizenWantsCallback, options.Value.PortalBaseAddress);
            if (notice is not null)
            {
                db.Add(CitizenMessage.Create(notice.Kind, order.CallerPhone!, notice.Text, order.Id, entry.Id, now));
                created++;
            }
        }

        return created;
    }

    private async Task<int> CreateAsync(HotlineDbContext db, List<WorkOrderEvent> dispatches, CancellationToken ct)
    {
        if (dispatches.Count == 0)
        {
            return 0;
        }

        var orderIds = dispatches.Select(e => (long?)e.WorkOrderId).Distinct().ToList();
        var told = (await db.Set<CitizenMessage>().AsNoTracking()
            .Where(m => m.Kind == CitizenMessageKind.Dispatched && orderIds.Contains(m.WorkOrderId))
            .Select(m => m.WorkOrderId).ToListAsync(ct)).ToHashSet();
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => orderIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Number, w.CallerPhone, w.CallerIsAnonymous })
            .ToDictionaryAsync(w => w.Id, ct);
        var now = Time.GetUtcNow().UtcDateTime;
        var created = 0;
        foreach (var entry in dispatches.OrderBy(e => e.Id))
        {
            if (!told.Add(entry.WorkOrderId) || !orders.TryGetValue(entry.WorkOrderId, out var order)
                || order.CallerIsAnonymous || string.IsNullOrWhiteSpace(order.CallerPhone))
            {
                continue;
            }

            var unit = entry.Details?.GetValueOrDefault("leadUnit") ?? string.Empty;
            var text = options.Value.DispatchedTemplate.Replace("{number}", order.Number, StringComparison.Ordinal).Replace("{unit}", unit, StringComparison.Ordinal);
            db.Add(CitizenMessage.Create(CitizenMessageKind.Dispatched, order.CallerPhone, text, order.Id, entry.Id, now));
            created++;
        }

        return created;
    }
}
