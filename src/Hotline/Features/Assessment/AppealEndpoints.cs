using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment;

/// <param name="UnitId">The appealing unit; the caller's own unit when absent (it must be one the caller acts for).</param>
public sealed record FileAppealRequest(
    [property: MaxLength(Limits.Reference)] string WorkOrderNumber, [property: MaxLength(Limits.Reference)] string Formula,
    [property: MaxLength(Limits.Reason)] string Reason, [property: MaxLength(Limits.MediumText)] string Evidence, long? UnitId = null);

public sealed record DecideAppealRequest(bool Approve, [property: MaxLength(Limits.Reason)] string Note, long Version);

/// <summary>Appeals (申诉): a unit files one against one order's count; the centre approves or rejects; approved ones change the figures.</summary>
public static class AppealEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentAppeals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/appeals").WithTags("Assessment");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadAssessment);
        group.MapPost("/", File).RequireAuthorization(Policies.FileAssessmentAppeal);
        group.MapPost("/{id:long}/decision", Decide).RequireAuthorization(Policies.DecideAssessmentAppeal);
        return app;
    }

    private static async Task<Ok<Paged<AppealDto>>> List(HotlineDbContext db, CurrentUser user, [MaxLength(Limits.Reference)] string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var path = user.Scope.Path;
        var query = db.Set<AssessmentAppeal>().AsNoTracking().Where(a => a.UnitPath.StartsWith(path));
        if (AssessmentEndpoints.Parse<AppealState>(state, "state") is { } s)
        {
            query = query.Where(a => a.State == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<AppealDto>([.. rows.Select(AppealDto.From)], total, number, size));
    }

    private static async Task<Ok<AppealDto>> File(FileAppealRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var unitId = request.UnitId ?? user.UnitId;
        var unit = await db.Set<Unit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !user.Scope.ActsFor(unit.Path))
        {
            throw ValidationException.For("unitId", "Appeal for your own unit or a unit below it.");
        }

        var number = (request.WorkOrderNumber ?? string.Empty).Trim();
        var order = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Number == number).Select(w => new { w.Id, w.Number }).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("workOrderNumber", "No such work order.");
        var held = await db.Set<AssessmentFactRow>().AnyAsync(f => f.WorkOrderId == order.Id && f.UnitId == unit.Id && f.Held > 0, ct);
        var appeal = AssessmentAppeal.File(order.Id, order.Number, unit, held, request.Formula ?? string.Empty, request.Reason ?? string.Empty, request.Evidence ?? string.Empty, user.DisplayName, time.GetUtcNow().UtcDateTime);
        db.Add(appeal);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AppealDto.From(appeal));
    }

    private static async Task<Ok<AppealDto>> Decide(long id, DecideAppealRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var appeal = await db.Set<AssessmentAppeal>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appeal is null || !user.Scope.Covers(appeal.UnitPath))
        {
            throw new NotFoundException("appeal_not_found", "No such appeal.");
        }

        db.ExpectVersion(appeal, request.Version);
        appeal.Decide(request.Approve, request.Note ?? string.Empty, user.DisplayName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AppealDto.From(appeal));
    }
}
