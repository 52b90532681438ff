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

    /// <summary>What changed, as "field: before → after" lines, or other facts of the entry (units by name, dates, ratings).</summary>
    public Dictionary<string, string?> Details { get; private set; } = [];

    /// <summary>
    /// The unit the entry is about, by id (its name is in <see cref="Details"/> for display): where a dispatch,
    /// re-dispatch, approved return or redo sends the order, the unit a return suggests, the unit of a three-way call,
    /// the co-unit that replied, the unit a reminder goes to. Null on other entries and on entries written before ids
    /// were recorded. Not part of the timeline the API shows.
    /// </summary>
    public long? UnitId { get; private set; }

    /// <summary>The co-units a dispatch, re-dispatch or approved return assigns, by id; null when it names none.</summary>
    public long[]? CoUnitIds { get; private set; }

    internal static WorkOrderEvent Create(
        WorkOrder order, Actor actor, DateTime atUtc, WorkOrderAction action, string? reason, WorkOrderStatus? from, Dictionary<string, string?>? details, EntryUnits units) => new()
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
            UnitId = units.UnitId,
            CoUnitIds = units.CoUnitIds is { Count: > 0 } co ? [.. co] : null,
        };

    /// <summary>Set while the order is new, so that EF fills <see cref="WorkOrderId"/> on insert.</summary>
    internal WorkOrder? Order { get; private set; }
}

/// <summary>The units a timeline entry is about, by id: see <see cref="WorkOrderEvent.UnitId"/>.</summary>
internal readonly record struct EntryUnits(long? UnitId, IReadOnlyList<long>? CoUnitIds = null)
{
    public static EntryUnits None => default;

    public static EntryUnits Of(Organisation.Unit unit, IEnumerable<Organisation.Unit>? coUnits = null) => new(unit.Id, coUnits?.Select(u => u.Id).ToList());
}
