using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Features.Assessment.Sampling;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Hotline.Features.Assessment.Dashboards.DashboardExportEndpoints;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>
/// Issue 17: the rankings screen's other tables as .xlsx workbooks (the 综合考核 workbook is <c>/rankings/export</c>): the
/// service targets, the interview list, the qualitative scores, a month's circulated results and the sampled rates, each read
/// by the table's own handler with the same filters and scope.
/// </summary>
public static class RankingTableExports
{
    public static IEndpointRouteBuilder MapRankingTableExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment").WithTags("Assessment");
        group.MapGet("/targets/export", TargetsExport).RequireAuthorization(Policies.ReadRankings).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/interviews/export", InterviewsExport).RequireAuthorization(Policies.ReadRankings).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/qualitative/export", QualitativeExport).RequireAuthorization(Policies.ReadRankings).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/circulations/{month}/export", CirculationExport).RequireAuthorization(Policies.ReadRankings).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        group.MapGet("/sampling/rates/export", SamplingExport).RequireAuthorization(Policies.ReadSampling).Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType);
        return app;
    }

    private static async Task<FileStreamHttpResult> TargetsExport(
        HotlineDbContext db, CurrentUser user, [FromServices] RankingService rankings, [FromServices] IUnitScores scores, [MaxLength(Limits.QueryValue)] string? month,
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, long? unitId, CancellationToken ct)
    {
        var view = (await CirculationEndpoints.Targets(db, user, rankings, scores, month, from, to, unitId, ct)).Value!;
        var rows = view.Targets.Select(t => Row(
            ("单位", view.UnitName), ("服务目标", Target(t.Code)), ("目标值（%）", t.Target), ("实际值（%）", t.Measured), ("分子", t.Numerator), ("分母", t.Denominator),
            ("是否达标", t.Met is null ? (t.Measurable ? "无数据" : "暂不可测") : t.Met.Value ? "达标" : "未达标")));
        return await XlsxExport.FileAsync(rows, "服务目标", $"service-targets-{view.From}-{view.To}.xlsx", ct);
    }

    private static async Task<FileStreamHttpResult> InterviewsExport(
        HotlineDbContext db, CurrentUser user, [MaxLength(Limits.QueryValue)] string? month, [MaxLength(Limits.QueryValue)] string? state, CancellationToken ct)
    {
        var all = new List<InterviewDto>();
        for (var page = 1; ; page++)
        {
            var paged = (await InterviewEndpoints.List(db, user, month, state, page, Paging.MaxPageSize, ct)).Value!;
            all.AddRange(paged.Items);
            if (paged.Items.Count < Paging.MaxPageSize || all.Count >= paged.Total)
            {
                break;
            }
        }

        var rows = all.Select(i => Row(
            ("月份", i.Month), ("单位", i.UnitName), ("约谈原因", i.Reason == InterviewReason.BottomThreeMonths ? "连续3个月后三位" : "不作为、慢作为"), ("依据", i.Basis),
            ("状态", State(i.State)), ("约谈日期", i.InterviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""), ("约谈人", i.Interviewer ?? ""),
            ("单位负责人", i.UnitHead ?? ""), ("约谈结果", i.Outcome ?? ""), ("不予约谈理由", i.DismissReason ?? "")));
        return await XlsxExport.FileAsync(rows, "约谈名单", $"interviews-{month ?? "all"}.xlsx", ct);
    }

    private static async Task<FileStreamHttpResult> QualitativeExport(
        HotlineDbContext db, CurrentUser user, [MaxLength(Limits.QueryValue)] string? month, long? unitId, CancellationToken ct)
    {
        var list = (await QualitativeEndpoints.List(db, user, month, unitId, ct)).Value!;
        var rows = list.Select(q => Row(
            ("月份", q.Month), ("单位", q.UnitName), ("评分项", Item(q.Item)), ("分值", q.Points), ("理由", q.Reason),
            ("评分时间", q.ScoredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), ("评分人", q.ScoredByName)));
        return await XlsxExport.FileAsync(rows, "定性评分", $"qualitative-{AssessmentMonth.Parse(month).Key}.xlsx", ct);
    }

    private static async Task<FileStreamHttpResult> CirculationExport(string month, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var view = (await CirculationEndpoints.Get(month, db, user, ct)).Value!;
        var rows = view.Rows.Select(r =>
        {
            var row = Row(("单位编码", r.UnitCode), ("单位名称", r.UnitName), ("排名分组", r.GroupName ?? ""), ("名次", r.Rank), ("组内参与排名数", r.RankedInGroup),
                ("样本不足", r.TooFewToRank ? "是" : "否"), ("考核件数", r.AssessedOrders), ("综合得分", r.Composite), ("定性加减分", r.QualitativePoints));
            foreach (var f in Formulas.List.Where(f => r.Figures.ContainsKey(f.Code)))
            {
                row[AssessmentExports.Header(f)] = r.Figures[f.Code];
            }

            return row;
        });
        return await XlsxExport.FileAsync(rows, "月度通报", $"circulation-{view.Month}.xlsx", ct);
    }

    private static async Task<FileStreamHttpResult> SamplingExport(
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var view = (await SamplingRates.Get(from, to, db, user, ct)).Value!;
        var rows = view.Units.Select(u => Row(
            ("单位", u.UnitName), ("抽样件数", u.Sampled), ("抽样过程满意率", u.SampledProcessRate), ("抽样结果满意率", u.SampledResultRate),
            ("平台回访件数", u.CalledBack), ("平台过程满意率", u.PlatformProcessRate), ("平台结果满意率", u.PlatformResultRate)));
        return await XlsxExport.FileAsync(rows, "第三方抽样", FileName("sampling-rates", view.From, view.To), ct);
    }

    private static string Target(string code) => code switch
    {
        "completion" => "办结率",
        "callback" => "回访率",
        "connection" => "有效接通率",
        _ => code,
    };

    private static string State(InterviewState s) => s switch
    {
        InterviewState.Proposed => "待确认",
        InterviewState.Confirmed => "已确认",
        InterviewState.Dismissed => "不予约谈",
        _ => "已约谈",
    };

    private static string Item(QualitativeItem i) => i switch
    {
        QualitativeItem.RulesMade => "制度建设",
        QualitativeItem.LongTermMechanism => "长效机制",
        _ => "工作改进",
    };
}
