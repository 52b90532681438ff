using System.Collections.Concurrent;
using Hotline.Domain.WorkOrders;

namespace Hotline.Infrastructure.Messaging;

/// <summary>
/// Development only: keeps what would have been sent, in memory, and logs each message with its phone masked. Nothing
/// leaves the machine. Outside Development a real gateway is registered as <see cref="ICitizenMessageSender"/>, or the
/// outbox keeps its messages pending.
/// </summary>
public sealed class DevelopmentCitizenMessageSink(ILogger<DevelopmentCitizenMessageSink> logger) : ICitizenMessageSender
{
    private readonly ConcurrentQueue<OutgoingCitizenMessage> _sent = new();

    /// <summary>What was "sent", oldest first.</summary>
    public IReadOnlyCollection<OutgoingCitizenMessage> Sent => _sent.ToArray();

    public Task SendAsync(OutgoingCitizenMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        _sent.Enqueue(message);
        logger.LogInformation("Citizen message {Id} ({Kind}) to {Phone}: kept by the development sink", message.Id, message.Kind, Masking.Phone(message.Recipient));
        return Task.CompletedTask;
    }
}
