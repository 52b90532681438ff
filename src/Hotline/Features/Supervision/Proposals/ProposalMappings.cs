using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Supervision.Proposals;

internal sealed class SupervisionTriggerConfiguration : IEntityTypeConfiguration<SupervisionTrigger>
{
    public void Configure(EntityTypeBuilder<SupervisionTrigger> b)
    {
        b.ToTable("supervision_triggers");
        b.Property(t => t.Code).HasMaxLength(SupervisionLimits.Trigger);
        b.Property(t => t.Name).HasMaxLength(Limits.LongName);
        b.Property(t => t.SourceKind).HasMaxLength(SupervisionLimits.Trigger);
        b.Property(t => t.Parameters).HasMaxLength(Limits.MediumText).AsJsonText();
        b.Property(t => t.DefaultDemand).HasMaxLength(Limits.MediumText);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => t.Code).IsUnique();
    }
}

internal sealed class SupervisionProposalConfiguration : IEntityTypeConfiguration<SupervisionProposal>
{
    public void Configure(EntityTypeBuilder<SupervisionProposal> b)
    {
        b.ToTable("supervision_proposals");
        b.Property(p => p.TriggerCode).HasMaxLength(SupervisionLimits.Trigger);
        b.HasUnitReference(p => p.UnitPath, p => p.UnitName);
        b.Property(p => p.Facts).HasMaxLength(SupervisionLimits.Facts);
        b.Property(p => p.DismissReason).HasMaxLength(Limits.Reason);
        b.Property(p => p.DismissedByName).HasMaxLength(Limits.Name);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.TriggerCode, p.EndedAtUtc, p.SubjectId });
        b.HasIndex(p => new { p.State, p.LastSeenUtc });
        b.Ignore(p => p.IsLive);
    }
}

internal sealed class DifficultIssueConfiguration : IEntityTypeConfiguration<DifficultIssue>
{
    public void Configure(EntityTypeBuilder<DifficultIssue> b)
    {
        b.ToTable("supervision_difficult_issues");
        b.Property(i => i.Title).HasMaxLength(Limits.ShortText);
        b.Property(i => i.Description).HasMaxLength(Limits.MediumText);
        b.Property(i => i.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(i => i.RegionCode).HasMaxLength(Limits.Code);
        b.Property(i => i.UnitName).HasMaxLength(Domain.Organisation.Unit.MaxNameLength);
        b.Property(i => i.UnitPath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(i => i.ScopePath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(i => i.WorkOrderIds).AsJsonText();
        b.Property(i => i.Resolution).HasMaxLength(Limits.Reason);
        b.Property(i => i.CreatedByName).HasMaxLength(Limits.Name);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.ScopePath).HasOperators("text_pattern_ops");
        b.HasIndex(i => new { i.State, i.CreatedAtUtc });
    }
}

/// <summary>
/// Partial indexes of work orders for the proposal triggers' conditions (M0057): each holds only the orders its condition
/// can hold for (red, redone, repeated after closure, judged late), so a pass reads those few instead of every order,
/// and a registration does not write them.
/// </summary>
internal sealed class WorkOrderProposalIndexes : IEntityTypeConfiguration<Domain.WorkOrders.WorkOrder>
{
    public void Configure(EntityTypeBuilder<Domain.WorkOrders.WorkOrder> b)
    {
        b.HasIndex([nameof(Domain.WorkOrders.WorkOrder.Status)], "ix_work_orders_status_red").HasFilter("light = 'Red'");
        b.HasIndex([nameof(Domain.WorkOrders.WorkOrder.Status)], "ix_work_orders_status_redone").HasFilter("redo_count > 0");
        b.HasIndex([nameof(Domain.WorkOrders.WorkOrder.Status)], "ix_work_orders_status_repeat_after_closure").HasFilter("is_repeat_after_closure");
        b.HasIndex([nameof(Domain.WorkOrders.WorkOrder.Status)], "ix_work_orders_status_late_without_good_reason").HasFilter("late_without_good_reason");
    }
}
