namespace Hotline.Domain.WorkOrders;

/// <summary>
/// Issue 15, intake (S3) and the callback policy (S6): handled directly by the centre (直接办理), the one-go notice
/// (一次性告知), the party involved's address, the citizen's wish for a callback, and an order finished at intake that
/// waits for its callback.
/// </summary>
public sealed partial class WorkOrder
{
    /// <summary>Where the party involved (被反映主体) is, apart from where the event happened.</summary>
    public string? PartyAddress { get; private set; }

    /// <summary>The citizen asks for a reply and a callback: the callback policy always picks the order.</summary>
    public bool CitizenWantsCallback { get; private set; }

    /// <summary>What the agent last told the caller in one go (一次性告知): materials, steps; each notice is on the timeline.</summary>
    public string? OneGoNotice { get; private set; }

    /// <summary>The last callback found the unit should have acted and did not (应办未办): a redo whatever the rating.</summary>
    public bool CallbackUnitFailedToAct { get; private set; }

    /// <summary>Handled directly by the centre at registration: the centre acted itself (e.g. contacted the party) and records what it did.</summary>
    public static WorkOrder RegisterHandledDirectly(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, string centreAction, bool awaitCallback = false)
    {
        RequireText(centreAction, "outcome.centreAction", "Record what the centre did itself.");
        var order = New(number, content, agent, clock);
        order.Resolution = new IntakeResolution(null, null, null, null, null, null, null, null) { CentreAction = centreAction.Trim() };
        order.FinishAtIntake(WorkOrderAction.HandleDirectly, clock, Domain.WorkOrders.CloseReason.HandledByCentre, awaitCallback);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.Record(agent, clock, WorkOrderAction.HandleDirectly, centreAction.Trim(), null, Facts(("callbackDue", Iso(order.CallbackDueUtc))));
        return order;
    }

    /// <summary>After a send-back the centre handles the request itself instead of dispatching it.</summary>
    public void HandleDirectly(Actor agent, WorkOrderClock clock, string centreAction, bool awaitCallback = false)
    {
        Authorize(WorkOrderAction.HandleDirectly, agent);
        RequireText(centreAction, "centreAction", "Record what the centre did itself.");
        Resolution = new IntakeResolution(null, null, null, null, null, null, null, null) { CentreAction = centreAction.Trim() };
        var from = Status;
        FinishAtIntake(WorkOrderAction.HandleDirectly, clock, Domain.WorkOrders.CloseReason.HandledByCentre, awaitCallback);
        Record(agent, clock, WorkOrderAction.HandleDirectly, centreAction.Trim(), from, Facts(("callbackDue", Iso(CallbackDueUtc))));
    }

    /// <summary>一次性告知: what the agent told the caller in one go (materials, steps), at intake or later.</summary>
    public void TellInOneGo(Actor agent, WorkOrderClock clock, string text)
    {
        Authorize(WorkOrderAction.OneGoNotice, agent);
        RequireText(text, "oneGoNotice", "Record what the caller was told in one go.");
        OneGoNotice = text.Trim();
        Record(agent, clock, WorkOrderAction.OneGoNotice, OneGoNotice, null, null);
    }

    /// <summary>Ends the order at intake: closed with <paramref name="reason"/>, or waiting for the callback the policy asks for.</summary>
    private void FinishAtIntake(WorkOrderAction action, WorkOrderClock clock, CloseReason reason, bool awaitCallback)
    {
        if (!awaitCallback)
        {
            CloseAt(action, clock, reason);
            return;
        }

        MoveTo(action, WorkOrderStatus.AwaitingCallback);
        Deadlines = Deadlines.LeftDispatchQueue().CallbackWindowOpened(clock);
    }
}
