using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>How far a backfill went: orders read, orders given entities, rows written, the last order id read.</summary>
public sealed record EntityBackfillProgress(long Scanned, long Filled, long Rows, long LastId);

/// <summary>
/// Issue 19: finds and stores the entities of the orders that have none (orders registered before migration 0074, or
/// written by <c>hotline generate</c>), in batches by id. Each batch is its own transaction, so an interrupted run keeps
/// what it wrote and the next run (or <c>--after-id</c>) goes on; an order that has rows is never read again, so a second
/// run writes nothing new. An order whose text names nothing has no rows and is read again by every run, found empty again.
/// </summary>
public static class EntityBackfill
{
    public static async Task<EntityBackfillProgress> RunAsync(
        IServiceProvider services, EntityExtractor extractor, int batch, long afterId, IProgress<EntityBackfillProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var size = Math.Clamp(batch, 1, 50_000);
        var entities = new WorkOrderEntityExtractor();
        entities.Use(extractor);
        var done = new EntityBackfillProgress(0, 0, 0, afterId);
        while (true)
        {
            // A batch refused because an order got rows meanwhile is read again, without that order.
            var step = await BatchAsync(services, entities, size, done.LastId, ct)
                ?? await BatchAsync(services, entities, size, done.LastId, ct, retry: true)
                ?? throw new InvalidOperationException("unreachable: a retry throws");
            if (step.Scanned == 0)
            {
                return done;
            }

            done = new EntityBackfillProgress(done.Scanned + step.Scanned, done.Filled + step.Filled, done.Rows + step.Rows, step.LastId);
            progress?.Report(done);
        }
    }

    /// <summary>One batch; null when a registration or correction racing in gave one of its orders rows first.</summary>
    private static async Task<EntityBackfillProgress?> BatchAsync(
        IServiceProvider services, WorkOrderEntityExtractor entities, int size, long afterId, CancellationToken ct, bool retry = false)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var orders = await db.Set<WorkOrder>().AsNoTracking().IgnoreAutoIncludes()
            .Where(w => w.Id > afterId && !db.Set<WorkOrderEntity>().Any(e => e.WorkOrderId == w.Id))
            .OrderBy(w => w.Id)
            .Take(size)
            .Select(w => new { w.Id, w.Subject, w.Events, w.Demand })
            .ToListAsync(ct);
        if (orders.Count == 0)
        {
            return new EntityBackfillProgress(0, 0, 0, afterId);
        }

        // The extraction is the CPU of the batch: spread over the cores while the database waits for the insert.
        var found = orders.AsParallel().AsOrdered().WithCancellation(ct)
            .Select(o => (o.Id, Entities: entities.Of(o.Subject, o.Events, o.Demand)))
            .ToList();
        var rows = found.SelectMany(f => f.Entities.Select(e => new WorkOrderEntity { WorkOrderId = f.Id, Name = e.Name, Kind = e.Kind })).ToList();
        db.Set<WorkOrderEntity>().AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!retry)
        {
            return null;
        }

        return new EntityBackfillProgress(orders.Count, found.Count(f => f.Entities.Count > 0), rows.Count, orders[^1].Id);
    }
}
