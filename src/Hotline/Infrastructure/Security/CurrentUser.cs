using System.Globalization;
using System.Security.Claims;
using Hotline.Domain;
using Hotline.Domain.Organisation;

namespace Hotline.Infrastructure.Security;

/// <summary>The signed-in user of this request, read from claims refreshed by <see cref="AuthenticationSetup"/>.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? throw new InvalidOperationException("No current request.");

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public long Id => long.Parse(Claim(HotlineClaims.UserId), CultureInfo.InvariantCulture);

    public string UserName => Claim(ClaimTypes.Name);

    public string DisplayName => Claim(HotlineClaims.DisplayName);

    public long UnitId => long.Parse(Claim(HotlineClaims.UnitId), CultureInfo.InvariantCulture);

    public string UnitPath => Claim(HotlineClaims.UnitPath);

    public string UnitName => Claim(HotlineClaims.UnitName);

    /// <summary>The user as the domain sees an actor: name, roles, unit and scope.</summary>
    public Domain.WorkOrders.Actor ToActor() => new(Id, DisplayName, Roles, UnitId, UnitName, Scope);

    public AccessScope Scope => ScopeOf(Principal);

    /// <summary>
    /// The scope of a principal that is not this request's: a SignalR connection's user, which outlives the request that
    /// opened it (long polling and server-sent events call the hub with no current request).
    /// </summary>
    public static AccessScope ScopeOf(ClaimsPrincipal principal) => new(Claim(principal, HotlineClaims.ScopePath), Claim(principal, HotlineClaims.UnitPath));

    public IReadOnlySet<Role> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => Enum.Parse<Role>(c.Value)).ToHashSet();

    public bool Has(Role role) => Principal.IsInRole(role.ToString());

    public bool HasAny(params Role[] roles) => roles.Any(Has);

    /// <summary>Throws 404 for a unit outside the caller's scope, so its existence is not disclosed.</summary>
    public void EnsureCovers(string unitPath, string what = "unit")
    {
        if (!Scope.Covers(unitPath))
        {
            throw new NotFoundException($"{what}.not_found", $"No such {what}.");
        }
    }

    private string Claim(string type) => Claim(Principal, type);

    private static string Claim(ClaimsPrincipal principal, string type) =>
        principal.FindFirstValue(type) ?? throw new InvalidOperationException($"Claim {type} is missing.");
}
