using Hotline.Domain.Organisation;

namespace Hotline.Domain.Assessment;

/// <summary>The kinds of comparable groups a monthly ranking is made within (S9).</summary>
public enum RankingGroupKind
{
    /// <summary>Counties and districts (县区), city-wide.</summary>
    District,

    /// <summary>The city government's departments (市直部门) and the sub-centres directly under the city.</summary>
    CityDepartment,

    /// <summary>Public-service enterprises (water, power, gas, heating), city-wide.</summary>
    Utility,

    /// <summary>The departments of one county or district (县区部门), ranked within their county.</summary>
    DistrictDepartment,

    /// <summary>The streets, towns and townships of one county or district (乡镇街道), ranked within their county.</summary>
    Street,
}

/// <summary>One comparable group: its kind and, for groups within a county, the county (its path and name).</summary>
public sealed record RankingGroup(RankingGroupKind Kind, string? CountyPath, string? CountyName)
{
    /// <summary>A stable key: "district", "city-department", "utility", "street:/1/14/", "district-department:/1/14/".</summary>
    public string Key => CountyPath is null ? KindKey(Kind) : $"{KindKey(Kind)}:{CountyPath}";

    public static string KindKey(RankingGroupKind kind) => kind switch
    {
        RankingGroupKind.District => "district",
        RankingGroupKind.CityDepartment => "city-department",
        RankingGroupKind.Utility => "utility",
        RankingGroupKind.DistrictDepartment => "district-department",
        RankingGroupKind.Street => "street",
    };
}

/// <summary>Where a unit stands in the tree, as the grouping reads it: its own kind and its parent's.</summary>
public sealed record UnitPlace(long UnitId, string Code, string Name, string Path, UnitKind Kind, UnitKind? ParentKind, string? ParentPath, string? ParentName);

/// <summary>
/// The comparable group of a unit, derived from its kind and its parent (decided for issue 17, docs/decisions.md):
/// a district → the districts; a department or sub-centre directly under the city → the city departments; a utility
/// anywhere → the utilities; a department under a district → that district's departments; a street or township under a
/// district → that district's streets. The city itself, the hotline centre and county hotline offices, the organisation
/// office, communities, enterprises and sub-centres under a department are not ranked (their orders count in the
/// figures of the unit above them).
/// </summary>
public static class RankingGroups
{
    public static RankingGroup? Of(UnitPlace unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Kind switch
        {
            UnitKind.District => new RankingGroup(RankingGroupKind.District, null, null),
            UnitKind.Utility => new RankingGroup(RankingGroupKind.Utility, null, null),
            UnitKind.Department or UnitKind.SubCentre when unit.ParentKind == UnitKind.City => new RankingGroup(RankingGroupKind.CityDepartment, null, null),
            UnitKind.Department when unit.ParentKind == UnitKind.District => new RankingGroup(RankingGroupKind.DistrictDepartment, unit.ParentPath, unit.ParentName),
            UnitKind.Street when unit.ParentKind == UnitKind.District => new RankingGroup(RankingGroupKind.Street, unit.ParentPath, unit.ParentName),
            _ => null,
        };
    }
}

/// <summary>Who reads rankings and what follows from them: supervisors, the centre manager and leaders everything, units their own subtree.</summary>
public static class RankingAccess
{
    public static readonly IReadOnlySet<Role> ReadRoles = new HashSet<Role> { Role.Supervisor, Role.CentreManager, Role.Leader }.Union(Roles.Unit).ToHashSet();
}
