using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>Dispatch (S4): the dispatcher sends the order to a unit, back to intake, on again, and reviews returns.</summary>
public sealed partial class WorkOrder
{
    /// <summary>Dispatches to a lead unit and co-units; starts the return, handling and (emergency) first-response clocks.</summary>
    public void Dispatch(Actor dispatcher, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit> coUnits, string? note)
    {
        Authorize(WorkOrderAction.Dispatch, dispatcher);
        var from = Status;
        AssignTo(WorkOrderAction.Dispatch, clock, lead, coUnits);
        Record(dispatcher, clock, WorkOrderAction.Dispatch, note, from, Facts(
            ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name))), ("handlingDue", Iso(HandlingDueUtc)),
            ("dutyLeaderNotified", Urgency == Urgency.Emergency ? "true" : null)), EntryUnits.Of(lead, coUnits));
    }

    /// <summary>Back to the intake agent: to correct the record, or because the knowledge base already answers it.</summary>
    public void SendBack(Actor dispatcher, WorkOrderClock clock, SendBackReason reason, string note, long? articleId)
    {
        Authorize(WorkOrderAction.SendBack, dispatcher);
        var from = Status;
        SendBackToIntake(WorkOrderAction.SendBack, dispatcher, clock, reason, note, articleId);
        Record(dispatcher, clock, WorkOrderAction.SendBack, note.Trim(), from, Facts(("reason", reason.ToString()), ("articleId", articleId is { } id ? Invariant(id) : null)));
    }

    /// <summary>What every send-back to intake checks and changes (the dispatcher's, and a hard case's level's).</summary>
    private void SendBackToIntake(WorkOrderAction action, Actor actor, WorkOrderClock clock, SendBackReason reason, string note, long? articleId)
    {
        RequireText(note, "note", "Say what the agent should correct or answer.");
        if (reason == SendBackReason.KnowledgeBaseAnswers && articleId is null)
        {
            throw ValidationException.For("articleId", "Link the knowledge-base article that answers the request.");
        }

        LastSendBack = new SendBackRecord(clock.UtcNow, actor.Name, reason, note.Trim(), articleId);
        MoveTo(action, WorkOrderStatus.SentBackToIntake);
        Deadlines = Deadlines.LeftDispatchQueue();
    }

    /// <summary>
    /// Re-dispatch while a unit holds the order: a county hotline office or a unit passes it on within its own subtree
    /// (the deadline keeps running); a centre dispatcher may send it anywhere (a new handling cycle starts).
    /// </summary>
    public void Redispatch(Actor actor, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit> coUnits, string? note)
    {
        Authorize(WorkOrderAction.Redispatch, actor);
        var from = Status;
        var previous = LeadUnitName;
        if (actor.Roles.Overlaps(WorkOrderTransitions.For(WorkOrderAction.Redispatch).CentreRoles))
        {
            AssignTo(WorkOrderAction.Redispatch, clock, lead, coUnits);
        }
        else
        {
            if (!actor.Scope.Covers(lead.Path) || coUnits.Any(u => !actor.Scope.Covers(u.Path)))
            {
                throw new DomainException("work_order.outside_scope", "A unit re-dispatches only within its own subtree, a county hotline office within its county.");
            }

            if (lead.Id == LeadUnitId)
            {
                throw ValidationException.For("leadUnitId", "The order is already with this unit.");
            }

            // Sub-dispatch keeps the deadlines: the citizen's clock does not restart inside the county.
            Hops++;
            LeadUnitId = lead.Id;
            LeadUnitPath = lead.Path;
            LeadUnitName = lead.Name;
            SetCoUnits(coUnits);
            MoveTo(WorkOrderAction.Redispatch, WorkOrderStatus.Dispatched);
            SignedAtUtc = null;
            DispatchCount++;
        }

        Record(actor, clock, WorkOrderAction.Redispatch, note, from, Facts(("fromUnit", previous), ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name)))), EntryUnits.Of(lead, coUnits));
    }

    /// <summary>The dispatcher agrees: the order goes to the next unit at once, or back to the dispatch queue.</summary>
    public void ApproveReturn(Actor dispatcher, WorkOrderClock clock, string? note, Unit? lead, IReadOnlyList<Unit> coUnits)
    {
        Authorize(WorkOrderAction.ApproveReturn, dispatcher);
        DecideReturn(dispatcher, clock, PendingState.Approved, note);
        var from = Status;
        if (lead is null)
        {
            MoveTo(WorkOrderAction.ApproveReturn, WorkOrderStatus.AwaitingDispatch);
            LeadUnitId = null;
            LeadUnitPath = null;
            LeadUnitName = null;
            SetCoUnits([]);

            // As before the re-cut: back in the queue an emergency gets the working-day window, not the emergency minutes.
            Deadlines = Deadlines.QueuedForDispatch(clock, emergency: false);
        }
        else
        {
            AssignTo(WorkOrderAction.ApproveReturn, clock, lead, coUnits);
        }

        Record(dispatcher, clock, WorkOrderAction.ApproveReturn, note, from, Facts(("leadUnit", lead?.Name)), lead is null ? EntryUnits.None : EntryUnits.Of(lead, coUnits));
    }

    /// <summary>The dispatcher disagrees: the order goes back to the unit with the dispatcher's reason.</summary>
    public void RejectReturn(Actor dispatcher, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.RejectReturn, dispatcher);
        RequireText(reason, "reason", "Tell the unit why the return is rejected.");
        DecideReturn(dispatcher, clock, PendingState.Rejected, reason.Trim());
        var from = Status;
        MoveTo(WorkOrderAction.RejectReturn, SignedAtUtc is null ? WorkOrderStatus.Dispatched : WorkOrderStatus.InProgress);
        Deadlines = Deadlines.Resumed(clock.UtcNow, Urgency);
        Record(dispatcher, clock, WorkOrderAction.RejectReturn, reason.Trim(), from, null);
    }

    /// <summary>A new handling cycle at <paramref name="lead"/>; <paramref name="coUnits"/> null keeps the co-units.</summary>
    private void AssignTo(WorkOrderAction action, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit>? coUnits)
    {
        if (!lead.IsActive)
        {
            throw ValidationException.For("leadUnitId", "The unit is inactive.");
        }

        if (lead.Kind == UnitKind.HotlineCentre || lead.Kind == UnitKind.City || lead.Kind == UnitKind.OrganisationOffice)
        {
            throw ValidationException.For("leadUnitId", "Dispatch to a handling unit, not to the centre or the city government itself.");
        }

        Hops += LeadUnitId == lead.Id ? 0 : 1;
        LeadUnitId = lead.Id;
        LeadUnitPath = lead.Path;
        LeadUnitName = lead.Name;
        if (coUnits is not null)
        {
            if (coUnits.Any(u => u.Id == lead.Id))
            {
                throw ValidationException.For("coUnitIds", "The lead unit cannot also be a co-unit.");
            }

            SetCoUnits(coUnits);
        }

        MoveTo(action, WorkOrderStatus.Dispatched);
        DispatchCount++;
        SignedAtUtc = null;
        DispatchedAtUtc = clock.UtcNow;
        Deadlines = Deadlines.StartHandling(clock, Urgency, IsFromProvince);
    }

    private void SetCoUnits(IReadOnlyList<Unit> coUnits)
    {
        CoUnits.RemoveAll(c => coUnits.All(u => u.Id != c.UnitId));
        foreach (var unit in coUnits.Where(u => CoUnits.All(c => c.UnitId != u.Id)).DistinctBy(u => u.Id))
        {
            CoUnits.Add(new CoUnit(unit));
        }
    }

    private void DecideReturn(Actor dispatcher, WorkOrderClock clock, PendingState decision, string? note)
    {
        var index = Returns.FindLastIndex(r => r.State == PendingState.Pending);
        if (index < 0)
        {
            throw new DomainException("work_order.no_pending_return", "There is no return to decide.");
        }

        Returns[index] = Returns[index] with { State = decision, DecidedAtUtc = clock.UtcNow, DecidedBy = dispatcher.Name, Decision = note };
    }
}
