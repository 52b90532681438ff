using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Open311;

/// <summary>
/// A work order as GeoReport v2 shows it to anyone (issue 18). What it carries is decided here, once: the order's number,
/// open or closed, the citizen's stage in zh-CN (<see cref="CitizenProgress.StageOf"/>), the service (the category at the
/// level citizens choose from), the lead unit, the dates, and the place — never the caller's name or phone, never the
/// description (the citizen's own words may name people and numbers), never a note, a reply or a staff name. Anyone
/// may read any number, so the place is only the street (街道/乡镇): the free address and the position of a complaint
/// are often the citizen's own door (docs/decisions.md). A confidential or anonymous order shows no place at all.
/// </summary>
public sealed record ServiceRequestView(
    string ServiceRequestId, bool IsOpen, string StatusNotes, string ServiceCode, string? AgencyResponsible, string ServiceNotice, DateTime RequestedUtc,
    DateTime UpdatedUtc, DateTime? ExpectedUtc, string? Address, double? Latitude, double? Longitude)
{
    /// <param name="serviceCode">The order's category at the level citizens choose from (the caller walks the catalogue up).</param>
    public static ServiceRequestView Of(WorkOrder order, string serviceCode)
    {
        ArgumentNullException.ThrowIfNull(order);
        var stage = CitizenProgress.StageOf(order.Status);
        var hidePlace = HidesPlace(order);
        var isOpen = !StatusGroups.Finished.Contains(order.Status);
        return new ServiceRequestView(
            order.Number, isOpen, NoteOf(stage), serviceCode, order.LeadUnitName, NoticeOf(order, stage), order.RegisteredAtUtc, UpdatedOf(order),
            isOpen ? order.HandlingDueUtc : null, hidePlace ? null : Place(order), null, null);
    }

    /// <summary>A confidential or anonymous caller's order says nothing of where: a place can point at a person.</summary>
    public static bool HidesPlace(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.CallerIsConfidential || order.CallerIsAnonymous;
    }

    /// <summary>The citizen-safe stage in the citizen's words (the portal's progress, one line).</summary>
    public static string NoteOf(CitizenStage stage) => stage switch
    {
        CitizenStage.Queued => "已收到，等待受理",
        CitizenStage.Refused => "未予受理",
        CitizenStage.Accepted => "已受理，等待派单",
        CitizenStage.NotAccepted => "不予受理",
        CitizenStage.Dispatched => "已派单至承办单位",
        CitizenStage.InHand => "承办单位正在办理",
        CitizenStage.Replied => "承办单位已答复，等待回访",
        CitizenStage.Closed => "已办结",
    };

    /// <summary>The last time anything a citizen can see changed (the spec: for a closed request, its closing).</summary>
    public static DateTime UpdatedOf(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        DateTime?[] times = [order.RegisteredAtUtc, order.DispatchedAtUtc, order.SignedAtUtc, order.CurrentReply?.AtUtc, order.ClosedAtUtc, order.ArchivedAtUtc];
        return times.Max() ?? order.RegisteredAtUtc;
    }

    private static string NoticeOf(WorkOrder order, CitizenStage stage) => stage switch
    {
        CitizenStage.NotAccepted when order.Resolution?.RejectionReason is { } reason => RefusalTexts.For(reason),
        CitizenStage.Closed or CitizenStage.NotAccepted => "本诉求已办结，答复以短信告知诉求人。",
        CitizenStage.Replied => "承办单位已答复，热线将回访诉求人。",
        _ => "热线按规定时限办理，办理期限见 expected_datetime。",
    };

    private static string? Place(WorkOrder order) => string.IsNullOrWhiteSpace(order.Street) ? null : order.Street;
}
