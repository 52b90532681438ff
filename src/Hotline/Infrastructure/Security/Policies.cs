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

    /// <summary>Write and maintain a unit's own knowledge articles (within the unit's scope); the centre's expert seat writes too.</summary>
    public const string KnowledgeAuthor = "knowledge-author";

    /// <summary>Approve or reject knowledge submissions: the centre's team leaders, expert seats and manager.</summary>
    public const string KnowledgeReview = "knowledge-review";

    /// <summary>Authors and reviewers: article lists, timelines, versions, withdrawal, error reports, expiry warnings.</summary>
    public const string KnowledgeMaintain = "knowledge-maintain";

    /// <summary>Which roles each policy admits; <see cref="Staff"/> admits every role.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Role>> RolesByPolicy = new Dictionary<string, IReadOnlySet<Role>>
    {
        [Staff] = Enum.GetValues<Role>().ToHashSet(),
        [AdministerOrganisation] = new HashSet<Role> { Role.Administrator },
        [AdministerCalendar] = new HashSet<Role> { Role.Administrator },
        [KnowledgeAuthor] = new HashSet<Role> { Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader, Role.ExpertSeat },
        [KnowledgeReview] = new HashSet<Role> { Role.TeamLeader, Role.ExpertSeat, Role.CentreManager },
        [KnowledgeMaintain] = new HashSet<Role> { Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader, Role.ExpertSeat, Role.TeamLeader, Role.CentreManager },
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
