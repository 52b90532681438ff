using Hotline.Domain.Calendar;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Seeding.History;

/// <summary>
/// What the generator reads from the database once, before the first order: the unit tree, the leaf categories, the
/// dispatch catalogue, the region codes, the working-day calendar, the deadline rules (resolved once per request type,
/// category and urgency, so an order's clock costs a dictionary look-up) and the staff who act on the orders.
/// </summary>
public sealed class HistoryWorld
{
    private readonly Dictionary<(RequestType, string, Urgency), Timeframes> _timeframes = [];
    private readonly IReadOnlyList<DeadlineRule> _rules;

    private HistoryWorld(
        IReadOnlyDictionary<string, Unit> units, IReadOnlyList<Category> leaves, IReadOnlyList<DispatchCatalogueEntry> catalogue,
        IReadOnlyList<DeadlineRule> rules, WorkingDayCalendar calendar, IReadOnlyList<StaffMember> staff)
    {
        Units = units;
        UnitsById = units.Values.ToDictionary(u => u.Id);
        Leaves = leaves;
        Catalogue = catalogue;
        _rules = rules;
        Calendar = calendar;
        Staff = staff;
        Streets = [.. units.Values.Where(u => u.Kind == UnitKind.Street && u.IsActive && u.RegionCode is { Length: >= 9 }).OrderBy(u => u.Code, StringComparer.Ordinal)];
        Districts = [.. units.Values.Where(u => u.Kind == UnitKind.District && u.IsActive).OrderBy(u => u.Code, StringComparer.Ordinal)];
        HandlingUnits = [.. units.Values.Where(IsHandling).OrderBy(u => u.Code, StringComparer.Ordinal)];
        Centre = units.Values.Where(u => u.Kind == UnitKind.HotlineCentre).OrderBy(u => u.Depth).ThenBy(u => u.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("The database has no hotline centre: load the platform first (hotline seed).");
    }

    public IReadOnlyDictionary<string, Unit> Units { get; }

    public IReadOnlyDictionary<long, Unit> UnitsById { get; }

    public IReadOnlyList<Category> Leaves { get; }

    public IReadOnlyList<DispatchCatalogueEntry> Catalogue { get; }

    public WorkingDayCalendar Calendar { get; }

    public IReadOnlyList<StaffMember> Staff { get; }

    public IReadOnlyList<Unit> Streets { get; }

    public IReadOnlyList<Unit> Districts { get; }

    public IReadOnlyList<Unit> HandlingUnits { get; }

    public Unit Centre { get; }

    public static bool IsHandling(Unit u) => u.IsActive && u.Kind is not (UnitKind.City or UnitKind.HotlineCentre or UnitKind.OrganisationOffice or UnitKind.District or UnitKind.CountyHotlineOffice);

    public static async Task<HistoryWorld> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var categories = await db.Set<Category>().AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var parents = categories.Where(c => c.ParentCode != null).Select(c => c.ParentCode!).ToHashSet(StringComparer.Ordinal);
        var leaves = categories.Where(c => !parents.Contains(c.Code)).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var catalogue = await db.Set<DispatchCatalogueEntry>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var rules = await db.Set<DeadlineRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var calendar = scope.ServiceProvider.GetRequiredService<CalendarService>();
        await calendar.ReloadAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.UnitId, Roles = u.Roles.Select(r => r.Role).ToList() })
            .ToListAsync(ct);
        var byId = units.Values.ToDictionary(u => u.Id);
        var staff = users.Where(u => byId.ContainsKey(u.UnitId))
            .SelectMany(u => u.Roles.Select(r => new StaffMember(u.Id, u.DisplayName, r, byId[u.UnitId])))
            .ToList();
        return new HistoryWorld(units, leaves, catalogue, rules, calendar.Current, staff);
    }

    /// <summary>The clock lengths of the deadline rules for this kind of order, resolved once per kind.</summary>
    public Timeframes TimeframesFor(RequestType type, string category, Urgency urgency)
    {
        if (!_timeframes.TryGetValue((type, category, urgency), out var frames))
        {
            frames = DeadlineRule.Resolve(_rules, type, category, urgency);
            _timeframes[(type, category, urgency)] = frames;
        }

        return frames;
    }

    /// <summary>The unit the dispatch catalogue names for a category in a district (the most specific entry), or null.</summary>
    public Unit? CatalogueUnit(string category, string? region)
    {
        DispatchCatalogueEntry? best = null;
        foreach (var entry in Catalogue)
        {
            if (!category.StartsWith(entry.CategoryCode, StringComparison.Ordinal)
                || (entry.RegionCode is { } r && (region is null || !region.StartsWith(r, StringComparison.Ordinal))))
            {
                continue;
            }

            if (best is null || entry.CategoryCode.Length > best.CategoryCode.Length
                || (entry.CategoryCode.Length == best.CategoryCode.Length && (entry.RegionCode?.Length ?? 0) > (best.RegionCode?.Length ?? 0)))
            {
                best = entry;
            }
        }

        return best is not null && UnitsById.TryGetValue(best.UnitId, out var unit) && IsHandling(unit) ? unit : null;
    }
}

/// <summary>A member of staff who acts on generated orders, in one of their roles.</summary>
public sealed record StaffMember(long UserId, string Name, Role Role, Unit Unit);
