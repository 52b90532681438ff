using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Analytics;

/// <summary>A unit a hot spot or warning concerns (its own name: Auth's UnitRef also carries the kind).</summary>
public sealed record ConcernedUnit(long Id, string Name);

/// <param name="Compared">Whether the centre's orders cover the previous window: when not, no growth is given and nothing is emerging.</param>
/// <param name="HistoryFrom">The centre's first order, as the run saw it (null for runs before it was recorded).</param>
public sealed record HotSpotRunView(long Id, HotSpotPeriod Period, DateTimeOffset RanAt, DateTimeOffset WindowFrom, DateTimeOffset WindowTo, DateTimeOffset PreviousFrom, int Orders, int HotSpots, int DurationMs, bool Compared, DateTimeOffset? HistoryFrom);

/// <param name="Place">Region code at street level; <paramref name="PlaceName"/> the street or district governing it.</param>
/// <param name="Entity">The named thing an event is about (null for an event of a place and for a common problem).</param>
/// <param name="Places">Distinct places or entities among the members, a member with neither counting as one of its own (1 for an event).</param>
public sealed record HotSpotView(
    long Id, HotSpotListKind List, int Rank, string? Entity, int Places, string? Place, string? PlaceName, int Size, int PreviousSize, double? Growth, bool Emerging,
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Terms, IReadOnlyList<long> Ids, string? CategoryCode, IReadOnlyList<ConcernedUnit> Units);

/// <summary>One list of one run: <paramref name="Period"/> and <paramref name="List"/> say which was asked for (the run may be null: none yet).</summary>
public sealed record HotSpotList(HotSpotPeriod Period, HotSpotListKind List, HotSpotRunView? Run, IReadOnlyList<HotSpotView> HotSpots);

/// <summary>A member order as a supervisor sees it in a hot spot or warning (no caller data at all).</summary>
public sealed record MemberOrder(long Id, string Number, string Subject, WorkOrderStatus Status, DateTimeOffset RegisteredAt, string? RegionCode, string CategoryCode, string? LeadUnitName);

public sealed record HotSpotDetail(HotSpotView HotSpot, IReadOnlyList<MemberOrder> Orders);

/// <param name="Compared">Whether the latest run behind a cluster's warning compared its window with the previous one (false in a centre's first fortnight: no growth).</param>
public sealed record EarlyWarningView(
    long Id, EarlyWarningKind Kind, string Title, string? Detail, string? RegionCode, string? PlaceName, string? CategoryCode, IReadOnlyList<string> Terms,
    int Size, int PreviousSize, double? Growth, bool Compared, DateOnly? Month, int OrderCount, long? HotSpotId, DateTimeOffset RaisedAt, DateTimeOffset UpdatedAt,
    EarlyWarningStatus Status, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, IReadOnlyList<ConcernedUnit> Units, long Version);

public sealed record EarlyWarningDetail(EarlyWarningView Warning, IReadOnlyList<MemberOrder> Orders);

/// <summary>
/// Hot spots (supervisors, centre managers, leaders) and early warnings (the same, plus the units they are routed to):
/// <c>/api/hot-spots</c>, <c>/api/early-warnings</c>.
/// </summary>
public static class HotSpotEndpoints
{
    public static IEndpointRouteBuilder MapHotSpots(this IEndpointRouteBuilder app)
    {
        var spots = app.MapGroup("/api/hot-spots").WithTags("Smart dispatch");
        spots.MapGet("/", List).RequireAuthorization(Policies.Oversee);
        spots.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Oversee);
        spots.MapPost("/run", Run).RequireAuthorization(Policies.RunHotSpots);

        var warnings = app.MapGroup("/api/early-warnings").WithTags("Smart dispatch");
        warnings.MapGet("/", Warnings).RequireAuthorization(Policies.EarlyWarnings);
        warnings.MapGet("/{id:long}", Warning).RequireAuthorization(Policies.EarlyWarnings);
        warnings.MapPost("/{id:long}/acknowledge", Acknowledge).RequireAuthorization(Policies.EarlyWarnings);
        return app;
    }

    /// <summary>
    /// One list (<c>events</c>, the default, or <c>common</c>) of one run — <paramref name="runId"/>, else the latest run of
    /// <paramref name="period"/> (default: the week) — largest first.
    /// </summary>
    private static async Task<Ok<HotSpotList>> List(long? runId, string? period, string? list, HotlineDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var periodFilter = validation.Enum<HotSpotPeriod>(period, "period");
        var listFilter = validation.Enum<HotSpotListKind>(list, "list") ?? HotSpotListKind.Events;
        validation.ThrowIfInvalid();
        var run = runId is { } id
            ? await db.Set<HotSpotRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("hot_spot_run.not_found", "No such run.")
            : await LatestRunAsync(db, periodFilter ?? HotSpotPeriods.Warnings, ct);
        var asked = run?.Period ?? periodFilter ?? HotSpotPeriods.Warnings;
        if (run is null)
        {
            return TypedResults.Ok(new HotSpotList(asked, listFilter, null, []));
        }

        var spots = await db.Set<HotSpot>().AsNoTracking().Where(h => h.RunId == run.Id && h.List == listFilter).OrderBy(h => h.Rank).ToListAsync(ct);
        var names = await UnitNamesAsync(db, spots.SelectMany(s => s.UnitIds), ct);
        return TypedResults.Ok(new HotSpotList(asked, listFilter, ToView(run), spots.Select(s => ToView(s, names)).ToList()));
    }

    /// <summary>The latest run of a period, or null.</summary>
    public static Task<HotSpotRun?> LatestRunAsync(HotlineDbContext db, HotSpotPeriod period, CancellationToken ct) =>
        db.Set<HotSpotRun>().AsNoTracking().Where(r => r.Period == period).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    private static async Task<Ok<HotSpotDetail>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var spot = await db.Set<HotSpot>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("hot_spot.not_found", "No such hot spot.");
        var names = await UnitNamesAsync(db, spot.UnitIds, ct);
        return TypedResults.Ok(new HotSpotDetail(ToView(spot, names), await MembersAsync(db, spot.OrderIds, user.ToActor(), ct)));
    }

    /// <summary>Computes one period now (default: the week, which also raises and follows early warnings).</summary>
    private static async Task<Ok<HotSpotJobResult>> Run(string? period, HotSpotJob job, CancellationToken ct)
    {
        var validation = new Validation();
        var chosen = validation.Enum<HotSpotPeriod>(period, "period") ?? HotSpotPeriods.Warnings;
        validation.ThrowIfInvalid();
        return TypedResults.Ok(await job.RunOnceAsync(chosen, ct));
    }

    /// <summary>
    /// Warnings the caller may see, newest first: all for the centre and leaders whose scope covers the platform's units;
    /// for a unit, those routed to a unit inside its scope.
    /// </summary>
    private static async Task<Ok<List<EarlyWarningView>>> Warnings(string? kind, string? status, int? limit, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var validation = new Validation();
        var kindFilter = validation.Enum<EarlyWarningKind>(kind, "kind");
        var statusFilter = validation.Enum<EarlyWarningStatus>(status, "status");
        validation.ThrowIfInvalid();
        var take = Math.Clamp(limit ?? 100, 1, 500);
        var query = Visible(db, db.Set<EarlyWarning>().AsNoTracking(), user);
        if (kindFilter is { } k)
        {
            query = query.Where(w => w.Kind == k);
        }

        if (statusFilter is { } s)
        {
            query = query.Where(w => w.Status == s);
        }

        var list = await query.OrderByDescending(w => w.UpdatedAtUtc).ThenByDescending(w => w.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(list.Select(ToView).ToList());
    }

    private static async Task<Ok<EarlyWarningDetail>> Warning(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var warning = await Visible(db, db.Set<EarlyWarning>().AsNoTracking(), user).SingleOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new NotFoundException("early_warning.not_found", "No such warning.");
        return TypedResults.Ok(new EarlyWarningDetail(ToView(warning), await MembersAsync(db, warning.OrderIds, user.ToActor(), ct)));
    }

    public sealed record AcknowledgeRequest(long? Version);

    private static async Task<Ok<EarlyWarningView>> Acknowledge(long id, AcknowledgeRequest? request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var warning = await Visible(db, db.Set<EarlyWarning>(), user).SingleOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new NotFoundException("early_warning.not_found", "No such warning.");
        if (request?.Version is { } version)
        {
            if (warning.Version != version)
            {
                throw new ConcurrencyConflictException($"The warning changed since you loaded it (version {version}, now {warning.Version}); reload it.");
            }

            db.ExpectVersion(warning, version);
        }

        warning.Acknowledge(time.GetUtcNow().UtcDateTime, $"{user.DisplayName}（{user.UnitName}）");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(warning));
    }

    private static IQueryable<EarlyWarning> Visible(HotlineDbContext db, IQueryable<EarlyWarning> query, CurrentUser user)
    {
        var scope = user.Scope;
        if (scope.IsPlatformWide)
        {
            return query;
        }

        var prefix = scope.Path;
        var oversees = Policies.RolesByPolicy[Policies.Oversee].Overlaps(user.Roles);
        var routed = db.Set<EarlyWarningUnit>().Where(u => u.UnitPath.StartsWith(prefix)).Select(u => u.WarningId);
        return query.Where(w => routed.Contains(w.Id) || (oversees && !w.Units.Any()));
    }

    private static async Task<List<MemberOrder>> MembersAsync(HotlineDbContext db, List<long> ids, Actor viewer, CancellationToken ct)
    {
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        return orders.Where(o => o.IsVisibleTo(viewer))
            .OrderBy(o => o.RegisteredAtUtc).ThenBy(o => o.Id)
            .Select(o => new MemberOrder(o.Id, o.Number, o.Subject, o.Status, WorkOrderDto.Local(o.RegisteredAtUtc), o.RegionCode, o.CategoryCode, o.LeadUnitName))
            .ToList();
    }

    private static async Task<Dictionary<long, string>> UnitNamesAsync(HotlineDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Units.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    private static HotSpotRunView ToView(HotSpotRun r) => new(
        r.Id, r.Period, WorkOrderDto.Local(r.RanAtUtc), WorkOrderDto.Local(r.WindowFromUtc), WorkOrderDto.Local(r.WindowToUtc), WorkOrderDto.Local(r.PreviousFromUtc), r.Orders, r.HotSpots, r.DurationMs, r.Compared,
        r.HistoryFromUtc is { } h ? WorkOrderDto.Local(h) : null);

    private static HotSpotView ToView(HotSpot s, Dictionary<long, string> names) => new(
        s.Id, s.List, s.Rank, s.Entity, s.Places, s.RegionCode, s.PlaceName, s.Size, s.PreviousSize, s.Growth is { } g ? Math.Round(g, 3) : null, s.Emerging, WorkOrderDto.Local(s.FromUtc), WorkOrderDto.Local(s.ToUtc),
        s.Terms, s.OrderIds, s.CategoryCode, s.UnitIds.Where(names.ContainsKey).Select(id => new ConcernedUnit(id, names[id])).ToList());

    private static EarlyWarningView ToView(EarlyWarning w) => new(
        w.Id, w.Kind, w.Title, w.Detail, w.RegionCode, w.PlaceName, w.CategoryCode, w.Terms, w.Size, w.PreviousSize, w.Growth is { } g ? Math.Round(g, 3) : null, w.Compared, w.Month,
        w.OrderIds.Count, w.HotSpotId, WorkOrderDto.Local(w.RaisedAtUtc), WorkOrderDto.Local(w.UpdatedAtUtc), w.Status, WorkOrderDto.Local(w.AcknowledgedAtUtc), w.AcknowledgedBy,
        w.Units.Select(u => new ConcernedUnit(u.UnitId, u.UnitName)).ToList(), w.Version);
}
