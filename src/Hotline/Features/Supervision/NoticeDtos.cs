using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;

namespace Hotline.Features.Supervision;

/// <summary>One row of the ledger (督办台账). A notice carries no caller data: the orders' numbers and subjects only.</summary>
public sealed record NoticeSummary(
    long Id, string Number, string Trigger, NoticeState State, long UnitId, string UnitName, SupervisionMethod Method,
    DateTimeOffset IssuedAt, DateTimeOffset DueAt, Light Light, bool Late, int RejectCount, int LateAnswerCount, int ReminderCount,
    bool IsListed, DateTimeOffset? AnsweredAt, DateTimeOffset? ClosedAt, string? Outcome, string OpenedByName, IReadOnlyList<string> OrderNumbers, long Version)
{
    internal static NoticeSummary From(SupervisionNotice n, DateTime nowUtc) => new(
        n.Id, n.Number, n.Trigger, n.State, n.UnitId, n.UnitName, n.Method, WorkOrderDto.Local(n.IssuedAtUtc), WorkOrderDto.Local(n.DueAtUtc), n.Light,
        n.IsLate(nowUtc), n.RejectCount, n.LateAnswerCount, n.ReminderCount, n.IsListed, WorkOrderDto.Local(n.AnsweredAtUtc), WorkOrderDto.Local(n.ClosedAtUtc),
        n.Outcome, n.OpenedByName, n.Orders.Select(o => o.Number).ToList(), n.Version);
}

public sealed record NoticeOrderDto(long WorkOrderId, string Number, string Subject);

public sealed record NoticeEventDto(long Id, DateTimeOffset At, NoticeAction Action, string ActorName, string ActorUnitName, string? Text, IReadOnlyDictionary<string, string?> Details);

/// <summary>One notice with its orders, its own timeline and the steps the caller may take now.</summary>
public sealed record NoticeDetail(
    NoticeSummary Summary, string Reason, string Demand, int DeadlineWorkingDays, DateTimeOffset WarnAt, long? DifficultIssueId,
    DateTimeOffset? SignedAt, string? SignedByName, string? Measures, string? Evidence,
    DateTimeOffset? ListedAt, DateTimeOffset? ListingDeadline, bool ListingInMedia, string? PublicMatter, DateTimeOffset? DelistedAt, string? DelistReason,
    IReadOnlyList<NoticeOrderDto> Orders, IReadOnlyList<NoticeEventDto> Timeline, IReadOnlyList<NoticeAction> AvailableActions)
{
    internal static NoticeDetail From(SupervisionNotice n, IEnumerable<NoticeEvent> events, Actor actor, DateTime nowUtc) => new(
        NoticeSummary.From(n, nowUtc), n.Reason, n.Demand, n.DeadlineWorkingDays, WorkOrderDto.Local(n.WarnAtUtc), n.DifficultIssueId,
        WorkOrderDto.Local(n.SignedAtUtc), n.SignedByName, n.Measures, n.Evidence,
        WorkOrderDto.Local(n.ListedAtUtc), WorkOrderDto.Local(n.ListingDeadlineUtc), n.ListingInMedia, n.PublicMatter, WorkOrderDto.Local(n.DelistedAtUtc), n.DelistReason,
        n.Orders.Select(o => new NoticeOrderDto(o.WorkOrderId, o.Number, o.Subject)).ToList(),
        events.Select(e => new NoticeEventDto(e.Id, WorkOrderDto.Local(e.AtUtc), e.Action, e.ActorName, e.ActorUnitName, e.Text, e.Details)).ToList(),
        n.ActionsFor(actor));
}

/// <summary>The notices opened by one request (one per unit).</summary>
public sealed record OpenedNotices(IReadOnlyList<NoticeSummary> Notices);

/// <summary>
/// The figures of one unit over a period, as assessment reads them (each notice counted for the unit it is addressed to):
/// <list type="bullet">
/// <item><see cref="Opened"/>: notices issued in the period (local dates, inclusive).</item>
/// <item><see cref="Closed"/>: notices closed (accepted) in the period, whenever they were issued.</item>
/// <item><see cref="AnsweredLate"/>: of the notices issued in the period, those answered after their deadline at least once.</item>
/// <item><see cref="Rejections"/>: the answers sent back, summed over the notices issued in the period.</item>
/// <item><see cref="OpenPastDue"/>: notices issued in the period still waiting for the unit (not signed or not answered) past their deadline at the end of the period (or now, if earlier).</item>
/// </list>
/// </summary>
public sealed record NoticeUnitFigures(long UnitId, string UnitName, int Opened, int Closed, int AnsweredLate, int Rejections, int OpenPastDue);

/// <summary>
/// A listed notice as the public reads it (挂牌督办): number, unit, the matter in public words, when listed, the listing's
/// deadline, progress in citizen words and the media flag, and once closed the rectification result the supervisor
/// published (<see cref="SupervisionNotice.PublicResult"/>); nothing else (no reason, demand, measures, orders or caller).
/// </summary>
public sealed record PublicListing(string Number, string UnitName, string Matter, DateTimeOffset ListedAt, DateTimeOffset? ListingDeadline, NoticeState Progress, bool InMedia, string? Result = null);
