using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Notifications;

/// <summary>
/// Who is told of an emergency (S4, issue 15). The raise tells the duty team leader by name (every team leader when the
/// roster names none), the dispatch group and site management, and waits for an acknowledgement. Unacknowledged for 15
/// minutes it goes one level up: from the team leader and the dispatch group to the duty site manager (every site manager
/// when the roster names none), from site management to the centre manager; the centre manager is the last level.
/// The check (confirm or dismiss) tells the site manager, the dispatch group and the agent who raised it.
/// </summary>
public static class EmergencyNotifications
{
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromMinutes(15);

    public static IEnumerable<NotificationDraft> Raised(WorkOrderEvent e, NotifiedOrder order)
    {
        var facts = NotificationRules.Facts(
            order, ("dutyTeamLeader", e.Details.GetValueOrDefault("dutyTeamLeader")), ("dutySiteManagerId", e.Details.GetValueOrDefault("dutySiteManagerId")),
            ("dutySiteManager", e.Details.GetValueOrDefault("dutySiteManager")), ("by", e.ActorName));
        var teamLeader = Id(e.Details.GetValueOrDefault("dutyTeamLeaderId")) is { } tl ? Audience.User(tl) : Audience.CentreRole(Role.TeamLeader);
        return
        [
            new NotificationDraft(NotificationKind.EmergencyRaised, teamLeader, facts),
            new NotificationDraft(NotificationKind.EmergencyRaised, Audience.CentreRole(Role.Dispatcher), facts),
            new NotificationDraft(NotificationKind.EmergencyRaised, SiteManagement(facts), facts),
        ];
    }

    public static IEnumerable<NotificationDraft> Checked(NotificationKind kind, WorkOrderEvent e, NotifiedOrder order)
    {
        var facts = NotificationRules.Facts(order, ("by", e.ActorName), ("reason", kind == NotificationKind.EmergencyDismissed ? e.Reason : null));
        List<NotificationDraft> drafts =
        [
            new(kind, SiteManagement(e.Details), facts),
            new(kind, Audience.CentreRole(Role.Dispatcher), facts),
        ];
        if (Id(e.Details.GetValueOrDefault("raisedById")) is { } raiser)
        {
            drafts.Add(new NotificationDraft(kind, Audience.User(raiser), facts));
        }

        return drafts;
    }

    /// <summary>The next level up from a notification's audience; none above the centre manager.</summary>
    public static IReadOnlyList<Audience> NextUp(Notification n)
    {
        if (n.RecipientRole == Role.CentreManager)
        {
            return [];
        }

        var siteManager = SiteManagement(n.Facts);
        return n.Audience == siteManager || n.RecipientRole == Role.SiteManager ? [Audience.CentreRole(Role.CentreManager)] : [siteManager];
    }

    private static Audience SiteManagement(IReadOnlyDictionary<string, string?> facts) =>
        Id(facts.GetValueOrDefault("dutySiteManagerId")) is { } sm ? Audience.User(sm) : Audience.CentreRole(Role.SiteManager);

    private static long? Id(string? text) => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
