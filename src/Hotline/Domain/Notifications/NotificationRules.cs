using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Notifications;

/// <summary>What a notification rule knows of the order a timeline entry belongs to (never its caller).</summary>
public sealed record NotifiedOrder(long Id, string Number, Urgency Urgency, long? LeadUnitId, string? LeadUnitName, string? CategoryCode);

/// <summary>A notification a rule asks for; the follower creates it with the entry's id and time.</summary>
public sealed record NotificationDraft(NotificationKind Kind, Audience Audience, IReadOnlyDictionary<string, string?> Facts);

/// <summary>
/// Which timeline entries tell whom, in one table keyed by the entry's action: the workbench notifications follow the
/// timeline (the order's audit trail is the outbox), so a rule sees every change exactly once and never delays the write.
/// A new notification is a row here (and a kind with its policy), not code in a verb or an endpoint.
/// </summary>
public static class NotificationRules
{
    private static readonly Dictionary<WorkOrderAction, Func<WorkOrderEvent, NotifiedOrder, IEnumerable<NotificationDraft>>> Rules = new()
    {
        // S7: "Yellow light: 1 working day or less before the deadline and no reply; the unit is told."
        // Issue 15: only the handling clock's yellow is the unit's (the dispatch and callback clocks are the centre's).
        [WorkOrderAction.LightChanged] = (e, order) =>
            e.Details.GetValueOrDefault("to") == nameof(Light.Yellow) && e.Details.GetValueOrDefault("clock") is null or ReminderClock.Handling && order.LeadUnitId is { } unit
                ? [new NotificationDraft(NotificationKind.YellowLight, Audience.Unit(unit), Facts(order, ("unit", order.LeadUnitName)))]
                : [],

        // S7: a reminder notice (催办单), automatic on red or by hand, reaches the unit it is addressed to.
        // Issue 15: the automatic reminders of the dispatch and callback clocks reach the centre's dispatchers and callback
        // agents; a passed progress commitment reaches the unit as its own kind.
        [WorkOrderAction.Remind] = (e, order) => e.Details.GetValueOrDefault("clock") switch
        {
            ReminderClock.Dispatch => [new NotificationDraft(NotificationKind.DispatchOverdue, Audience.CentreRole(Role.Dispatcher), Facts(order))],
            ReminderClock.Callback => [new NotificationDraft(NotificationKind.CallbackOverdue, Audience.CentreRole(Role.CallbackAgent), Facts(order))],
            ReminderClock.Progress when e.UnitId is { } unit && unit != 0 =>
                [new NotificationDraft(NotificationKind.ProgressReportOverdue, Audience.Unit(unit), Facts(order, ("unit", e.Details.GetValueOrDefault("unit"))))],
            _ => e.UnitId is { } unit && unit != 0
                ? [new NotificationDraft(NotificationKind.Reminder, Audience.Unit(unit), Facts(order, ("unit", e.Details.GetValueOrDefault("unit")), ("kind", e.Details.GetValueOrDefault("kind"))))]
                : [],
        },

        // emergency work orders (issue 15): see EmergencyNotifications
        [WorkOrderAction.RaiseEmergency] = EmergencyNotifications.Raised,
        [WorkOrderAction.ConfirmEmergency] = (e, order) => EmergencyNotifications.Checked(NotificationKind.EmergencyConfirmed, e, order),
        [WorkOrderAction.DismissEmergency] = (e, order) => EmergencyNotifications.Checked(NotificationKind.EmergencyDismissed, e, order),

        // issue 15, S4: a hard case goes to the team leader, then the site manager; the level it reaches is told.
        [WorkOrderAction.EscalateHardCase] = (e, order) =>
            Enum.TryParse<Organisation.Role>(e.Details.GetValueOrDefault("level"), out var level)
                ? [new NotificationDraft(NotificationKind.HardCase, Audience.CentreRole(level), Facts(order, ("level", level.ToString())))]
                : [],

        // issue 15, S5: a responsibility dispute goes to the organisation office, and its decision to both units.
        [WorkOrderAction.RequestArbitration] = (e, order) =>
            [new NotificationDraft(NotificationKind.ArbitrationRequested, Audience.CentreRole(Organisation.Role.OrganisationOffice), Facts(order, ("unit", e.Details.GetValueOrDefault("unit"))))],
        [WorkOrderAction.DecideArbitration] = (e, order) =>
            new[] { e.UnitId, long.TryParse(e.Details.GetValueOrDefault("fromUnitId"), out var from) ? from : null }
                .OfType<long>().Distinct()
                .Select(unit => new NotificationDraft(NotificationKind.ArbitrationDecided, Audience.Unit(unit), Facts(order, ("unit", e.Details.GetValueOrDefault("leadUnit")))))
                .ToList(),
    };

    /// <summary>
    /// Entries that settle open notifications of the same order: the check of an emergency answers its raise, so the
    /// raise stops escalating (acknowledged by whoever checked it); so do the decisions of a hard case and of a dispute.
    /// </summary>
    public static IReadOnlyDictionary<WorkOrderAction, NotificationKind> Settles { get; } = new Dictionary<WorkOrderAction, NotificationKind>
    {
        [WorkOrderAction.ConfirmEmergency] = NotificationKind.EmergencyRaised,
        [WorkOrderAction.DismissEmergency] = NotificationKind.EmergencyRaised,

        // issue 15: a hard case decided, or a dispute decided, answers what asked for the decision.
        [WorkOrderAction.DispatchHardCase] = NotificationKind.HardCase,
        [WorkOrderAction.SendBackHardCase] = NotificationKind.HardCase,
        [WorkOrderAction.DecideArbitration] = NotificationKind.ArbitrationRequested,
    };

    /// <summary>The actions some rule reads: the follower looks only at these entries.</summary>
    public static IReadOnlySet<WorkOrderAction> Actions { get; } = Rules.Keys.ToHashSet();

    public static IEnumerable<NotificationDraft> For(WorkOrderEvent entry, NotifiedOrder order) =>
        Rules.TryGetValue(entry.Action, out var rule) ? rule(entry, order) : [];

    /// <summary>The facts every notification about an order carries, plus the rule's own.</summary>
    public static Dictionary<string, string?> Facts(NotifiedOrder order, params (string Key, string? Value)[] more)
    {
        var facts = new Dictionary<string, string?> { ["number"] = order.Number };
        foreach (var (key, value) in more)
        {
            if (value is not null)
            {
                facts[key] = value;
            }
        }

        return facts;
    }
}
