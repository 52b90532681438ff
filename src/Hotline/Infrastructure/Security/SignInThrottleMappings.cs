using Hotline.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Infrastructure.Security;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.ToTable("sign_in_throttles");
        b.HasKey(t => new { t.Scope, t.Subject });
        b.Property(t => t.Subject).HasMaxLength(SignInThrottle.MaxSubjectLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        // Rows without a failure for a day are deleted by this index; an administrator's unlock finds an account's by the other.
        b.HasIndex(t => t.LastFailureUtc);
        b.HasIndex(t => t.UserId);
    }
}

internal sealed class SignInEventConfiguration : IEntityTypeConfiguration<SignInEvent>
{
    public void Configure(EntityTypeBuilder<SignInEvent> b)
    {
        b.ToTable("sign_in_events");
        // As wide as users.user_name.
        b.Property(e => e.UserName).HasMaxLength(64);
        b.Property(e => e.ActorUserName).HasMaxLength(64);
        b.Property(e => e.Address).HasMaxLength(SignInEvent.MaxAddressLength);
        b.HasIndex(e => e.OccurredAtUtc);
        b.HasIndex(e => e.UserId);
    }
}
