namespace Hotline.Domain.Organisation;

/// <summary>
/// What part of the unit tree a user works within. <see cref="Path"/> is what the user sees and oversees: the whole
/// platform for hotline-centre staff and the root city's leaders, its county for a county hotline office, its own unit's subtree for everyone else.
/// <see cref="OwnPath"/> is the part the user answers for as a unit (holds orders, replies as a co-unit): its own unit's
/// subtree, which for a county hotline office is narrower than what it oversees.
/// </summary>
/// <param name="Path">The subtree the user sees and oversees.</param>
/// <param name="OwnPath">The subtree the user acts for as a unit; null means the same as <paramref name="Path"/>.</param>
public sealed record AccessScope(string Path, string? OwnPath = null)
{
    public static readonly AccessScope Platform = new("/");

    public string OwnPath { get; } = OwnPath ?? Path;

    public bool IsPlatformWide => Path == "/";

    /// <summary>Whether the unit at <paramref name="unitPath"/> is inside what the user sees and oversees.</summary>
    public bool Covers(string unitPath) => unitPath.StartsWith(Path, StringComparison.Ordinal);

    /// <summary>Whether the user answers for the unit at <paramref name="unitPath"/>: it is the user's own unit or below it.</summary>
    public bool ActsFor(string unitPath) => unitPath.StartsWith(OwnPath, StringComparison.Ordinal);

    public static AccessScope For(Unit unit, string? parentPath) => unit.Kind switch
    {
        UnitKind.HotlineCentre => new AccessScope(Platform.Path, unit.Path),

        // Issue 17: the city at the root of the tree (its leaders) oversees the whole platform, the orders not yet with a unit included.
        UnitKind.City when parentPath is null => new AccessScope(Platform.Path, unit.Path),
        UnitKind.CountyHotlineOffice => new AccessScope(parentPath ?? unit.Path, unit.Path),
        UnitKind.City or UnitKind.District or UnitKind.Street or UnitKind.Community or UnitKind.Department
            or UnitKind.SubCentre or UnitKind.Utility or UnitKind.Enterprise or UnitKind.OrganisationOffice => new AccessScope(unit.Path),
    };
}
