using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Supervision.Proposals;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// The wallboard's figures, each as <see cref="WorkOrderCounts"/> defines it: <see cref="Open"/> is the sum of the five
/// stages (awaiting dispatch, sent back to intake, with units, at the centre's review, awaiting callback); the units'
/// rows add up to <see cref="WithUnits"/>.
/// </summary>
public sealed record Wallboard(
    DateTimeOffset At, int Open, int AwaitingDispatch, int SentBackToIntake, int WithUnits, int AtCentreReview, int AwaitingCallback,
    int DueToday, int Yellow, int Red, int Overdue, IReadOnlyList<UnitLoad> ByUnit);

public sealed record ReminderEntry(long WorkOrderId, string Number, string Subject, DateTimeOffset At, string Kind, string By, string? UnitName, string Text);

/// <summary>The supervisor's view (S7, S8): open load, due today, lights by unit, reminders issued.</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Oversee);
        group.MapGet("/wallboard", GetWallboard);
        group.MapGet("/reminders", Reminders);
        app.MapNotices(); // issue 16: supervision notices and their public listing
        app.MapPublicListings();
        app.MapSupervisionProposalRoutes(); // issue 16, proposals
        return app;
    }

    private static async Task<Ok<Wallboard>> GetWallboard(WorkOrderCountQuery counts, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var c = await counts.CountAsync(user.Scope, ct);
        var byUnit = await counts.ByUnitAsync(user.Scope, ct);
        return TypedResults.Ok(new Wallboard(
            ChinaTime.ToLocal(time.GetUtcNow()), c.Open, c.AwaitingDispatch, c.SentBackToIntake, c.WithUnits, c.AtCentreReview, c.AwaitingCallback,
            c.DueToday, c.Yellow, c.Red, c.Overdue, byUnit));
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
