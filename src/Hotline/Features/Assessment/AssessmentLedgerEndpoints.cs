using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.Assessment.Dashboards.DashboardExportEndpoints;
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
        app.MapGet("/api/assessment/units/{unitId:long}/ledger/export", LedgerExport).WithTags("Assessment").RequireAuthorization(Policies.ReadAssessment)
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        return app;
    }

    private static async Task<Ok<Paged<LedgerEntryDto>>> Ledger(
        long unitId, [MaxLength(Limits.Reference)] string? formula, HotlineDbContext db, CurrentUser user,
        int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (entries, _) = await EntriesAsync(unitId, formula, db, user, year, month, quarter, from, to, ct);
        var (number, size) = Paging.Normalise(page, pageSize);
        return TypedResults.Ok(new Paged<LedgerEntryDto>(
            [.. await entries.Skip((number - 1) * size).Take(size).ToListAsync(ct)], await entries.CountAsync(ct), number, size));
    }

    /// <summary>Every entry behind the figure as a workbook (the drill-down's rows, unpaged, newest first).</summary>
    private static async Task<FileStreamHttpResult> LedgerExport(
        long unitId, [MaxLength(Limits.Reference)] string? formula, HotlineDbContext db, CurrentUser user,
        int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var (entries, period) = await EntriesAsync(unitId, formula, db, user, year, month, quarter, from, to, ct);
        var notices = formula == Formulas.SupervisionNotices;
        var rows = entries.Take(XlsxExport.MaxRows).AsEnumerable().Select(e => notices
            ? Row(("督办单号", e.NoticeNumber), ("单位", e.UnitName), ("签发时间", e.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), ("状态", e.NoticeState is { } state ? NoticeStateNames.Zh(state) : null))
            : Row(("问责记录", e.Id), ("单位", e.UnitName), ("记录时间", e.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), ("情形", e.Code is { } c ? MisconductNames.Zh(c) : null), ("处理", e.Sanction is { } x ? MisconductNames.Zh(x) : null)));
        return await XlsxExport.FileAsync(rows, notices ? "督办单" : "问责记录", FileName($"assessment-ledger-{formula}", period.From, period.To), ct);
    }

    /// <summary>The notices or records behind a ledger figure of <paramref name="unitId"/>'s subtree (404 outside the caller's scope), newest first.</summary>
    private static async Task<(IQueryable<LedgerEntryDto> Entries, AssessmentPeriod Period)> EntriesAsync(
        long unitId, string? formula, HotlineDbContext db, CurrentUser user, int? year, int? month, int? quarter, string? from, string? to, CancellationToken ct)
    {
        var code = formula is Formulas.SupervisionNotices or Formulas.MisconductRecords
            ? formula : throw ValidationException.For("formula", $"Use '{Formulas.SupervisionNotices}' or '{Formulas.MisconductRecords}'.");
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var subtree = AssessmentEndpoints.Subtree(units, AssessmentEndpoints.InScope(units, unitId, user));
        if (code == Formulas.SupervisionNotices)
        {
            return (db.Set<SupervisionNotice>().AsNoTracking().Where(SupervisionCounts.NoticesIn(period)).Where(n => subtree.Contains(n.UnitId))
                .OrderByDescending(n => n.Id)
                .Select(n => new LedgerEntryDto(n.Id, n.UnitId, n.UnitName, WorkOrders.WorkOrderDto.Local(n.IssuedAtUtc), n.Number, n.State, null, null)), period);
        }

        return (db.Set<MisconductRecord>().AsNoTracking().Where(SupervisionCounts.MisconductIn(period)).Where(m => subtree.Contains(m.UnitId))
            .OrderByDescending(m => m.Id)
            .Select(m => new LedgerEntryDto(m.Id, m.UnitId, m.UnitName, WorkOrders.WorkOrderDto.Local(m.RecordedAtUtc), null, null, m.Code, m.Sanction)), period);
    }
}
