using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Attachments;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Attachments;
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
    [property: MaxLength(Limits.Reason)] string Reason, [property: MaxLength(Limits.MediumText)] string Evidence, long? UnitId = null,
    [property: MaxLength(Limits.Attachments)] IReadOnlyList<long>? AttachmentIds = null);

public sealed record DecideAppealRequest(bool Approve, [property: MaxLength(Limits.Reason)] string Note, long Version);

/// <summary>
/// Appeals (申诉): a unit files one against one order's count, with its evidence as text and as files (uploads the
/// appeal claims, issue 18); the centre approves or rejects; approved ones change the figures.
/// </summary>
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
        var files = await FilesAsync(db, rows.Select(a => a.Id).ToList(), ct);
        return TypedResults.Ok(new Paged<AppealDto>([.. rows.Select(a => AppealDto.From(a) with { Files = [.. files[a.Id]] })], total, number, size));
    }

    private static async Task<Ok<AppealDto>> File(
        FileAppealRequest request, HotlineDbContext db, CurrentUser user, UploadClaims uploads, TimeProvider time, CancellationToken ct)
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
        var evidence = await uploads.ResolveAsync(request.AttachmentIds, ct);
        AttachmentRules.CheckAppealTotals(evidence);
        await uploads.InTransactionAsync(async () =>
        {
            db.Add(appeal);
            await db.SaveChangesAsync(ct);
            await uploads.ClaimForAppealAsync(appeal.Id, evidence, ct);
            return appeal;
        }, ct);
        return TypedResults.Ok(AppealDto.From(appeal) with { Files = [.. (await FilesAsync(db, [appeal.Id], ct))[appeal.Id]] });
    }

    /// <summary>The evidence files of each appeal named (an empty list for one without).</summary>
    private static async Task<ILookup<long, AppealFileDto>> FilesAsync(HotlineDbContext db, List<long> appealIds, CancellationToken ct)
    {
        var rows = await db.Set<Upload>().AsNoTracking().Where(u => u.AppealId != null && appealIds.Contains(u.AppealId.Value)).OrderBy(u => u.Id)
            .Select(u => new { AppealId = u.AppealId!.Value, File = new AppealFileDto(u.Id, u.Name, u.ContentType, u.Size, u.HasThumbnail) }).ToListAsync(ct);
        return rows.ToLookup(r => r.AppealId, r => r.File);
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
        return TypedResults.Ok(AppealDto.From(appeal) with { Files = [.. (await FilesAsync(db, [appeal.Id], ct))[appeal.Id]] });
    }
}
