using Hotline.Domain.Emergencies;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// Emergency work orders (紧急工单, S4, issue 15): the agent raises "紧急上报" before dispatch, the duty team leader checks the
/// report is genuine (or finds it is not: back to normal urgency), the dispatcher records the confirming call with the
/// first-level department, and a report goes to the city government's departments concerned. Who is told is the
/// notifications' business (<c>Domain/Notifications/NotificationRules</c>), read from these entries.
/// </summary>
public sealed partial class WorkOrder
{
    /// <summary>The emergency raised on this order and its check; null when none was ever raised.</summary>
    public EmergencyRecord? Emergency { get; private set; }

    /// <summary>The dispatcher's confirming calls with the first-level departments (联系一级职能部门校实).</summary>
    public List<EmergencyCallRecord> EmergencyCalls { get; private set; } = [];

    /// <summary>The reports sent to the city government's departments concerned.</summary>
    public List<EmergencyReportRecord> EmergencyReports { get; private set; } = [];

    /// <summary>
    /// 紧急上报: the order becomes an emergency (it jumps the dispatch queue and is dispatched within minutes); the duty
    /// officers of the roster at this moment are named on the entry, so the notifications reach them by name.
    /// </summary>
    public void RaiseEmergency(Actor agent, WorkOrderClock clock, DutyOfficers duty, string? note)
    {
        Authorize(WorkOrderAction.RaiseEmergency, agent);
        RequirePrecondition(WorkOrderAction.RaiseEmergency);
        var before = Urgency;
        Urgency = Urgency.Emergency;
        Emergency = new EmergencyRecord(
            EmergencyState.Raised, clock.UtcNow, agent.UserId, agent.Name, Trimmed(note),
            duty.TeamLeaderId, duty.TeamLeaderName, duty.SiteManagerId, duty.SiteManagerName, null, null, null);
        if (Status == WorkOrderStatus.AwaitingDispatch)
        {
            Deadlines = Deadlines.QueuedForDispatch(clock, emergency: true);
        }

        Record(agent, clock, WorkOrderAction.RaiseEmergency, Emergency.Note, null, Facts(
            ("urgency", $"{before} → {Urgency}"),
            ("dutyTeamLeaderId", duty.TeamLeaderId is { } tl ? Invariant(tl) : null), ("dutyTeamLeader", duty.TeamLeaderName),
            ("dutySiteManagerId", duty.SiteManagerId is { } sm ? Invariant(sm) : null), ("dutySiteManager", duty.SiteManagerName)));
    }

    /// <summary>The duty team leader found the report genuine and thereby informs the site manager.</summary>
    public void ConfirmEmergency(Actor leader, WorkOrderClock clock, string? note)
    {
        Authorize(WorkOrderAction.ConfirmEmergency, leader);
        RequirePrecondition(WorkOrderAction.ConfirmEmergency);
        Emergency = Emergency! with { State = EmergencyState.Confirmed, CheckedAtUtc = clock.UtcNow, CheckedBy = leader.Name, CheckNote = Trimmed(note) };
        Record(leader, clock, WorkOrderAction.ConfirmEmergency, Emergency.CheckNote, null, DutyFacts());
    }

    /// <summary>
    /// The report is not a genuine emergency: the order goes back to normal urgency, with the reason. A dispatch waiting in
    /// the queue gets the normal dispatch deadline again; a unit that already holds it keeps its clocks (they were set at
    /// receipt, decision in docs/decisions.md).
    /// </summary>
    public void DismissEmergency(Actor leader, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.DismissEmergency, leader);
        RequirePrecondition(WorkOrderAction.DismissEmergency);
        RequireText(reason, "reason", "Say why this is not an emergency.");
        Urgency = Urgency.Normal;
        Emergency = Emergency! with { State = EmergencyState.NotGenuine, CheckedAtUtc = clock.UtcNow, CheckedBy = leader.Name, CheckNote = reason.Trim() };
        if (Status == WorkOrderStatus.AwaitingDispatch)
        {
            Deadlines = Deadlines.QueuedForDispatch(clock, emergency: false);
        }

        var facts = DutyFacts();
        facts["urgency"] = $"{Urgency.Emergency} → {Urgency.Normal}";
        Record(leader, clock, WorkOrderAction.DismissEmergency, reason.Trim(), null, facts);
    }

    /// <summary>The dispatcher phoned the first-level department to confirm the emergency: whom, when, what was agreed.</summary>
    public void RecordEmergencyCall(Actor dispatcher, WorkOrderClock clock, string department, string contact, DateTime calledAtUtc, string agreed)
    {
        Authorize(WorkOrderAction.RecordEmergencyCall, dispatcher);
        RequirePrecondition(WorkOrderAction.RecordEmergencyCall);
        RequireText(department, "department", "Name the department called.");
        RequireText(contact, "contact", "Name the person spoken to.");
        RequireText(agreed, "agreed", "Record what was agreed.");
        if (calledAtUtc > clock.UtcNow.AddMinutes(1))
        {
            throw ValidationException.For("calledAt", "The call cannot be in the future.");
        }

        if (calledAtUtc < Emergency!.RaisedAtUtc.AddDays(-1))
        {
            throw ValidationException.For("calledAt", "The call is about this emergency: it cannot be long before it was raised.");
        }

        var call = new EmergencyCallRecord(clock.UtcNow, dispatcher.Name, calledAtUtc, department.Trim(), contact.Trim(), agreed.Trim());
        EmergencyCalls.Add(call);
        Record(dispatcher, clock, WorkOrderAction.RecordEmergencyCall, call.Agreed, null, Facts(("department", call.Department), ("contact", call.Contact), ("calledAt", Iso(calledAtUtc))));
    }

    /// <summary>The report to the city government's departments concerned (向市政府有关部门报告), its text made from the order.</summary>
    public EmergencyReportRecord ReportEmergency(Actor actor, WorkOrderClock clock, IReadOnlyList<string> departments, string text)
    {
        Authorize(WorkOrderAction.ReportEmergency, actor);
        RequirePrecondition(WorkOrderAction.ReportEmergency);
        var names = departments.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw ValidationException.For("departments", "Name the departments the report goes to.");
        }

        var report = new EmergencyReportRecord(clock.UtcNow, actor.Name, string.Join('、', names), text);
        EmergencyReports.Add(report);
        Record(actor, clock, WorkOrderAction.ReportEmergency, null, null, Facts(("departments", report.Departments)));
        return report;
    }

    private bool MeetsEmergency(Precondition precondition) => precondition switch
    {
        Precondition.EmergencyNotRaised => Emergency is null || Emergency.State == EmergencyState.NotGenuine,
        Precondition.EmergencyRaised => Emergency?.State == EmergencyState.Raised,
        Precondition.EmergencyActive => Emergency?.State is EmergencyState.Raised or EmergencyState.Confirmed,
        Precondition.EmergencyConfirmed => Emergency?.State == EmergencyState.Confirmed,
        _ => true,
    };

    private static void RefuseEmergency(Precondition precondition) => throw precondition switch
    {
        Precondition.EmergencyNotRaised => new DomainException("work_order.emergency_already_raised", "An emergency was already raised on this order."),
        Precondition.EmergencyConfirmed => new DomainException("work_order.emergency_not_confirmed", "The duty team leader has not confirmed this emergency."),
        _ => new DomainException("work_order.emergency_not_raised", "No emergency waiting for this is raised on this order."),
    };

    /// <summary>The team leader checking it may be named by the roster: the check is always told to the same site manager.</summary>
    private bool IsDutyTeamLeader(Actor actor, IReadOnlySet<Domain.Organisation.Role> roles) =>
        actor.Roles.Overlaps(roles.Where(r => r != Domain.Organisation.Role.TeamLeader))
        || (actor.Roles.Contains(Domain.Organisation.Role.TeamLeader) && (Emergency?.DutyTeamLeaderId is not { } named || named == actor.UserId));

    private Dictionary<string, string?> DutyFacts() => Facts(
        ("raisedById", Invariant(Emergency!.RaisedByUserId)),
        ("dutySiteManagerId", Emergency.DutySiteManagerId is { } sm ? Invariant(sm) : null), ("dutySiteManager", Emergency.DutySiteManagerName));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
