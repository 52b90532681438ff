using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Timeline;

/// <summary>
/// A background follower of the timeline with a stored cursor, one node at a time (job lease): each page of new entries
/// is handed to <see cref="HandleAsync"/>, whose additions are saved with the feed's new position in one transaction.
/// After a restart the look-back's entries come again, so <see cref="HandleAsync"/> must be idempotent. Workbench
/// notifications and messages to citizens follow the timeline this way.
/// </summary>
public abstract class StoredTimelineFollower(
    string cursorName, JobLock jobLock, IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, JobHeartbeats heartbeats, ILogger logger)
    : BackgroundService
{
    private readonly JobLease _lease = new(jobLock);
    private readonly TimelineFeed _feed = TimelineFeed.Stored(cursorName);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The clock the follower runs on.</summary>
    protected TimeProvider Time => time;

    /// <summary>Where the follower's database contexts come from (e.g. a second one for a rebuild's reads).</summary>
    protected IServiceScopeFactory Scopes => scopes;

    public sealed override void Dispose()
    {
        _lease.Dispose();
        _gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Reads what is new on the timeline; returns what <see cref="HandleAsync"/> counted. One run at a time in this process
    /// (the feed is read from one task at a time): a call while the background loop runs waits for it and then finds the rest.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await _lease.RunAsync(scopes, 0, async (_, db, token) =>
            {
                var handled = 0;
                TimelinePage<WorkOrderEvent> page;
                do
                {
                    page = await _feed.ReadAsync(db, e => e, token, Actions);
                    handled += await HandleAsync(db, page.Entries, token);
                    await _feed.AdvanceAsync(db, page, token);
                    db.ChangeTracker.Clear();
                }
                while (page.Full);

                return handled;
            }, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as this follower's one writer (same gate, same job lease as a pass), e.g. a rebuild of
    /// what it maintains; <c>default</c> when another node holds the lease. The work saves what it changes itself.
    /// </summary>
    protected async Task<T?> RunExclusiveAsync<T>(Func<HotlineDbContext, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await _lease.RunAsync<T?>(scopes, default, async (_, db, token) => await work(db, token), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The actions whose entries <see cref="HandleAsync"/> is given; the others are passed over unread.</summary>
    protected abstract IReadOnlySet<WorkOrderAction> Actions { get; }

    /// <summary>Adds to <paramref name="db"/> what the entries call for (not saved here); returns how many things it added.</summary>
    protected abstract Task<int> HandleAsync(HotlineDbContext db, IReadOnlyList<WorkOrderEvent> entries, CancellationToken ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TimelinePolling.RunAsync(heartbeats, cursorName, options.Value.FollowMilliseconds, time, RunOnceAsync, e => logger.LogWarning(e, "Following the timeline ({Cursor}) failed", cursorName), stoppingToken);
}
