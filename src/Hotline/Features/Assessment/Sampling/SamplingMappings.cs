using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Assessment.Sampling;

internal sealed class SamplingBatchConfiguration : IEntityTypeConfiguration<SamplingBatch>
{
    public void Configure(EntityTypeBuilder<SamplingBatch> b)
    {
        b.ToTable("sampling_batches");
        b.Property(s => s.FileName).HasMaxLength(Limits.ShortText);
        b.Property(s => s.ImportedByName).HasMaxLength(Limits.Name);
        b.Property(s => s.Rejects).AsJsonText();
        b.HasIndex(s => s.ImportedAtUtc);
        b.HasMany(s => s.Results).WithOne().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SampledResultConfiguration : IEntityTypeConfiguration<SampledResult>
{
    public void Configure(EntityTypeBuilder<SampledResult> b)
    {
        b.ToTable("sampling_results");
        b.Property(s => s.WorkOrderNumber).HasMaxLength(ThirdPartySampling.NumberLength);
        b.Property(s => s.Comment).HasMaxLength(Limits.Reason);
        b.Property(s => s.Agency).HasMaxLength(Limits.Name);
        b.HasIndex(s => s.BatchId);
        b.HasIndex(s => s.WorkOrderId).IsUnique();
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(s => s.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
