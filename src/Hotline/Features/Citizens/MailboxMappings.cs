using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Citizens;

internal sealed class InterceptionConfiguration : IEntityTypeConfiguration<Interception>
{
    public void Configure(EntityTypeBuilder<Interception> b)
    {
        b.ToTable("interceptions");
        b.Ignore(i => i.IsReleased);
        b.Property(i => i.MaskedPhone).HasMaxLength(Limits.Phone);
        b.Property(i => i.PhoneKey).HasMaxLength(HashColumn.Length);
        b.Property(i => i.AddressKey).HasMaxLength(HashColumn.Length);
        b.Property(i => i.Evidence).HasMaxLength(Limits.LongText);
        b.Property(i => i.Payload).HasMaxLength(Limits.JsonText);
        b.Property(i => i.ReleasedByName).HasMaxLength(Limits.Name);
        b.Property(i => i.ReleaseReason).HasMaxLength(Limits.Reason);
        b.Property(i => i.ReleasedAs).HasMaxLength(32);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.Day, i.Rule });
        b.HasIndex(i => i.InterceptedAtUtc);
    }
}

internal sealed class InterceptionWordConfiguration : IEntityTypeConfiguration<InterceptionWord>
{
    public void Configure(EntityTypeBuilder<InterceptionWord> b)
    {
        b.ToTable("interception_words");
        b.Property(w => w.Word).HasMaxLength(Limits.Name);
        b.Property(w => w.Normalised).HasMaxLength(Limits.Name);
        b.Property(w => w.CreatedByName).HasMaxLength(Limits.Name);
        b.HasIndex(w => w.Normalised).IsUnique();
    }
}

internal sealed class PublishedLetterConfiguration : IEntityTypeConfiguration<PublishedLetter>
{
    public void Configure(EntityTypeBuilder<PublishedLetter> b)
    {
        b.ToTable("published_letters");
        b.Ignore(l => l.IsPublished);
        b.Property(l => l.SubmissionNumber).HasMaxLength(32);
        b.Property(l => l.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(l => l.Title).HasMaxLength(Limits.ShortText);
        b.Property(l => l.Letter).HasMaxLength(Limits.LongText);
        b.Property(l => l.Reply).HasMaxLength(Limits.LongText);
        b.Property(l => l.PublishedByName).HasMaxLength(Limits.Name);
        b.Property(l => l.UnpublishedByName).HasMaxLength(Limits.Name);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => l.SubmissionId).IsUnique();
        b.HasIndex(l => l.PublishedAtUtc);
    }
}
