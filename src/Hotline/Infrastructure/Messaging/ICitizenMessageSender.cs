using Hotline.Domain.CitizenMessages;

namespace Hotline.Infrastructure.Messaging;

/// <summary>A message on its way to a citizen's phone.</summary>
public sealed record OutgoingCitizenMessage(long Id, CitizenMessageKind Kind, string Recipient, string Text);

/// <summary>
/// Sends messages to citizens (an SMS gateway in production). The outbox job calls it; it throws when the message was not
/// accepted, and the job retries. Issue 15 tells callers their request was dispatched; issue 18 sends one-time codes.
/// </summary>
public interface ICitizenMessageSender
{
    Task SendAsync(OutgoingCitizenMessage message, CancellationToken ct);
}
