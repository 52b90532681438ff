namespace Hotline.Domain.WorkOrders;

/// <summary>
/// One timeline entry: the audit trail of a work order. Written in the same transaction as the change it records.
/// Caller identity never appears in an entry: changes to it are recorded by field name only.
/// </summary>
public sealed class WorkOrderEvent
{
    private WorkOrderEvent()
    {
        ActorName = ActorRoles = ActorUnitName = string.Empty;
    }

    public long Id { get; private set; }

    public long WorkOrderId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public WorkOrderAction Action { get; private set; }

    public long? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorRoles { get; private set; }

    public long? ActorUnitId { get; private set; }

    public string ActorUnitName { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Status before and after, when the entry is a transition.</summary>
    public WorkOrderStatus? FromStatus { get; private set; }

    public WorkOrderStatus? ToStatus { get; private set; }

    /// <summary>What changed, as "field: before → after" lines, or other facts of the entry (units, dates, ratings).</summary>
    public Dictionary<string, string?> Details { get; private set; } = [];

    internal static WorkOrderEvent Create(WorkOrder order, Actor actor, DateTime atUtc, WorkOrderAction action, string? reason, WorkOrderStatus? from, Dictionary<string, string?>? details) => new()
    {
        WorkOrderId = order.Id,
        Order = order,
        AtUtc = atUtc,
        Action = action,
        ActorUserId = actor.UserId == 0 ? null : actor.UserId,
        ActorName = actor.Name,
        ActorRoles = actor.RoleList,
        ActorUnitId = actor.UnitId == 0 ? null : actor.UnitId,
        ActorUnitName = actor.UnitName,
        Reason = reason,
        FromStatus = from,
        ToStatus = from is null || from == order.Status ? null : order.Status,
        Details = details ?? [],
    };

    /// <summary>Set while the order is new, so that EF fills <see cref="WorkOrderId"/> on insert.</summary>
    internal WorkOrder? Order { get; private set; }
}
