namespace Hotline.Domain.Routing;

/// <summary>One suggested unit as it was recorded: who, how confident, and on what basis.</summary>
public sealed record SuggestedUnit(long UnitId, string UnitName, double Confidence, IReadOnlyList<string> Basis);

/// <summary>
/// What the system suggested for one work order when the dispatcher dispatched it, and what the dispatcher chose:
/// the raw material of the acceptance rate. Written after the fact by <c>RoutingOutcomeRecorder</c>, which follows the
/// timeline, so dispatching never waits for it.
/// </summary>
public sealed class RoutingRecord
{
    private RoutingRecord()
    {
    }

    public long WorkOrderId { get; private set; }

    /// <summary>When the order was dispatched.</summary>
    public DateTime DispatchedAtUtc { get; private set; }

    /// <summary>Monday (Asia/Shanghai) of the week of dispatch: the report groups on it with plain SQL on both databases.</summary>
    public DateOnly WeekStart { get; private set; }

    /// <summary>The unit model used, if any (null: catalogue and territory only).</summary>
    public long? ModelId { get; private set; }

    public int? ModelVersion { get; private set; }

    /// <summary>Why no model contributed (a warning code), when none did.</summary>
    public string? ModelWarning { get; private set; }

    public List<SuggestedUnit> Suggestions { get; private set; } = [];

    public long? CatalogueUnitId { get; private set; }

    public long? DispatchedUnitId { get; private set; }

    public string? DispatchedUnitName { get; private set; }

    /// <summary>1–3: the dispatcher took the suggestion of that rank; null: a unit outside the suggestions.</summary>
    public int? ChosenRank { get; private set; }

    /// <summary>The unit later returned the order (回退): the first routing did not stick.</summary>
    public bool Returned { get; private set; }

    public static RoutingRecord Create(
        long workOrderId, DateTime dispatchedAtUtc, DateOnly weekStart, long? modelId, int? modelVersion, string? modelWarning,
        IReadOnlyList<SuggestedUnit> suggestions, long? catalogueUnitId, long? dispatchedUnitId, string? dispatchedUnitName)
    {
        var index = dispatchedUnitId is { } chosen ? suggestions.Take(3).ToList().FindIndex(s => s.UnitId == chosen) : -1;
        return new RoutingRecord
        {
            WorkOrderId = workOrderId,
            DispatchedAtUtc = dispatchedAtUtc,
            WeekStart = weekStart,
            ModelId = modelId,
            ModelVersion = modelVersion,
            ModelWarning = modelWarning,
            Suggestions = [.. suggestions],
            CatalogueUnitId = catalogueUnitId,
            DispatchedUnitId = dispatchedUnitId,
            DispatchedUnitName = dispatchedUnitName,
            ChosenRank = index >= 0 ? index + 1 : null,
        };
    }

    public void MarkReturned() => Returned = true;
}
