using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// Issue 15, S5: responsibility disputes decided by the organisation office (编办, 职责确认), matters taken to the government
/// at the unit's own level (报同级人民政府), lateness judged (无正当理由逾期), and the centre's one-voice answer to the citizen.
/// </summary>
public sealed partial class WorkOrder
{
    public List<ArbitrationRecord> Arbitrations { get; private set; } = [];

    /// <summary>How many times the order was taken to the organisation office; the office sees the orders above zero.</summary>
    public int ArbitrationCount { get; private set; }

    public List<CoordinationRecord> Coordinations { get; private set; } = [];

    public LatenessRecord? Lateness { get; private set; }

    /// <summary>The centre judged the lateness as without good reason (无正当理由逾期): read by supervision and assessment.</summary>
    public bool LateWithoutGoodReason { get; private set; }

    /// <summary>The centre's answer to the citizen written from the unit's reply at review (one voice, <see cref="ReplyVoice.Centre"/>).</summary>
    public string? CitizenAnswer { get; private set; }

    /// <summary>After its return was rejected, the holding unit takes the dispute to the organisation office; the clock stops.</summary>
    public void RequestArbitration(Actor handler, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.RequestArbitration, handler);
        RequirePrecondition(WorkOrderAction.RequestArbitration);
        RequireText(reason, "reason", "Say why the order is not this unit's responsibility.");
        var from = Status;
        Arbitrations.Add(new ArbitrationRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, LeadUnitName!, reason.Trim(), null, null, null, null, null));
        ArbitrationCount++;
        MoveTo(WorkOrderAction.RequestArbitration, WorkOrderStatus.InArbitration);
        Deadlines = Deadlines.Stopped();
        Record(handler, clock, WorkOrderAction.RequestArbitration, reason.Trim(), from, Facts(("unit", LeadUnitName)));
    }

    /// <summary>
    /// The binding decision (职责确认): the decided unit receives the order in a new handling cycle; when the office finds the
    /// disputing unit responsible, the order goes back to it where it was and its deadline runs on.
    /// </summary>
    public void DecideArbitration(Actor office, WorkOrderClock clock, Unit responsible, string decision)
    {
        Authorize(WorkOrderAction.DecideArbitration, office);
        RequireText(decision, "decision", "Give the decision and its basis (the units' remits).");
        var from = Status;
        var index = Arbitrations.Count - 1;
        var disputing = Arbitrations[index].UnitId;
        Arbitrations[index] = Arbitrations[index] with
        {
            DecidedAtUtc = clock.UtcNow,
            DecidedBy = office.Name,
            DecidedUnitId = responsible.Id,
            DecidedUnitName = responsible.Name,
            Decision = decision.Trim(),
        };
        if (responsible.Id == disputing)
        {
            MoveTo(WorkOrderAction.DecideArbitration, SignedAtUtc is null ? WorkOrderStatus.Dispatched : WorkOrderStatus.InProgress);
            Deadlines = Deadlines.Resumed(clock.UtcNow, Urgency);
        }
        else
        {
            AssignTo(WorkOrderAction.DecideArbitration, clock, responsible, null);
        }

        Record(office, clock, WorkOrderAction.DecideArbitration, decision.Trim(), from, Facts(
            ("fromUnit", Arbitrations[index].UnitName), ("fromUnitId", Invariant(disputing)), ("leadUnit", responsible.Name), ("handlingDue", Iso(HandlingDueUtc))), EntryUnits.Of(responsible));
    }

    /// <summary>报同级人民政府: the unit takes a matter that needs coordination to the government at its own level.</summary>
    public void ReportToGovernment(Actor handler, WorkOrderClock clock, Unit government, string matter)
    {
        Authorize(WorkOrderAction.ReportToGovernment, handler);
        RequirePrecondition(WorkOrderAction.ReportToGovernment);
        RequireText(matter, "matter", "Say what needs the government's coordination.");
        Coordinations.Add(new CoordinationRecord(clock.UtcNow, handler.Name, LeadUnitId!.Value, LeadUnitName!, government.Id, government.Name, matter.Trim(), null, null, null));
        Record(handler, clock, WorkOrderAction.ReportToGovernment, matter.Trim(), null, Facts(("government", government.Name)));
    }

    /// <summary>The government's coordination result, recorded by the unit that took the matter to it.</summary>
    public void RecordCoordination(Actor handler, WorkOrderClock clock, string result)
    {
        Authorize(WorkOrderAction.RecordCoordination, handler);
        RequirePrecondition(WorkOrderAction.RecordCoordination);
        RequireText(result, "result", "Record the government's coordination result.");
        var index = Coordinations.Count - 1;
        Coordinations[index] = Coordinations[index] with { ResultAtUtc = clock.UtcNow, ResultBy = handler.Name, Result = result.Trim() };
        Record(handler, clock, WorkOrderAction.RecordCoordination, result.Trim(), null, Facts(("government", Coordinations[index].GovernmentName)));
    }

    /// <summary>The unit that replied (or returned) late gives its reason.</summary>
    public void ExplainLateness(Actor handler, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.ExplainLateness, handler);
        RequirePrecondition(WorkOrderAction.ExplainLateness);
        RequireText(reason, "reason", "Give the reason the order was late.");
        Lateness = new LatenessRecord(clock.UtcNow, handler.Name, reason.Trim(), null, null, null, null);
        Record(handler, clock, WorkOrderAction.ExplainLateness, reason.Trim(), null, null);
    }

    /// <summary>The centre accepts the unit's reason, or records the order late without good reason (无正当理由逾期).</summary>
    public void JudgeLateness(Actor reviewer, WorkOrderClock clock, LatenessJudgement judgement, string? note)
    {
        Authorize(WorkOrderAction.JudgeLateness, reviewer);
        RequirePrecondition(WorkOrderAction.JudgeLateness);
        if (judgement == LatenessJudgement.Accepted && Lateness?.Reason is null)
        {
            throw ValidationException.For("judgement", "Only a reason the unit gave can be accepted.");
        }

        if (judgement == LatenessJudgement.WithoutGoodReason && string.IsNullOrWhiteSpace(note))
        {
            throw ValidationException.For("note", "Say why the lateness has no good reason.");
        }

        Lateness = (Lateness ?? new LatenessRecord(null, null, null, null, null, null, null)) with
        {
            JudgedAtUtc = clock.UtcNow,
            JudgedBy = reviewer.Name,
            Judgement = judgement,
            Note = note?.Trim(),
        };
        LateWithoutGoodReason = judgement == LatenessJudgement.WithoutGoodReason;
        Record(reviewer, clock, WorkOrderAction.JudgeLateness, note?.Trim(), null, Facts(("judgement", judgement.ToString())));
    }

    /// <summary>
    /// Reply review where the centre answers the citizen in one voice (<see cref="ReplyVoice.Centre"/>): the reviewer writes the
    /// citizen-facing answer from the unit's reply, and the callback and the citizen see that one.
    /// </summary>
    public void AcceptReplyInOneVoice(Actor reviewer, WorkOrderClock clock, string? note, string citizenAnswer)
    {
        Authorize(WorkOrderAction.AcceptReply, reviewer);
        RequireText(citizenAnswer, "citizenAnswer", "Write the centre's answer to the citizen from the unit's reply.");
        AcceptReply(reviewer, clock, note);
        CitizenAnswer = citizenAnswer.Trim();
    }

    /// <summary>What the citizen is told: the centre's answer in one voice, else the unit's reply itself.</summary>
    public string? AnswerToCitizen => CitizenAnswer ?? CurrentReply?.Result;
}
