namespace Hotline.Infrastructure.Data;

/// <summary>
/// A step that brings tables derived from the work orders (assessment facts, rollups) up to date after orders were
/// written in bulk, outside the application's save path: <c>hotline generate</c> writes only the orders, their timelines
/// and their co-units, then runs every registered step, in registration order, with the range of ids it wrote. Register
/// one with <c>services.AddSingleton&lt;IAfterBulkLoad, …&gt;()</c> (docs/decisions.md, "Issue 17 — history generator").
/// </summary>
public interface IAfterBulkLoad
{
    /// <summary>Shown on the console while the step runs.</summary>
    string Name { get; }

    /// <summary>Rebuilds (or extends) the derived data for the orders with ids <paramref name="firstOrderId"/>..<paramref name="lastOrderId"/>.</summary>
    Task RunAsync(IServiceProvider services, long firstOrderId, long lastOrderId, CancellationToken ct);
}
