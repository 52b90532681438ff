using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>A unit the order is assigned to as a co-unit (协办); stored in its own table so unit scopes can query it.</summary>
public sealed class CoUnit
{
    private CoUnit()
    {
        UnitPath = UnitName = string.Empty;
    }

    internal CoUnit(Unit unit)
    {
        UnitId = unit.Id;
        UnitPath = unit.Path;
        UnitName = unit.Name;
    }

    public long WorkOrderId { get; private set; }

    public long UnitId { get; private set; }

    public string UnitPath { get; private set; }

    public string UnitName { get; private set; }

    public bool HasReplied { get; internal set; }
}

/// <summary>What the intake agent records (S3); also what a correction replaces.</summary>
public sealed record WorkOrderContent(
    Channel Channel,
    RequestType RequestType,
    string CategoryCode,
    Urgency Urgency,
    Caller Caller,
    Location Location,
    string Subject,
    string Events,
    string Demand,
    string? SuggestedHandling,
    string? PartyInvolved,
    string? RecordingId,
    string? ProvincialReference,
    IReadOnlyList<Attachment> Attachments);

/// <summary>
/// The work order (工单) aggregate: all state changes go through its verbs, each guarded by
/// <see cref="WorkOrderTransitions"/>, each appending a timeline entry. Every clock is stored as a due time so that
/// lights and reminders are an indexed query (<see cref="NextClockCheckUtc"/>), never a recalculation over all orders.
/// </summary>
public sealed class WorkOrder
{
    private readonly List<WorkOrderEvent> _pendingEvents = [];

    private WorkOrder()
    {
        Number = CategoryCode = Subject = Events = Demand = RegisteredByName = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Human-readable and unique per platform: platform code + local date + sequence, e.g. AL20261125000123.</summary>
    public string Number { get; private set; }

    public Channel Channel { get; private set; }

    public RequestType RequestType { get; private set; }

    public string CategoryCode { get; private set; }

    public Urgency Urgency { get; private set; }

    public Caller Caller => new(CallerName, CallerPhone, CallerIsAnonymous, CallerIsConfidential);

    public string? CallerName { get; private set; }

    /// <summary>Indexed: the caller's history is looked up by phone.</summary>
    public string? CallerPhone { get; private set; }

    public bool CallerIsAnonymous { get; private set; }

    public bool CallerIsConfidential { get; private set; }

    public Location Location => new(RegionCode, Street, Address, Latitude, Longitude);

    public string? RegionCode { get; private set; }

    public string? Street { get; private set; }

    public string? Address { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string Subject { get; private set; }

    public string Events { get; private set; }

    public string Demand { get; private set; }

    public string? SuggestedHandling { get; private set; }

    public string? PartyInvolved { get; private set; }

    public string? RecordingId { get; private set; }

    /// <summary>The provincial platform's reference for tickets it forwarded (省级来件): shorter return and extension windows.</summary>
    public string? ProvincialReference { get; private set; }

    public List<Attachment> Attachments { get; private set; } = [];

    public WorkOrderStatus Status { get; private set; }

    public CloseReason? CloseReason { get; private set; }

    /// <summary>首问负责: the agent who registered the contact is responsible for it.</summary>
    public long RegisteredByUserId { get; private set; }

    public string RegisteredByName { get; private set; }

    public DateTime RegisteredAtUtc { get; private set; }

    public IntakeResolution? Resolution { get; private set; }

    public SendBackRecord? LastSendBack { get; private set; }

    public long? LeadUnitId { get; private set; }

    public string? LeadUnitPath { get; private set; }

    public string? LeadUnitName { get; private set; }

    public List<CoUnit> CoUnits { get; private set; } = [];

    /// <summary>When the current handling cycle reached the unit (receipt): the start of the return and handling clocks.</summary>
    public DateTime? DispatchedAtUtc { get; private set; }

    public DateTime? SignedAtUtc { get; private set; }

    public DateTime? DispatchDueUtc { get; private set; }

    public DateTime? ReturnDueUtc { get; private set; }

    public DateTime? HandlingDueUtc { get; private set; }

    /// <summary>Yellow from here: one working day before the handling deadline.</summary>
    public DateTime? WarnAtUtc { get; private set; }

    /// <summary>Red from here: more than one working day past the handling deadline.</summary>
    public DateTime? RedAtUtc { get; private set; }

    public DateTime? FirstResponseDueUtc { get; private set; }

    public DateTime? FirstRespondedAtUtc { get; private set; }

    public DateTime? CallbackDueUtc { get; private set; }

    /// <summary>Some deadline crossed a year whose holiday schedule is not published yet.</summary>
    public bool DeadlineProvisional { get; private set; }

    public Light Light { get; private set; }

    /// <summary>When the light job must look at this order next; null when no clock is running. Indexed.</summary>
    public DateTime? NextClockCheckUtc { get; private set; }

    public bool FirstResponseReminded { get; private set; }

    public int DispatchCount { get; private set; }

    public int ReturnCount { get; private set; }

    public int RedoCount { get; private set; }

    public int ExtensionCount { get; private set; }

    public int ReminderCount { get; private set; }

    /// <summary>A return arrived after the return window: allowed, but counted overdue.</summary>
    public bool ReturnedLate { get; private set; }

    public bool RepliedLate { get; private set; }

    public List<ReturnRecord> Returns { get; private set; } = [];

    public List<ExtensionRecord> Extensions { get; private set; } = [];

    public List<ProgressReportRecord> ProgressReports { get; private set; } = [];

    public List<CoReplyRecord> CoReplies { get; private set; } = [];

    public List<ReplyRecord> Replies { get; private set; } = [];

    public List<CallbackAttempt> Callbacks { get; private set; } = [];

    public List<Reminder> Reminders { get; private set; } = [];

    public bool CallbackUnsatisfied { get; private set; }

    public bool CallbackUnreachable { get; private set; }

    public long? RepeatOfId { get; private set; }

    /// <summary>Linked to an order that was already closed: counted as a repeated demand (重复诉求).</summary>
    public bool IsRepeatAfterClosure { get; private set; }

    public long? MergedIntoId { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public DateTime? ArchivedAtUtc { get; private set; }

    public long Version { get; private set; }

    public bool IsFromProvince => Channel == Channel.Province;

    public ReplyRecord? CurrentReply => Replies.Count > 0 && Status is WorkOrderStatus.Replied or WorkOrderStatus.AwaitingCallback or WorkOrderStatus.Closed or WorkOrderStatus.Archived
        ? Replies[^1]
        : null;

    public ExtensionRecord? PendingExtension => Extensions.LastOrDefault(e => e.State == PendingState.Pending);

    public IReadOnlyList<WorkOrderEvent> PendingEvents => _pendingEvents;

    public void ClearPendingEvents() => _pendingEvents.Clear();

    // ───────────────────────────── intake (S3) ─────────────────────────────

    /// <summary>Registers a request for dispatch; the dispatcher reviews it within one working day (emergencies at once).</summary>
    public static WorkOrder Register(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, long? proposedUnitId = null)
    {
        var order = New(number, content, agent, clock);
        order.Status = WorkOrderStatus.AwaitingDispatch;
        order.DispatchDueUtc = content.Urgency == Urgency.Emergency
            ? clock.UtcNow.AddMinutes(clock.Timeframes.EmergencyDispatchMinutes)
            : order.WorkingDaysFrom(clock, clock.Now, clock.Timeframes.DispatchWorkingDays);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString()), ("proposedUnitId", proposedUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return order;
    }

    /// <summary>Answered at intake (often from the knowledge base): closed at once.</summary>
    public static WorkOrder RegisterAnswered(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, string answer, long? articleId)
    {
        RequireText(answer, "answer", "Give the answer told to the citizen.");
        var order = New(number, content, agent, clock);
        order.Resolution = new IntakeResolution(answer.Trim(), articleId, null, null, null, null, null, null);
        order.CloseAt(clock, Domain.WorkOrders.CloseReason.AnsweredAtIntake);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.Record(agent, clock, WorkOrderAction.AnswerDirectly, null, null, Facts(("articleId", articleId?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return order;
    }

    /// <summary>Handled in a three-way call (三方通话) with a unit or sub-centre; the outcome is recorded and the order closed.</summary>
    public static WorkOrder RegisterThreeWayCall(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock, Unit unit, string result)
    {
        RequireText(result, "threeWayCall.result", "Record the result of the three-way call.");
        var order = New(number, content, agent, clock);
        order.Resolution = new IntakeResolution(null, null, unit.Id, unit.Name, result.Trim(), null, null, null);
        order.CloseAt(clock, Domain.WorkOrders.CloseReason.ThreeWayCall);
        order.Record(agent, clock, WorkOrderAction.Register, null, null, Facts(("channel", content.Channel.ToString())));
        order.Record(agent, clock, WorkOrderAction.ThreeWayCall, null, null, Facts(("unit", unit.Name)));
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
        Guard(WorkOrderAction.Correct);
        RequireRole(agent, WorkOrderRoles.Intake);
        var changes = Diff(content);
        Apply(content);
        var from = Status;
        if (Status == WorkOrderStatus.SentBackToIntake)
        {
            Status = WorkOrderStatus.AwaitingDispatch;
            DispatchDueUtc = Urgency == Urgency.Emergency
                ? clock.UtcNow.AddMinutes(clock.Timeframes.EmergencyDispatchMinutes)
                : WorkingDaysFrom(clock, clock.Now, clock.Timeframes.DispatchWorkingDays);
        }

        Record(agent, clock, WorkOrderAction.Correct, note, from, changes);
    }

    /// <summary>After a "knowledge base already answers" send-back, the agent answers the citizen and the order closes.</summary>
    public void AnswerDirectly(Actor agent, WorkOrderClock clock, string answer, long? articleId)
    {
        Guard(WorkOrderAction.AnswerDirectly);
        RequireRole(agent, WorkOrderRoles.Intake);
        RequireText(answer, "answer", "Give the answer told to the citizen.");
        Resolution = new IntakeResolution(answer.Trim(), articleId ?? LastSendBack?.ArticleId, null, null, null, null, null, null);
        var from = Status;
        CloseAt(clock, Domain.WorkOrders.CloseReason.AnsweredAtIntake);
        Record(agent, clock, WorkOrderAction.AnswerDirectly, null, from, Facts(("articleId", Resolution.ArticleId?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    public void RejectAtIntake(Actor agent, WorkOrderClock clock, RejectionReason reason, EmergencyService? transfer, string? note)
    {
        Guard(WorkOrderAction.RejectAtIntake);
        RequireRole(agent, WorkOrderRoles.Intake);
        RejectCore(agent, clock, reason, transfer, note, recordTransition: true);
    }

    // ───────────────────────────── dispatch (S4) ─────────────────────────────

    /// <summary>Dispatches to a lead unit and co-units; starts the return, handling and (emergency) first-response clocks.</summary>
    public void Dispatch(Actor dispatcher, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit> coUnits, string? note)
    {
        Guard(WorkOrderAction.Dispatch);
        RequireRole(dispatcher, WorkOrderRoles.Dispatch);
        var from = Status;
        AssignTo(clock, lead, coUnits);
        Record(dispatcher, clock, WorkOrderAction.Dispatch, note, from, Facts(
            ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name))), ("handlingDue", Iso(HandlingDueUtc)),
            ("dutyLeaderNotified", Urgency == Urgency.Emergency ? "true" : null)));
    }

    /// <summary>Back to the intake agent: to correct the record, or because the knowledge base already answers it.</summary>
    public void SendBack(Actor dispatcher, WorkOrderClock clock, SendBackReason reason, string note, long? articleId)
    {
        Guard(WorkOrderAction.SendBack);
        RequireRole(dispatcher, WorkOrderRoles.Dispatch);
        RequireText(note, "note", "Say what the agent should correct or answer.");
        if (reason == SendBackReason.KnowledgeBaseAnswers && articleId is null)
        {
            throw ValidationException.For("articleId", "Link the knowledge-base article that answers the request.");
        }

        var from = Status;
        LastSendBack = new SendBackRecord(clock.UtcNow, dispatcher.Name, reason, note.Trim(), articleId);
        Status = WorkOrderStatus.SentBackToIntake;
        DispatchDueUtc = null;
        Record(dispatcher, clock, WorkOrderAction.SendBack, note.Trim(), from, Facts(("reason", reason.ToString()), ("articleId", articleId?.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Re-dispatch while a unit holds the order: a county hotline office or a unit passes it on within its own subtree
    /// (the deadline keeps running); a centre dispatcher may send it anywhere (a new handling cycle starts).
    /// </summary>
    public void Redispatch(Actor actor, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit> coUnits, string? note)
    {
        Guard(WorkOrderAction.Redispatch);
        var from = Status;
        var previous = LeadUnitName;
        if (actor.Roles.Overlaps(WorkOrderRoles.Dispatch))
        {
            AssignTo(clock, lead, coUnits);
        }
        else
        {
            RequireHolder(actor);
            if (!actor.Scope.Covers(lead.Path) || coUnits.Any(u => !actor.Scope.Covers(u.Path)))
            {
                throw new DomainException("work_order.outside_scope", "A unit can re-dispatch only to units within its own subtree.");
            }

            if (lead.Id == LeadUnitId)
            {
                throw ValidationException.For("leadUnitId", "The order is already with this unit.");
            }

            // Sub-dispatch keeps the deadlines: the citizen's clock does not restart inside the county.
            LeadUnitId = lead.Id;
            LeadUnitPath = lead.Path;
            LeadUnitName = lead.Name;
            SetCoUnits(coUnits);
            Status = WorkOrderStatus.Dispatched;
            SignedAtUtc = null;
            DispatchCount++;
        }

        Record(actor, clock, WorkOrderAction.Redispatch, note, from, Facts(("fromUnit", previous), ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name)))));
    }

    // ───────────────────────────── handling (S5) ─────────────────────────────

    public void Sign(Actor handler, WorkOrderClock clock)
    {
        Guard(WorkOrderAction.Sign);
        RequireHolder(handler);
        var from = Status;
        Status = WorkOrderStatus.InProgress;
        SignedAtUtc = clock.UtcNow;
        Record(handler, clock, WorkOrderAction.Sign, null, from, null);
    }

    /// <summary>
    /// Returns the order to the dispatcher with reason, basis and a suggested unit. Allowed after the return window
    /// (2 working days from receipt, 1 for provincial tickets) but then marked late and counted overdue.
    /// </summary>
    public void Return(Actor handler, WorkOrderClock clock, string reason, string basis, Unit suggestedUnit)
    {
        Guard(WorkOrderAction.Return);
        RequireHolder(handler);
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

        var late = ReturnDueUtc is { } due && clock.UtcNow > due;
        ReturnedLate |= late;
        ReturnCount++;
        Returns.Add(new ReturnRecord(clock.UtcNow, LeadUnitId!.Value, LeadUnitName!, reason.Trim(), basis.Trim(), suggestedUnit.Id, late, PendingState.Pending, null, null, null));
        var from = Status;
        Status = WorkOrderStatus.Returned;
        StopHandlingClocks();
        Record(handler, clock, WorkOrderAction.Return, reason.Trim(), from, Facts(("basis", basis.Trim()), ("suggestedUnit", suggestedUnit.Name), ("late", late ? "true" : null)));
    }

    /// <summary>The dispatcher agrees: the order goes to the next unit at once, or back to the dispatch queue.</summary>
    public void ApproveReturn(Actor dispatcher, WorkOrderClock clock, string? note, Unit? lead, IReadOnlyList<Unit> coUnits)
    {
        Guard(WorkOrderAction.ApproveReturn);
        RequireRole(dispatcher, WorkOrderRoles.Dispatch);
        DecideReturn(dispatcher, clock, PendingState.Approved, note);
        var from = Status;
        if (lead is null)
        {
            Status = WorkOrderStatus.AwaitingDispatch;
            LeadUnitId = null;
            LeadUnitPath = null;
            LeadUnitName = null;
            SetCoUnits([]);
            DispatchDueUtc = WorkingDaysFrom(clock, clock.Now, clock.Timeframes.DispatchWorkingDays);
        }
        else
        {
            AssignTo(clock, lead, coUnits);
        }

        Record(dispatcher, clock, WorkOrderAction.ApproveReturn, note, from, Facts(("leadUnit", lead?.Name)));
    }

    /// <summary>The dispatcher disagrees: the order goes back to the unit with the dispatcher's reason.</summary>
    public void RejectReturn(Actor dispatcher, WorkOrderClock clock, string reason)
    {
        Guard(WorkOrderAction.RejectReturn);
        RequireRole(dispatcher, WorkOrderRoles.Dispatch);
        RequireText(reason, "reason", "Tell the unit why the return is rejected.");
        DecideReturn(dispatcher, clock, PendingState.Rejected, reason.Trim());
        var from = Status;
        Status = SignedAtUtc is null ? WorkOrderStatus.Dispatched : WorkOrderStatus.InProgress;
        ResumeHandlingClocks(clock);
        Record(dispatcher, clock, WorkOrderAction.RejectReturn, reason.Trim(), from, null);
    }

    /// <summary>
    /// Asks for more time: before the deadline (provincial tickets at least one working day before), at most
    /// <see cref="Timeframes.MaxExtensionWorkingDays"/> working days, one request pending at a time.
    /// </summary>
    public void RequestExtension(Actor handler, WorkOrderClock clock, int days, string reason)
    {
        Guard(WorkOrderAction.RequestExtension);
        RequireHolder(handler);
        if (days < 1 || days > clock.Timeframes.MaxExtensionWorkingDays)
        {
            throw ValidationException.For("days", $"Ask for 1 to {clock.Timeframes.MaxExtensionWorkingDays} working days.");
        }

        RequireText(reason, "reason", "Give the reason for the extension.");
        if (PendingExtension is not null)
        {
            throw new DomainException("work_order.extension_pending", "An extension request is already waiting for a decision.");
        }

        var due = HandlingDueUtc!.Value;
        if (clock.UtcNow > due)
        {
            throw new DomainException("work_order.extension_too_late", "Extensions must be requested before the deadline.");
        }

        if (IsFromProvince && clock.Now > clock.Calendar.SubtractWorkingDays(new DateTimeOffset(due, TimeSpan.Zero), 1).At)
        {
            throw new DomainException("work_order.extension_too_late", "Provincial tickets need the extension request at least one working day before the deadline.");
        }

        ExtensionCount++;
        Extensions.Add(new ExtensionRecord(clock.UtcNow, handler.Name, days, reason.Trim(), PendingState.Pending, null, null, null, null, null, null));
        Record(handler, clock, WorkOrderAction.RequestExtension, reason.Trim(), null, Facts(("days", days.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>The centre approves (possibly fewer days than asked): only now does the deadline move.</summary>
    public void ApproveExtension(Actor reviewer, WorkOrderClock clock, int? grantedDays, string? note)
    {
        Guard(WorkOrderAction.ApproveExtension);
        RequireRole(reviewer, WorkOrderRoles.ReviewExtension);
        var pending = PendingExtension ?? throw new DomainException("work_order.no_pending_extension", "There is no extension request to decide.");
        var days = grantedDays ?? pending.Days;
        if (days < 1 || days > pending.Days)
        {
            throw ValidationException.For("days", $"Grant 1 to {pending.Days} working days.");
        }

        var previous = HandlingDueUtc!.Value;
        var deadline = clock.Calendar.AddWorkingDays(new DateTimeOffset(previous, TimeSpan.Zero), days);
        SetHandlingDue(clock, deadline);
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
        Record(reviewer, clock, WorkOrderAction.ApproveExtension, note, null, Facts(("days", days.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("handlingDue", Iso(HandlingDueUtc))));
    }

    public void RejectExtension(Actor reviewer, WorkOrderClock clock, string reason)
    {
        Guard(WorkOrderAction.RejectExtension);
        RequireRole(reviewer, WorkOrderRoles.ReviewExtension);
        RequireText(reason, "reason", "Tell the unit why the extension is rejected.");
        var pending = PendingExtension ?? throw new DomainException("work_order.no_pending_extension", "There is no extension request to decide.");
        Extensions[Extensions.IndexOf(pending)] = pending with { State = PendingState.Rejected, DecidedAtUtc = clock.UtcNow, DecidedBy = reviewer.Name, Decision = reason.Trim() };
        Record(reviewer, clock, WorkOrderAction.RejectExtension, reason.Trim(), null, null);
    }

    /// <summary>续报: progress so far and the date the unit commits to; counts as the first response of an emergency.</summary>
    public void ReportProgress(Actor handler, WorkOrderClock clock, string text, DateOnly committedDate)
    {
        Guard(WorkOrderAction.ProgressReport);
        RequireHolder(handler);
        RequireText(text, "text", "Describe the progress.");
        if (committedDate < ChinaTime.LocalDate(clock.Now))
        {
            throw ValidationException.For("committedDate", "The committed date cannot be in the past.");
        }

        ProgressReports.Add(new ProgressReportRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, text.Trim(), committedDate));
        FirstRespondedAtUtc ??= clock.UtcNow;
        UpdateNextCheck();
        Record(handler, clock, WorkOrderAction.ProgressReport, text.Trim(), null, Facts(("committedDate", committedDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>A co-unit (协办) gives its part of the answer to the lead unit.</summary>
    public void CoReply(Actor handler, WorkOrderClock clock, string text)
    {
        Guard(WorkOrderAction.CoReply);
        RequireRole(handler, WorkOrderRoles.Handle);
        RequireText(text, "text", "Give the co-unit's reply.");
        var coUnit = CoUnits.FirstOrDefault(c => handler.Scope.Covers(c.UnitPath))
            ?? throw new ForbiddenException("work_order.not_co_unit", "Only a co-unit of this order can give a co-unit reply.");
        coUnit.HasReplied = true;
        CoReplies.Add(new CoReplyRecord(clock.UtcNow, coUnit.UnitId, coUnit.UnitName, handler.Name, text.Trim()));
        Record(handler, clock, WorkOrderAction.CoReply, text.Trim(), null, Facts(("unit", coUnit.UnitName)));
    }

    /// <summary>The lead unit's reply (办结反馈); a pending extension request lapses.</summary>
    public void Reply(Actor handler, WorkOrderClock clock, string result, bool citizenContacted, ContactMethod? contactMethod, ReplyOutcome outcome, string? unresolvedReason)
    {
        Guard(WorkOrderAction.Reply);
        RequireHolder(handler);
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

        if (PendingExtension is { } pending)
        {
            Extensions[Extensions.IndexOf(pending)] = pending with { State = PendingState.Withdrawn, DecidedAtUtc = clock.UtcNow, Decision = "replied before a decision" };
        }

        var late = HandlingDueUtc is { } due && clock.UtcNow > due;
        RepliedLate |= late;
        Replies.Add(new ReplyRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, result.Trim(), citizenContacted, citizenContacted ? contactMethod : null, outcome, unresolvedReason?.Trim(), late));
        FirstRespondedAtUtc ??= clock.UtcNow;
        var from = Status;
        Status = WorkOrderStatus.Replied;
        StopHandlingClocks();
        Record(handler, clock, WorkOrderAction.Reply, null, from, Facts(("outcome", outcome.ToString()), ("late", late ? "true" : null)));
    }

    // ───────────────────────────── review, callback, redo, close (S6) ─────────────────────────────

    public void AcceptReply(Actor reviewer, WorkOrderClock clock, string? note)
    {
        Guard(WorkOrderAction.AcceptReply);
        RequireRole(reviewer, WorkOrderRoles.ReviewReply);
        var from = Status;
        Status = WorkOrderStatus.AwaitingCallback;
        var callback = WorkingDaysFrom(clock, clock.Now, clock.Timeframes.CallbackWorkingDays);
        CallbackDueUtc = callback;
        Record(reviewer, clock, WorkOrderAction.AcceptReply, note, from, Facts(("callbackDue", Iso(CallbackDueUtc))));
    }

    /// <summary>Accept a reply for a case not chased for satisfaction (administrative mediation, law enforcement) and close it.</summary>
    public void AcceptReplyWithoutCallback(Actor reviewer, WorkOrderClock clock, string note)
    {
        Guard(WorkOrderAction.AcceptReply);
        RequireRole(reviewer, WorkOrderRoles.ReviewReply);
        RequireText(note, "note", "Say why this case is not chased for satisfaction (mediation or law enforcement).");
        var from = Status;
        CloseAt(clock, Domain.WorkOrders.CloseReason.ExemptFromCallback);
        Record(reviewer, clock, WorkOrderAction.AcceptReply, note.Trim(), from, Facts(("closeReason", nameof(Domain.WorkOrders.CloseReason.ExemptFromCallback))));
    }

    /// <summary>Back to the unit; the handling deadline is unchanged.</summary>
    public void RejectReply(Actor reviewer, WorkOrderClock clock, string reason)
    {
        Guard(WorkOrderAction.RejectReply);
        RequireRole(reviewer, WorkOrderRoles.ReviewReply);
        RequireText(reason, "reason", "Tell the unit what is missing from the reply.");
        var from = Status;
        Status = WorkOrderStatus.InProgress;
        ResumeHandlingClocks(clock);
        Record(reviewer, clock, WorkOrderAction.RejectReply, reason.Trim(), from, null);
    }

    /// <summary>
    /// Records a callback. Reached with both ratings satisfied (or basically) closes the order; an unsatisfied rating
    /// leaves the redo-or-close decision to the centre. Unreachable three times on different working days marks the
    /// citizen unreachable.
    /// </summary>
    public void Callback(Actor agent, WorkOrderClock clock, ContactMethod method, bool reached, Rating? processRating, Rating? resultRating, string? comment)
    {
        Guard(WorkOrderAction.Callback);
        RequireRole(agent, WorkOrderRoles.Callback);
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

        Callbacks.Add(new CallbackAttempt(clock.UtcNow, agent.Name, method, reached, reached ? processRating : null, reached ? resultRating : null, comment?.Trim()));
        var from = Status;
        if (!reached)
        {
            var days = Callbacks.Where(c => !c.Reached)
                .Select(c => ChinaTime.LocalDate(new DateTimeOffset(c.AtUtc, TimeSpan.Zero)))
                .Where(clock.Calendar.IsWorkingDay)
                .Distinct()
                .Count();
            CallbackUnreachable = days >= 3;
            Record(agent, clock, WorkOrderAction.Callback, comment, from, Facts(("reached", "false"), ("unreachable", CallbackUnreachable ? "true" : null)));
            return;
        }

        CallbackUnsatisfied = processRating == Rating.Unsatisfied || resultRating == Rating.Unsatisfied;
        if (!CallbackUnsatisfied)
        {
            CloseAt(clock, Domain.WorkOrders.CloseReason.Satisfied);
        }

        Record(agent, clock, WorkOrderAction.Callback, comment, from, Facts(("reached", "true"), ("processRating", processRating.ToString()), ("resultRating", resultRating.ToString())));
    }

    /// <summary>重办: the citizen is not satisfied and the demand is reasonable; back to the lead unit with a new handling cycle.</summary>
    public void Redo(Actor actor, WorkOrderClock clock, string reason, Unit lead)
    {
        Guard(WorkOrderAction.Redo);
        RequireRole(actor, WorkOrderRoles.Conclude);
        RequireText(reason, "reason", "Say what the unit must do again.");
        if (!CallbackUnsatisfied)
        {
            throw new DomainException("work_order.redo_needs_unsatisfied_callback", "A redo follows a callback in which the citizen was not satisfied.");
        }

        var from = Status;
        RedoCount++;
        CallbackUnsatisfied = false;
        CallbackDueUtc = null;
        AssignTo(clock, lead, CoUnits.Count == 0 ? [] : null);
        Record(actor, clock, WorkOrderAction.Redo, reason.Trim(), from, Facts(("redoCount", RedoCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("handlingDue", Iso(HandlingDueUtc))));
    }

    /// <summary>
    /// Closes after the callback when the answer complies with law and policy although the citizen is not satisfied,
    /// when the citizen is unreachable, or for cases not chased for satisfaction.
    /// </summary>
    public void Close(Actor actor, WorkOrderClock clock, CloseReason reason, string? note)
    {
        Guard(WorkOrderAction.Close);
        RequireRole(actor, WorkOrderRoles.Conclude);
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
                if (Callbacks.LastOrDefault(c => c.Reached) is not { } last || last.ProcessRating == Rating.Unsatisfied || last.ResultRating == Rating.Unsatisfied)
                {
                    throw new DomainException("work_order.not_satisfied", "No callback recorded the citizen as satisfied.");
                }

                break;
            case Domain.WorkOrders.CloseReason.AnsweredAtIntake:
            case Domain.WorkOrders.CloseReason.ThreeWayCall:
            case Domain.WorkOrders.CloseReason.Merged:
                throw ValidationException.For("reason", "This reason is set by the system, not chosen at close.");
        }

        var from = Status;
        CloseAt(clock, reason);
        Record(actor, clock, WorkOrderAction.Close, note, from, Facts(("closeReason", reason.ToString())));
    }

    public void Archive(Actor actor, WorkOrderClock clock)
    {
        Guard(WorkOrderAction.Archive);
        RequireRole(actor, WorkOrderRoles.Archive);
        var from = Status;
        Status = WorkOrderStatus.Archived;
        ArchivedAtUtc = clock.UtcNow;
        Record(actor, clock, WorkOrderAction.Archive, null, from, null);
    }

    // ───────────────────────────── supervision, repeats, privacy ─────────────────────────────

    /// <summary>A manual reminder notice (催办单) to the unit holding the order.</summary>
    public void Remind(Actor supervisor, WorkOrderClock clock, string text)
    {
        Guard(WorkOrderAction.Remind);
        RequireRole(supervisor, WorkOrderRoles.Supervise);
        RequireText(text, "text", "Write the reminder to the unit.");
        AddReminder(supervisor, clock, ReminderKind.Manual, text.Trim());
    }

    /// <summary>
    /// Moves the alert light to where the stored due times say it is now; on turning red issues the one automatic
    /// reminder, and reminds once when an emergency's first response is overdue. Returns whether anything changed.
    /// </summary>
    public bool ApplyClock(WorkOrderClock clock)
    {
        if (!Status.IsWithUnit() || NextClockCheckUtc is null || NextClockCheckUtc > clock.UtcNow)
        {
            return false;
        }

        var now = clock.UtcNow;
        var target = now >= RedAtUtc ? Light.Red : now >= WarnAtUtc ? Light.Yellow : Light.None;
        if (target != Light)
        {
            var before = Light;
            Light = target;
            Record(Actor.System, clock, WorkOrderAction.LightChanged, null, null, Facts(("from", before.ToString()), ("to", target.ToString())));
            if (target == Light.Red)
            {
                AddReminder(Actor.System, clock, ReminderKind.Automatic, $"工单 {Number} 已超过办理时限一个工作日以上仍未答复，请立即办理并反馈。");
            }
        }

        if (Urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && now >= FirstResponseDueUtc)
        {
            FirstResponseReminded = true;
            AddReminder(Actor.System, clock, ReminderKind.Automatic, $"紧急工单 {Number} 已超过2小时未作首次响应，请立即响应。");
        }

        UpdateNextCheck();
        return true;
    }

    /// <summary>Links this (newer) order as a repeat (重复件) of an earlier one; both timelines say so.</summary>
    public void LinkRepeatOf(Actor agent, WorkOrderClock clock, WorkOrder earlier)
    {
        Guard(WorkOrderAction.LinkRepeat);
        RequireRole(agent, WorkOrderRoles.Repeats);
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
        Guard(WorkOrderAction.Merge);
        RequireRole(agent, WorkOrderRoles.Repeats.Union(WorkOrderRoles.Dispatch).ToHashSet());
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
        CloseAt(clock, Domain.WorkOrders.CloseReason.Merged);
        Record(agent, clock, WorkOrderAction.Merge, null, from, Facts(("mergedInto", target.Number)));
        target.Record(agent, clock, WorkOrderAction.Merge, null, null, Facts(("merged", Number)));
    }

    /// <summary>Who may see the caller's identity unmasked. Confidential orders are never revealed to units.</summary>
    public bool MayReveal(Actor actor) =>
        actor.Roles.Overlaps(WorkOrderRoles.RevealCentre)
        || (!CallerIsConfidential && actor.Roles.Overlaps(WorkOrderRoles.RevealUnit) && IsHeldBy(actor));

    /// <summary>Records an explicit reveal of caller data (S13); the caller is returned only by this call.</summary>
    public Caller RevealCaller(Actor actor, WorkOrderClock clock, string reason)
    {
        Guard(WorkOrderAction.RevealCaller);
        if (!MayReveal(actor))
        {
            throw new ForbiddenException("work_order.reveal_not_allowed", CallerIsConfidential
                ? "This is a confidential order: the caller's identity is not shown to units."
                : "Your role may not reveal the caller's identity.");
        }

        RequireText(reason, "reason", "Say why you need the caller's identity.");
        Record(actor, clock, WorkOrderAction.RevealCaller, reason.Trim(), null, null);
        return Caller;
    }

    /// <summary>A unit user may see the order when their scope covers the lead unit or a co-unit; centre staff see all.</summary>
    public bool IsVisibleTo(Actor actor) => IsVisible(actor, LeadUnitPath, CoUnits.Select(c => c.UnitPath));

    /// <summary>The rule of <see cref="IsVisibleTo(Actor)"/> on the columns it reads, for queries that load only those.</summary>
    public static bool IsVisible(Actor actor, string? leadUnitPath, IEnumerable<string> coUnitPaths)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Scope.IsPlatformWide
            || (leadUnitPath is not null && actor.Scope.Covers(leadUnitPath))
            || coUnitPaths.Any(actor.Scope.Covers);
    }

    public bool IsHeldBy(Actor actor) => LeadUnitPath is not null && actor.Scope.Covers(LeadUnitPath) && actor.Roles.Overlaps(WorkOrderRoles.Handle);

    /// <summary>The actions this viewer may take now: the UI shows these and nothing else.</summary>
    public IReadOnlyList<WorkOrderAction> AvailableActions(Actor actor)
    {
        var result = new List<WorkOrderAction>();
        foreach (var action in WorkOrderTransitions.AllowedIn(Status).Order())
        {
            var permitted = action switch
            {
                WorkOrderAction.Dispatch or WorkOrderAction.SendBack or WorkOrderAction.ApproveReturn or WorkOrderAction.RejectReturn => actor.Roles.Overlaps(WorkOrderRoles.Dispatch),
                WorkOrderAction.Correct or WorkOrderAction.AnswerDirectly or WorkOrderAction.RejectAtIntake => actor.Roles.Overlaps(WorkOrderRoles.Intake),
                WorkOrderAction.Redispatch => actor.Roles.Overlaps(WorkOrderRoles.Dispatch) || IsHeldBy(actor),
                WorkOrderAction.Sign or WorkOrderAction.Return or WorkOrderAction.ProgressReport or WorkOrderAction.Reply => IsHeldBy(actor),
                WorkOrderAction.RequestExtension => IsHeldBy(actor) && PendingExtension is null,
                WorkOrderAction.ApproveExtension or WorkOrderAction.RejectExtension => PendingExtension is not null && actor.Roles.Overlaps(WorkOrderRoles.ReviewExtension),
                WorkOrderAction.CoReply => actor.Roles.Overlaps(WorkOrderRoles.Handle) && CoUnits.Any(c => actor.Scope.Covers(c.UnitPath)),
                WorkOrderAction.AcceptReply or WorkOrderAction.RejectReply => actor.Roles.Overlaps(WorkOrderRoles.ReviewReply),
                WorkOrderAction.Callback => actor.Roles.Overlaps(WorkOrderRoles.Callback),
                WorkOrderAction.Redo => CallbackUnsatisfied && actor.Roles.Overlaps(WorkOrderRoles.Conclude),
                WorkOrderAction.Close => actor.Roles.Overlaps(WorkOrderRoles.Conclude),
                WorkOrderAction.Archive => actor.Roles.Overlaps(WorkOrderRoles.Archive),
                WorkOrderAction.Remind => actor.Roles.Overlaps(WorkOrderRoles.Supervise),
                WorkOrderAction.LinkRepeat => actor.Roles.Overlaps(WorkOrderRoles.Repeats),
                WorkOrderAction.Merge => actor.Roles.Overlaps(WorkOrderRoles.Repeats) || actor.Roles.Overlaps(WorkOrderRoles.Dispatch),
                WorkOrderAction.RevealCaller => MayReveal(actor),
                WorkOrderAction.Register or WorkOrderAction.ThreeWayCall or WorkOrderAction.LightChanged => false,
            };
            if (permitted)
            {
                result.Add(action);
            }
        }

        return result;
    }

    // ───────────────────────────── internals ─────────────────────────────

    private static WorkOrder New(string number, WorkOrderContent content, Actor agent, WorkOrderClock clock)
    {
        RequireRole(agent, WorkOrderRoles.Intake);
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
        Status = WorkOrderStatus.NotAccepted;
        ClosedAtUtc = clock.UtcNow;
        DispatchDueUtc = null;
        Record(agent, clock, WorkOrderAction.RejectAtIntake, note?.Trim(), recordTransition ? from : null, Facts(("reason", reason.ToString()), ("transferredTo", transfer?.ToString())));
    }

    private void AssignTo(WorkOrderClock clock, Unit lead, IReadOnlyList<Unit>? coUnits)
    {
        if (!lead.IsActive)
        {
            throw ValidationException.For("leadUnitId", "The unit is inactive.");
        }

        if (lead.Kind == UnitKind.HotlineCentre || lead.Kind == UnitKind.City)
        {
            throw ValidationException.For("leadUnitId", "Dispatch to a handling unit, not to the centre or the city government itself.");
        }

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

        Status = WorkOrderStatus.Dispatched;
        DispatchCount++;
        DispatchDueUtc = null;
        SignedAtUtc = null;
        DispatchedAtUtc = clock.UtcNow;
        ReturnDueUtc = WorkingDaysFrom(clock, clock.Now, IsFromProvince ? clock.Timeframes.ProvincialReturnWorkingDays : clock.Timeframes.ReturnWorkingDays);
        SetHandlingDue(clock, clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.HandlingWorkingDays));
        if (Urgency == Urgency.Emergency)
        {
            FirstResponseDueUtc = clock.UtcNow.AddHours(clock.Timeframes.EmergencyFirstResponseHours);
            FirstRespondedAtUtc = null;
            FirstResponseReminded = false;
        }

        Light = Light.None;
        UpdateNextCheck();
        RecomputeLight(clock);
    }

    private void SetCoUnits(IReadOnlyList<Unit> coUnits)
    {
        CoUnits.RemoveAll(c => coUnits.All(u => u.Id != c.UnitId));
        foreach (var unit in coUnits.Where(u => CoUnits.All(c => c.UnitId != u.Id)).DistinctBy(u => u.Id))
        {
            CoUnits.Add(new CoUnit(unit));
        }
    }

    private void SetHandlingDue(WorkOrderClock clock, Deadline deadline)
    {
        HandlingDueUtc = deadline.At.UtcDateTime;
        DeadlineProvisional |= deadline.Provisional;
        WarnAtUtc = clock.Calendar.SubtractWorkingDays(deadline.At, 1).At.UtcDateTime;
        RedAtUtc = clock.Calendar.AddWorkingDays(deadline.At, 1).At.UtcDateTime;
        if (Status.IsWithUnit())
        {
            RecomputeLight(clock);
        }
    }

    /// <summary>Sets the light from the stored times, except turning red, which only the light job does (with its reminder).</summary>
    private void RecomputeLight(WorkOrderClock clock)
    {
        var now = clock.UtcNow;
        if (now >= WarnAtUtc && Light == Light.None)
        {
            Light = Light.Yellow;
        }
        else if (now < WarnAtUtc)
        {
            Light = Light.None;
        }

        UpdateNextCheck();
    }

    private void StopHandlingClocks()
    {
        Light = Light.None;
        NextClockCheckUtc = null;
    }

    private void ResumeHandlingClocks(WorkOrderClock clock)
    {
        Light = Light.None;
        RecomputeLight(clock);
    }

    private void UpdateNextCheck()
    {
        if (!Status.IsWithUnit())
        {
            NextClockCheckUtc = null;
            return;
        }

        DateTime? next = Light switch
        {
            Light.None => WarnAtUtc,
            Light.Yellow => RedAtUtc,
            Light.Red => null,
        };
        if (Urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && FirstResponseDueUtc is { } first && (next is null || first < next))
        {
            next = first;
        }

        NextClockCheckUtc = next;
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

    private void AddReminder(Actor actor, WorkOrderClock clock, ReminderKind kind, string text)
    {
        ReminderCount++;
        Reminders.Add(new Reminder(clock.UtcNow, kind, actor.Name, LeadUnitId ?? 0, LeadUnitName ?? string.Empty, text));
        Record(actor, clock, WorkOrderAction.Remind, text, null, Facts(("kind", kind.ToString()), ("unit", LeadUnitName)));
    }

    private void CloseAt(WorkOrderClock clock, CloseReason reason)
    {
        Status = WorkOrderStatus.Closed;
        CloseReason = reason;
        ClosedAtUtc = clock.UtcNow;
        DispatchDueUtc = null;
        CallbackDueUtc = null;
        StopHandlingClocks();
    }

    private DateTime WorkingDaysFrom(WorkOrderClock clock, DateTimeOffset from, int days)
    {
        var deadline = clock.Calendar.AddWorkingDays(from, days);
        DeadlineProvisional |= deadline.Provisional;
        return deadline.At.UtcDateTime;
    }

    private void Guard(WorkOrderAction action)
    {
        if (!WorkOrderTransitions.IsAllowed(Status, action))
        {
            throw new DomainException("work_order.transition_not_allowed", $"A work order that is {Status} does not allow {action}.");
        }
    }

    private void RequireHolder(Actor actor)
    {
        if (!IsHeldBy(actor))
        {
            throw new ForbiddenException("work_order.not_holder", "Only the unit that holds the order can do this.");
        }
    }

    private static void RequireRole(Actor actor, IReadOnlySet<Role> roles)
    {
        if (!actor.Roles.Overlaps(roles))
        {
            throw new ForbiddenException("work_order.role_not_allowed", "Your role does not allow this action.");
        }
    }

    private static void RequireText(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ValidationException.For(field, message);
        }
    }

    internal void Record(Actor actor, WorkOrderClock clock, WorkOrderAction action, string? reason, WorkOrderStatus? from, Dictionary<string, string?>? details) =>
        _pendingEvents.Add(WorkOrderEvent.Create(this, actor, clock.UtcNow, action, reason, from, details));

    private static Dictionary<string, string?> Facts(params (string Key, string? Value)[] facts) =>
        facts.Where(f => f.Value is not null && f.Value.Length > 0).ToDictionary(f => f.Key, f => f.Value);

    private static string? Iso(DateTime? utc) => utc is { } v ? ChinaTime.ToLocal(new DateTimeOffset(v, TimeSpan.Zero)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : null;
}
