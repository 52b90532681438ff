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
/// by registration day or by a dimension. A reader whose filters the counts can answer (none, or one on the dimension
/// read: <see cref="Selection"/>) reads the pre-aggregated <c>dashboard_counts</c> of its scope (the platform, or its unit
/// subtree: the orders its list shows), exact as of now
/// (<see cref="DashboardCountReader"/>); every other read is a GROUP BY over <c>work_orders</c>, as is a read the counts
/// cannot answer exactly (no cursor yet, too much waiting for the follower).
/// </summary>
public sealed class DashboardQueries(HotlineDbContext db, DashboardReadOptions options)
{
    private readonly DashboardCountReader _counts = new(db, options);

    /// <summary>The orders registered on each local day of [<paramref name="from"/>, <paramref name="to"/>] (days without orders absent).</summary>
    public async Task<Dictionary<DateOnly, long>> DailyAsync(Actor actor, DashboardFilters filters, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (await CountsAsync(actor, filters, null, null, null, from, to, CountGrouping.Day, ct) is { } counted)
        {
            return counted.ToDictionary(r => r.Day, r => r.Count);
        }

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
        var length = DashboardRules.ChildLength(dimension, parent) ?? throw ValidationException.For("dimension", "Forecast by category or region, a level at a time.");
        if (await CountsAsync(actor, filters, dimension, length, parent, from, to, CountGrouping.DayAndKey, ct) is { } counted)
        {
            return counted;
        }

        var query = await OrdersAsync(actor, filters, from, to, ct);
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
        var length = DashboardRules.ChildLength(dimension, parent) ?? 0;
        if (await CountsAsync(actor, filters, dimension, length, parent, period.From, period.To, CountGrouping.Key, ct) is { } counted)
        {
            return counted.Select(r => new KeyCount(r.Key, r.Count)).ToList();
        }

        var query = await OrdersAsync(actor, filters, period.From, period.To, ct);
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
        if (await CountsAsync(actor, filters, DashboardDimension.Category, length, null, period.From, period.To, CountGrouping.Key, ct) is { } counted)
        {
            return counted.ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
        }

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

    /// <summary>
    /// The counts' answer, or null when the orders must be counted: the caller's scope is read from its own rows (the
    /// platform's, or its subtree's: <see cref="DashboardKeys.Scopes"/>), not for the organisation office (its listing is
    /// arbitration cases only), and <see cref="Selection"/> finds the rows for the filters.
    /// </summary>
    private async Task<List<(DateOnly Day, string Key, long Count)>?> CountsAsync(
        Actor actor, DashboardFilters filters, DashboardDimension? dimension, int? length, string? parent, DateOnly from, DateOnly to, CountGrouping grouping,
        CancellationToken ct)
    {
        if (actor.Roles.Contains(Role.OrganisationOffice))
        {
            return null;
        }

        var path = filters.UnitSubtree is { } unitId ? await UnitPathAsync(unitId, ct) : null;
        var scope = actor.Scope.IsPlatformWide ? DashboardKeys.Platform : actor.Scope.Path;
        return Selection(filters, path, dimension, length, parent) is { } selection
            ? await _counts.ReadAsync(selection with { Scope = scope }, from, to, grouping, ct)
            : null;
    }

    /// <summary>
    /// The rows of the counts that hold exactly the filtered orders counted by <paramref name="dimension"/> (null: the
    /// total), or null when they do not exist. The total: no filter (<c>all</c>) or one filter (its dimension's key; a
    /// category or region prefix is its own level's key, a unit subtree the unit keys under its path). A breakdown: no
    /// filter, or one on its own dimension (a category or region prefix no longer than the level read, without a parent).
    /// </summary>
    internal static CountSelection? Selection(DashboardFilters filters, string? unitPath, DashboardDimension? dimension, int? length, string? parent)
    {
        var given = new object?[] { filters.Channel, filters.RequestType, filters.CategoryCode, filters.RegionCode, filters.UnitSubtree }.Count(f => f is not null);
        if (given > 1)
        {
            return null;
        }

        if (dimension is null)
        {
            return filters switch
            {
                { Channel: { } channel } => new CountSelection(DashboardKeys.Channel, Key: channel.ToString()),
                { RequestType: { } type } => new CountSelection(DashboardKeys.RequestType, Key: type.ToString()),
                { CategoryCode: { } category } => new CountSelection(DashboardKeys.CategoryLevel(category.Length), Key: category),
                { RegionCode: { } region } => new CountSelection(DashboardKeys.RegionLevel(region.Length), Key: region),
                { UnitSubtree: not null } => new CountSelection(DashboardKeys.Unit, KeyPrefix: unitPath),
                _ => new CountSelection(DashboardKeys.All),
            };
        }

        return dimension switch
        {
            DashboardDimension.Channel when given == 0 || filters.Channel is not null => new CountSelection(DashboardKeys.Channel, Key: filters.Channel?.ToString()),
            DashboardDimension.RequestType when given == 0 || filters.RequestType is not null => new CountSelection(DashboardKeys.RequestType, Key: filters.RequestType?.ToString()),
            DashboardDimension.Category when given == 0 || (filters.CategoryCode is { } c && parent is null && c.Length <= length) =>
                new CountSelection(DashboardKeys.CategoryLevel(length!.Value), KeyPrefix: parent ?? filters.CategoryCode),
            DashboardDimension.Region when given == 0 || (filters.RegionCode is { } r && parent is null && r.Length <= length) =>
                new CountSelection(DashboardKeys.RegionLevel(length!.Value), KeyPrefix: parent ?? filters.RegionCode),
            DashboardDimension.Unit when given == 0 || unitPath is not null => new CountSelection(DashboardKeys.Unit, KeyPrefix: unitPath),
            _ => null,
        };
    }

    private async Task<string> UnitPathAsync(long unitId, CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitSubtree", "No such unit.");

    /// <summary>The local day an instant falls on (the platform's calendar, UTC+8 all year).</summary>
    public static DateOnly LocalDay(DateTimeOffset instant) => ChinaTime.LocalDate(instant);
}
