using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>One count of a breakdown: the key (a channel, a type, a category or region code, a unit's id) and the orders.</summary>
public sealed record KeyCount(string Key, long Count);

/// <summary>
/// Every figure the S11 dashboards read, in one class: the orders a caller may list (<see cref="CaseQueries.Listable"/>,
/// the work-order list's own scope, so a drill-down lists exactly the orders counted), filtered as the list filters, counted
/// by registration day or by a dimension with a plain GROUP BY over <c>work_orders</c>. When the assessment rollup
/// (day × unit × category × region × channel × type) exists, these methods move onto it and nothing else changes.
/// </summary>
public sealed class DashboardQueries(HotlineDbContext db)
{
    /// <summary>The orders registered on each local day of [<paramref name="from"/>, <paramref name="to"/>] (days without orders absent).</summary>
    public async Task<Dictionary<DateOnly, long>> DailyAsync(Actor actor, DashboardFilters filters, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await (await OrdersAsync(actor, filters, from, to, ct))
            .GroupBy(w => w.RegisteredAtUtc.AddHours(8).Date)
            .Select(g => new { Day = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Count);
    }

    /// <summary>The orders per local day and per key of <paramref name="dimension"/> one level under <paramref name="parent"/> (the forecast's history).</summary>
    public async Task<List<(DateOnly Day, string Key, long Count)>> DailyByAsync(
        Actor actor, DashboardFilters filters, DateOnly from, DateOnly to, DashboardDimension dimension, string? parent, CancellationToken ct)
    {
        var query = await OrdersAsync(actor, filters, from, to, ct);
        var length = DashboardRules.ChildLength(dimension, parent) ?? throw ValidationException.For("dimension", "Forecast by category or region, a level at a time.");
        var rows = dimension == DashboardDimension.Category
            ? await query.Where(w => parent == null || w.CategoryCode.StartsWith(parent))
                .GroupBy(w => new { Day = w.RegisteredAtUtc.AddHours(8).Date, Key = w.CategoryCode.Substring(0, length) })
                .Select(g => new { g.Key.Day, g.Key.Key, Count = g.LongCount() }).ToListAsync(ct)
            : await query.Where(w => w.RegionCode != null && (parent == null || w.RegionCode.StartsWith(parent)))
                .GroupBy(w => new { Day = w.RegisteredAtUtc.AddHours(8).Date, Key = w.RegionCode!.Substring(0, length) })
                .Select(g => new { g.Key.Day, g.Key.Key, Count = g.LongCount() }).ToListAsync(ct);
        return rows.Select(r => (DateOnly.FromDateTime(r.Day), r.Key, r.Count)).ToList();
    }

    /// <summary>
    /// The orders of the period per key of <paramref name="dimension"/>: per channel, per request type, per category or
    /// region code one level under <paramref name="parent"/> (an order whose code stops above that level keeps its own code;
    /// orders without a region are left out), or per lead unit path (the unit breakdown folds these into subtrees).
    /// </summary>
    public async Task<IReadOnlyList<KeyCount>> CountByAsync(
        Actor actor, AssessmentPeriod period, DashboardFilters filters, DashboardDimension dimension, string? parent, CancellationToken ct)
    {
        var query = await OrdersAsync(actor, filters, period.From, period.To, ct);
        var length = DashboardRules.ChildLength(dimension, parent) ?? 0;
        var rows = dimension switch
        {
            DashboardDimension.Channel => await query.GroupBy(w => w.Channel).Select(g => new { Key = g.Key.ToString(), Count = g.LongCount() }).ToListAsync(ct),
            DashboardDimension.RequestType => await query.GroupBy(w => w.RequestType).Select(g => new { Key = g.Key.ToString(), Count = g.LongCount() }).ToListAsync(ct),
            DashboardDimension.Category => await query.Where(w => parent == null || w.CategoryCode.StartsWith(parent))
                .GroupBy(w => w.CategoryCode.Substring(0, length)).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct),
            DashboardDimension.Region => await query.Where(w => w.RegionCode != null && (parent == null || w.RegionCode.StartsWith(parent)))
                .GroupBy(w => w.RegionCode!.Substring(0, length)).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct),
            DashboardDimension.Unit => await query.Where(w => w.LeadUnitPath != null)
                .GroupBy(w => w.LeadUnitPath!).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
        return rows.Select(r => new KeyCount(r.Key, r.Count)).ToList();
    }

    /// <summary>The orders of the period per category code cut to <paramref name="length"/> digits (hot categories rising).</summary>
    public async Task<Dictionary<string, long>> CategoryCountsAsync(Actor actor, AssessmentPeriod period, DashboardFilters filters, int length, CancellationToken ct)
    {
        var rows = await (await OrdersAsync(actor, filters, period.From, period.To, ct))
            .GroupBy(w => w.CategoryCode.Substring(0, length)).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>The units one level under <paramref name="parentId"/> (null: the top of the caller's scope) and the parent itself, or 404 outside the scope.</summary>
    public async Task<(Unit? Parent, List<Unit> Children)> UnitLevelAsync(AccessScope scope, long? parentId, CancellationToken ct)
    {
        var units = db.Set<Unit>().AsNoTracking();
        Unit? parent = parentId is { } id
            ? await units.SingleOrDefaultAsync(u => u.Id == id, ct)
            : scope.IsPlatformWide ? null : await units.SingleOrDefaultAsync(u => u.Path == scope.Path, ct);
        if (parentId is not null && (parent is null || !scope.Covers(parent.Path)))
        {
            throw new NotFoundException("unit.not_found", "No such unit in your scope.");
        }

        var children = parent is null
            ? await units.Where(u => u.ParentId == null).OrderBy(u => u.Code).ToListAsync(ct)
            : await units.Where(u => u.ParentId == parent.Id).OrderBy(u => u.Code).ToListAsync(ct);
        return (parent, children);
    }

    /// <summary>Category names by code, and place names by region code (the streets, districts and communities that serve each).</summary>
    public async Task<(Dictionary<string, string> Categories, Dictionary<string, string> Places)> NamesAsync(CancellationToken ct)
    {
        var categories = await db.Set<Domain.Dispatch.Category>().AsNoTracking().Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        var places = await db.Set<Unit>().AsNoTracking()
            .Where(u => u.RegionCode != null && (u.Kind == UnitKind.District || u.Kind == UnitKind.Street || u.Kind == UnitKind.Community))
            .Select(u => new { u.RegionCode, u.Name, u.Depth }).ToListAsync(ct);
        return (
            categories.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal),
            places.GroupBy(p => p.RegionCode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Depth).First().Name, StringComparer.Ordinal));
    }

    /// <summary>The orders the caller may list, registered in the local days given, with the filters applied as the work-order list applies them.</summary>
    private async Task<IQueryable<WorkOrder>> OrdersAsync(Actor actor, DashboardFilters filters, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = DashboardFilters.Utc(from, to);
        var query = CaseQueries.Listable(db.Set<WorkOrder>().AsNoTracking(), actor.Scope, actor)
            .Where(w => w.RegisteredAtUtc >= start && w.RegisteredAtUtc < end);
        if (filters.Channel is { } channel)
        {
            query = query.Where(w => w.Channel == channel);
        }

        if (filters.RequestType is { } type)
        {
            query = query.Where(w => w.RequestType == type);
        }

        if (filters.CategoryCode is { } category)
        {
            query = query.Where(w => w.CategoryCode.StartsWith(category));
        }

        if (filters.RegionCode is { } region)
        {
            query = query.Where(w => w.RegionCode != null && w.RegionCode.StartsWith(region));
        }

        if (filters.UnitSubtree is { } unitId)
        {
            var path = await UnitPathAsync(unitId, ct);
            query = query.Where(w => w.LeadUnitPath != null && EF.Functions.Like(w.LeadUnitPath, path + "%"));
        }

        return query;
    }

    private async Task<string> UnitPathAsync(long unitId, CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitSubtree", "No such unit.");

    /// <summary>The local day an instant falls on (the platform's calendar, UTC+8 all year).</summary>
    public static DateOnly LocalDay(DateTimeOffset instant) => ChinaTime.LocalDate(instant);
}
