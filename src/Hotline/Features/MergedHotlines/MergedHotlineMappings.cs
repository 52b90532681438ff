using Hotline.Domain;
using Hotline.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.MergedHotlines;

internal sealed class MergedHotlineConfiguration : IEntityTypeConfiguration<MergedHotline>
{
    public void Configure(EntityTypeBuilder<MergedHotline> b)
    {
        b.ToTable("merged_hotlines");
        b.Property(h => h.Number).HasMaxLength(MergedHotline.NumberLength);
        b.Property(h => h.Name).HasMaxLength(Limits.LongName);
        b.Property(h => h.OwnerUnitName).HasMaxLength(Unit.MaxNameLength);
        b.Property(h => h.OwnerLevel).HasMaxLength(32);
        b.Property(h => h.Mode).HasMaxLength(32);
        b.Property(h => h.State).HasMaxLength(32);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => h.Number).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(h => h.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(h => h.SubCentreUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
