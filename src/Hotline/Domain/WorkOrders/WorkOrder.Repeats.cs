namespace Hotline.Domain.WorkOrders;

/// <summary>Repeats (重复件) and merges (S3): an order linked to an earlier one, or closed into another still open.</summary>
public sealed partial class WorkOrder
{
    /// <summary>Links this (newer) order as a repeat (重复件) of an earlier one; both timelines say so.</summary>
    public void LinkRepeatOf(Actor agent, WorkOrderClock clock, WorkOrder earlier)
    {
        Authorize(WorkOrderAction.LinkRepeat, agent);
        if (earlier.Id == Id)
        {
            throw ValidationException.For("earlierId", "An order cannot repeat itself.");
        }

        if (earlier.RegisteredAtUtc > RegisteredAtUtc)
        {
            throw ValidationException.For("earlierId", "Link the newer order to the earlier one.");
        }

        RepeatOfId = earlier.Id;
        IsRepeatAfterClosure = earlier.Status is WorkOrderStatus.Closed or WorkOrderStatus.Archived;
        Record(agent, clock, WorkOrderAction.LinkRepeat, null, null, Facts(("repeatOf", earlier.Number), ("afterClosure", IsRepeatAfterClosure ? "true" : null)));
        earlier.Record(agent, clock, WorkOrderAction.LinkRepeat, null, null, Facts(("repeatedBy", Number)));
    }

    /// <summary>Merges this open order into another open one: this one closes, both timelines say so.</summary>
    public void MergeInto(Actor agent, WorkOrderClock clock, WorkOrder target)
    {
        Authorize(WorkOrderAction.Merge, agent);
        if (target.Id == Id)
        {
            throw ValidationException.For("targetId", "An order cannot be merged into itself.");
        }

        if (!target.Status.IsOpen() || target.Status is WorkOrderStatus.Replied or WorkOrderStatus.AwaitingCallback)
        {
            throw new DomainException("work_order.merge_target_not_open", "Merge into an order that is still being handled.");
        }

        var from = Status;
        MergedIntoId = target.Id;
        CloseAt(WorkOrderAction.Merge, clock, Domain.WorkOrders.CloseReason.Merged);
        Record(agent, clock, WorkOrderAction.Merge, null, from, Facts(("mergedInto", target.Number)));
        target.Record(agent, clock, WorkOrderAction.Merge, null, null, Facts(("merged", Number)));
    }
}
