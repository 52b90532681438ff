namespace Hotline.Domain.Organisation;

/// <summary>
/// What part of the unit tree a user acts within. Hotline-centre staff act across the platform; a county hotline
/// office acts within its county; everyone else within their own unit's subtree.
/// </summary>
public sealed record AccessScope(string Path)
{
    public static readonly AccessScope Platform = new("/");

    public bool IsPlatformWide => Path == "/";

    public bool Covers(string unitPath) => unitPath.StartsWith(Path, StringComparison.Ordinal);

    public static AccessScope For(Unit unit, string? parentPath) => unit.Kind switch
    {
        UnitKind.HotlineCentre => Platform,
        UnitKind.CountyHotlineOffice => new AccessScope(parentPath ?? unit.Path),
        UnitKind.City or UnitKind.District or UnitKind.Street or UnitKind.Community or UnitKind.Department
            or UnitKind.SubCentre or UnitKind.Utility or UnitKind.Enterprise => new AccessScope(unit.Path),
    };
}
