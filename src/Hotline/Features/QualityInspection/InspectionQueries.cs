using Hotline.Domain.Calendar;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.QualityInspection;

/// <summary>The reads of quality inspection: who sees which inspections, the contacts a draw chooses from, the checklists in force.</summary>
internal static class InspectionQueries
{
    /// <summary>The inspections the caller may read: every one of an agent in their scope, or (an agent) their own scored ones.</summary>
    public static IQueryable<Inspection> Readable(HotlineDbContext db, CurrentUser user)
    {
        var query = db.Set<Inspection>().AsNoTracking();
        if (Inspection.ReadingRoles.Overlaps(user.Roles))
        {
            var path = user.Scope.Path;
            return query.Where(i => i.AgentUnitPath.StartsWith(path));
        }

        var self = user.Id;
        return query.Where(i => i.AgentUserId == self && i.State == InspectionState.Scored);
    }

    /// <summary>The stage's contacts dated in the period (local dates, both included) of agents in the caller's scope, the caller's own left out.</summary>
    public static async Task<List<InspectionCandidate>> ContactsAsync(HotlineDbContext db, CurrentUser user, InspectionStage stage, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var startUtc = ChinaTime.StartOfDay(from).UtcDateTime;
        var endUtc = ChinaTime.StartOfDay(to.AddDays(1)).UtcDateTime;
        var action = InspectionSampling.ActionOf(stage);
        var path = user.Scope.Path;
        var self = user.Id;
        var entries =
            from e in db.Set<WorkOrderEvent>().AsNoTracking()
            join w in db.Set<WorkOrder>() on e.WorkOrderId equals w.Id
            join u in db.Users on e.ActorUserId equals u.Id
            where e.Action == action && e.AtUtc >= startUtc && e.AtUtc < endUtc && u.Id != self && u.Unit!.Path.StartsWith(path)
            select new { e, w, u };
        if (stage == InspectionStage.Intake)
        {
            // The intake call of a phone order (the domain's channel): decided in the query, no entry's facts read.
            return await entries.Where(r => r.w.Channel == InspectionSampling.IntakeChannel)
                .Select(r => new InspectionCandidate(r.e.Id, r.w.Id, r.w.Number, stage, r.u.Id, r.e.ActorName, r.u.Unit!.Path, r.e.AtUtc, r.w.RecordingId))
                .ToListAsync(ct);
        }

        // A callback that reached the citizen: the entry's facts say so.
        var rows = await entries
            .Select(r => new { r.e.Id, WorkOrderId = r.w.Id, r.w.Number, UserId = r.u.Id, r.e.ActorName, UnitPath = r.u.Unit!.Path, r.e.AtUtc, r.w.RecordingId, r.w.Channel, r.e.Details })
            .ToListAsync(ct);
        return [.. rows
            .Where(r => InspectionSampling.IsContact(stage, r.Channel, r.Details))
            .Select(r => new InspectionCandidate(r.Id, r.WorkOrderId, r.Number, stage, r.UserId, r.ActorName, r.UnitPath, r.AtUtc, r.RecordingId))];
    }

    /// <summary>The timeline entries among <paramref name="eventIds"/> already inspected.</summary>
    public static async Task<HashSet<long>> InspectedAsync(HotlineDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken ct)
    {
        var inspected = new HashSet<long>();
        foreach (var chunk in eventIds.Chunk(1000))
        {
            inspected.UnionWith(await db.Set<Inspection>().AsNoTracking().Where(i => chunk.Contains(i.EventId)).Select(i => i.EventId).ToListAsync(ct));
        }

        return inspected;
    }

    /// <summary>The checklist in force for <paramref name="stage"/>: the newest stored, or the defaults.</summary>
    public static async Task<ChecklistDto> ChecklistAsync(HotlineDbContext db, InspectionStage stage, CancellationToken ct)
    {
        var stored = await db.Set<Checklist>().AsNoTracking().Where(c => c.Stage == stage).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        return stored is null
            ? new ChecklistDto(stage, Checklist.Defaults(stage), null, null)
            : new ChecklistDto(stage, stored.Items, stored.CreatedAtUtc, stored.CreatedByName);
    }
}
