using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// Issue 15, hard cases (S4: "Hard cases go to the team leader, then the site manager"): the dispatcher escalates an order
/// of the dispatch queue to the team leader, who may escalate it to the site manager; the level it sits at dispatches it,
/// sends it back to intake, or convenes the units (会商) and dispatches by the outcome. The dispatch clock keeps running.
/// </summary>
public sealed partial class WorkOrder
{
    /// <summary>The role that decides the hard case now (team leader, then site manager); null when it is not a hard case.</summary>
    public Role? HardCaseLevel { get; private set; }

    public List<HardCaseStep> HardCaseSteps { get; private set; } = [];

    public List<Consultation> Consultations { get; private set; } = [];

    /// <summary>Up one level: from the dispatch queue to the team leader, from the team leader to the site manager.</summary>
    public void EscalateHardCase(Actor actor, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.EscalateHardCase, actor);
        RequirePrecondition(WorkOrderAction.EscalateHardCase);
        RequireText(reason, "reason", "Say why this is a hard case.");
        var from = Status;
        var level = HardCaseLevel is null ? Role.TeamLeader : Role.SiteManager;
        HardCaseLevel = level;
        HardCaseSteps.Add(new HardCaseStep(clock.UtcNow, actor.Name, level, reason.Trim()));
        MoveTo(WorkOrderAction.EscalateHardCase, WorkOrderStatus.HardCase);
        Record(actor, clock, WorkOrderAction.EscalateHardCase, reason.Trim(), from, Facts(("level", level.ToString())));
    }

    /// <summary>The level dispatches the hard case (by the consultation's outcome when it convened the units).</summary>
    public void DispatchHardCase(Actor actor, WorkOrderClock clock, Unit lead, IReadOnlyList<Unit> coUnits, string? note)
    {
        Authorize(WorkOrderAction.DispatchHardCase, actor);
        var from = Status;
        var level = HardCaseLevel;
        AssignTo(WorkOrderAction.DispatchHardCase, clock, lead, coUnits);
        HardCaseLevel = null;
        Record(actor, clock, WorkOrderAction.DispatchHardCase, note, from, Facts(
            ("level", level?.ToString()), ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name))), ("handlingDue", Iso(HandlingDueUtc))),
            EntryUnits.Of(lead, coUnits));
    }

    /// <summary>The level sends the hard case back to the intake agent (to correct it, or to answer it from the knowledge base).</summary>
    public void SendBackHardCase(Actor actor, WorkOrderClock clock, SendBackReason reason, string note, long? articleId)
    {
        Authorize(WorkOrderAction.SendBackHardCase, actor);
        var from = Status;
        var level = HardCaseLevel;
        SendBackToIntake(WorkOrderAction.SendBackHardCase, actor, clock, reason, note, articleId);
        HardCaseLevel = null;
        Record(actor, clock, WorkOrderAction.SendBackHardCase, note.Trim(), from, Facts(
            ("level", level?.ToString()), ("reason", reason.ToString()), ("articleId", articleId is { } id ? Invariant(id) : null)));
    }

    /// <summary>会商: the units invited, when they met, the outcome; the level then dispatches by the outcome.</summary>
    public void ConveneUnits(Actor actor, WorkOrderClock clock, IReadOnlyList<Unit> units, DateOnly heldOn, string outcome)
    {
        Authorize(WorkOrderAction.ConveneUnits, actor);
        var errors = new Dictionary<string, string[]>();
        if (units.Count == 0)
        {
            errors["unitIds"] = ["Name the units invited to the consultation."];
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            errors["outcome"] = ["Record the consultation's outcome."];
        }

        if (heldOn > Calendar.ChinaTime.LocalDate(clock.Now) || !Calendar.ChinaTime.IsSupported(heldOn))
        {
            errors["heldOn"] = ["Record a consultation that has taken place."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var names = string.Join("、", units.Select(u => u.Name));
        Consultations.Add(new Consultation(clock.UtcNow, actor.Name, names, heldOn, outcome.Trim()));
        Record(actor, clock, WorkOrderAction.ConveneUnits, outcome.Trim(), null, Facts(("units", names), ("heldOn", heldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    private bool MeetsCasePrecondition(Precondition precondition) => precondition switch
    {
        Precondition.HardCaseBelowTop => HardCaseLevel != Role.SiteManager,
        Precondition.ReturnRejected => Returns.Count > 0 && Returns[^1].State == PendingState.Rejected
            && (Arbitrations.Count == 0 || Arbitrations[^1].AtUtc < Returns[^1].DecidedAtUtc),
        Precondition.NoOpenCoordination => Coordinations.Count == 0 || Coordinations[^1].Result is not null,
        Precondition.OpenCoordination => Coordinations.Count > 0 && Coordinations[^1].Result is null,
        Precondition.LateUnexplained => (RepliedLate || ReturnedLate) && Lateness?.Reason is null && Lateness?.Judgement is null,
        Precondition.LateUnjudged => (RepliedLate || ReturnedLate) && Lateness?.Judgement is null,
        _ => true,
    };

    private static DomainException CasePreconditionRefused(Precondition precondition) => precondition switch
    {
        Precondition.HardCaseBelowTop => new("work_order.hard_case_at_top", "The site manager is the last level of a hard case."),
        Precondition.ReturnRejected => new("work_order.arbitration_needs_rejected_return", "A responsibility dispute follows a rejected return."),
        Precondition.NoOpenCoordination => new("work_order.coordination_open", "The government's coordination of the last matter is not recorded yet."),
        Precondition.OpenCoordination => new("work_order.no_open_coordination", "No matter is with the government."),
        Precondition.LateUnexplained => new("work_order.lateness_explained", "The order was not late, or its lateness is already explained or judged."),
        _ => new("work_order.lateness_judged", "The order was not late, or its lateness is already judged."),
    };
}
