using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// How far a backfill went: orders read, orders whose stored entities changed, entity rows written and removed (a kind
/// that changed counts as one of each), the last order id read.
/// </summary>
public sealed record EntityBackfillProgress(long Scanned, long Changed, long Added, long Removed, long LastId);

/// <summary>
/// Issue 19: stores the entities of work orders, in batches by id, each batch its own transaction, so an interrupted run
/// keeps what it wrote and the next run (or <c>--after-id</c>) goes on.
/// <list type="bullet">
/// <item>By default it fills the orders that have no rows (registered before migration 0074, or written by
/// <c>hotline generate</c>); an order that has rows is never read again, so a second run writes nothing new. An order
/// whose text names nothing has no rows and is read again by every run, found empty again.</item>
/// <item><paramref name="all"/> (<c>--all</c>) reads every order again and makes its rows what the extractor reads now:
/// after an upgrade that changed the extractor, or after a unit was renamed (its old name is no longer a unit's). Rows
/// that are already right are not written, so a second run changes nothing.</item>
/// </list>
/// The batch's orders are locked first (<see cref="WorkOrderEntities.LockAsync"/>), as a correction of the text locks its
/// order before it replaces the rows: a correction racing in waits for the batch, or the batch reads the corrected text.
/// </summary>
public static class EntityBackfill
{
    /// <param name="committed">Called after each batch has committed, with the progress so far (a job records it there).</param>
    public static async Task<EntityBackfillProgress> RunAsync(
        IServiceProvider services, EntityExtractor extractor, int batch, long afterId, IProgress<EntityBackfillProgress>? progress, CancellationToken ct, bool all = false,
        Func<EntityBackfillProgress, CancellationToken, Task>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var size = Math.Clamp(batch, 1, 50_000);
        var entities = new WorkOrderEntityExtractor();
        entities.Use(extractor);
        var done = new EntityBackfillProgress(0, 0, 0, 0, afterId);
        while (true)
        {
            var step = await BatchAsync(services, entities, size, done.LastId, all, ct);
            if (step.Scanned == 0)
            {
                return done;
            }

            done = new EntityBackfillProgress(
                done.Scanned + step.Scanned, done.Changed + step.Changed, done.Added + step.Added, done.Removed + step.Removed, step.LastId);
            progress?.Report(done);
            if (committed is not null)
            {
                await committed(done, ct);
            }
        }
    }

    private static async Task<EntityBackfillProgress> BatchAsync(
        IServiceProvider services, WorkOrderEntityExtractor entities, int size, long afterId, bool all, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var candidates = db.Set<WorkOrder>().Where(w => w.Id > afterId);
        if (!all)
        {
            candidates = candidates.Where(w => !db.Set<WorkOrderEntity>().Any(e => e.WorkOrderId == w.Id));
        }

        var ids = await candidates.OrderBy(w => w.Id).Select(w => w.Id).Take(size).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return new EntityBackfillProgress(0, 0, 0, 0, afterId);
        }

        // Locked, then read: the text and rows are the ones no correction can change before this batch commits.
        await WorkOrderEntities.LockAsync(db, ids, ct);
        var orders = await db.Set<WorkOrder>().AsNoTracking().IgnoreAutoIncludes()
            .Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, w.Subject, w.Events, w.Demand })
            .ToListAsync(ct);
        var stored = (await db.Set<WorkOrderEntity>().Where(e => ids.Contains(e.WorkOrderId)).ToListAsync(ct)).ToLookup(e => e.WorkOrderId);

        // The extraction is the CPU of the batch: spread over the cores.
        var found = orders.AsParallel().WithCancellation(ct)
            .Where(o => all || !stored[o.Id].Any()) // without --all, an order a correction gave rows meanwhile is left
            .Select(o => (o.Id, Entities: entities.Of(o.Subject, o.Events, o.Demand)))
            .ToList();
        long changed = 0, added = 0, removed = 0;
        foreach (var (id, now) in found)
        {
            var before = stored[id].ToDictionary(e => e.Name, StringComparer.Ordinal);
            var kinds = now.ToDictionary(n => n.Name, n => n.Kind, StringComparer.Ordinal); // names are distinct (Storable)
            var gone = before.Values.Where(e => !kinds.ContainsKey(e.Name)).ToList();
            var retyped = before.Values.Where(e => kinds.TryGetValue(e.Name, out var kind) && kind != e.Kind).ToList();
            var fresh = now.Where(n => !before.ContainsKey(n.Name)).ToList();
            if (gone.Count + retyped.Count + fresh.Count == 0)
            {
                continue;
            }

            changed++;
            removed += gone.Count + retyped.Count;
            added += fresh.Count + retyped.Count;
            db.Set<WorkOrderEntity>().RemoveRange(gone);
            retyped.ForEach(row => row.Kind = kinds[row.Name]); // the same name read as another kind: the row stays
            db.Set<WorkOrderEntity>().AddRange(fresh.Select(n => new WorkOrderEntity { WorkOrderId = id, Name = n.Name, Kind = n.Kind }));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new EntityBackfillProgress(ids.Count, changed, added, removed, ids[^1]);
    }
}
