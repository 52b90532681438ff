using Hotline.Domain;
using Hotline.Domain.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Attachments;

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> b)
    {
        b.ToTable("uploads");
        b.Property(u => u.Name).HasMaxLength(Limits.ShortText);
        b.Property(u => u.ContentType).HasMaxLength(Limits.LongName);
        b.Property(u => u.Sha256).HasMaxLength(64);
        b.Property(u => u.StorageKey).HasMaxLength(Limits.StorageKey);
        b.Ignore(u => u.ThumbnailKey);
        b.Ignore(u => u.IsUnclaimed);
        // An order's files, and the sweep's "not attached, older than" (work_order_id IS NULL AND created_utc < …).
        b.HasIndex(u => new { u.WorkOrderId, u.CreatedUtc });
        b.HasIndex(u => u.AppealId); // an appeal's evidence (issue 18)
        b.Property(u => u.CitizenPhoneKey).HasMaxLength(64);
        b.HasIndex(u => new { u.CitizenPhoneKey, u.CreatedUtc }); // a phone's uploads of the last hour (the rate limit)
        b.HasIndex(u => u.SubmissionId); // a submission's photos
    }
}
