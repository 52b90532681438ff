using Hotline.Domain.Organisation;

namespace Hotline.Domain.Notifications;

/// <summary>One step up: after <paramref name="After"/> without an acknowledgement, these audiences are told.</summary>
public sealed record Escalation(TimeSpan After, Func<Notification, IReadOnlyList<Audience>> To);

/// <summary>How a kind of notification behaves: whether someone must acknowledge it, and whom it escalates to, level by level.</summary>
public sealed record NotificationPolicy(bool RequiresAcknowledgement, IReadOnlyList<Escalation> Escalations)
{
    public static readonly NotificationPolicy Information = new(false, []);

    public static NotificationPolicy Acknowledged(params Escalation[] escalations) => new(true, escalations);
}

/// <summary>The policy of every kind, in one table (a kind without a row is refused when the table is built).</summary>
public static class NotificationPolicies
{
    private static readonly Dictionary<NotificationKind, NotificationPolicy> Table = Build(new()
    {
        [NotificationKind.YellowLight] = NotificationPolicy.Information,
        // A reminder notice asks the unit to act; the workbench keeps it open until someone of the unit takes it on.
        [NotificationKind.Reminder] = NotificationPolicy.Acknowledged(),

        // emergency work orders (issue 15): unacknowledged for 15 minutes, the next level up is told, and then the next.
        // Three steps at most: team leader → site manager → centre manager (EmergencyNotifications.NextUp).
        [NotificationKind.EmergencyRaised] = NotificationPolicy.Acknowledged(
            new Escalation(EmergencyNotifications.EscalateAfter, EmergencyNotifications.NextUp),
            new Escalation(EmergencyNotifications.EscalateAfter, EmergencyNotifications.NextUp),
            new Escalation(EmergencyNotifications.EscalateAfter, EmergencyNotifications.NextUp)),
        [NotificationKind.EmergencyConfirmed] = NotificationPolicy.Information,
        [NotificationKind.EmergencyDismissed] = NotificationPolicy.Information,

        // Issue 15 (clocks): a late dispatch goes up to the site manager (现场负责人) when no dispatcher takes it on within
        // 30 minutes; a late callback to the team leader after a working morning; a passed committed date is the unit's.
        [NotificationKind.DispatchOverdue] = NotificationPolicy.Acknowledged(new Escalation(TimeSpan.FromMinutes(30), _ => [Audience.CentreRole(Role.SiteManager)])),
        [NotificationKind.CallbackOverdue] = NotificationPolicy.Acknowledged(new Escalation(TimeSpan.FromHours(4), _ => [Audience.CentreRole(Role.TeamLeader)])),
        [NotificationKind.ProgressReportOverdue] = NotificationPolicy.Acknowledged(),
        // issue 15: a hard case and a dispute wait for a decision, so someone at that level takes each on.
        [NotificationKind.HardCase] = NotificationPolicy.Acknowledged(),
        [NotificationKind.ArbitrationRequested] = NotificationPolicy.Acknowledged(),
        [NotificationKind.ArbitrationDecided] = NotificationPolicy.Information,
        // issue 19: the unit takes the knowledge base's wording for a warned issue on; nothing escalates (it is no deadline).
        [NotificationKind.KnowledgeForIssue] = NotificationPolicy.Acknowledged(),
        // S14: the agent reads a scored inspection when they choose; nothing waits on them.
        [NotificationKind.QualityScored] = NotificationPolicy.Information,
    });

    public static NotificationPolicy For(NotificationKind kind) => Table[kind];

    private static Dictionary<NotificationKind, NotificationPolicy> Build(Dictionary<NotificationKind, NotificationPolicy> table)
    {
        var missing = Enum.GetValues<NotificationKind>().Where(k => !table.ContainsKey(k)).ToList();
        return missing.Count == 0 ? table : throw new InvalidOperationException($"No notification policy for {string.Join(", ", missing)}.");
    }
}
