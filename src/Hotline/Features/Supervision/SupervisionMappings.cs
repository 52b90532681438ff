using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Supervision;

internal sealed class SupervisionNoticeConfiguration : IEntityTypeConfiguration<SupervisionNotice>
{
    public void Configure(EntityTypeBuilder<SupervisionNotice> b)
    {
        b.ToTable("supervision_notices");
        b.Property(n => n.Number).HasMaxLength(SupervisionLimits.Number);
        b.Property(n => n.Trigger).HasMaxLength(SupervisionLimits.Trigger);
        b.Property(n => n.Reason).HasMaxLength(Limits.MediumText);
        b.Property(n => n.Demand).HasMaxLength(Limits.MediumText);
        b.HasUnitReference(n => n.UnitPath, n => n.UnitName);
        b.Property(n => n.OpenedByName).HasMaxLength(Limits.Name);
        b.Property(n => n.OpenerScopePath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(n => n.SignedByName).HasMaxLength(Limits.Name);
        b.Property(n => n.Measures).HasMaxLength(Limits.LongText);
        b.Property(n => n.Evidence).HasMaxLength(Limits.LongText);
        b.Property(n => n.Outcome).HasMaxLength(Limits.Reason);
        b.Property(n => n.PublicMatter).HasMaxLength(Limits.MediumText);
        b.Property(n => n.PublicResult).HasMaxLength(Limits.MediumText); // issue 18
        b.Property(n => n.DelistReason).HasMaxLength(Limits.Reason);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasIndex(n => n.Number).IsUnique();
        b.HasIndex(n => new { n.State, n.IssuedAtUtc });
        b.HasIndex(n => n.IssuedAtUtc);
        b.HasIndex(n => n.NextCheckUtc);
        b.HasIndex(n => n.IsListed);
        b.Property(n => n.EscalationLevel).HasDefaultValue(EscalationLevel.Centre); // issue 16: existing notices are with the centre (M0059)
        b.HasIndex(n => n.EscalationLevel);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Orders).WithOne().HasForeignKey(o => o.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(n => n.Orders).HasField("_orders").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(n => n.PendingEvents);
    }
}

internal sealed class NoticeOrderConfiguration : IEntityTypeConfiguration<NoticeOrder>
{
    public void Configure(EntityTypeBuilder<NoticeOrder> b)
    {
        b.ToTable("supervision_notice_orders");
        b.HasKey(o => new { o.NoticeId, o.WorkOrderId });
        b.Property(o => o.Number).HasMaxLength(32);
        b.Property(o => o.Subject).HasMaxLength(Limits.ShortText);
        b.HasIndex(o => o.WorkOrderId);
    }
}

internal sealed class NoticeEventConfiguration : IEntityTypeConfiguration<NoticeEvent>
{
    public void Configure(EntityTypeBuilder<NoticeEvent> b)
    {
        b.ToTable("supervision_notice_events");
        b.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        b.Property(e => e.ActorUnitName).HasMaxLength(Limits.LongName);
        b.Property(e => e.Text).HasMaxLength(Limits.LongText);
        b.Property(e => e.Details).AsJsonText();
        b.HasOne(e => e.Notice).WithMany().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.NoticeId, e.Id });
    }
}
