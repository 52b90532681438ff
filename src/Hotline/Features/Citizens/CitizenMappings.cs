using Hotline.Domain;
using Hotline.Domain.Citizens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Citizens;

/// <summary>The length of a SHA-256 in hex: phone keys, code and key hashes.</summary>
internal static class HashColumn
{
    public const int Length = 64;
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> b)
    {
        b.ToTable("citizen_codes");
        b.Property(c => c.PhoneKey).HasMaxLength(HashColumn.Length);
        b.Property(c => c.Salt).HasMaxLength(32);
        b.Property(c => c.CodeHash).HasMaxLength(HashColumn.Length);
        b.Property(c => c.ClientAddress).HasMaxLength(64);
        b.HasIndex(c => new { c.PhoneKey, c.CreatedAtUtc });
        b.HasIndex(c => new { c.ClientAddress, c.CreatedAtUtc });
        b.HasIndex(c => c.ExpiresAtUtc);
    }
}

internal sealed class ChannelKeyConfiguration : IEntityTypeConfiguration<ChannelKey>
{
    public void Configure(EntityTypeBuilder<ChannelKey> b)
    {
        b.ToTable("channel_keys");
        b.Property(k => k.Name).HasMaxLength(Limits.Name);
        b.Property(k => k.KeyHash).HasMaxLength(HashColumn.Length);
        b.Property(k => k.KeyPrefix).HasMaxLength(16);
        b.Property(k => k.PreviousKeyHash).HasMaxLength(HashColumn.Length);
        b.Property(k => k.CreatedByName).HasMaxLength(Limits.Name);
        b.Property(k => k.RevokedByName).HasMaxLength(Limits.Name);
        b.Property(k => k.Version).IsConcurrencyToken();
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasIndex(k => k.PreviousKeyHash);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.ToTable("citizen_submissions");
        b.Property(s => s.Number).HasMaxLength(32);
        b.Property(s => s.Phone).HasMaxLength(Limits.Phone);
        b.Property(s => s.PhoneKey).HasMaxLength(HashColumn.Length);
        b.Property(s => s.CitizenName).HasMaxLength(Limits.Name);
        b.Property(s => s.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(s => s.RegionCode).HasMaxLength(Limits.Code);
        b.Property(s => s.Address).HasMaxLength(Limits.ShortText);
        b.Property(s => s.Description).HasMaxLength(Limits.LongText);
        b.Property(s => s.Demand).HasMaxLength(Limits.MediumText);
        b.Property(s => s.DecidedByName).HasMaxLength(Limits.Name);
        b.Property(s => s.RefusalMessage).HasMaxLength(Limits.Reason);
        b.Property(s => s.WorkOrderNumber).HasMaxLength(32);
        b.Property(s => s.Title).HasMaxLength(Limits.ShortText);
        b.Property(s => s.ConsentToPublish).HasDefaultValue(false);
        b.Property(s => s.AddressKey).HasMaxLength(HashColumn.Length);
        b.Property(s => s.TextHash).HasMaxLength(HashColumn.Length);
        b.HasIndex(s => new { s.AddressKey, s.SubmittedAtUtc });
        b.HasIndex(s => s.TextHash);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.Number).IsUnique();
        b.HasIndex(s => s.PhoneKey);
        b.HasIndex(s => new { s.State, s.SubmittedAtUtc });
        b.HasIndex(s => s.WorkOrderId);
    }
}
