namespace Hotline.Domain.Organisation;

/// <summary>The roles of S1. A user holds one or more.</summary>
public enum Role
{
    // Hotline centre
    IntakeAgent,
    TeamLeader,

    /// <summary>The site manager on duty (现场负责人): hard cases and emergencies go up to them.</summary>
    SiteManager,
    Dispatcher,
    CallbackAgent,
    QualityInspector,
    Supervisor,
    ExpertSeat,
    CentreManager,
    Administrator,

    // Handling units
    UnitHandler,
    UnitLiaison,
    UnitLeader,

    // Leaders and the inspection office (督查室): read-only dashboards and supervision.
    Leader,

    /// <summary>
    /// Issue 15: the organisation office (编办), which decides responsibility disputes (职责确认). Neither a centre role nor a
    /// unit role: it holds no orders and oversees no subtree; it sees the orders taken to arbitration, platform-wide.
    /// </summary>
    OrganisationOffice,

    /// <summary>
    /// Issue 16: the discipline inspection and supervision commission (纪委监委), the last step of a supervision notice's
    /// escalation chain. Like the organisation office it holds no orders; it sees the notices escalated to it.
    /// </summary>
    DisciplineCommission,
}

public static class Roles
{
    public static readonly IReadOnlySet<Role> Centre = new HashSet<Role>
    {
        Role.IntakeAgent, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.CallbackAgent, Role.QualityInspector,
        Role.Supervisor, Role.ExpertSeat, Role.CentreManager, Role.Administrator,
    };

    public static readonly IReadOnlySet<Role> Unit = new HashSet<Role> { Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader };

    public static bool IsCentreRole(this Role role) => Centre.Contains(role);

    public static bool IsUnitRole(this Role role) => Unit.Contains(role);
}
