using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>
/// Issue 17: the on-time and satisfaction trends (<c>/api/dashboards/scores-trend</c>, the assessment engine's figures, read
/// by those who read the assessment), and every dashboard table as an .xlsx workbook (<c>…/export</c> beside each table's
/// endpoint): the same handler with the same filters, period and scope, written by <see cref="XlsxExport"/> with zh-CN headers.
/// </summary>
public static class DashboardExportEndpoints
{
    public static IEndpointRouteBuilder MapDashboardTrendsAndExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboards").WithTags("Dashboards");
        group.MapGet("/scores-trend", Trend).RequireAuthorization(Policies.ReadAssessment)
            .WithSummary("按时办结率, 满意率, 响应率/解决率 and the composite, by week (under 92 days) or by month, for the caller's scope or one unit's subtree.");
        group.MapGet("/scores-trend/export", TrendExport).RequireAuthorization(Policies.ReadAssessment).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/volume/export", VolumeExport).RequireAuthorization(Policies.Dashboards).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/breakdown/export", BreakdownExport).RequireAuthorization(Policies.Dashboards).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/rising/export", RisingExport).RequireAuthorization(Policies.Dashboards).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/forecast/export", ForecastExport).RequireAuthorization(Policies.Dashboards).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        return app;
    }

    private static async Task<Ok<ScoreTrendView>> Trend(
        ScoreTrendQueries queries, CurrentUser user, [MaxLength(10)] string? from, [MaxLength(10)] string? to, long? unitId, CancellationToken ct) =>
        TypedResults.Ok(await queries.TrendAsync(user.Scope, PeriodChoice.Parse(null, null, null, from, to), unitId, ct));

    private static async Task<FileStreamHttpResult> TrendExport(
        ScoreTrendQueries queries, CurrentUser user, [MaxLength(10)] string? from, [MaxLength(10)] string? to, long? unitId, CancellationToken ct)
    {
        var view = (await Trend(queries, user, from, to, unitId, ct)).Value!;
        var rows = view.Points.Select(p =>
        {
            var row = Row(("时段起", p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("时段止", p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("考核件数", p.AssessedOrders));
            foreach (var f in view.Formulas)
            {
                row[$"{f.NameZh}（比例）"] = p.Figures[f.Code].Rate;
            }

            row["综合得分"] = p.Composite;
            return row;
        });
        return await XlsxExport.FileAsync(rows, "考核趋势", FileName("scores-trend", view.From, view.To), ct);
    }

    private static async Task<FileStreamHttpResult> VolumeExport(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to,
        [MaxLength(Limits.QueryValue)] string? grain, [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType,
        [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var view = (await DashboardEndpoints.Volume(queries, user, from, to, grain, channel, requestType, categoryCode, regionCode, unitSubtree, ct)).Value!;
        var rows = view.Buckets.Select(b => Row(
            ("时段起", b.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("时段止", b.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("工单量", b.Count), ("去年同期", b.YearEarlier),
            ("同比", b.YearOnYear), ("上期", b.Previous), ("环比", b.PeriodOnPeriod)));
        return await XlsxExport.FileAsync(rows, "工单量趋势", FileName("volume", view.From, view.To), ct);
    }

    private static async Task<FileStreamHttpResult> BreakdownExport(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? dimension, [MaxLength(Limits.QueryValue)] string? parent,
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, [MaxLength(Limits.QueryValue)] string? channel,
        [MaxLength(Limits.QueryValue)] string? requestType, [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode,
        long? unitSubtree, CancellationToken ct)
    {
        var view = (await DashboardEndpoints.Breakdown(queries, user, dimension, parent, from, to, channel, requestType, categoryCode, regionCode, unitSubtree, ct)).Value!;
        var rows = view.Rows.Select(r => Row(("编码", r.Key), ("名称", Label(view.Dimension, r.Name)), ("工单量", r.Count), ("占比", r.Share)));
        return await XlsxExport.FileAsync(rows, "工单分布", FileName($"breakdown-{Camel(view.Dimension.ToString())}", view.From, view.To), ct);
    }

    private static async Task<FileStreamHttpResult> RisingExport(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, int? level, int? minVolume, int? top,
        [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType, [MaxLength(Limits.QueryValue)] string? categoryCode,
        [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var view = (await DashboardEndpoints.Rising(queries, user, from, to, level, minVolume, top, channel, requestType, categoryCode, regionCode, unitSubtree, ct)).Value!;
        var rows = view.Rows.Select(r => Row(("分类编码", r.Code), ("分类名称", r.Name), ("本期", r.Current), ("上期", r.Previous), ("增幅", r.Growth)));
        return await XlsxExport.FileAsync(rows, "热点上升分类", FileName("rising", view.From, view.To), ct);
    }

    private static async Task<FileStreamHttpResult> ForecastExport(
        DashboardQueries queries, CurrentUser user, TimeProvider time, int? weeks, [MaxLength(Limits.QueryValue)] string? dimension,
        [MaxLength(Limits.QueryValue)] string? parent, [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType,
        [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var view = (await DashboardEndpoints.ForecastAsync(queries, user, time, weeks, dimension, parent, channel, requestType, categoryCode, regionCode, unitSubtree, ct)).Value!;
        var rows = view.Series.SelectMany(s =>
            s.History.Select(h => Row(("序列", s.Key is null ? "合计" : $"{s.Name}（{s.Key}）"), ("周起始", h.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("类别", "实际"),
                ("工单量", (double)h.Count), ("下限", null), ("上限", null)))
            .Concat(s.Forecast.Weeks.Select(w => Row(("序列", s.Key is null ? "合计" : $"{s.Name}（{s.Key}）"), ("周起始", w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("类别", "预测"),
                ("工单量", Math.Round(w.Expected, 1)), ("下限", Math.Round(w.Low, 1)), ("上限", Math.Round(w.High, 1))))));
        return await XlsxExport.FileAsync(rows, "工单量预测", $"forecast-{view.LastWeekStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx", ct);
    }

    /// <summary>A sheet row: the columns in order (header → value).</summary>
    internal static Dictionary<string, object?> Row(params (string Header, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(cells.Length);
        foreach (var (header, value) in cells)
        {
            row[header] = value;
        }

        return row;
    }

    internal static string FileName(string table, DateOnly from, DateOnly to) =>
        $"{table}-{from.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{to.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>A channel's or a request type's zh-CN word (the workbench's), other names as they are.</summary>
    private static string Label(Domain.Analytics.DashboardDimension dimension, string name) => dimension switch
    {
        Domain.Analytics.DashboardDimension.Channel when Enum.TryParse<Channel>(name, true, out var c) => WorkOrderLabels.Of(c),
        Domain.Analytics.DashboardDimension.RequestType when Enum.TryParse<RequestType>(name, true, out var t) => WorkOrderLabels.Of(t),
        _ => name,
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
