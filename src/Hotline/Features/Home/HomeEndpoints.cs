using Hotline.Domain.Analytics;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Home;

/// <summary>The headline figures of the caller's scope today (leaders and the centre's management; they grow with assessment).</summary>
public sealed record Headline(int RegisteredToday, int ClosedToday, int Open, int Overdue, int Red);

/// <summary>The latest hot-spot analysis in brief: when it ran and its largest hot spots (places and terms, no orders).</summary>
public sealed record LatestHotSpots(DateTimeOffset RanAt, int HotSpots, IReadOnlyList<HotSpotBrief> Top);

public sealed record HotSpotBrief(long Id, string? PlaceName, IReadOnlyList<string> Terms, int Size);

/// <summary>
/// What a person's home page shows: the counts of the orders in their scope (<see cref="WorkOrderCounts"/>, the same
/// definitions as supervision and the wallboard), the extension requests awaiting a decision, and for those who oversee
/// the headline figures and the latest hot spots (null for everyone else; no hot spots yet: null too).
/// </summary>
public sealed record HomeSummary(DateTimeOffset At, WorkOrderCounts Counts, int PendingExtensions, Headline? Headline, LatestHotSpots? HotSpots);

/// <summary><c>GET /api/home</c>: every signed-in person's own work, counted in their own scope.</summary>
public static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/home", Get).WithTags("Home").RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Ok<HomeSummary>> Get(WorkOrderCountQuery counts, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var scope = user.Scope;
        var c = await counts.CountAsync(scope, ct);
        var pending = await counts.PendingExtensionsAsync(scope, ct);
        if (!user.Roles.Overlaps(Policies.RolesByPolicy[Policies.Oversee]))
        {
            return TypedResults.Ok(new HomeSummary(ChinaTime.ToLocal(now), c, pending, null, null));
        }

        var startOfToday = ChinaTime.StartOfDay(ChinaTime.LocalDate(now)).UtcDateTime;
        var inScope = db.Set<WorkOrder>().AsNoTracking().InScope(scope);
        var registered = await inScope.CountAsync(w => w.RegisteredAtUtc >= startOfToday, ct);
        var closed = await inScope.CountAsync(w => w.ClosedAtUtc >= startOfToday, ct);
        var latest = await LatestHotSpotsAsync(db, ct);
        return TypedResults.Ok(new HomeSummary(ChinaTime.ToLocal(now), c, pending, new Headline(registered, closed, c.Open, c.Overdue, c.Red), latest));
    }

    private static async Task<LatestHotSpots?> LatestHotSpotsAsync(HotlineDbContext db, CancellationToken ct)
    {
        var run = await db.Set<HotSpotRun>().AsNoTracking().Where(r => r.Period == HotSpotPeriods.Warnings).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        var events = db.Set<HotSpot>().AsNoTracking().Where(h => h.RunId == run.Id && h.List == HotSpotListKind.Events);
        var top = await events.OrderBy(h => h.Rank).Take(3).ToListAsync(ct);
        return new LatestHotSpots(ChinaTime.ToLocal(new DateTimeOffset(run.RanAtUtc, TimeSpan.Zero)), await events.CountAsync(ct), top.Select(h => new HotSpotBrief(h.Id, h.PlaceName, h.Terms, h.Size)).ToList());
    }
}
