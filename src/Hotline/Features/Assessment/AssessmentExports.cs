using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.Assessment.Dashboards.DashboardExportEndpoints;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment;

/// <summary>
/// Issue 17: the assessment screen's tables as .xlsx workbooks, each read by the screen's own handler with the same period and
/// scope: the units' scores, one unit's figures with their formulas, and the orders behind a figure (masked as the work-order
/// list's export masks them).
/// </summary>
public static class AssessmentExports
{
    public static IEndpointRouteBuilder MapAssessmentExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment").WithTags("Assessment").RequireAuthorization(Policies.ReadAssessment);
        group.MapGet("/scores/export", ScoresExport).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/units/{unitId:long}/export", UnitExport).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/units/{unitId:long}/orders/export", OrdersExport).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        return app;
    }

    private static async Task<FileStreamHttpResult> ScoresExport(
        AssessmentQueries queries, CurrentUser user, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var view = (await AssessmentEndpoints.Scores(queries, user, year, month, quarter, from, to, ct)).Value!;
        var rows = view.Units.Select(u =>
        {
            var row = Row(("单位编码", u.UnitCode), ("单位名称", u.UnitName), ("考核件数", u.AssessedOrders));
            foreach (var f in Formulas.List)
            {
                row[Header(f)] = f.Kind == FigureKind.Rate ? u.Figures[f.Code].Rate : u.Figures[f.Code].Numerator;
            }

            row["综合得分"] = u.Composite;
            return row;
        });
        return await XlsxExport.FileAsync(rows, "考核得分", FileName("assessment-scores", view.From, view.To), ct);
    }

    private static async Task<FileStreamHttpResult> UnitExport(
        long unitId, AssessmentQueries queries, HotlineDbContext db, CurrentUser user,
        int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var view = (await AssessmentEndpoints.Unit(unitId, queries, db, user, year, month, quarter, from, to, ct)).Value!;
        var rows = view.Figures.Select(f => Row(
            ("指标", f.Formula.NameZh), ("分子", f.Numerator), ("分母", f.Formula.Kind == FigureKind.Rate ? f.Denominator : null), ("比例", f.Rate),
            ("分子口径", f.Formula.NumeratorZh), ("分母口径", f.Formula.Kind == FigureKind.Rate ? f.Formula.DenominatorZh : ""), ("计入时间", f.Formula.CountedInZh),
            ("核减", string.Join("；", f.Exclusions.Select(e => $"{Exclusion(e.Kind)} {e.Count.ToString(CultureInfo.InvariantCulture)}"))),
            ("申诉", string.Join("；", f.Appeals.Select(a => a.WorkOrderNumber)))));
        return await XlsxExport.FileAsync(rows, "单位考核指标", FileName($"assessment-unit-{unitId.ToString(CultureInfo.InvariantCulture)}", view.From, view.To), ct);
    }

    /// <summary>The orders behind one figure: the drill-down's orders, newest first, as the work-order list exports them (the caller masked alike).</summary>
    private static async Task<FileStreamHttpResult> OrdersExport(
        long unitId, [MaxLength(Limits.Reference)] string? formula, [MaxLength(Limits.Reference)] string? part, AssessmentQueries queries, HotlineDbContext db, CurrentUser user,
        WorkOrderClocks clocks, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var ids = await AssessmentEndpoints.DrillIdsAsync(unitId, formula, part, queries, db, user, clocks, period, ct);
        var orders = WorkOrderExport.Project(db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).OrderByDescending(w => w.Id));
        return await XlsxExport.FileAsync(WorkOrderExport.Sheet(orders.AsEnumerable(), user.ToActor()), "考核工单", FileName($"assessment-orders-{formula}", period.From, period.To), ct);
    }

    /// <summary>A figure's column header: its zh-CN name, a rate marked as a proportion.</summary>
    internal static string Header(Formula f) => f.Kind == FigureKind.Rate ? $"{f.NameZh}（比例）" : f.NameZh;

    private static string Exclusion(ExclusionKind kind) => kind switch
    {
        ExclusionKind.Invalid => "无效",
        ExclusionKind.Duplicate => "重复",
        ExclusionKind.Unreasonable => "不合理诉求",
        ExclusionKind.Exempt => "调解执法类",
        _ => "申诉核减",
    };
}
