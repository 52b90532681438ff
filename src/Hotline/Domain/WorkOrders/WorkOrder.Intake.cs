using Hotline.Domain.Organisation;
using AttachmentRules = Hotline.Domain.Attachments.AttachmentRules;

namespace Hotline.Domain.WorkOrders;

/// <summary>Intake (S3): the agent registers the request and decides its outcome, and corrects it after a send-back.</summary>
public sealed partial class WorkOrder
{
    /// <summary>Registers a request for dispatch; the dispatcher reviews it within one working day (emergencies at once).</summary>
    public static WorkOrder Register(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, long? proposedUnitId = null)
    {
        var order = New(number, content, agent, clock);
        order.MoveTo(WorkOrderAction.Register, WorkOrderStatus.AwaitingDispatch);
        order.Deadlines = order.Deadlines.QueuedForDispatch(clock, content.Urgency == Urgency.Emergency);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString()), ("proposedUnitId", proposedUnitId is { } id ? Invariant(id) : null)));
        return order;
    }

    /// <summary>Answered at intake (often from the knowledge base): closed at once.</summary>
    /// <remarks>Issue 15 (S6): when the callback policy picks the order (<paramref name="awaitCallback"/>) it waits for its callback instead.</remarks>
    public static WorkOrder RegisterAnswered(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, string answer, long? articleId, bool awaitCallback = false)
    {
        RequireText(answer, "answer", "Give the answer told to the citizen.");
        var order = New(number, content, agent, clock);
        order.Resolution = new IntakeResolution(answer.Trim(), articleId, null, null, null, null, null, null);
        order.FinishAtIntake(WorkOrderAction.AnswerDirectly, clock, Domain.WorkOrders.CloseReason.AnsweredAtIntake, awaitCallback);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.Record(agent, clock, WorkOrderAction.AnswerDirectly, null, null, Facts(("articleId", articleId is { } id ? Invariant(id) : null), ("callbackDue", Iso(order.CallbackDueUtc))));
        return order;
    }

    /// <summary>Handled in a three-way call (三方通话) with a unit or sub-centre; the outcome is recorded and the order closed.</summary>
    public static WorkOrder RegisterThreeWayCall(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, Unit unit, string result)
    {
        RequireText(result, "threeWayCall.result", "Record the result of the three-way call.");
        var order = New(number, content, agent, clock);
        order.Resolution = new IntakeResolution(null, null, unit.Id, unit.Name, result.Trim(), null, null, null);
        order.CloseAt(WorkOrderAction.ThreeWayCall, clock, Domain.WorkOrders.CloseReason.ThreeWayCall);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.Record(agent, clock, WorkOrderAction.ThreeWayCall, null, null, Facts(("unit", unit.Name)), EntryUnits.Of(unit));
        return order;
    }

    /// <summary>Not accepted (不予受理) with a coded reason; an emergency records the linked transfer to 110/119/120/122.</summary>
    public static WorkOrder RegisterRejected(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, RejectionReason reason, EmergencyService? transfer, string? note)
    {
        var order = New(number, content, agent, clock);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.RejectCore(agent, clock, reason, transfer, note, recordTransition: false);
        return order;
    }

    /// <summary>After a send-back the agent corrects the record; the order returns to the dispatcher.</summary>
    public void Correct(Actor agent, WorkOrderClock clock, WorkOrderContent content, string? note)
    {
        Authorize(WorkOrderAction.Correct, agent);
        var changes = Diff(content);
        Apply(content);
        var from = Status;
        if (Status == WorkOrderStatus.SentBackToIntake)
        {
            MoveTo(WorkOrderAction.Correct, WorkOrderStatus.AwaitingDispatch);
            Deadlines = Deadlines.QueuedForDispatch(clock, Urgency == Urgency.Emergency);
        }

        Record(agent, clock, WorkOrderAction.Correct, note, from, changes);
    }

    /// <summary>
    /// Issue 18: files added to the order by those who may edit it (the same rule as a correction). The order keeps its
    /// status; the timeline records how many files came.
    /// </summary>
    public void AddAttachments(Actor agent, WorkOrderClock clock, IReadOnlyList<Attachment> attachments)
    {
        Authorize(WorkOrderAction.Correct, agent);
        if (attachments.Count == 0)
        {
            throw ValidationException.For(AttachmentRules.IdsField, "Choose the files to attach.");
        }

        AttachmentRules.CheckOrderTotals(Attachments, attachments);
        Attachments.AddRange(attachments.Select(a => a with { Source = AttachmentSource.Added }));
        Record(agent, clock, WorkOrderAction.Correct, null, Status, Facts(("attachmentsAdded", Invariant(attachments.Count))));
    }

    /// <summary>After a "knowledge base already answers" send-back, the agent answers the citizen and the order closes.</summary>
    public void AnswerDirectly(Actor agent, WorkOrderClock clock, string answer, long? articleId, bool awaitCallback = false)
    {
        Authorize(WorkOrderAction.AnswerDirectly, agent);
        RequireText(answer, "answer", "Give the answer told to the citizen.");
        Resolution = new IntakeResolution(answer.Trim(), articleId ?? LastSendBack?.ArticleId, null, null, null, null, null, null);
        var from = Status;
        FinishAtIntake(WorkOrderAction.AnswerDirectly, clock, Domain.WorkOrders.CloseReason.AnsweredAtIntake, awaitCallback);
        Record(agent, clock, WorkOrderAction.AnswerDirectly, null, from, Facts(("articleId", Resolution.ArticleId is { } id ? Invariant(id) : null), ("callbackDue", Iso(CallbackDueUtc))));
    }

    public void RejectAtIntake(Actor agent, WorkOrderClock clock, RejectionReason reason, EmergencyService? transfer, string? note)
    {
        Authorize(WorkOrderAction.RejectAtIntake, agent);
        RejectCore(agent, clock, reason, transfer, note, recordTransition: true);
    }

    private static WorkOrder New(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock)
    {
        RequireRole(agent, WorkOrderTransitions.For(WorkOrderAction.Register).Roles);
        var order = new WorkOrder
        {
            Number = number,
            RegisteredByUserId = agent.UserId,
            RegisteredByName = agent.Name,
            RegisteredAtUtc = clock.UtcNow,
        };
        order.Apply(content);
        return order;
    }

    private void Apply(WorkOrderContent content)
    {
        AttachmentRules.CheckOrderTotals([], content.Attachments);
        Channel = content.Channel;
        RequestType = content.RequestType;
        CategoryCode = content.CategoryCode;
        Urgency = content.Urgency;
        (CallerName, CallerPhone, CallerIsAnonymous, CallerIsConfidential) = content.Caller;
        (RegionCode, Street, Address, Latitude, Longitude) = content.Location;
        Subject = content.Subject;
        Events = content.Events;
        Demand = content.Demand;
        SuggestedHandling = content.SuggestedHandling;
        PartyInvolved = content.PartyInvolved;
        PartyAddress = content.PartyAddress;
        CitizenWantsCallback = content.CitizenWantsCallback;
        RecordingId = content.RecordingId;
        ProvincialReference = content.ProvincialReference;
        Attachments = [.. content.Attachments];
    }

    /// <summary>Field-level changes of a correction. Caller identity is named but its values never enter the timeline.</summary>
    private Dictionary<string, string?> Diff(WorkOrderContent next)
    {
        var changes = new Dictionary<string, string?>();
        void Compare(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes[field] = $"{before} → {after}";
            }
        }

        Compare("requestType", RequestType.ToString(), next.RequestType.ToString());
        Compare("categoryCode", CategoryCode, next.CategoryCode);
        Compare("urgency", Urgency.ToString(), next.Urgency.ToString());
        Compare("location.regionCode", Location.RegionCode, next.Location.RegionCode);
        Compare("location.street", Location.Street, next.Location.Street);
        Compare("location.address", Location.Address, next.Location.Address);
        Compare("subject", Subject, next.Subject);
        Compare("demand", Demand, next.Demand);
        Compare("partyInvolved", PartyInvolved, next.PartyInvolved);
        Compare("partyAddress", PartyAddress, next.PartyAddress);
        Compare("citizenWantsCallback", CitizenWantsCallback ? "true" : "false", next.CitizenWantsCallback ? "true" : "false");
        if (Events != next.Events)
        {
            changes["events"] = "changed";
        }

        if (Caller != next.Caller)
        {
            changes["caller"] = "changed (values not recorded)";
        }

        return changes;
    }

    private void RejectCore(Actor agent, WorkOrderClock clock, RejectionReason reason, EmergencyService? transfer, string? note, bool recordTransition)
    {
        if (reason == RejectionReason.Emergency && transfer is null)
        {
            throw ValidationException.For("transferredTo", "Record which emergency service (110/119/120/122) the call was transferred to.");
        }

        if (reason != RejectionReason.Emergency && transfer is not null)
        {
            throw ValidationException.For("transferredTo", "Only an emergency is transferred to 110/119/120/122.");
        }

        var from = Status;
        Resolution = new IntakeResolution(null, null, null, null, null, reason, transfer, note?.Trim());
        MoveTo(WorkOrderAction.RejectAtIntake, WorkOrderStatus.NotAccepted);
        ClosedAtUtc = clock.UtcNow;
        Deadlines = Deadlines.LeftDispatchQueue();
        Record(agent, clock, WorkOrderAction.RejectAtIntake, note?.Trim(), recordTransition ? from : null, Facts(("reason", reason.ToString()), ("transferredTo", transfer?.ToString())));
    }
}
