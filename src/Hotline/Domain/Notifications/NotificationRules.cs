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
        [WorkOrderAction.LightChanged] = (e, order) =>
            e.Details.GetValueOrDefault("to") == nameof(Light.Yellow) && order.LeadUnitId is { } unit
                ? [new NotificationDraft(NotificationKind.YellowLight, Audience.Unit(unit), Facts(order, ("unit", order.LeadUnitName)))]
                : [],

        // S7: a reminder notice (催办单), automatic on red or by hand, reaches the unit it is addressed to.
        [WorkOrderAction.Remind] = (e, order) =>
            e.UnitId is { } unit && unit != 0
                ? [new NotificationDraft(NotificationKind.Reminder, Audience.Unit(unit), Facts(order, ("unit", e.Details.GetValueOrDefault("unit")), ("kind", e.Details.GetValueOrDefault("kind"))))]
                : [],

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
