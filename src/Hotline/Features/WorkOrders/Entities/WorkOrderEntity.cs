using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// Issue 19: a named thing a work order is about (a compound, company, shop, school, hospital, road, site, project, unit or
/// region), as the entity extractor found it in the order's subject, events and demand. One row per order and name; the
/// index on the name makes "every order about 某某小区" an index look-up.
/// </summary>
public sealed class WorkOrderEntity
{
    public long WorkOrderId { get; set; }

    /// <summary>The order the row was added with before it had its id (set only when the order is registered).</summary>
    public WorkOrder? Order { get; set; }

    /// <summary>The name in normalised text (<see cref="Text.TextNormalizer"/>), at most <see cref="Limits.EntityName"/> characters.</summary>
    public string Name { get; set; } = string.Empty;

    public EntityKind Kind { get; set; }
}

/// <summary>A named thing of the order as the detail and the intake screen show it.</summary>
public sealed record EntityView(string Name, EntityKind Kind);

internal sealed class WorkOrderEntityConfiguration : IEntityTypeConfiguration<WorkOrderEntity>
{
    public void Configure(EntityTypeBuilder<WorkOrderEntity> b)
    {
        b.ToTable("work_order_entities");
        b.HasKey(e => new { e.WorkOrderId, e.Name });
        b.Property(e => e.Name).HasMaxLength(Limits.EntityName);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasOne(e => e.Order).WithMany().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.Name, e.WorkOrderId });
    }
}
