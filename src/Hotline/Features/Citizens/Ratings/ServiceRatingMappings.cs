using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Citizens.Ratings;

internal sealed class ServiceRatingConfiguration : IEntityTypeConfiguration<ServiceRating>
{
    public void Configure(EntityTypeBuilder<ServiceRating> b)
    {
        b.ToTable("service_ratings");
        b.Ignore(r => r.FollowedUpInTime);
        b.Property(r => r.WorkOrderNumber).HasMaxLength(32);
        b.HasUnitReference(r => r.UnitPath, r => r.UnitName);
        b.Property(r => r.Comment).HasMaxLength(Limits.Reason);
        b.Property(r => r.FollowUpNote).HasMaxLength(Limits.Reason);
        b.Property(r => r.FollowedUpByName).HasMaxLength(Limits.Name);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.WorkOrderId).IsUnique();
        b.HasIndex(r => r.RatedAtUtc);
        b.HasIndex(r => new { r.IsBad, r.FollowedUpAtUtc, r.FollowUpDueUtc }).HasDatabaseName("ix_service_ratings_follow_up");
    }
}
