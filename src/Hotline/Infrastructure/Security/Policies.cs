using Hotline.Domain.Organisation;

namespace Hotline.Infrastructure.Security;

/// <summary>
/// Authorisation policies by capability. Every endpoint names one (or is explicitly public); the fallback policy
/// refuses anonymous callers for anything that forgot.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "staff";

    public const string AdministerOrganisation = "administer-organisation";

    public const string AdministerCalendar = "administer-calendar";

    /// <summary>Which roles each policy admits; <see cref="Staff"/> admits every role.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Role>> RolesByPolicy = new Dictionary<string, IReadOnlySet<Role>>
    {
        [Staff] = Enum.GetValues<Role>().ToHashSet(),
        [AdministerOrganisation] = new HashSet<Role> { Role.Administrator },
        [AdministerCalendar] = new HashSet<Role> { Role.Administrator },
    };

    public static void Register(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesByPolicy)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        }

        options.FallbackPolicy = options.GetPolicy(Staff);
    }
}
