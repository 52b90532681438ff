using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// The one way a request changes a work order: load it (404 outside the caller's scope), check the version the client
/// saw, call one verb, and save the order, its timeline entries and its search document in one transaction.
/// </summary>
public sealed class WorkOrderCommands(HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, WorkOrderStore indexer)
{
    public Actor Actor { get; } = user.ToActor();

    public async Task<WorkOrder> LoadVisibleAsync(long id, CancellationToken ct)
    {
        var order = await db.Set<WorkOrder>().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (order is null || !order.IsVisibleTo(Actor))
        {
            throw new NotFoundException("work_order.not_found", "No such work order.");
        }

        return order;
    }

    public async Task<WorkOrderDto> ExecuteAsync(long id, long? expectedVersion, Func<WorkOrder, WorkOrderClock, Task> act, CancellationToken ct)
    {
        var order = await LoadVisibleAsync(id, ct);
        if (expectedVersion is { } version)
        {
            ExpectVersion(order, version);
        }

        var clock = clocks.For(order);
        await act(order, clock);
        await SaveAsync(order, ct);
        return await DtoAsync(order, clock, ct);
    }

    /// <summary>The order as the caller sees it, with its stored entities (after a correction, the new ones).</summary>
    public async Task<WorkOrderDto> DtoAsync(WorkOrder order, WorkOrderClock clock, CancellationToken ct) =>
        WorkOrderDto.From(order, Actor, clock.Calendar, clock.Now, await Entities.WorkOrderEntities.OfAsync(db, order.Id, ct));

    public Task<WorkOrderDto> ExecuteAsync(long id, long? expectedVersion, Action<WorkOrder, WorkOrderClock> act, CancellationToken ct) =>
        ExecuteAsync(id, expectedVersion, (o, c) =>
        {
            act(o, c);
            return Task.CompletedTask;
        }, ct);

    public WorkOrderClock ClockFor(WorkOrder order) => clocks.For(order);

    /// <summary>
    /// A client acting on a version it saw: refused at once when the order has moved on (so the answer is a conflict,
    /// not a rule about a state the client never saw), and made the condition of the update for a change racing in.
    /// </summary>
    public void ExpectVersion(WorkOrder order, long version)
    {
        if (order.Version != version)
        {
            throw new ConcurrencyConflictException($"The work order changed since you loaded it (version {version}, now {order.Version}); reload it and try again.");
        }

        db.ExpectVersion(order, version);
    }

    /// <summary>Saves the orders touched by one command together with their pending timeline entries and search documents.</summary>
    public Task SaveAsync(WorkOrder order, CancellationToken ct, params WorkOrder[] others) => indexer.SaveAsync([order, .. others], ct);

    public async Task<Unit> UnitAsync(long? id, string field, CancellationToken ct)
    {
        if (id is null)
        {
            throw ValidationException.For(field, "Choose a unit.");
        }

        return await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw ValidationException.For(field, "No such unit.");
    }

    /// <summary>The live article an action refers to; a missing, unpublished, expired or not yet effective one is a 400 on <paramref name="field"/>.</summary>
    public async Task<Knowledge.LiveArticle?> LiveArticleAsync(long? id, string field, CancellationToken ct)
    {
        if (id is not { } articleId)
        {
            return null;
        }

        return await Knowledge.KnowledgeLookup.FindLiveAsync(db, articleId, clocks.Now.UtcDateTime, ct)
            ?? throw ValidationException.For(field, "No published knowledge-base article in force has this id.");
    }

    public async Task<IReadOnlyList<Unit>> UnitsAsync(IReadOnlyList<long>? ids, string field, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        var distinct = ids.Distinct().ToList();
        var units = await db.Units.Where(u => distinct.Contains(u.Id)).ToListAsync(ct);
        if (units.Count != distinct.Count)
        {
            throw ValidationException.For(field, "One of the units does not exist.");
        }

        if (units.Any(u => !u.IsActive))
        {
            throw ValidationException.For(field, "One of the units is inactive.");
        }

        return units;
    }
}
