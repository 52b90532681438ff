using Hotline.Domain.Calendar;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The instants the time-bound counts are measured against: now, and the end of today in China time. An order with a
/// unit is overdue when its handling deadline is before <see cref="NowUtc"/>, due today when it falls between
/// <see cref="NowUtc"/> and <see cref="EndOfTodayUtc"/> (both inclusive).
/// </summary>
public readonly record struct CountWindow(DateTime NowUtc, DateTime EndOfTodayUtc)
{
    public static CountWindow At(DateTimeOffset now) => new(now.UtcDateTime, ChinaTime.EndOfDay(ChinaTime.LocalDate(now)).UtcDateTime);

    public bool IsOverdue(WorkOrderStatus status, DateTime? handlingDueUtc) => status.IsWithUnit() && handlingDueUtc < NowUtc;

    public bool IsDueToday(WorkOrderStatus status, DateTime? handlingDueUtc) =>
        status.IsWithUnit() && handlingDueUtc >= NowUtc && handlingDueUtc <= EndOfTodayUtc;
}

/// <summary>
/// Open orders of one status and light: how many, and how many of them are due today and overdue (by
/// <see cref="CountWindow"/>). The database groups the orders into tallies; <see cref="WorkOrderCounts"/> adds them up.
/// </summary>
public sealed record WorkOrderTally(WorkOrderStatus Status, Light Light, int Count, int DueToday, int Overdue);

/// <summary>
/// One definition of each count every screen shows (home pages, supervision, the wallboard; S7, S8). The stages
/// partition the open orders, so <see cref="Open"/> is always their sum: awaiting dispatch (待派单), sent back to intake
/// (退回受理), with units (承办中: to sign and in progress), at the centre's review (待审核: a return or a reply), awaiting
/// the callback (待回访), and awaiting a decision above the dispatch desk (issue 15: a hard case at the team leader or the
/// site manager, a responsibility dispute at the organisation office). Due today, yellow, red and overdue count only orders with a unit, by the handling clock: the
/// dispatch and callback clocks have lights too (issue 15), but those are the centre's own queues' and show there (the
/// list's <c>light</c> filter with their status), never in a unit's yellow and red. Each count opens the list that shows the same orders (<see cref="StatusGroups"/>, the list's
/// <c>light</c>, <c>dueToday</c> and <c>overdue</c> filters).
/// </summary>
public sealed record WorkOrderCounts(
    int Open, int AwaitingDispatch, int SentBackToIntake, int ToSign, int InProgress, int ReturnsToReview, int RepliesToReview, int AwaitingCallback,
    int DueToday, int Yellow, int Red, int Overdue, int AwaitingDecision)
{
    /// <summary>With units: to sign (待签收) and in progress (办理中).</summary>
    public int WithUnits => ToSign + InProgress;

    /// <summary>At the centre's review: a return to decide (回退待审) or a reply to review (待审核).</summary>
    public int AtCentreReview => ReturnsToReview + RepliesToReview;

    public static WorkOrderCounts From(IEnumerable<WorkOrderTally> tallies)
    {
        var open = tallies.Where(t => t.Status.IsOpen()).ToList();
        int Of(params WorkOrderStatus[] statuses) => open.Where(t => statuses.Contains(t.Status)).Sum(t => t.Count);
        var withUnit = open.Where(t => t.Status.IsWithUnit()).ToList();
        return new WorkOrderCounts(
            open.Sum(t => t.Count),
            Of(WorkOrderStatus.AwaitingDispatch),
            Of(WorkOrderStatus.SentBackToIntake),
            Of(WorkOrderStatus.Dispatched),
            Of(WorkOrderStatus.InProgress),
            Of(WorkOrderStatus.Returned),
            Of(WorkOrderStatus.Replied),
            Of(WorkOrderStatus.AwaitingCallback),
            withUnit.Sum(t => t.DueToday),
            withUnit.Where(t => t.Light == Light.Yellow).Sum(t => t.Count),
            withUnit.Where(t => t.Light == Light.Red).Sum(t => t.Count),
            withUnit.Sum(t => t.Overdue),
            Of(WorkOrderStatus.HardCase, WorkOrderStatus.InArbitration));
    }
}
