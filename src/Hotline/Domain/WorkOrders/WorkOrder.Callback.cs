using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>Review, callback, redo, close (S6): the centre reviews the reply, calls the citizen back and concludes.</summary>
public sealed partial class WorkOrder
{
    public void AcceptReply(Actor reviewer, WorkOrderClock clock, string? note)
    {
        Authorize(WorkOrderAction.AcceptReply, reviewer);
        var from = Status;
        MoveTo(WorkOrderAction.AcceptReply, WorkOrderStatus.AwaitingCallback);
        Deadlines = Deadlines.CallbackWindowOpened(clock);
        Record(reviewer, clock, WorkOrderAction.AcceptReply, note, from, Facts(("callbackDue", Iso(CallbackDueUtc))));
    }

    /// <summary>Accept a reply for a case not chased for satisfaction (administrative mediation, law enforcement) and close it.</summary>
    public void AcceptReplyWithoutCallback(Actor reviewer, WorkOrderClock clock, string note)
    {
        Authorize(WorkOrderAction.AcceptReply, reviewer);
        RequireText(note, "note", "Say why this case is not chased for satisfaction (mediation or law enforcement).");
        var from = Status;
        CloseAt(WorkOrderAction.AcceptReply, clock, Domain.WorkOrders.CloseReason.ExemptFromCallback);
        Record(reviewer, clock, WorkOrderAction.AcceptReply, note.Trim(), from, Facts(("closeReason", nameof(Domain.WorkOrders.CloseReason.ExemptFromCallback))));
    }

    /// <summary>Back to the unit; the handling deadline is unchanged.</summary>
    public void RejectReply(Actor reviewer, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.RejectReply, reviewer);
        RequireText(reason, "reason", "Tell the unit what is missing from the reply.");
        var from = Status;
        MoveTo(WorkOrderAction.RejectReply, WorkOrderStatus.InProgress);
        Deadlines = Deadlines.Resumed(clock.UtcNow, Urgency);
        Record(reviewer, clock, WorkOrderAction.RejectReply, reason.Trim(), from, null);
    }

    /// <summary>
    /// Records a callback. Reached with both ratings satisfied (or basically) closes the order; an unsatisfied rating
    /// leaves the redo-or-close decision to the centre. Unreachable three times on different working days marks the
    /// citizen unreachable.
    /// </summary>
    /// <remarks>Issue 15 (S6): <paramref name="unitFailedToAct"/> (应办未办) keeps the order open for a redo whatever the rating.</remarks>
    public void Callback(Actor agent, WorkOrderClock clock, ContactMethod method, bool reached, Rating? processRating, Rating? resultRating, string? comment, bool unitFailedToAct = false)
    {
        Authorize(WorkOrderAction.Callback, agent);
        RecordCallback(agent, clock, method, reached, processRating, resultRating, comment, unitFailedToAct);
    }

    /// <summary>
    /// Issue 18 (S6): the citizen rates process and result online. It is the same callback as the agent's on the phone
    /// (method <see cref="ContactMethod.Online"/>, reached, recorded by <see cref="Actor.Citizen"/>) and closes the order
    /// or leaves it for the centre's redo by the same rules. The citizen rates once per reply: after an unsatisfied
    /// rating the centre decides.
    /// </summary>
    public void RateOnline(WorkOrderClock clock, Rating? processRating, Rating? resultRating, string? comment)
    {
        RequireStatusAllows(WorkOrderAction.Callback);
        if (CallbackUnsatisfied || CallbackUnitFailedToAct)
        {
            throw new DomainException("work_order.callback_decision_pending", "This reply has been rated; the centre is deciding what follows.");
        }

        RecordCallback(Actor.Citizen, clock, ContactMethod.Online, true, processRating, resultRating, comment, false);
    }

    private void RecordCallback(Actor agent, WorkOrderClock clock, ContactMethod method, bool reached, Rating? processRating, Rating? resultRating, string? comment, bool unitFailedToAct)
    {
        if (reached && (processRating is null || resultRating is null))
        {
            var errors = new Dictionary<string, string[]>();
            if (processRating is null)
            {
                errors["processRating"] = ["Record the citizen's rating of the service process."];
            }

            if (resultRating is null)
            {
                errors["resultRating"] = ["Record the citizen's rating of the result."];
            }

            throw new ValidationException(errors);
        }

        Callbacks.Add(new CallbackAttempt(clock.UtcNow, agent.Name, method, reached, reached ? processRating : null, reached ? resultRating : null, comment?.Trim()) { UnitFailedToAct = unitFailedToAct });
        CallbackUnitFailedToAct = unitFailedToAct;
        var from = Status;
        if (!reached)
        {
            var days = Callbacks.Where(c => !c.Reached)
                .Select(c => ChinaTime.LocalDate(new DateTimeOffset(c.AtUtc, TimeSpan.Zero)))
                .Where(clock.Calendar.IsWorkingDay)
                .Distinct()
                .Count();
            CallbackUnreachable = days >= 3;
            Record(agent, clock, WorkOrderAction.Callback, comment, from, Facts(("reached", "false"), ("unreachable", CallbackUnreachable ? "true" : null), ("unitFailedToAct", unitFailedToAct ? "true" : null)));
            return;
        }

        CallbackUnsatisfied = processRating == Rating.Unsatisfied || resultRating == Rating.Unsatisfied;
        if (!CallbackUnsatisfied && !unitFailedToAct)
        {
            CloseAt(WorkOrderAction.Callback, clock, Domain.WorkOrders.CloseReason.Satisfied);
        }
        else
        {
            Deadlines = Deadlines.CallbackDone();
        }

        Record(agent, clock, WorkOrderAction.Callback, comment, from, Facts(
            ("reached", "true"), ("processRating", processRating.ToString()), ("resultRating", resultRating.ToString()), ("unitFailedToAct", unitFailedToAct ? "true" : null),
            ("method", method == ContactMethod.Online ? nameof(ContactMethod.Online) : null)));
    }

    /// <summary>重办: the citizen is not satisfied and the demand is reasonable; back to the lead unit with a new handling cycle.</summary>
    public void Redo(Actor actor, WorkOrderClock clock, string reason, Unit lead)
    {
        Authorize(WorkOrderAction.Redo, actor);
        RequireText(reason, "reason", "Say what the unit must do again.");
        RequirePrecondition(WorkOrderAction.Redo);
        var from = Status;
        RedoCount++;
        CallbackUnsatisfied = false;
        CallbackUnitFailedToAct = false;
        AssignTo(WorkOrderAction.Redo, clock, lead, CoUnits.Count == 0 ? [] : null);
        Record(actor, clock, WorkOrderAction.Redo, reason.Trim(), from, Facts(("redoCount", Invariant(RedoCount)), ("handlingDue", Iso(HandlingDueUtc))), EntryUnits.Of(lead));
    }

    /// <summary>
    /// Closes after the callback when the answer complies with law and policy although the citizen is not satisfied,
    /// when the citizen is unreachable, or for cases not chased for satisfaction.
    /// </summary>
    public void Close(Actor actor, WorkOrderClock clock, CloseReason reason, string? note)
    {
        Authorize(WorkOrderAction.Close, actor);
        switch (reason)
        {
            case Domain.WorkOrders.CloseReason.PolicyCompliant:
            case Domain.WorkOrders.CloseReason.ExemptFromCallback:
                RequireText(note, "note", "Explain why the order can be closed.");
                break;
            case Domain.WorkOrders.CloseReason.Unreachable when !CallbackUnreachable:
                throw new DomainException("work_order.not_unreachable", "Try the citizen on three different working days before closing as unreachable.");
            case Domain.WorkOrders.CloseReason.Unreachable:
                break;
            case Domain.WorkOrders.CloseReason.Satisfied:
                if (Callbacks.LastOrDefault(c => c.Reached) is not { } last || last.ProcessRating == Rating.Unsatisfied || last.ResultRating == Rating.Unsatisfied || CallbackUnitFailedToAct)
                {
                    throw new DomainException("work_order.not_satisfied", "No callback recorded the citizen as satisfied.");
                }

                break;
            case Domain.WorkOrders.CloseReason.AnsweredAtIntake:
            case Domain.WorkOrders.CloseReason.ThreeWayCall:
            case Domain.WorkOrders.CloseReason.Merged:
            case Domain.WorkOrders.CloseReason.HandledByCentre:
                throw ValidationException.For("reason", "This reason is set by the system, not chosen at close.");
        }

        var from = Status;
        CloseAt(WorkOrderAction.Close, clock, reason);
        Record(actor, clock, WorkOrderAction.Close, note, from, Facts(("closeReason", reason.ToString())));
    }

    public void Archive(Actor actor, WorkOrderClock clock)
    {
        Authorize(WorkOrderAction.Archive, actor);
        var from = Status;
        MoveTo(WorkOrderAction.Archive, WorkOrderStatus.Archived);
        ArchivedAtUtc = clock.UtcNow;
        Record(actor, clock, WorkOrderAction.Archive, null, from, null);
    }

    /// <summary>Closes the order as the outcome of <paramref name="action"/>: every clock stops.</summary>
    private void CloseAt(WorkOrderAction action, WorkOrderClock clock, CloseReason reason)
    {
        MoveTo(action, WorkOrderStatus.Closed);
        CloseReason = reason;
        ClosedAtUtc = clock.UtcNow;
        Deadlines = Deadlines.Closed();
    }
}
