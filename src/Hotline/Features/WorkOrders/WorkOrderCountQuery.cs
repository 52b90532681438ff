using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

/// <summary>Open orders with one lead unit: the wallboard's and the supervision page's row, by <see cref="WorkOrderCounts"/>' definitions.</summary>
public sealed record UnitLoad(long UnitId, string UnitName, int Open, int DueToday, int Yellow, int Red, int Overdue);

/// <summary>
/// The one query behind every count a screen shows (home pages, supervision, the wallboard): the open orders in the
/// caller's scope (the same scope as the list, <see cref="WorkOrderScope"/>), grouped in the database into
/// <see cref="WorkOrderTally"/> rows and added up by the domain's <see cref="WorkOrderCounts"/>.
/// </summary>
public sealed class WorkOrderCountQuery(HotlineDbContext db, TimeProvider time)
{
    public CountWindow Window => CountWindow.At(time.GetUtcNow());

    private IQueryable<WorkOrder> Open(AccessScope scope) =>
        db.Set<WorkOrder>().AsNoTracking().InScope(scope).Where(w => StatusGroups.OpenArray.Contains(w.Status));

    public async Task<WorkOrderCounts> CountAsync(AccessScope scope, CancellationToken ct)
    {
        var (nowUtc, endOfToday) = Window;
        var tallies = await Open(scope)
            .GroupBy(w => new { w.Status, w.Light })
            .Select(g => new WorkOrderTally(
                g.Key.Status,
                g.Key.Light,
                g.Count(),
                g.Count(w => w.HandlingDueUtc >= nowUtc && w.HandlingDueUtc <= endOfToday),
                g.Count(w => w.HandlingDueUtc < nowUtc)))
            .ToListAsync(ct);
        return WorkOrderCounts.From(tallies);
    }

    /// <summary>The orders with units (待签收 and 办理中) by lead unit, red first; their <see cref="UnitLoad.Open"/> adds up to <see cref="WorkOrderCounts.WithUnits"/>.</summary>
    public async Task<IReadOnlyList<UnitLoad>> ByUnitAsync(AccessScope scope, CancellationToken ct)
    {
        var (nowUtc, endOfToday) = Window;
        var rows = await Open(scope)
            .Where(w => StatusGroups.WithUnitArray.Contains(w.Status))
            .GroupBy(w => new { w.LeadUnitId, w.LeadUnitName })
            .Select(g => new UnitLoad(
                g.Key.LeadUnitId ?? 0,
                g.Key.LeadUnitName ?? string.Empty,
                g.Count(),
                g.Count(w => w.HandlingDueUtc >= nowUtc && w.HandlingDueUtc <= endOfToday),
                g.Count(w => w.Light == Light.Yellow),
                g.Count(w => w.Light == Light.Red),
                g.Count(w => w.HandlingDueUtc < nowUtc)))
            .ToListAsync(ct);
        return rows.OrderByDescending(u => u.Red).ThenByDescending(u => u.Yellow).ThenByDescending(u => u.Open).ThenBy(u => u.UnitName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Orders in progress with an extension request awaiting the centre's decision (the list's <c>status=inProgress&amp;pendingExtension=true</c>).</summary>
    public Task<int> PendingExtensionsAsync(AccessScope scope, CancellationToken ct) =>
        db.Set<WorkOrder>().AsNoTracking().InScope(scope)
            .CountAsync(w => w.Status == WorkOrderStatus.InProgress && w.Extensions.Any(e => e.State == PendingState.Pending), ct);
}

/// <summary>What a caller sees of the orders: its subtree as the lead unit or as a co-unit (the centre: everything).</summary>
public static class WorkOrderScope
{
    public static IQueryable<WorkOrder> InScope(this IQueryable<WorkOrder> query, AccessScope scope)
    {
        if (scope.IsPlatformWide)
        {
            return query;
        }

        // Unit paths are built from codes of letters, digits and hyphens, so the prefix needs no LIKE escaping.
        var pattern = scope.Path + "%";
        return query.Where(w => EF.Functions.Like(w.LeadUnitPath!, pattern) || w.CoUnits.Any(c => EF.Functions.Like(c.UnitPath, pattern)));
    }
}
