using Hotline.Domain;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Assessment;

internal sealed class AssessmentFactConfiguration : IEntityTypeConfiguration<AssessmentFactRow>
{
    public void Configure(EntityTypeBuilder<AssessmentFactRow> b)
    {
        b.ToTable("assessment_facts");
        b.HasKey(f => new { f.WorkOrderId, f.UnitId });
        b.Property(f => f.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(f => f.RegionCode).HasMaxLength(Limits.Code);
        b.Property(f => f.LeadUnitPath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Ignore(f => f.Measures);
        b.Ignore(f => f.Key);
        AddedMeasures.Configure(b);
        b.HasIndex(f => new { f.UnitId, f.Day });
        b.HasIndex(f => f.OpenDueUtc);
    }
}

internal sealed class AssessmentRollupConfiguration : IEntityTypeConfiguration<AssessmentRollupRow>
{
    public void Configure(EntityTypeBuilder<AssessmentRollupRow> b)
    {
        b.ToTable("assessment_rollups");
        b.HasKey(r => new { r.Day, r.UnitId, r.CategoryCode, r.RegionCode, r.Channel, r.RequestType });
        b.Property(r => r.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(r => r.RegionCode).HasMaxLength(Limits.Code);
        b.Ignore(r => r.Measures);
        b.Ignore(r => r.Key);
        AddedMeasures.Configure(b);
        b.HasIndex(r => new { r.UnitId, r.Day });
    }
}

/// <summary>The measures added after the tables were made (M0063): the default the migration gives existing rows.</summary>
internal static class AddedMeasures
{
    public static void Configure<T>(EntityTypeBuilder<T> b)
        where T : MeasureColumns
    {
        b.Property(m => m.CompletionNum).HasDefaultValue(0);
        b.Property(m => m.CompletionDen).HasDefaultValue(0);
        b.Property(m => m.CallbackNum).HasDefaultValue(0);
        b.Property(m => m.CallbackDen).HasDefaultValue(0);
    }
}

internal sealed class AssessmentRuleVersionConfiguration : IEntityTypeConfiguration<AssessmentRuleVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentRuleVersion> b)
    {
        b.ToTable("assessment_rule_versions");
        b.Property(v => v.CreatedByName).HasMaxLength(Limits.Name);
        b.Ignore(v => v.Rules);
        b.HasIndex(v => v.EffectiveFrom).IsUnique();
    }
}

internal sealed class AssessmentAppealConfiguration : IEntityTypeConfiguration<Domain.Assessment.AssessmentAppeal>
{
    public void Configure(EntityTypeBuilder<Domain.Assessment.AssessmentAppeal> b)
    {
        b.ToTable("assessment_appeals");
        b.HasUnitReference(a => a.UnitPath, a => a.UnitName);
        b.Property(a => a.WorkOrderNumber).HasMaxLength(Limits.Reference);
        b.Property(a => a.FormulaCode).HasMaxLength(Limits.Reference);
        b.Property(a => a.Reason).HasMaxLength(Limits.Reason);
        b.Property(a => a.Evidence).HasMaxLength(Limits.MediumText);
        b.Property(a => a.FiledByName).HasMaxLength(Limits.Name);
        b.Property(a => a.DecidedByName).HasMaxLength(Limits.Name);
        b.Property(a => a.DecisionNote).HasMaxLength(Limits.Reason);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.WorkOrderId, a.UnitId });
        b.HasIndex(a => a.State);
    }
}
