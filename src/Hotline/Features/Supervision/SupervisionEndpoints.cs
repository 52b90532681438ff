using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

public sealed record UnitLoad(long UnitId, string UnitName, int Open, int DueToday, int Yellow, int Red, int Overdue);

public sealed record Wallboard(DateTimeOffset At, int Open, int AwaitingDispatch, int WithUnits, int DueToday, int Yellow, int Red, int AwaitingCallback, IReadOnlyList<UnitLoad> ByUnit);

public sealed record ReminderEntry(long WorkOrderId, string Number, string Subject, DateTimeOffset At, string Kind, string By, string? UnitName, string Text);

/// <summary>The supervisor's view (S7, S8): open load, due today, lights by unit, reminders issued.</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Oversee);
        group.MapGet("/wallboard", GetWallboard);
        group.MapGet("/reminders", Reminders);
        return app;
    }

    private static async Task<Ok<Wallboard>> GetWallboard(HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.LocalDate(now);
        var endOfToday = ChinaTime.EndOfDay(today).UtcDateTime;
        var nowUtc = now.UtcDateTime;
        var open = db.Set<WorkOrder>().AsNoTracking().Where(w => StatusGroups.OpenArray.Contains(w.Status));
        if (!user.Scope.IsPlatformWide)
        {
            var path = user.Scope.Path;
            open = open.Where(w => w.LeadUnitPath != null && w.LeadUnitPath.StartsWith(path));
        }

        var statusCounts = await open.GroupBy(w => w.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var withUnits = open.Where(w => StatusGroups.WithUnitArray.Contains(w.Status));
        var byUnit = await withUnits
            .GroupBy(w => new { w.LeadUnitId, w.LeadUnitName })
            .Select(g => new UnitLoad(
                g.Key.LeadUnitId ?? 0,
                g.Key.LeadUnitName ?? string.Empty,
                g.Count(),
                g.Count(w => w.HandlingDueUtc <= endOfToday && w.HandlingDueUtc >= nowUtc),
                g.Count(w => w.Light == Light.Yellow),
                g.Count(w => w.Light == Light.Red),
                g.Count(w => w.HandlingDueUtc < nowUtc)))
            .ToListAsync(ct);
        int Count(WorkOrderStatus s) => statusCounts.FirstOrDefault(c => c.Status == s)?.Count ?? 0;
        return TypedResults.Ok(new Wallboard(
            ChinaTime.ToLocal(now), statusCounts.Sum(c => c.Count), Count(WorkOrderStatus.AwaitingDispatch), byUnit.Sum(u => u.Open), byUnit.Sum(u => u.DueToday),
            byUnit.Sum(u => u.Yellow), byUnit.Sum(u => u.Red), Count(WorkOrderStatus.AwaitingCallback),
            byUnit.OrderByDescending(u => u.Red).ThenByDescending(u => u.Yellow).ThenByDescending(u => u.Open).ToList()));
    }

    /// <summary>Reminders issued (automatic and manual), newest first, from the timeline.</summary>
    private static async Task<Ok<Paged<ReminderEntry>>> Reminders(HotlineDbContext db, CurrentUser user, string? kind, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.Action == WorkOrderAction.Remind)
            .Join(db.Set<WorkOrder>(), e => e.WorkOrderId, w => w.Id, (e, w) => new { e, w });
        if (!user.Scope.IsPlatformWide)
        {
            var path = user.Scope.Path;
            query = query.Where(x => x.w.LeadUnitPath != null && x.w.LeadUnitPath.StartsWith(path));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.e.Id).Skip((number - 1) * size).Take(size)
            .Select(x => new { x.w.Id, x.w.Number, x.w.Subject, x.e.AtUtc, x.e.Details, x.e.ActorName, x.w.LeadUnitName, x.e.Reason })
            .ToListAsync(ct);
        var items = rows
            .Where(r => kind is null || string.Equals(r.Details.GetValueOrDefault("kind"), kind, StringComparison.OrdinalIgnoreCase))
            .Select(r => new ReminderEntry(r.Id, r.Number, r.Subject, WorkOrderDto.Local(r.AtUtc), r.Details.GetValueOrDefault("kind") ?? "Manual", r.ActorName, r.Details.GetValueOrDefault("unit") ?? r.LeadUnitName, r.Reason ?? string.Empty))
            .ToList();
        return TypedResults.Ok(new Paged<ReminderEntry>(items, total, number, size));
    }
}
