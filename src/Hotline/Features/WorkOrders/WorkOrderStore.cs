using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// The aggregate's save path. Every write of an order goes through <see cref="SaveAsync"/>, which saves the order, its
/// timeline entries, its search document and (issue 19) the named things its text is about in one transaction: a failing
/// index write rolls the whole command back.
/// </summary>
public sealed class WorkOrderStore(HotlineDbContext db, ISearchIndex index, WorkOrderEntityExtractor entities)
{
    /// <summary>Saves the orders one command touched, with their pending timeline entries and their index documents.</summary>
    public async Task SaveAsync(IReadOnlyCollection<WorkOrder> orders, CancellationToken ct)
    {
        foreach (var order in orders)
        {
            db.Set<WorkOrderEvent>().AddRange(order.PendingEvents);
        }

        // Joins the caller's transaction when one is open (a command that writes more than the order).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await WorkOrderEntities.StageAsync(db, entities, orders, ct);
        await db.SaveChangesAsync(ct);
        await index.UpsertManyAsync(db, orders.Select(WorkOrderSearchSource.ToDocument).ToList(), ct);

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        foreach (var order in orders)
        {
            order.ClearPendingEvents();
        }
    }
}
