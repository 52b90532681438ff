using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Analytics;

internal sealed class HotSpotRunConfiguration : IEntityTypeConfiguration<HotSpotRun>
{
    public void Configure(EntityTypeBuilder<HotSpotRun> b)
    {
        b.ToTable("hot_spot_runs");
        b.HasIndex(r => r.RanAtUtc);
        b.HasIndex(r => new { r.Period, r.RanAtUtc });
        // Runs before M0076 were the week's; the sentinel makes EF always write the value (Day is the enum's zero).
        b.Property(r => r.Period).HasDefaultValueSql("'Week'").HasSentinel((HotSpotPeriod)(-1));
    }
}

internal sealed class HotSpotConfiguration : IEntityTypeConfiguration<HotSpot>
{
    public void Configure(EntityTypeBuilder<HotSpot> b)
    {
        b.ToTable("hot_spots");
        b.Property(h => h.RegionCode).HasMaxLength(12);
        b.Property(h => h.PlaceName).HasMaxLength(100);
        b.Property(h => h.Entity).HasMaxLength(Limits.LongName);
        b.Property(h => h.List).HasDefaultValueSql("'Events'").HasSentinel((HotSpotListKind)(-1));
        b.Property(h => h.Places).HasDefaultValueSql("1").HasSentinel(-1);
        b.Property(h => h.Terms).AsJsonText();
        b.Property(h => h.OrderIds).AsJsonText();
        b.Property(h => h.UnitIds).AsJsonText();
        b.Property(h => h.CategoryCode).HasMaxLength(12);
        b.HasOne<HotSpotRun>().WithMany().HasForeignKey(h => h.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => new { h.RunId, h.List, h.Rank });
    }
}

internal sealed class EarlyWarningConfiguration : IEntityTypeConfiguration<EarlyWarning>
{
    public void Configure(EntityTypeBuilder<EarlyWarning> b)
    {
        b.ToTable("early_warnings");
        b.Property(w => w.Key).HasMaxLength(200);
        b.Property(w => w.Title).HasMaxLength(200);
        b.Property(w => w.Detail).HasMaxLength(1000);
        b.Property(w => w.RegionCode).HasMaxLength(12);
        b.Property(w => w.PlaceName).HasMaxLength(100);
        b.Property(w => w.CategoryCode).HasMaxLength(12);
        b.Property(w => w.Terms).AsJsonText();
        b.Property(w => w.OrderIds).AsJsonText();
        b.Property(w => w.AcknowledgedBy).HasMaxLength(100);
        b.Property(w => w.Compared).HasDefaultValue(false); // the default the migration adds the column with (then sets the rows there true)
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasMany(w => w.Units).WithOne().HasForeignKey(u => u.WarningId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Units).AutoInclude();
        b.HasIndex(w => w.Key).IsUnique();
        b.HasIndex(w => w.UpdatedAtUtc);
    }
}

internal sealed class EarlyWarningUnitConfiguration : IEntityTypeConfiguration<EarlyWarningUnit>
{
    public void Configure(EntityTypeBuilder<EarlyWarningUnit> b)
    {
        b.ToTable("early_warning_units");
        b.HasKey(u => new { u.WarningId, u.UnitId });
        b.HasUnitReference(u => u.UnitPath, u => u.UnitName);
    }
}
