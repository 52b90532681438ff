using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using AttachmentRules = Hotline.Domain.Attachments.AttachmentRules;

namespace Hotline.Domain.WorkOrders;

/// <summary>Handling by the unit (S5): sign, return, extensions and their review, progress reports, co-unit replies, the reply.</summary>
public sealed partial class WorkOrder
{
    public void Sign(Actor handler, WorkOrderClock clock)
    {
        Authorize(WorkOrderAction.Sign, handler);
        var from = Status;
        MoveTo(WorkOrderAction.Sign, WorkOrderStatus.InProgress);
        SignedAtUtc = clock.UtcNow;
        Record(handler, clock, WorkOrderAction.Sign, null, from, null);
    }

    /// <summary>
    /// Returns the order to the dispatcher with reason, basis and a suggested unit. Allowed after the return window
    /// (2 working days from receipt, 1 for provincial tickets) but then marked late and counted overdue.
    /// </summary>
    public void Return(Actor handler, WorkOrderClock clock, string reason, string basis, Unit suggestedUnit)
    {
        Authorize(WorkOrderAction.Return, handler);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["Say why the order is not this unit's responsibility."];
        }

        if (string.IsNullOrWhiteSpace(basis))
        {
            errors["basis"] = ["Give the basis (the regulation or the unit's remit) for the return."];
        }

        if (suggestedUnit.Id == LeadUnitId)
        {
            errors["suggestedUnitId"] = ["Suggest a unit other than your own."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var late = Deadlines.IsReturnLate(clock.UtcNow);
        ReturnedLate |= late;
        ReturnCount++;
        Returns.Add(new ReturnRecord(clock.UtcNow, LeadUnitId!.Value, LeadUnitName!, reason.Trim(), basis.Trim(), suggestedUnit.Id, late, PendingState.Pending, null, null, null));
        var from = Status;
        MoveTo(WorkOrderAction.Return, WorkOrderStatus.Returned);
        Deadlines = Deadlines.Stopped();
        Record(handler, clock, WorkOrderAction.Return, reason.Trim(), from, Facts(("basis", basis.Trim()), ("suggestedUnit", suggestedUnit.Name), ("late", late ? "true" : null)), EntryUnits.Of(suggestedUnit));
    }

    /// <summary>
    /// Asks for more time: before the deadline (provincial tickets at least one working day before), at most
    /// <see cref="Timeframes.MaxExtensionWorkingDays"/> working days, one request pending at a time.
    /// </summary>
    public void RequestExtension(Actor handler, WorkOrderClock clock, int days, string reason)
    {
        Authorize(WorkOrderAction.RequestExtension, handler);
        if (days < 1 || days > clock.Timeframes.MaxExtensionWorkingDays)
        {
            throw ValidationException.For("days", $"Ask for 1 to {clock.Timeframes.MaxExtensionWorkingDays} working days.");
        }

        RequireText(reason, "reason", "Give the reason for the extension.");
        RequirePrecondition(WorkOrderAction.RequestExtension);
        Deadlines.CheckExtensionRequest(clock, IsFromProvince);
        ExtensionCount++;
        Extensions.Add(new ExtensionRecord(clock.UtcNow, handler.Name, days, reason.Trim(), PendingState.Pending, null, null, null, null, null, null));
        Record(handler, clock, WorkOrderAction.RequestExtension, reason.Trim(), null, Facts(("days", Invariant(days))));
    }

    /// <summary>The centre approves (possibly fewer days than asked): only now does the deadline move.</summary>
    public void ApproveExtension(Actor reviewer, WorkOrderClock clock, int? grantedDays, string? note)
    {
        Authorize(WorkOrderAction.ApproveExtension, reviewer);
        RequirePrecondition(WorkOrderAction.ApproveExtension);
        var pending = PendingExtension!;
        var days = grantedDays ?? pending.Days;
        if (days < 1 || days > pending.Days)
        {
            throw ValidationException.For("days", $"Grant 1 to {pending.Days} working days.");
        }

        var previous = HandlingDueUtc!.Value;
        Deadlines = Deadlines.Extend(clock, days, Urgency);
        Extensions[Extensions.IndexOf(pending)] = pending with
        {
            State = PendingState.Approved,
            DecidedAtUtc = clock.UtcNow,
            DecidedBy = reviewer.Name,
            Decision = note,
            GrantedDays = days,
            PreviousDueUtc = previous,
            NewDueUtc = HandlingDueUtc,
        };
        Record(reviewer, clock, WorkOrderAction.ApproveExtension, note, null, Facts(("days", Invariant(days)), ("handlingDue", Iso(HandlingDueUtc))));
    }

    public void RejectExtension(Actor reviewer, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.RejectExtension, reviewer);
        RequireText(reason, "reason", "Tell the unit why the extension is rejected.");
        RequirePrecondition(WorkOrderAction.RejectExtension);
        var pending = PendingExtension!;
        Extensions[Extensions.IndexOf(pending)] = pending with { State = PendingState.Rejected, DecidedAtUtc = clock.UtcNow, DecidedBy = reviewer.Name, Decision = reason.Trim() };
        Record(reviewer, clock, WorkOrderAction.RejectExtension, reason.Trim(), null, null);
    }

    /// <summary>续报: progress so far and the date the unit commits to; counts as the first response of an emergency.</summary>
    public void ReportProgress(Actor handler, WorkOrderClock clock, string text, DateOnly committedDate)
    {
        Authorize(WorkOrderAction.ProgressReport, handler);
        RequireText(text, "text", "Describe the progress.");
        if (committedDate < ChinaTime.LocalDate(clock.Now))
        {
            throw ValidationException.For("committedDate", "The committed date cannot be in the past.");
        }

        if (!ChinaTime.IsSupported(committedDate))
        {
            throw ValidationException.For("committedDate", $"Give a date {ChinaTime.SupportedRange}.");
        }

        ProgressReports.Add(new ProgressReportRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, text.Trim(), committedDate));
        Deadlines = Deadlines.Responded(clock.UtcNow, Urgency).ProgressCommitted(committedDate, Urgency);
        Record(handler, clock, WorkOrderAction.ProgressReport, text.Trim(), null, Facts(("committedDate", committedDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>A co-unit (协办) gives its part of the answer to the lead unit.</summary>
    public void CoReply(Actor handler, WorkOrderClock clock, string text)
    {
        Authorize(WorkOrderAction.CoReply, handler);
        RequireText(text, "text", "Give the co-unit's reply.");
        var coUnit = CoUnitOf(handler) ?? throw new ForbiddenException("work_order.not_co_unit", "Only a co-unit of this order can give a co-unit reply.");
        coUnit.HasReplied = true;
        CoReplies.Add(new CoReplyRecord(clock.UtcNow, coUnit.UnitId, coUnit.UnitName, handler.Name, text.Trim()));
        Record(handler, clock, WorkOrderAction.CoReply, text.Trim(), null, Facts(("unit", coUnit.UnitName)), new EntryUnits(coUnit.UnitId));
    }

    /// <summary>The lead unit's reply (办结反馈); a pending extension request lapses.</summary>
    public void Reply(
        Actor handler, WorkOrderClock clock, string result, bool citizenContacted, ContactMethod? contactMethod, ReplyOutcome outcome, string? unresolvedReason,
        IReadOnlyList<Attachment>? attachments = null)
    {
        attachments ??= [];
        Authorize(WorkOrderAction.Reply, handler);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(result))
        {
            errors["result"] = ["Describe how the request was handled."];
        }

        if (citizenContacted && contactMethod is null)
        {
            errors["contactMethod"] = ["Say how the citizen was contacted."];
        }

        if (outcome == ReplyOutcome.CannotResolve && string.IsNullOrWhiteSpace(unresolvedReason))
        {
            errors["unresolvedReason"] = ["Give the reasons it cannot be resolved."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        AttachmentRules.CheckOrderTotals(Attachments, attachments);
        if (PendingExtension is { } pending)
        {
            Extensions[Extensions.IndexOf(pending)] = pending with { State = PendingState.Withdrawn, DecidedAtUtc = clock.UtcNow, Decision = "replied before a decision" };
        }

        var late = Deadlines.IsReplyLate(clock.UtcNow);
        RepliedLate |= late;
        Replies.Add(new ReplyRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, result.Trim(), citizenContacted, citizenContacted ? contactMethod : null, outcome, unresolvedReason?.Trim(), late));
        Attachments.AddRange(attachments.Select(a => a with { Source = AttachmentSource.Reply, ReplyAtUtc = clock.UtcNow }));
        var from = Status;
        MoveTo(WorkOrderAction.Reply, WorkOrderStatus.Replied);
        Deadlines = Deadlines.Responded(clock.UtcNow, Urgency).Stopped();
        Record(handler, clock, WorkOrderAction.Reply, null, from, Facts(("outcome", outcome.ToString()), ("late", late ? "true" : null), ("attachments", attachments.Count > 0 ? Invariant(attachments.Count) : null)));
    }
}
