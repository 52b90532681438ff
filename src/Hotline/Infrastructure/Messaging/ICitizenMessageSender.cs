using Hotline.Domain.CitizenMessages;

namespace Hotline.Infrastructure.Messaging;

/// <summary>A message on its way to a citizen's phone.</summary>
/// <param name="Id">The outbox row's id; 0 for a one-time code, which is sent at once and never stored.</param>
/// <param name="Purpose">Issue 18: what a one-time code is for (track, submit), for the log.</param>
/// <param name="Code">Issue 18: a one-time code itself, kept by the development sink only (its test endpoint reads it).</param>
public sealed record OutgoingCitizenMessage(long Id, CitizenMessageKind Kind, string Recipient, string Text, string? Purpose = null, string? Code = null);

/// <summary>
/// Sends messages to citizens (an SMS gateway in production). The outbox job calls it; it throws when the message was not
/// accepted, and the job retries. Issue 15 tells callers their request was dispatched; issue 18 sends one-time codes.
/// </summary>
public interface ICitizenMessageSender
{
    Task SendAsync(OutgoingCitizenMessage message, CancellationToken ct);
}
