namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The status machine in one table: which actions each status allows. Everything else is refused with
/// <c>work_order.transition_not_allowed</c> (HTTP 409). Actions that do not change the status (reminders, progress
/// reports, co-unit replies, repeat links, caller reveals) are listed too, because they are only sensible in some states.
/// </summary>
public static class WorkOrderTransitions
{
    private static readonly Dictionary<WorkOrderStatus, HashSet<WorkOrderAction>> Allowed = new()
    {
        [WorkOrderStatus.AwaitingDispatch] = [WorkOrderAction.Dispatch, WorkOrderAction.SendBack, WorkOrderAction.Correct, WorkOrderAction.LinkRepeat, WorkOrderAction.Merge, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.SentBackToIntake] = [WorkOrderAction.Correct, WorkOrderAction.AnswerDirectly, WorkOrderAction.RejectAtIntake, WorkOrderAction.LinkRepeat, WorkOrderAction.Merge, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.Dispatched] = [WorkOrderAction.Sign, WorkOrderAction.Return, WorkOrderAction.Redispatch, WorkOrderAction.CoReply, WorkOrderAction.Remind, WorkOrderAction.LinkRepeat, WorkOrderAction.Merge, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.InProgress] =
        [
            WorkOrderAction.Return, WorkOrderAction.Redispatch, WorkOrderAction.RequestExtension, WorkOrderAction.ApproveExtension, WorkOrderAction.RejectExtension,
            WorkOrderAction.ProgressReport, WorkOrderAction.CoReply, WorkOrderAction.Reply, WorkOrderAction.Remind, WorkOrderAction.LinkRepeat, WorkOrderAction.Merge,
            WorkOrderAction.RevealCaller,
        ],
        [WorkOrderStatus.Returned] = [WorkOrderAction.ApproveReturn, WorkOrderAction.RejectReturn, WorkOrderAction.LinkRepeat, WorkOrderAction.Merge, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.Replied] = [WorkOrderAction.AcceptReply, WorkOrderAction.RejectReply, WorkOrderAction.LinkRepeat, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.AwaitingCallback] = [WorkOrderAction.Callback, WorkOrderAction.Redo, WorkOrderAction.Close, WorkOrderAction.LinkRepeat, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.Closed] = [WorkOrderAction.Archive, WorkOrderAction.LinkRepeat, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.NotAccepted] = [WorkOrderAction.Archive, WorkOrderAction.RevealCaller],
        [WorkOrderStatus.Archived] = [WorkOrderAction.RevealCaller],
    };

    public static bool IsAllowed(WorkOrderStatus status, WorkOrderAction action) => Allowed[status].Contains(action);

    public static IReadOnlySet<WorkOrderAction> AllowedIn(WorkOrderStatus status) => Allowed[status];
}
