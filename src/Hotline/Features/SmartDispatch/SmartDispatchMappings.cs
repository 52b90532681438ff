using System.Text.Json;
using Hotline.Domain.SmartDispatch;
using Hotline.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.SmartDispatch;

/// <summary>Small lists (labels, terms, order ids, suggestions) are stored as JSON text: the same on both databases.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> AsJsonText<T>(this PropertyBuilder<List<T>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
        new ValueComparer<List<T>>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!));
}

internal sealed class RouterModelConfiguration : IEntityTypeConfiguration<RouterModel>
{
    public void Configure(EntityTypeBuilder<RouterModel> b)
    {
        b.ToTable("router_models");
        b.Property(m => m.TrainedBy).HasMaxLength(100);
        b.Property(m => m.Labels).AsJsonText();
        b.Property(m => m.Settings).HasMaxLength(400);
        b.Property(m => m.ActivatedBy).HasMaxLength(100);
        b.Property(m => m.Note).HasMaxLength(500);
        b.Ignore(m => m.Quality);
        b.HasIndex(m => new { m.Kind, m.Number }).IsUnique();
        b.HasIndex(m => new { m.Kind, m.IsActive });
    }
}

internal sealed class RouterModelBlobConfiguration : IEntityTypeConfiguration<RouterModelBlob>
{
    public void Configure(EntityTypeBuilder<RouterModelBlob> b)
    {
        b.ToTable("router_model_blobs");
        b.HasKey(m => m.ModelId);
        b.Property(m => m.ModelId).ValueGeneratedNever();
        b.HasOne<RouterModel>().WithOne().HasForeignKey<RouterModelBlob>(m => m.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoutingRecordConfiguration : IEntityTypeConfiguration<RoutingRecord>
{
    public void Configure(EntityTypeBuilder<RoutingRecord> b)
    {
        b.ToTable("routing_records");
        b.HasKey(r => r.WorkOrderId);
        b.Property(r => r.WorkOrderId).ValueGeneratedNever();
        b.Property(r => r.ModelWarning).HasMaxLength(64);
        b.Property(r => r.Suggestions).AsJsonText();
        b.Property(r => r.DispatchedUnitName).HasMaxLength(100);
        b.HasOne<WorkOrder>().WithOne().HasForeignKey<RoutingRecord>(r => r.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.WeekStart);
        b.HasIndex(r => r.ModelVersion);
    }
}

internal sealed class HotSpotRunConfiguration : IEntityTypeConfiguration<HotSpotRun>
{
    public void Configure(EntityTypeBuilder<HotSpotRun> b)
    {
        b.ToTable("hot_spot_runs");
        b.HasIndex(r => r.RanAtUtc);
    }
}

internal sealed class HotSpotConfiguration : IEntityTypeConfiguration<HotSpot>
{
    public void Configure(EntityTypeBuilder<HotSpot> b)
    {
        b.ToTable("hot_spots");
        b.Property(h => h.RegionCode).HasMaxLength(12);
        b.Property(h => h.PlaceName).HasMaxLength(100);
        b.Property(h => h.Terms).AsJsonText();
        b.Property(h => h.OrderIds).AsJsonText();
        b.Property(h => h.UnitIds).AsJsonText();
        b.Property(h => h.CategoryCode).HasMaxLength(12);
        b.HasOne<HotSpotRun>().WithMany().HasForeignKey(h => h.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => new { h.RunId, h.Rank });
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
        b.Property(u => u.UnitPath).HasMaxLength(400);
        b.Property(u => u.UnitName).HasMaxLength(100);
        b.HasIndex(u => u.UnitPath).HasOperators("text_pattern_ops");
    }
}

internal sealed class TimelineCursorConfiguration : IEntityTypeConfiguration<TimelineCursor>
{
    public void Configure(EntityTypeBuilder<TimelineCursor> b)
    {
        b.ToTable("timeline_cursors");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(50);
    }
}
