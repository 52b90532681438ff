using Hotline.Domain.Chat;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Chat;

/// <summary>
/// Every minute, closes the conversations in which nobody wrote for <see cref="ChatOptions.IdleMinutes"/> (the rule is
/// <see cref="Conversation.IsIdle"/>), with the reason <see cref="ConversationCloseReason.Idle"/> and a line that tells the
/// citizen. One node at a time (job lease); a conversation changed meanwhile (409 on its version) is left to the next pass.
/// </summary>
public sealed class ChatIdleJob(
    IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, IOptionsMonitor<ChatOptions> options, ChatPush push, ILogger<ChatIdleJob> logger)
    : BackgroundService
{
    public const string HeartbeatName = "chat-idle";

    /// <summary>Conversations closed in one pass at most; the rest wait for the next minute.</summary>
    private const int Batch = 200;

    private readonly JobLease _lease = new(JobLock.ChatIdle);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Closes what is idle now; returns how many conversations were closed.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, CloseIdleAsync, ct);

    private async Task<int> CloseIdleAsync(IServiceProvider _, HotlineDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timeout = options.CurrentValue.IdleTimeout;
        var cutoff = now - timeout;
        // A first cut in the database (no line since the cut-off); the domain's rule decides each one.
        var candidates = await db.Set<Conversation>().AsNoTracking()
            .Where(c => (c.State == ConversationState.Assistant || c.State == ConversationState.WithAgent) && c.LastActivityAtUtc <= cutoff)
            .Where(c => !db.Set<ChatMessage>().Any(m => m.ConversationId == c.Id && m.AtUtc > cutoff))
            .OrderBy(c => c.LastActivityAtUtc).Select(c => c.Id).Take(Batch).ToListAsync(ct);
        var closed = 0;
        foreach (var id in candidates)
        {
            var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == id, ct);
            var lastLine = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.ConversationId == id)
                .OrderByDescending(m => m.Id).Select(m => (DateTime?)m.AtUtc).FirstOrDefaultAsync(ct);
            if (!conversation.IsIdle(lastLine, now, timeout))
            {
                db.ChangeTracker.Clear();
                continue;
            }

            conversation.Close(ConversationCloseReason.Idle, now);
            db.Add(ChatMessage.Create(id, ChatSender.System, ChatTexts.IdleClosed, now));
            try
            {
                await db.SaveChangesAsync(ct);
                closed++;
                await push.ChangedAsync(conversation);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone wrote or acted on it since it was read: not idle after all, or the next pass decides.
            }

            db.ChangeTracker.Clear();
        }

        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} idle chat conversations", closed);
        }

        return closed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(1), time, RunOnceAsync, e => logger.LogError(e, "Closing idle chat conversations failed"), stoppingToken);
}
