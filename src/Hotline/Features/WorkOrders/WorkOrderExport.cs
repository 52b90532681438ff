using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// Issue 17: the work-order list as an .xlsx workbook, with exactly the list's filters, scope and sort
/// (<see cref="WorkOrderQueries.FilterAsync"/>) and the caller masked as the list masks it (<see cref="CallerView.Masked(Actor, string?, string?, bool, bool)"/>).
/// The rows are read with a projection and written as they are read (<see cref="XlsxExport"/>).
/// </summary>
public static class WorkOrderExport
{
    public static async Task<FileStreamHttpResult> Export(
        HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, ISearchIndex index, string? status, long? unitId, string? light, string? requestType,
        string? categoryCode, string? channel, string? urgency, string? regionCode, string? from, string? to, [MaxLength(Limits.SearchText)] string? q, string? number,
        bool? pendingExtension, bool? overdue, bool? dueToday, string? sort, CancellationToken ct,
        [MaxLength(Limits.QueryValue)] string? hardCaseLevel = null, bool? lateWithoutGoodReason = null, long? unitSubtree = null,
        [MaxLength(Limits.EntityName)] string? entity = null)
    {
        var query = await WorkOrderQueries.FilterAsync(
            db, user, clocks, index, status, unitId, light, requestType, categoryCode, channel, urgency, regionCode, from, to, q, number, pendingExtension, overdue,
            dueToday, sort, hardCaseLevel, lateWithoutGoodReason, unitSubtree, ct, entity);
        var rows = Project(query);
        var day = Domain.Calendar.ChinaTime.LocalDate(clocks.Now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return await XlsxExport.FileAsync(Sheet(rows.AsEnumerable(), user.ToActor()), "工单列表", $"work-orders-{day}.xlsx", ct);
    }

    /// <summary>The columns the sheet reads, projected in the database (nothing else read).</summary>
    public static IQueryable<Row> Project(IQueryable<WorkOrder> query) => query.Select(w => new Row(
        w.Number, w.RegisteredAtUtc, w.Channel, w.RequestType, w.Urgency, w.CategoryCode, w.Subject, w.CallerName, w.CallerPhone, w.CallerIsAnonymous,
        w.CallerIsConfidential, w.RegionCode, w.LeadUnitName, w.Status, w.Light, w.HandlingDueUtc, w.CallbackDueUtc));

    /// <summary>The columns of the export (zh-CN headers, the workbench's words for each value).</summary>
    public static IEnumerable<IDictionary<string, object?>> Sheet(IEnumerable<Row> rows, Actor viewer)
    {
        foreach (var r in rows)
        {
            var caller = CallerView.Masked(viewer, r.CallerName, r.CallerPhone, r.Anonymous, r.Confidential);
            yield return new Dictionary<string, object?>(17)
            {
                ["工单编号"] = r.Number,
                ["登记时间"] = Local(r.RegisteredAtUtc),
                ["受理渠道"] = WorkOrderLabels.Of(r.Channel),
                ["诉求类型"] = WorkOrderLabels.Of(r.RequestType),
                ["紧急程度"] = WorkOrderLabels.Of(r.Urgency),
                ["分类编码"] = r.CategoryCode,
                ["标题"] = r.Subject,
                ["来电人"] = caller.IsHidden ? "（保密）" : r.Anonymous ? "（匿名）" : caller.Name ?? "",
                ["联系电话"] = caller.Phone ?? "",
                ["区域编码"] = r.RegionCode ?? "",
                ["承办单位"] = r.LeadUnitName ?? "",
                ["状态"] = WorkOrderLabels.Of(r.Status),
                ["预警灯"] = WorkOrderLabels.Of(r.Light),
                ["办理期限"] = Local(r.HandlingDueUtc),
                ["回访期限"] = Local(r.CallbackDueUtc),
            };
        }
    }

    private static string Local(DateTime? utc) => utc is { } u
        ? Domain.Calendar.ChinaTime.ToLocal(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "";

    /// <summary>One exported order: the columns the sheet shows, nothing else read.</summary>
    public sealed record Row(
        string Number, DateTime RegisteredAtUtc, Channel Channel, RequestType RequestType, Urgency Urgency, string CategoryCode, string Subject,
        string? CallerName, string? CallerPhone, bool Anonymous, bool Confidential, string? RegionCode, string? LeadUnitName, WorkOrderStatus Status,
        Light Light, DateTime? HandlingDueUtc, DateTime? CallbackDueUtc);
}

/// <summary>The workbench's zh-CN words for the order's values (web/src/locales/zh-CN.json), for exports.</summary>
public static class WorkOrderLabels
{
    public static string Of(WorkOrderStatus s) => s switch
    {
        WorkOrderStatus.AwaitingDispatch => "待派单",
        WorkOrderStatus.SentBackToIntake => "退回受理",
        WorkOrderStatus.Dispatched => "待签收",
        WorkOrderStatus.InProgress => "办理中",
        WorkOrderStatus.Returned => "回退待审",
        WorkOrderStatus.Replied => "待审核",
        WorkOrderStatus.AwaitingCallback => "待回访",
        WorkOrderStatus.Closed => "已办结",
        WorkOrderStatus.NotAccepted => "不予受理",
        WorkOrderStatus.Archived => "已归档",
        WorkOrderStatus.HardCase => "疑难待决",
        WorkOrderStatus.InArbitration => "职责争议待定",
        _ => s.ToString(),
    };

    public static string Of(Channel c) => c switch
    {
        Channel.Phone => "12345电话",
        Channel.WeChat => "微信小程序",
        Channel.App => "移动客户端",
        Channel.Web => "网站",
        Channel.MayorMailbox => "市长信箱",
        Channel.Broadcast => "直播12345",
        Channel.Province => "省级来件",
        Channel.GovServiceHotline => "政务服务技术热线",
        Channel.ServiceHall => "有诉即办窗口",
        Channel.SubCentre => "分中心热线",
        _ => c.ToString(),
    };

    public static string Of(RequestType t) => t switch
    {
        RequestType.Inquiry => "咨询",
        RequestType.HelpRequest => "求助",
        RequestType.Complaint => "投诉",
        RequestType.Report => "举报",
        RequestType.Suggestion => "意见建议",
        _ => t.ToString(),
    };

    public static string Of(Urgency u) => u == Urgency.Emergency ? "紧急" : "一般";

    public static string Of(Light l) => l switch
    {
        Light.Red => "红灯",
        Light.Yellow => "黄灯",
        _ => "正常",
    };
}
