using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The groups of roles that act on work orders. <see cref="WorkOrderTransitions"/> gives each action its group, and the
/// route policies, the guards and the list of available actions all read that table, so they cannot disagree.
/// </summary>
public static class WorkOrderRoles
{
    public static readonly IReadOnlySet<Role> Intake = Set(Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher);

    public static readonly IReadOnlySet<Role> Dispatch = Set(Role.Dispatcher, Role.TeamLeader, Role.CentreManager);

    public static readonly IReadOnlySet<Role> Handle = Set(Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader);

    /// <summary>Approve or reject extensions: the centre.</summary>
    public static readonly IReadOnlySet<Role> ReviewExtension = Set(Role.Dispatcher, Role.TeamLeader, Role.CentreManager, Role.Supervisor);

    /// <summary>Review replies (办结审核).</summary>
    public static readonly IReadOnlySet<Role> ReviewReply = Set(Role.Dispatcher, Role.TeamLeader, Role.CentreManager, Role.QualityInspector);

    public static readonly IReadOnlySet<Role> Callback = Set(Role.CallbackAgent, Role.TeamLeader, Role.CentreManager);

    /// <summary>Redo or close after the callback.</summary>
    public static readonly IReadOnlySet<Role> Conclude = Set(Role.CallbackAgent, Role.TeamLeader, Role.CentreManager, Role.Supervisor);

    public static readonly IReadOnlySet<Role> Archive = Set(Role.TeamLeader, Role.CentreManager);

    /// <summary>Manual reminders (催办).</summary>
    public static readonly IReadOnlySet<Role> Supervise = Set(Role.Supervisor, Role.CentreManager, Role.TeamLeader, Role.Dispatcher);

    public static readonly IReadOnlySet<Role> Repeats = Set(Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher);

    /// <summary>May reveal caller identity: centre staff who talk to citizens, and the holding unit for non-confidential orders.</summary>
    public static readonly IReadOnlySet<Role> RevealCentre = Set(
        Role.IntakeAgent, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.CallbackAgent, Role.QualityInspector, Role.Supervisor, Role.ExpertSeat, Role.CentreManager);

    public static readonly IReadOnlySet<Role> RevealUnit = Handle;

    // emergency work orders (issue 15)

    /// <summary>Check that a raised emergency is genuine (核实): the duty team leader, and site management above them.</summary>
    public static readonly IReadOnlySet<Role> CheckEmergency = Set(Role.TeamLeader, Role.SiteManager, Role.CentreManager);

    /// <summary>Report an emergency to the city government's departments: the dispatch group and site management.</summary>
    public static readonly IReadOnlySet<Role> ReportEmergency = Set(Role.Dispatcher, Role.TeamLeader, Role.SiteManager, Role.CentreManager);
    // issue 15, hard cases and disputes

    /// <summary>Escalate a hard case: the dispatcher to the team leader, the team leader to the site manager.</summary>
    public static readonly IReadOnlySet<Role> EscalateHardCase = Set(Role.Dispatcher, Role.TeamLeader);

    /// <summary>Decide a hard case at its level: dispatch it, send it back to intake, or convene the units.</summary>
    public static readonly IReadOnlySet<Role> DecideHardCase = Set(Role.TeamLeader, Role.SiteManager);

    /// <summary>Decide a responsibility dispute (职责确认): the organisation office alone.</summary>
    public static readonly IReadOnlySet<Role> Arbitrate = Set(Role.OrganisationOffice);

    private static HashSet<Role> Set(params Role[] roles) => [.. roles];
}
