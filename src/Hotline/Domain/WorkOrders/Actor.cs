using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>Who is acting: recorded on the timeline and checked against the unit that holds the order.</summary>
public sealed record Actor(long UserId, string Name, IReadOnlySet<Role> Roles, long UnitId, string UnitName, AccessScope Scope)
{
    /// <summary>The system itself (the alert-light job).</summary>
    public static readonly Actor System = new(0, "system", new HashSet<Role>(), 0, "12345", AccessScope.Platform);

    /// <summary>Issue 18: the citizen acting online (the online callback); no role, no unit, recorded as "citizen".</summary>
    public static readonly Actor Citizen = new(0, "citizen", new HashSet<Role>(), 0, "12345", new AccessScope("/-"));

    public bool IsCentre => Roles.Any(r => r.IsCentreRole());

    public bool Has(Role role) => Roles.Contains(role);

    public string RoleList => string.Join(",", Roles.Order());
}
