using Hotline.Domain;
using Hotline.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Supervision;

/// <summary>Issue 16: special reports (专报) and the instruction notices they link to (M0059).</summary>
internal sealed class SpecialReportConfiguration : IEntityTypeConfiguration<SpecialReport>
{
    public void Configure(EntityTypeBuilder<SpecialReport> b)
    {
        b.ToTable("supervision_special_reports");
        b.Property(r => r.NoticeNumber).HasMaxLength(SupervisionLimits.Number);
        b.Property(r => r.UnitPath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(r => r.Title).HasMaxLength(Limits.ShortText);
        b.Property(r => r.Body).HasMaxLength(Limits.ArticleBody);
        b.Property(r => r.CreatedByName).HasMaxLength(Limits.Name);
        b.Property(r => r.AuthorUnitName).HasMaxLength(Limits.LongName);
        b.Property(r => r.AuthorScopePath).HasMaxLength(Domain.Organisation.Unit.MaxPathLength);
        b.Property(r => r.SentToName).HasMaxLength(Limits.Name);
        b.Property(r => r.InstructionText).HasMaxLength(Limits.LongText);
        b.Property(r => r.InstructedByName).HasMaxLength(Limits.Name);
        b.Property(r => r.InstructionUnitName).HasMaxLength(Limits.LongName);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<SupervisionNotice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.InstructionNotice).WithMany().HasForeignKey(r => r.InstructionNoticeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.NoticeId);
        b.HasIndex(r => r.InstructionNoticeId);
        b.HasIndex(r => r.SentToUserId);
        b.Ignore(r => r.Author);
    }
}
