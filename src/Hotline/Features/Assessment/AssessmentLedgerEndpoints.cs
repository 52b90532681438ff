using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment;

/// <summary>
/// One entry of the supervision ledger behind a ledger figure: a notice (its number and state) or a misconduct record (its
/// code and sanction). The record's facts and staff name are not shown here (the misconduct screen shows them to its readers).
/// </summary>
public sealed record LedgerEntryDto(
    long Id, long UnitId, string UnitName, DateTimeOffset At, string? NoticeNumber, NoticeState? NoticeState, MisconductCode? Code, Sanction? Sanction);

/// <summary>The drill-down of the supervision counts (<see cref="SupervisionCounts"/>): the notices or records behind the figure.</summary>
public static class AssessmentLedgerEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentLedger(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assessment/units/{unitId:long}/ledger", Ledger).WithTags("Assessment").RequireAuthorization(Policies.ReadAssessment);
        return app;
    }

    private static async Task<Ok<Paged<LedgerEntryDto>>> Ledger(
        long unitId, [MaxLength(Limits.Reference)] string? formula, HotlineDbContext db, CurrentUser user,
        int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var code = formula is Formulas.SupervisionNotices or Formulas.MisconductRecords
            ? formula : throw ValidationException.For("formula", $"Use '{Formulas.SupervisionNotices}' or '{Formulas.MisconductRecords}'.");
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var subtree = AssessmentEndpoints.Subtree(units, AssessmentEndpoints.InScope(units, unitId, user));
        var (number, size) = Paging.Normalise(page, pageSize);
        if (code == Formulas.SupervisionNotices)
        {
            var notices = db.Set<SupervisionNotice>().AsNoTracking().Where(SupervisionCounts.NoticesIn(period)).Where(n => subtree.Contains(n.UnitId));
            var rows = await notices.OrderByDescending(n => n.Id).Skip((number - 1) * size).Take(size)
                .Select(n => new { n.Id, n.UnitId, n.UnitName, n.IssuedAtUtc, n.Number, n.State }).ToListAsync(ct);
            return TypedResults.Ok(new Paged<LedgerEntryDto>(
                [.. rows.Select(n => new LedgerEntryDto(n.Id, n.UnitId, n.UnitName, WorkOrders.WorkOrderDto.Local(n.IssuedAtUtc), n.Number, n.State, null, null))],
                await notices.CountAsync(ct), number, size));
        }

        var records = db.Set<MisconductRecord>().AsNoTracking().Where(SupervisionCounts.MisconductIn(period)).Where(m => subtree.Contains(m.UnitId));
        var list = await records.OrderByDescending(m => m.Id).Skip((number - 1) * size).Take(size)
            .Select(m => new { m.Id, m.UnitId, m.UnitName, m.RecordedAtUtc, m.Code, m.Sanction }).ToListAsync(ct);
        return TypedResults.Ok(new Paged<LedgerEntryDto>(
            [.. list.Select(m => new LedgerEntryDto(m.Id, m.UnitId, m.UnitName, WorkOrders.WorkOrderDto.Local(m.RecordedAtUtc), null, null, m.Code, m.Sanction))],
            await records.CountAsync(ct), number, size));
    }
}
