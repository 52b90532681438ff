using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.WorkOrders;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Hotline.Text;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Intake;

/// <summary>The state of this node's repeat index, for the responses and the logs.</summary>
public sealed record RepeatIndexStatus(bool Warming, int Indexed, DateTimeOffset? WarmedAt, double? WarmUpSeconds);

/// <summary>
/// The repeat index (<see cref="RepeatIndex"/>) of this server node, kept current from the database: at start-up it is
/// warmed in the background with the orders of the last 90 days (the same-caller window), then it follows the timeline
/// once a second (registrations and corrections), every <see cref="EntityRefresh"/> it reads the entity dictionary again
/// (the unit tree and the centre's file: a change reaches the node without a restart), and once a day it drops what has
/// left the window. Requests never wait:
/// during the warm-up they search what is loaded so far and say so.
/// </summary>
public sealed class RepeatCandidateIndex(
    IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, JobHeartbeats heartbeats, ILogger<RepeatCandidateIndex> logger, IConfiguration? configuration = null,
    WorkOrderEntityExtractor? entities = null)
    : BackgroundService
{
    /// <summary>The centre's own entity names, one a line ("name" or "name&lt;TAB&gt;kind"), read at the warm-up and every <see cref="EntityRefresh"/>.</summary>
    public const string DictionaryKey = EntityNames.DictionaryKey;

    private RepeatIndex _index = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimelineFeed _feed = TimelineFeed.InMemory();
    private volatile bool _following;
    private volatile bool _warming = true;
    private DateTimeOffset? _warmedAt;
    private double? _warmUpSeconds;
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _entitiesAt = DateTimeOffset.MinValue;
    private ulong? _entitiesFingerprint;

    /// <summary>How often the node reads the unit tree and the centre's dictionary file again (a unit added or renamed, the file edited).</summary>
    public static readonly TimeSpan EntityRefresh = TimeSpan.FromMinutes(5);

    public RepeatOptions Rules => _index.Options;

    public RepeatIndexStatus Status => new(_warming, _index.Count, _warmedAt, _warmUpSeconds);


    public static RepeatDocument Document(long id, string subject, string events, string demand, DateTime registeredAtUtc, string? phone, string? regionCode) =>
        new(id.ToString(CultureInfo.InvariantCulture), WorkOrderText.Of(subject, events, demand), new DateTimeOffset(registeredAtUtc, TimeSpan.Zero), phone, WorkOrderText.PlaceOf(regionCode));

    public IReadOnlyList<RepeatCandidate> Find(RepeatDocument query, int max) =>
        // The same order can be in the index twice (registered during the warm-up, or corrected): keep its best match.
        _index.Find(query, max * 2).GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.First()).Take(max).ToList();

    /// <summary>Loads the orders registered within the caller window; the timeline position is taken first, so nothing is missed.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var (entries, file, fromFile) = await EntityNames.EntriesAsync(db, configuration?[DictionaryKey], ct);
            if (file is not null)
            {
                logger.LogInformation("Entity dictionary: {Count} names from {File}", fromFile, file);
            }

            var extractor = new EntityExtractor(entries);
            // One extractor per node: the orders' stored entities are found with the dictionary this index uses.
            entities?.Use(extractor);
            (_entitiesFingerprint, _entitiesAt) = (EntityNames.Fingerprint(entries), time.GetUtcNow());
            // A query during the swap reads the old (empty) index; it is left to the collector, not disposed under a reader.
            _index = new RepeatIndex(_index.Options, extractor);
            await _feed.StartAtEndAsync(db, ct);
            var since = time.GetUtcNow().UtcDateTime - _index.Options.CallerWindow;
            var rows = db.Set<WorkOrder>().AsNoTracking()
                .Where(w => w.RegisteredAtUtc >= since)
                .OrderBy(w => w.RegisteredAtUtc)
                .Select(w => new { w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.CallerPhone, w.RegionCode })
                .AsAsyncEnumerable();
            await foreach (var w in rows.WithCancellation(ct))
            {
                _index.Add(Document(w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.CallerPhone, w.RegionCode));
            }

            _warmUpSeconds = watch.Elapsed.TotalSeconds;
            _warmedAt = time.GetUtcNow();
            _prunedAt = _warmedAt.Value;
            _warming = false;
            _following = true;
            logger.LogInformation("Repeat index: {Count} orders of the last {Days} days loaded in {Seconds:0.0} s", _index.Count, _index.Options.CallerWindow.TotalDays, _warmUpSeconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds the orders registered or corrected since the last call; returns how many were added.</summary>
    public async Task<int> FollowAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_following)
            {
                return 0;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var added = 0;
            TimelinePage<Entry> page;
            do
            {
                // The entries first, then their orders by key: joined in one statement, the planner hashes the whole
                // work-order table once it outgrows its statistics.
                page = await _feed.ReadAsync(db, e => new Entry(e.WorkOrderId, e.Action), ct);
                var ids = page.Entries.Where(r => r.Action is WorkOrderAction.Register or WorkOrderAction.Correct).Select(r => r.WorkOrderId).Distinct().ToList();
                var orders = ids.Count == 0 ? [] : await db.Set<WorkOrder>().AsNoTracking()
                    .Where(w => ids.Contains(w.Id))
                    .Select(w => new { w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.CallerPhone, w.RegionCode })
                    .ToDictionaryAsync(w => w.Id, ct);
                foreach (var id in ids)
                {
                    if (orders.TryGetValue(id, out var w))
                    {
                        _index.Add(Document(w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.CallerPhone, w.RegionCode));
                        added++;
                    }
                }

                await _feed.AdvanceAsync(db, page, ct);
            }
            while (page.Full);

            var now = time.GetUtcNow();
            if (now - _prunedAt >= TimeSpan.FromDays(1))
            {
                _index.RemoveOlderThan(now - _index.Options.CallerWindow);
                _prunedAt = now;
            }

            if (now - _entitiesAt >= EntityRefresh || now < _entitiesAt) // a clock set back counts as due
            {
                await RefreshEntitiesAsync(db, ct);
                _entitiesAt = now;
            }

            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the dictionary again and, when it changed, gives the node's extractor and this index the new one: the next
    /// registrations store the new names, and the next checks find them.
    /// </summary>
    private async Task RefreshEntitiesAsync(HotlineDbContext db, CancellationToken ct)
    {
        var (entries, _, _) = await EntityNames.EntriesAsync(db, configuration?[DictionaryKey], ct);
        var fingerprint = EntityNames.Fingerprint(entries);
        if (fingerprint == _entitiesFingerprint)
        {
            return;
        }

        var extractor = new EntityExtractor(entries);
        entities?.Use(extractor);
        _index.Use(extractor);
        _entitiesFingerprint = fingerprint;
        logger.LogInformation("Entity dictionary reloaded: {Count} names", entries.Count);
    }

    private sealed record Entry(long WorkOrderId, WorkOrderAction Action);

    public override void Dispose()
    {
        _index.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WarmUpAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A feed the warm-up did not place starts at the end of the timeline on its first read.
            logger.LogError(e, "Repeat index: the warm-up failed; it follows new orders only");
            _warming = false;
            _following = true;
        }

        await TimelinePolling.RunAsync(heartbeats, "repeat-index", options.Value.FollowMilliseconds, time, FollowAsync, e => logger.LogWarning(e, "Repeat index: reading the timeline failed"), stoppingToken);
    }
}
