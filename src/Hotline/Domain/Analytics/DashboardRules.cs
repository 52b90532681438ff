using Hotline.Domain.Organisation;

namespace Hotline.Domain.Analytics;

/// <summary>What a dashboard breaks the orders down by.</summary>
public enum DashboardDimension
{
    Channel,
    RequestType,

    /// <summary>The category tree, one level at a time (the children of a parent code, two digits per level).</summary>
    Category,

    /// <summary>The region tree, one level at a time: 6-digit counties, then 9-digit streets, then 12-digit communities.</summary>
    Region,

    /// <summary>The unit tree, one level at a time: the orders whose lead unit is in each child's subtree.</summary>
    Unit,
}

/// <summary>
/// Who reads the S11 dashboards, and the trees they drill. Those who oversee (leaders, the centre manager, supervisors and
/// the centre's other overseeing roles: team leaders, site managers, dispatchers, quality inspectors) read them on their
/// scope: the whole platform, a county hotline office its county. A unit's leaders, liaisons and handlers read the same
/// dashboards on their own subtree. Intake and callback agents, expert seats and administrators do not.
/// </summary>
public static class DashboardRules
{
    public static readonly IReadOnlySet<Role> ReaderRoles = new HashSet<Role>
    {
        Role.Leader, Role.CentreManager, Role.Supervisor, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.QualityInspector,
        Role.UnitLeader, Role.UnitLiaison, Role.UnitHandler,
    };

    /// <summary>The lengths of the region codes, level by level (GB/T 2260 county, then street, then community).</summary>
    public static readonly int[] RegionLevels = [6, 9, 12];

    /// <summary>The length of the codes one level under <paramref name="parent"/> (null: the top level); null under the last level.</summary>
    public static int? ChildLength(DashboardDimension dimension, string? parent)
    {
        var length = parent?.Length ?? 0;
        return dimension switch
        {
            DashboardDimension.Category => length >= 6 ? null : length + 2,
            DashboardDimension.Region => RegionLevels.Where(l => l > length).Cast<int?>().FirstOrDefault(),
            _ => null,
        };
    }
}
