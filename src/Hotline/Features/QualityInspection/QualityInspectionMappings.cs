using Hotline.Domain;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.QualityInspection;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("quality_inspections");
        b.Property(i => i.WorkOrderNumber).HasMaxLength(32);
        b.Property(i => i.Stage).HasMaxLength(32);
        b.Property(i => i.State).HasMaxLength(32);
        b.Property(i => i.AgentName).HasMaxLength(Limits.Name);
        b.Property(i => i.AgentUnitPath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(i => i.RecordingId).HasMaxLength(Limits.Reference);
        b.Property(i => i.DrawnByName).HasMaxLength(Limits.Name);
        b.Property(i => i.Items).AsJsonText();
        b.Property(i => i.FatalError).HasDefaultValue(false);
        b.Property(i => i.FatalReason).HasMaxLength(Limits.Reason);
        b.Property(i => i.Score).HasPrecision(5, 1);
        b.Property(i => i.Comment).HasMaxLength(Limits.MediumText);
        b.Property(i => i.ScoredByName).HasMaxLength(Limits.Name);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.EventId).IsUnique();
        b.HasIndex(i => new { i.AgentUserId, i.ContactAtUtc });
        b.HasIndex(i => i.ContactAtUtc);
        b.HasIndex(i => i.AgentUnitPath).HasOperators("text_pattern_ops");
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(i => i.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistConfiguration : IEntityTypeConfiguration<Checklist>
{
    public void Configure(EntityTypeBuilder<Checklist> b)
    {
        b.ToTable("quality_checklists");
        b.Property(c => c.Stage).HasMaxLength(32);
        b.Property(c => c.Items).AsJsonText();
        b.Property(c => c.CreatedByName).HasMaxLength(Limits.Name);
        b.HasIndex(c => new { c.Stage, c.Id });
    }
}
