using Hotline.Domain;
using Hotline.Domain.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Chat;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("chat_conversations");
        b.Property(c => c.Phone).HasMaxLength(Limits.Phone);
        b.Property(c => c.AgentName).HasMaxLength(Limits.Name);
        b.Property(c => c.WorkOrderNumber).HasMaxLength(32);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsOpen);
        b.HasIndex(c => new { c.State, c.QueuedAtUtc });
        b.HasIndex(c => c.StartedAtUtc);
        b.HasIndex(c => new { c.State, c.LastActivityAtUtc }); // the idle sweep
        b.HasIndex(c => c.WorkOrderId);
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.ToTable("chat_messages");
        b.Property(m => m.Text).HasMaxLength(ChatRules.MessageLength);
        b.Property(m => m.ArticleTitle).HasMaxLength(Limits.ShortText);
        b.Ignore(m => m.IsCitizenSafe);
        b.HasIndex(m => new { m.ConversationId, m.Id });
    }
}
