using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Chat;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Chat;

/// <summary>A line of the transcript; <c>articleLink</c> is the portal's page of the cited article.</summary>
public sealed record ChatMessageDto(long Id, ChatSender Sender, string Text, long? ArticleId, string? ArticleTitle, string? ArticleLink, DateTimeOffset At)
{
    public static ChatMessageDto From(ChatMessage m) => new(
        m.Id, m.Sender, m.Text, m.ArticleId, m.ArticleTitle, m.ArticleId is { } a ? ChatText.ArticleLink(a) : null, ChinaTime.ToLocal(new DateTimeOffset(m.AtUtc, TimeSpan.Zero)));
}

/// <summary>What the citizen sees: the state, the queue position, the agents' availability, the citizen-safe transcript; never an agent's name.</summary>
public sealed record CitizenConversationDto(
    long Id, ConversationState State, HandoverReason? HandoverReason, bool NeedsVerifiedPhone, int? Position, int AgentsOnline, int AgentsAway,
    string? WorkOrderNumber, IReadOnlyList<ChatMessageDto> Messages);

/// <summary>A started conversation and the key (header <c>X-Chat-Key</c>) that names it.</summary>
public sealed record ChatSessionDto(string Key, CitizenConversationDto Conversation);

public sealed record ChatTicketDto(string Ticket, DateTimeOffset ExpiresAt);

public sealed record CitizenChatMessageRequest([property: MaxLength(ChatRules.MessageLength)] string? Text);

/// <summary>The agent's view of a conversation: the phone masked (reveal it through its endpoint, recorded), the whole transcript.</summary>
public sealed record AgentConversationDto(
    long Id, ConversationState State, string? PhoneMasked, HandoverReason? HandoverReason, DateTimeOffset StartedAt, DateTimeOffset? QueuedAt,
    long? WorkOrderId, string? WorkOrderNumber, long Version, IReadOnlyList<ChatMessageDto> Messages);

/// <summary>A conversation waiting in the queue, as the agents see it.</summary>
public sealed record QueuedConversationDto(long Id, int Position, DateTimeOffset QueuedAt, HandoverReason? HandoverReason, string? PhoneMasked);

/// <summary>The agents' queue: waiting conversations (oldest first), my open ones, and who is online or away.</summary>
public sealed record ChatQueueDto(
    IReadOnlyList<QueuedConversationDto> Queued, IReadOnlyList<QueuedConversationDto> Mine, int AgentsOnline, int AgentsAway, AgentAvailability? MyAvailability);

public sealed record AvailabilityRequest(AgentAvailability? Availability);

public sealed record AgentChatMessageRequest
{
    [MaxLength(ChatRules.MessageLength)]
    public string? Text { get; init; }

    /// <summary>A knowledge article to cite: its title and link are sent with the text.</summary>
    public long? ArticleId { get; init; }
}

public sealed record ChatRevealRequest([property: MaxLength(Limits.Reason)] string? Reason);

public sealed record ChatCaller(string Phone);

public sealed record CloseConversationRequest(long? Version);

/// <summary>Turn the conversation into a work order: a registration (the caller and the channel are the conversation's) with the conversation's version.</summary>
public sealed record ConversationRegisterRequest : RegisterRequest
{
    public long? Version { get; init; }
}

public sealed record ConversationRegistered(AgentConversationDto Conversation, long WorkOrderId, string WorkOrderNumber);

/// <summary>One day's conversations and how many went to a person (the hand-over rate), and why.</summary>
public sealed record HandoverDay(DateOnly Day, int Conversations, int HandedOver, int Requested, int NotConfident, double Rate);

public static class ChatText
{
    public static string ArticleLink(long articleId) => "/portal/knowledge/" + articleId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? MaskedPhone(string? phone) => Masking.Phone(phone);
}
