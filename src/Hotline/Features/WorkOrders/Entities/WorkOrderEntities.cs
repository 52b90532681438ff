using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Text;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// This node's one entity extractor (issue 19), shared by the repeat index and the orders' stored entities: patterns only
/// until the repeat index warms up, then with the unit tree's names and the centre's dictionary
/// (<see cref="EntityNames"/>), loaded once per warm-up.
/// </summary>
public sealed class WorkOrderEntityExtractor
{
    private volatile EntityExtractor _extractor = new();

    public EntityExtractor Current => _extractor;

    /// <summary>False stores no entities (the registration bench's "without" run); the product always stores them.</summary>
    internal bool Store { get; set; } = true;

    public void Use(EntityExtractor extractor) => _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));

    /// <summary>The named things of an order's text (subject, events, demand: what the repeat index reads) that can be stored.</summary>
    public IReadOnlyList<NamedEntity> Of(string subject, string events, string demand) => Storable(_extractor.Extract(WorkOrderText.Of(subject, events, demand)));

    public IReadOnlyList<NamedEntity> Of(WorkOrder order) => Of(order.Subject, order.Events, order.Demand);

    /// <summary>The views of <see cref="Of(WorkOrder)"/>, as the detail and the intake screen show them.</summary>
    public static IReadOnlyList<EntityView> Views(IEnumerable<NamedEntity> found) => found.Select(e => new EntityView(e.Name, e.Kind)).ToList();

    /// <summary>
    /// What a row may hold: a name within <see cref="Limits.EntityName"/> without a character the databases refuse (NUL,
    /// an unpaired surrogate), once per name.
    /// </summary>
    public static IReadOnlyList<NamedEntity> Storable(IEnumerable<NamedEntity> found) => found
        .Where(e => e.Name.Length is > 0 and <= Limits.EntityName && !ControlCharacters.HasRefused(e.Name))
        .DistinctBy(e => e.Name, StringComparer.Ordinal)
        .ToList();
}

/// <summary>The orders' stored entities: written with the order's own save, read for its detail, filtered on by the list.</summary>
public static class WorkOrderEntities
{
    /// <summary>
    /// Stages the entity rows of the orders whose text a pending entry set (a registration, a correction of the text): a
    /// new order's rows go in the same <c>SaveChanges</c> as the order and its timeline entries (keyed through the
    /// navigation, so no extra round trip); a corrected order's old rows are deleted first, in the save's transaction.
    /// </summary>
    internal static async Task StageAsync(HotlineDbContext db, WorkOrderEntityExtractor extractor, IReadOnlyCollection<WorkOrder> orders, CancellationToken ct)
    {
        if (!extractor.Store)
        {
            return;
        }

        List<WorkOrderEntity>? rows = null;
        foreach (var order in orders)
        {
            if (!order.PendingEvents.Any(SetsText))
            {
                continue;
            }

            var isNew = db.Entry(order).State == EntityState.Added;
            if (!isNew)
            {
                await LockAsync(db, [order.Id], ct);
                await db.Set<WorkOrderEntity>().Where(e => e.WorkOrderId == order.Id).ExecuteDeleteAsync(ct);
            }

            rows ??= [];
            rows.AddRange(extractor.Of(order).Select(e => isNew
                ? new WorkOrderEntity { Order = order, Name = e.Name, Kind = e.Kind }
                : new WorkOrderEntity { WorkOrderId = order.Id, Name = e.Name, Kind = e.Kind }));
        }

        if (rows is not null)
        {
            db.Set<WorkOrderEntity>().AddRange(rows);
        }
    }

    /// <summary>
    /// Locks orders until the transaction ends, before their entity rows are replaced (a correction of the text, a batch
    /// of <see cref="EntityBackfill"/>), so the two wait for each other instead of writing rows from different texts or
    /// the same row twice. PostgreSQL: the order rows, in id order; SQLite: the transaction already holds the database's
    /// one write lock.
    /// </summary>
    internal static async Task LockAsync(HotlineDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var array = ids.ToArray();
            await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM work_orders WHERE id = ANY({array}) ORDER BY id FOR UPDATE").ToListAsync(ct);
        }
    }

    /// <summary>A registration, or a correction of the text (a correction that only added files leaves the text as it was).</summary>
    private static bool SetsText(WorkOrderEvent e) =>
        e.Action == WorkOrderAction.Register || (e.Action == WorkOrderAction.Correct && !e.Details.ContainsKey("attachmentsAdded"));

    /// <summary>The order's stored entities by name.</summary>
    public static async Task<IReadOnlyList<EntityView>> OfAsync(HotlineDbContext db, long workOrderId, CancellationToken ct) =>
        await db.Set<WorkOrderEntity>().AsNoTracking().Where(e => e.WorkOrderId == workOrderId).OrderBy(e => e.Name)
            .Select(e => new EntityView(e.Name, e.Kind)).ToListAsync(ct);

    /// <summary>The list's <c>entity</c> filter: the name as stored (normalised text); longer than a stored name is the field's 400.</summary>
    internal static string Filter(string entity)
    {
        var name = TextNormalizer.Normalize(entity).Trim();
        if (name.Length == 0 || name.Length > Limits.EntityName || ControlCharacters.HasRefused(name))
        {
            throw ValidationException.For("entity", $"Give a name of 1 to {Limits.EntityName} characters.");
        }

        return name;
    }
}
