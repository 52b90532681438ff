using Hotline.Domain.Routing;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Dispatch.Routing;

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
