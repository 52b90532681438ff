using System.Globalization;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>What a run found: the reading the stored entities now agree with, and what reading every order again changed (null when it was already current).</summary>
public sealed record EntityRereadResult(string Reading, EntityBackfillProgress? Reread);

/// <summary>
/// Issue 19: keeps every order's stored entities what the extractor reads now, without an operator. Once at start and then
/// every <see cref="MinutesKey"/> minutes it compares the reading a server would make now (<see cref="EntityReading.MarkerOf"/>:
/// the rules' version, the fingerprint of the active units and the centre's dictionary) with the one recorded. When they
/// differ — a release changed the rules, a unit was added, renamed or closed, the centre edited its dictionary — it gives
/// this node's extractor the new names and reads every order again (<see cref="EntityBackfill"/> with <c>all</c>, batches
/// of <see cref="Batch"/>), recording its progress after each batch, so a stopped server goes on where it stopped; then it
/// records the new reading. With several nodes one works at a time (<see cref="JobLease"/>). <c>hotline entities backfill
/// --all</c> is the same run, asked for by hand.
/// </summary>
public sealed class EntityRereadJob(
    IServiceScopeFactory scopes, IServiceProvider services, WorkOrderEntityExtractor entities, IConfiguration configuration, TimeProvider time, ILogger<EntityRereadJob> logger)
    : BackgroundService
{
    /// <summary>How often the reading is compared, in minutes (default 5, as the repeat index reads the dictionary); 0 turns the schedule off.</summary>
    public const string MinutesKey = "SmartDispatch:EntityRereadMinutes";

    public const double DefaultMinutes = 5;

    /// <summary>Orders per batch: each batch holds its orders (on SQLite, the database's write lock) while it reads them.</summary>
    public const int Batch = 500;

    private readonly JobLease _lease = new(JobLock.EntityReread);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Compares the readings and reads every order again when they differ (or, with <paramref name="force"/>, even when
    /// they agree); a run of the same reading that was stopped goes on where it stopped. Null when another node holds the job.
    /// </summary>
    public Task<EntityRereadResult?> RunOnceAsync(
        bool force = false, int batch = Batch, IProgress<EntityBackfillProgress>? progress = null, CancellationToken ct = default) =>
        _lease.RunAsync<EntityRereadResult?>(scopes, null, (_, db, token) => RereadAsync(db, force, batch, progress, token), ct);

    /// <summary>
    /// The order id a run asked for now starts after: where a stopped run of the current reading stopped, otherwise 0
    /// (what <c>hotline entities backfill --all</c> counts its progress from).
    /// </summary>
    public async Task<long> ResumesAfterAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var (_, marker) = await ReadingNowAsync(db, ct);
        return await Mine(db, marker).Select(r => (long?)r.AfterId).SingleOrDefaultAsync(ct) ?? 0;
    }

    /// <summary>The names this node would read with now (the active units and the centre's file), and their reading's marker.</summary>
    private async Task<(IReadOnlyList<EntityDictionaryEntry> Entries, string Marker)> ReadingNowAsync(HotlineDbContext db, CancellationToken ct)
    {
        var (entries, _, _) = await EntityNames.EntriesAsync(db, configuration[EntityNames.DictionaryKey], ct);
        return (entries, EntityReading.MarkerOf(entries));
    }

    private async Task<EntityRereadResult?> RereadAsync(HotlineDbContext db, bool force, int batch, IProgress<EntityBackfillProgress>? progress, CancellationToken ct)
    {
        var (entries, marker) = await ReadingNowAsync(db, ct);
        var row = await db.Set<EntityReading>().SingleOrDefaultAsync(r => r.Id == EntityReading.Key, ct);
        if (row is null)
        {
            // Migration 0077 made the table empty: whoever stored the orders before, their reading is not known.
            row = new EntityReading();
            db.Add(row);
        }
        else if (row.Reading == marker && row.Pending is null && !force)
        {
            return new EntityRereadResult(marker, null);
        }

        var extractor = new EntityExtractor(entries);
        entities.Use(extractor); // this node's next registrations read as the run does
        if (row.Pending != marker)
        {
            (row.Pending, row.AfterId) = (marker, 0);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Entities: reading every order again from id {AfterId} ({Reading}; recorded: {Recorded})", row.AfterId, marker, row.Reading);
        var done = await EntityBackfill.RunAsync(services, extractor, batch, row.AfterId, progress, ct, all: true, committed: (step, token) =>
            Mine(db, marker).ExecuteUpdateAsync(s => s.SetProperty(r => r.AfterId, step.LastId), token));
        var at = time.GetUtcNow().UtcDateTime;
        var recorded = await Mine(db, marker).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Reading, marker).SetProperty(r => r.Pending, (string?)null).SetProperty(r => r.AfterId, 0L).SetProperty(r => r.ReadAtUtc, at), ct);
        logger.LogInformation(
            "Entities: read {Scanned} orders again, {Changed} changed ({Added} rows added, {Removed} removed); {Outcome}",
            done.Scanned, done.Changed, done.Added, done.Removed, recorded == 1 ? "recorded " + marker : "a later run took over");
        return new EntityRereadResult(marker, done);
    }

    /// <summary>The row while the run in progress is this reading's (a process that read other names meanwhile took it over).</summary>
    private static IQueryable<EntityReading> Mine(HotlineDbContext db, string marker) =>
        db.Set<EntityReading>().Where(r => r.Id == EntityReading.Key && r.Pending == marker);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = double.TryParse(configuration[MinutesKey], NumberStyles.Float, CultureInfo.InvariantCulture, out var set) ? set : DefaultMinutes;
        if (minutes <= 0)
        {
            return;
        }

        await Task.Yield(); // the first run is not part of the server's start
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        do
        {
            try
            {
                await RunOnceAsync(ct: stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Entities: reading the orders again failed; the next run goes on where it stopped");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
