using Hotline.Domain.Organisation;

namespace Hotline.Domain.Assessment;

/// <summary>
/// Who sees and changes the assessment. Readers see the units inside their scope (<see cref="AccessScope"/>): leaders, the
/// centre manager and supervisors the whole platform (a county hotline office its county), a unit's leaders, liaisons and
/// handlers their own subtree — every hotline office assesses the units of its own level and below.
/// </summary>
public static class AssessmentRoles
{
    public static readonly IReadOnlySet<Role> Read = new HashSet<Role>
    {
        Role.Leader, Role.CentreManager, Role.Supervisor, Role.UnitLeader, Role.UnitLiaison, Role.UnitHandler,
    };

    /// <summary>A new version of the weights and exclusion switches.</summary>
    public static readonly IReadOnlySet<Role> ManageRules = new HashSet<Role> { Role.CentreManager };

    /// <summary>Rebuilding the facts and rollups from the orders.</summary>
    public static readonly IReadOnlySet<Role> Rebuild = new HashSet<Role> { Role.Administrator };
}
