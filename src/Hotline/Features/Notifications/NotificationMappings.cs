using Hotline.Domain;
using Hotline.Domain.Notifications;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Ignore(n => n.Audience);
        b.Property(n => n.WorkOrderNumber).HasMaxLength(Limits.Reference);
        b.Property(n => n.Facts).HasMaxLength(Limits.LongText).AsJsonText();
        b.Property(n => n.AcknowledgedByName).HasMaxLength(Limits.LongName);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasIndex(n => n.RecipientUserId);
        b.HasIndex(n => new { n.RecipientUnitId, n.CreatedAtUtc });
        b.HasIndex(n => new { n.RecipientRole, n.CreatedAtUtc });
        b.HasIndex(n => n.EscalateAtUtc);
        b.HasIndex(n => n.SourceEventId);
    }
}
