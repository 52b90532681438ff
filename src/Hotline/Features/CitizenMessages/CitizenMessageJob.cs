using Hotline.Domain.CitizenMessages;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.CitizenMessages;

/// <summary>
/// Every 10 seconds, sends the outbox's pending messages through <see cref="ICitizenMessageSender"/>, oldest first; a
/// refused message is retried on the next passes and marked failed after <see cref="CitizenMessage.MaxAttempts"/>. One
/// node at a time (job lease). Without a sender (outside Development, no gateway configured) the messages wait.
/// </summary>
public sealed class CitizenMessageJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<CitizenMessageJob> logger) : BackgroundService
{
    public const string HeartbeatName = "citizen-messages";

    private readonly JobLease _lease = new(JobLock.CitizenMessageSender);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Sends what is pending; returns the number of messages sent.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, SendAsync, ct);

    private async Task<int> SendAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var sender = services.GetService<ICitizenMessageSender>();
        if (sender is null)
        {
            return 0;
        }

        var pending = await db.Set<CitizenMessage>().Where(m => m.State == CitizenMessageState.Pending).OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in pending)
        {
            try
            {
                await sender.SendAsync(new OutgoingCitizenMessage(message.Id, message.Kind, message.Recipient, message.Text), ct);
                message.Sent(time.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The gateway's error may quote the number: the log names the message and the masked phone only.
                logger.LogWarning("Citizen message {Id} to {Phone} was not accepted ({Error})", message.Id, Masking.Phone(message.Recipient), e.GetType().Name);
                message.AttemptFailed(e.GetType().Name);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromSeconds(10), time, RunOnceAsync, e => logger.LogError(e, "Sending citizen messages failed"), stoppingToken);
}
