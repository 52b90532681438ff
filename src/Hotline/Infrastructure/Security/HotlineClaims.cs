namespace Hotline.Infrastructure.Security;

/// <summary>Claim types carried by a staff principal. Only the first two live in the cookie; the rest are refreshed per request.</summary>
public static class HotlineClaims
{
    public const string UserId = "hotline:uid";
    public const string SecurityStamp = "hotline:stamp";
    public const string UnitId = "hotline:unit";
    public const string UnitName = "hotline:unit_name";
    public const string UnitPath = "hotline:unit_path";
    public const string ScopePath = "hotline:scope";
    public const string DisplayName = "hotline:display_name";
}
