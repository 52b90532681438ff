using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Supervision;

internal sealed class CorrectionConfiguration : IEntityTypeConfiguration<Correction>
{
    public void Configure(EntityTypeBuilder<Correction> b)
    {
        b.ToTable("supervision_corrections");
        b.HasUnitReference(c => c.UnitPath, c => c.UnitName);
        b.Property(c => c.OrderNumbers).AsJsonText();
        b.Property(c => c.Suggestions).HasMaxLength(Limits.MediumText);
        b.Property(c => c.IssuedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.AcceptedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.Report).HasMaxLength(Limits.LongText);
        b.Property(c => c.Evidence).HasMaxLength(Limits.LongText);
        b.Property(c => c.ReportedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.RefusalReason).HasMaxLength(Limits.Reason);
        b.Property(c => c.CheckNote).HasMaxLength(Limits.Reason);
        b.Property(c => c.CheckedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.CircularFacts).HasMaxLength(Limits.MediumText);
        b.Property(c => c.CircularText).HasMaxLength(Limits.LongText);
        b.Property(c => c.CircularIssuedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.IssuedAtUtc);
        b.HasIndex(c => c.CircularIssuedAtUtc);
        b.HasIndex(c => c.NoticeId);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.PendingEvents);
        b.Ignore(c => c.IsOpen);
    }
}

internal sealed class CorrectionEventConfiguration : IEntityTypeConfiguration<CorrectionEvent>
{
    public void Configure(EntityTypeBuilder<CorrectionEvent> b)
    {
        b.ToTable("supervision_correction_events");
        b.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        b.Property(e => e.ActorUnitName).HasMaxLength(Limits.LongName);
        b.Property(e => e.Text).HasMaxLength(Limits.LongText);
        b.Property(e => e.Details).AsJsonText();
        b.HasOne(e => e.Correction).WithMany().HasForeignKey(e => e.CorrectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CorrectionId, e.Id });
    }
}

internal sealed class MisconductRecordConfiguration : IEntityTypeConfiguration<MisconductRecord>
{
    public void Configure(EntityTypeBuilder<MisconductRecord> b)
    {
        b.ToTable("supervision_misconduct_records");
        b.HasUnitReference(m => m.UnitPath, m => m.UnitName);
        b.Property(m => m.StaffName).HasMaxLength(Limits.Name);
        b.Property(m => m.Facts).HasMaxLength(Limits.MediumText);
        b.Property(m => m.WorkOrderNumber).HasMaxLength(SupervisionLimits.Number);
        b.Property(m => m.RecordedByName).HasMaxLength(Limits.Name);
        b.HasIndex(m => m.RecordedAtUtc);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupervisionCircularConfiguration : IEntityTypeConfiguration<SupervisionCircular>
{
    public void Configure(EntityTypeBuilder<SupervisionCircular> b)
    {
        b.ToTable("supervision_circulars");
        b.HasUnitReference(c => c.UnitPath, c => c.UnitName);
        b.Property(c => c.Period).HasMaxLength(7);
        b.Property(c => c.GeneratedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.Rows).AsJsonText();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.UnitId, c.Period }).IsUnique();
        b.HasIndex(c => c.Period);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.Totals);
    }
}
