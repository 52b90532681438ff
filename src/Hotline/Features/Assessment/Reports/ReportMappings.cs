using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Assessment.Reports;

internal sealed class AnalysisReportConfiguration : IEntityTypeConfiguration<AnalysisReport>
{
    public void Configure(EntityTypeBuilder<AnalysisReport> b)
    {
        b.ToTable("analysis_reports");
        b.Property(r => r.Title).HasMaxLength(Limits.ShortText);
        b.HasUnitReference(r => r.ScopePath, r => r.ScopeName);
        b.Property(r => r.VolumeText).HasMaxLength(Limits.LongText);
        b.Property(r => r.CategoriesText).HasMaxLength(Limits.LongText);
        b.Property(r => r.RegionsText).HasMaxLength(Limits.LongText);
        b.Property(r => r.HotSpotsText).HasMaxLength(Limits.LongText);
        b.Property(r => r.RatesText).HasMaxLength(Limits.LongText);
        b.Property(r => r.RankingsText).HasMaxLength(Limits.LongText);
        b.Property(r => r.InterviewsText).HasMaxLength(Limits.LongText);
        b.Property(r => r.CreatedByName).HasMaxLength(Limits.Name);
        b.Property(r => r.SavedByName).HasMaxLength(Limits.Name);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.SavedAtUtc);
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(r => r.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
