using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Assessment.Rankings;

internal sealed class AssessmentSettingConfiguration : IEntityTypeConfiguration<AssessmentSetting>
{
    public void Configure(EntityTypeBuilder<AssessmentSetting> b)
    {
        b.ToTable("assessment_settings");
        b.Property(s => s.Value).HasPrecision(9, 2);
        b.Property(s => s.SetByName).HasMaxLength(Limits.Name);
        b.HasIndex(s => new { s.Key, s.EffectiveFrom });
    }
}

internal sealed class RankingSnapshotConfiguration : IEntityTypeConfiguration<RankingSnapshotRow>
{
    public void Configure(EntityTypeBuilder<RankingSnapshotRow> b)
    {
        b.ToTable("assessment_ranking_snapshots");
        b.Property(r => r.Month).HasMaxLength(RankingSnapshotRow.MonthLength);
        b.Property(r => r.UnitCode).HasMaxLength(Limits.UnitCode);
        b.HasUnitReference(r => r.UnitPath, r => r.UnitName);
        b.Property(r => r.GroupKey).HasMaxLength(RankingSnapshotRow.GroupKeyLength);
        b.Property(r => r.CountyName).HasMaxLength(Domain.Organisation.Unit.MaxNameLength);
        b.Property(r => r.Composite).HasPrecision(9, 2);
        b.HasIndex(r => new { r.Month, r.UnitId }).IsUnique();
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InterviewProposalConfiguration : IEntityTypeConfiguration<InterviewProposal>
{
    public void Configure(EntityTypeBuilder<InterviewProposal> b)
    {
        b.ToTable("assessment_interviews");
        b.HasUnitReference(p => p.UnitPath, p => p.UnitName);
        b.Property(p => p.Month).HasMaxLength(RankingSnapshotRow.MonthLength);
        b.Property(p => p.Basis).HasMaxLength(Limits.MediumText);
        b.Property(p => p.DecidedByName).HasMaxLength(Limits.Name);
        b.Property(p => p.DismissReason).HasMaxLength(Limits.Reason);
        b.Property(p => p.Interviewer).HasMaxLength(Limits.Name);
        b.Property(p => p.UnitHead).HasMaxLength(Limits.Name);
        b.Property(p => p.Outcome).HasMaxLength(Limits.MediumText);
        b.Property(p => p.RecordedByName).HasMaxLength(Limits.Name);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.UnitId, p.Month, p.Reason }).IsUnique();
        b.HasIndex(p => p.Month);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QualitativeScoreConfiguration : IEntityTypeConfiguration<QualitativeScore>
{
    public void Configure(EntityTypeBuilder<QualitativeScore> b)
    {
        b.ToTable("assessment_qualitative_scores");
        b.HasUnitReference(q => q.UnitPath, q => q.UnitName);
        b.Property(q => q.Month).HasMaxLength(RankingSnapshotRow.MonthLength);
        b.Property(q => q.Points).HasPrecision(9, 2);
        b.Property(q => q.Reason).HasMaxLength(Limits.Reason);
        b.Property(q => q.ScoredByName).HasMaxLength(Limits.Name);
        b.Property(q => q.Version).IsConcurrencyToken();
        b.HasIndex(q => new { q.UnitId, q.Month, q.Item }).IsUnique();
        b.HasIndex(q => q.Month);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(q => q.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CirculationConfiguration : IEntityTypeConfiguration<Circulation>
{
    public void Configure(EntityTypeBuilder<Circulation> b)
    {
        b.ToTable("assessment_circulations");
        b.Property(c => c.Month).HasMaxLength(RankingSnapshotRow.MonthLength);
        b.Property(c => c.CirculatedByName).HasMaxLength(Limits.Name);
        b.Property(c => c.Rows).AsJsonText();
        b.HasIndex(c => c.Month).IsUnique();
    }
}
