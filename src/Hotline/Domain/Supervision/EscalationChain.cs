using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// Where a supervision notice stands on the escalation chain (S8): with the centre, the organisation office (编办), the
/// city leader and the inspection office under them ("12345 + 督查"), the discipline commission (纪委监委), or — for an
/// especially complex case — the government at the same level (本级政府).
/// </summary>
public enum EscalationLevel
{
    Centre,
    OrganisationOffice,
    Leader,
    DisciplineCommission,
    Government,
}

/// <summary>Who the hotline works with jointly on a notice (协同联办): discipline inspection, the petitions bureau (信访局).</summary>
public enum JointPartner
{
    DisciplineInspection,
    PetitionsBureau,
}

/// <summary>
/// The escalation chain as a table: which level follows which (one step at a time, upward only), the role that receives
/// and acts at each level, and so which levels each role sees.
/// </summary>
public static class EscalationChain
{
    /// <summary>The centre's roles that escalate a notice from the centre and record joint handling.</summary>
    public static readonly IReadOnlySet<Role> CentreRoles = new HashSet<Role> { Role.Supervisor, Role.CentreManager };

    /// <summary>Every role that acts somewhere on the chain: the route policies admit these, the notice checks the level.</summary>
    public static readonly IReadOnlySet<Role> ActingRoles = new HashSet<Role>
    {
        Role.Supervisor, Role.CentreManager, Role.OrganisationOffice, Role.Leader, Role.DisciplineCommission,
    };

    private static readonly EscalationLevel[] Order =
        [EscalationLevel.Centre, EscalationLevel.OrganisationOffice, EscalationLevel.Leader, EscalationLevel.DisciplineCommission];

    /// <summary>The levels one step above <paramref name="from"/>; the government is reached from the leader, and both it and the commission are the top.</summary>
    public static IReadOnlyList<EscalationLevel> Next(EscalationLevel from) => from switch
    {
        EscalationLevel.Centre => [EscalationLevel.OrganisationOffice],
        EscalationLevel.OrganisationOffice => [EscalationLevel.Leader],
        EscalationLevel.Leader => [EscalationLevel.DisciplineCommission, EscalationLevel.Government],
        EscalationLevel.DisciplineCommission or EscalationLevel.Government => [],
    };

    /// <summary>The role that receives a notice at <paramref name="level"/> and acts on it there; the centre has none (its supervisors).</summary>
    public static Role? Receiver(EscalationLevel level) => level switch
    {
        EscalationLevel.Centre => null,
        EscalationLevel.OrganisationOffice => Role.OrganisationOffice,
        EscalationLevel.Leader or EscalationLevel.Government => Role.Leader,
        EscalationLevel.DisciplineCommission => Role.DisciplineCommission,
    };

    /// <summary>How far up the chain a level is: the government sits above the leader, beside the commission.</summary>
    public static int Rank(EscalationLevel level) => level == EscalationLevel.Government ? 3 : Array.IndexOf(Order, level);

    /// <summary>
    /// The levels whose notices a holder of <paramref name="roles"/> sees as a receiver: the levels it receives and every
    /// level the notice can only have reached through them (a leader keeps seeing a notice it passed on).
    /// </summary>
    public static IReadOnlyList<EscalationLevel> SeenBy(IReadOnlySet<Role> roles) => Enum.GetValues<EscalationLevel>()
        .Where(level => Enum.GetValues<EscalationLevel>().Any(received =>
            received != EscalationLevel.Centre && roles.Contains(Receiver(received)!.Value) && IsAtOrAbove(level, received)))
        .ToList();

    /// <summary>Whether <paramref name="level"/> is <paramref name="received"/> or can only be reached through it.</summary>
    private static bool IsAtOrAbove(EscalationLevel level, EscalationLevel received) =>
        level == received || Next(received).Any(n => IsAtOrAbove(level, n));

    /// <summary>Whether <paramref name="actor"/> acts for the notice at <paramref name="level"/> (the centre within its scope).</summary>
    public static bool ActsAt(Actor actor, EscalationLevel level, string unitPath) => Receiver(level) is { } role
        ? actor.Has(role)
        : actor.Roles.Overlaps(CentreRoles) && actor.Scope.Covers(unitPath);
}
