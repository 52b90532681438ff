namespace Hotline.Domain.Chat;

/// <summary>Who wrote a line of the transcript. <see cref="Note"/> lines are the staff's own record (a reveal), never shown to the citizen.</summary>
public enum ChatSender
{
    Citizen,
    Assistant,
    Agent,
    System,
    Note,
}

/// <summary>One line of a conversation's transcript, with the knowledge article it cites, if any.</summary>
public sealed class ChatMessage
{
    private ChatMessage()
    {
    }

    public long Id { get; private set; }

    public long ConversationId { get; private set; }

    public ChatSender Sender { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public long? ArticleId { get; private set; }

    public string? ArticleTitle { get; private set; }

    public DateTime AtUtc { get; private set; }

    public static ChatMessage Create(long conversationId, ChatSender sender, string text, DateTime atUtc, long? articleId = null, string? articleTitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new ChatMessage
        {
            ConversationId = conversationId,
            Sender = sender,
            Text = ChatRules.Clip(text, Limits.MediumText),
            ArticleId = articleId,
            ArticleTitle = articleTitle is null ? null : ChatRules.Clip(articleTitle, Limits.ShortText),
            AtUtc = atUtc,
        };
    }

    /// <summary>What the citizen sees of the transcript: everything but the staff's notes.</summary>
    public bool IsCitizenSafe => Sender != ChatSender.Note;
}
