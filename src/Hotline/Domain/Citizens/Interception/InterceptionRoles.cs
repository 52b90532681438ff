using Hotline.Domain.Organisation;

namespace Hotline.Domain.Citizens.Interception;

/// <summary>Who acts on interceptions and published letters (issue 18); the centre only (<see cref="CitizenRules.SeesQueue"/>).</summary>
public static class InterceptionRoles
{
    /// <summary>Review what was intercepted and release a false positive: whoever works the online intake queue, and the centre manager.</summary>
    public static IReadOnlySet<Role> Reviewers => CitizenRules.IntakeRoles.Append(Role.CentreManager).Append(Role.SiteManager).ToHashSet();

    /// <summary>Edit the abusive-wording list: administrators and the centre manager.</summary>
    public static readonly IReadOnlySet<Role> WordListEditors = new HashSet<Role> { Role.Administrator, Role.CentreManager };

    /// <summary>Publish and unpublish mayor's mailbox letters: the team leader, the site manager and the centre manager.</summary>
    public static readonly IReadOnlySet<Role> LetterPublishers = new HashSet<Role> { Role.TeamLeader, Role.SiteManager, Role.CentreManager };
}
