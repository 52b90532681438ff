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
    /// <summary>The messages kept: the last ones only, so a long development session does not grow without end.</summary>
    public const int MaxKept = 1000;

    private readonly ConcurrentQueue<OutgoingCitizenMessage> _sent = new();

    /// <summary>What was "sent", oldest first.</summary>
    public IReadOnlyCollection<OutgoingCitizenMessage> Sent => _sent.ToArray();

    public Task SendAsync(OutgoingCitizenMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        _sent.Enqueue(message);
        while (_sent.Count > MaxKept && _sent.TryDequeue(out _))
        {
        }

        if (message.Code is not null)
        {
            // Development only (this sink exists nowhere else): the code is shown so that a developer can sign in; the
            // number stays masked.
            logger.LogInformation("One-time code for {Purpose} to {Phone}: {Code} (development sink)", message.Purpose, Masking.Phone(message.Recipient), message.Code);
        }
        else
        {
            logger.LogInformation("Citizen message {Id} ({Kind}) to {Phone}: kept by the development sink", message.Id, message.Kind, Masking.Phone(message.Recipient));
        }

        return Task.CompletedTask;
    }

    /// <summary>Issue 18: the last one-time code sent to a phone (the development test endpoint), or null.</summary>
    public string? LastCodeFor(string phone) =>
        _sent.Reverse().FirstOrDefault(m => m.Code is not null && m.Recipient == phone)?.Code;
}
