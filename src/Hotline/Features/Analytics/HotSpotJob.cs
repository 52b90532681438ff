using System.Diagnostics;
using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Notifications;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Text;
using Hotline.Text.HotSpots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Analytics;

/// <summary>What one run of the hot-spot job did (for the first period it computed; <paramref name="HotSpots"/> counts both lists).</summary>
public sealed record HotSpotJobResult(long? RunId, int Orders, int HotSpots, int WarningsRaised, int WarningsUpdated, int SeasonalReminders, double Seconds, HotSpotPeriod? Period = null);

/// <summary>
/// Hot spots and early warning (S11): every <see cref="AnalyticsOptions.HotSpotMinutes"/> it computes the periods that
/// are due (<see cref="HotSpotPeriods.Cadence"/>: day and week every run, month every 6 hours, quarter and year daily).
/// For each it finds both lists over the current window and the previous one (<see cref="HotSpotDetector"/>: entities
/// extracted from each order's text, the place at street level, text similarity, time) and stores them with size, growth,
/// entity, place, terms, members and the units concerned; the week's event list raises or updates warnings for large
/// clusters (hot spot) and new fast-growing ones (emerging issue); then it writes the seasonal reminders for next month
/// (<see cref="SeasonalReminders"/>). One node runs it (advisory lock); it can run any number of times.
/// </summary>
public sealed class HotSpotJob(IServiceScopeFactory scopes, IOptions<AnalyticsOptions> options, IConfiguration configuration, TimeProvider time, ILogger<HotSpotJob> logger) : BackgroundService
{
    /// <summary>What a run that computed nothing returns (nothing due, or another node holds the job).</summary>
    private static readonly HotSpotJobResult Nothing = new(null, 0, 0, 0, 0, 0, 0);

    private readonly JobLease _lease = new(JobLock.HotSpots);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Computes one period now (the API's "run"); the week also raises and follows warnings.</summary>
    public Task<HotSpotJobResult> RunOnceAsync(HotSpotPeriod period, CancellationToken ct) => RunAsync([period], ct);

    /// <summary>Computes the week now (the period of early warnings).</summary>
    public Task<HotSpotJobResult> RunOnceAsync(CancellationToken ct) => RunAsync([HotSpotPeriods.Warnings], ct);

    /// <summary>Computes the periods whose latest run is older than their cadence (the schedule).</summary>
    public async Task<HotSpotJobResult> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var latest = await db.Set<HotSpotRun>().AsNoTracking().GroupBy(r => r.Period).Select(g => new { g.Key, Last = g.Max(r => r.RanAtUtc) }).ToListAsync(ct);
        var due = Enum.GetValues<HotSpotPeriod>()
            .Where(p => latest.SingleOrDefault(l => l.Key == p) is not { } last || now - last.Last >= p.Cadence())
            .OrderBy(p => p == HotSpotPeriods.Warnings ? 0 : 1).ThenBy(p => p)
            .ToList();
        return await RunAsync(due, ct);
    }

    private Task<HotSpotJobResult> RunAsync(List<HotSpotPeriod> periods, CancellationToken ct) => periods.Count == 0
        ? Task.FromResult(Nothing)
        : _lease.RunAsync(scopes, Nothing, (_, db, token) => ComputeAsync(db, periods, token), ct);

    private async Task<HotSpotJobResult> ComputeAsync(HotlineDbContext db, List<HotSpotPeriod> periods, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var watch = Stopwatch.StartNew();
        var settings = options.Value;
        var now = time.GetUtcNow();
        var longest = periods.Max(p => p.Length());
        var since = (now - longest - longest).UtcDateTime;
        var until = now.UtcDateTime;
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.RegisteredAtUtc > since && w.RegisteredAtUtc <= until && w.MergedIntoId == null)
            .Select(w => new Member(w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.RegionCode, w.CategoryCode, w.LeadUnitId))
            .ToListAsync(ct);
        // When the centre's orders begin: a period whose previous window starts before that is not compared.
        var historyFrom = await db.Set<WorkOrder>().MinAsync(w => (DateTime?)w.RegisteredAtUtc, ct);
        var byId = orders.ToDictionary(o => o.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var documents = orders.Select(o => new HotSpotDocument(o.Id.ToString(CultureInfo.InvariantCulture), WorkOrderText.Of(o.Subject, o.Events, o.Demand),
            new DateTimeOffset(o.RegisteredAtUtc, TimeSpan.Zero), WorkOrderText.PlaceOf(o.RegionCode), Category.MatterOf(o.CategoryCode))).ToList();
        var extractor = await EntityNames.LoadAsync(db, configuration[EntityNames.DictionaryKey], logger, ct);

        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).ToListAsync(ct);
        var unitsById = units.ToDictionary(u => u.Id);
        var places = units.Where(u => u.RegionCode != null && u.Kind is UnitKind.Street or UnitKind.District or UnitKind.Community)
            .GroupBy(u => u.RegionCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Kind == UnitKind.Community).First().Name, StringComparer.Ordinal);

        HotSpotJobResult? first = null;
        int raised = 0, updated = 0;
        foreach (var period in periods)
        {
            var window = period.Length();
            var report = await Task.Run(
                () => HotSpotDetector.Detect(documents, new HotSpotOptions
                {
                    Window = window,
                    End = now,
                    MinSize = settings.HotSpotMinSize,
                    Entities = extractor,
                    KeywordsFor = settings.HotSpotsStored,
                    HistoryFrom = historyFrom is { } h ? new DateTimeOffset(h, TimeSpan.Zero) : null
                }), ct);
            var events = report.Clusters.Take(settings.HotSpotsStored).ToList();
            var common = report.Common.Take(settings.HotSpotsStored).ToList();
            var run = HotSpotRun.Create(period, now.UtcDateTime, report.WindowFrom.UtcDateTime, report.WindowTo.UtcDateTime, report.PreviousFrom.UtcDateTime, report.Documents, events.Count + common.Count, 0, historyFrom);
            db.Add(run);
            await db.SaveChangesAsync(ct);
            var spots = new List<HotSpot>();
            foreach (var (list, clusters) in new[] { (HotSpotListKind.Events, events), (HotSpotListKind.Common, common) })
            {
                var rank = 0;
                foreach (var cluster in clusters)
                {
                    var members = cluster.Ids.Select(id => byId[id]).ToList();
                    var region = cluster.Place;
                    var category = members.GroupBy(m => m.CategoryCode, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
                    var concerned = await UnitsConcernedAsync(db, members, category, region, unitsById, ct);
                    var entity = cluster.Entity is { Length: > Limits.LongName } long_ ? long_[..Limits.LongName] : cluster.Entity;
                    spots.Add(HotSpot.Create(run.Id, list, ++rank, entity, cluster.Places, region, region is null ? null : places.GetValueOrDefault(region), cluster.Size, cluster.PreviousSize,
                        cluster.Growth, cluster.Emerging, cluster.From.UtcDateTime, cluster.To.UtcDateTime, cluster.Terms, members.Select(m => m.Id).ToList(), category, concerned));
                }
            }

            db.AddRange(spots);
            await db.SaveChangesAsync(ct);
            if (period == HotSpotPeriods.Warnings)
            {
                (raised, updated) = await RaiseWarningsAsync(db, spots.Where(s => s.List == HotSpotListKind.Events).ToList(), run.Compared, unitsById, now.UtcDateTime, window, ct);
            }

            await db.Set<HotSpotRun>().Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DurationMs, (int)watch.ElapsedMilliseconds), ct);
            first ??= new HotSpotJobResult(run.Id, report.Documents, spots.Count, 0, 0, 0, 0, period);
        }

        var seasonal = await SeasonalReminders.RunAsync(db, now, settings, ct);
        var retain = now.UtcDateTime - TimeSpan.FromDays(settings.HotSpotRetainDays);
        await db.Set<HotSpotRun>().Where(r => r.RanAtUtc < retain).ExecuteDeleteAsync(ct);
        var result = first! with { WarningsRaised = raised, WarningsUpdated = updated, SeasonalReminders = seasonal, Seconds = watch.Elapsed.TotalSeconds };
        logger.LogInformation(
            "Hot spots: {Periods}, {Orders} orders read, {Raised} warnings raised, {Updated} updated, {Seasonal} seasonal reminders, in {Seconds:0.0} s",
            string.Join(",", periods), orders.Count, raised, updated, seasonal, result.Seconds);
        return result;
    }

    private sealed record Member(long Id, string Subject, string Events, string Demand, DateTime RegisteredAtUtc, string? RegionCode, string CategoryCode, long? LeadUnitId);

    /// <summary>
    /// The units a cluster concerns: the lead units holding at least a fifth of its dispatched members (at most three);
    /// when none is dispatched yet, the unit the catalogue (or the territorial rule) gives for its commonest category.
    /// </summary>
    private static async Task<List<long>> UnitsConcernedAsync(HotlineDbContext db, List<Member> members, string category, string? region, Dictionary<long, Unit> units, CancellationToken ct)
    {
        var dispatched = members.Where(m => m.LeadUnitId is { } id && units.ContainsKey(id)).ToList();
        var leads = dispatched.GroupBy(m => m.LeadUnitId!.Value)
            .Where(g => g.Count() * 5 >= dispatched.Count)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Take(3).Select(g => g.Key).ToList();
        if (leads.Count > 0)
        {
            return leads;
        }

        var proposal = await DispatchCatalogue.ProposeAsync(db, category, members.Select(m => m.RegionCode).FirstOrDefault(r => r is not null) ?? region, ct);
        return proposal is null ? [] : [proposal.UnitId];
    }

    /// <summary>
    /// A warning per cluster while it lasts: a cluster that shares at least half of its members (of the smaller side) with a
    /// warning of the same place updated within two windows is the same matter, so that warning follows it; otherwise a
    /// new warning is raised when the cluster is large (hot spot) or new and fast-growing (emerging issue). Each unit a warning
    /// comes to concern is reminded to complete the knowledge base for it (<see cref="KnowledgeReminders"/>), in the same save.
    /// </summary>
    private async Task<(int Raised, int Updated)> RaiseWarningsAsync(HotlineDbContext db, List<HotSpot> spots, bool compared, Dictionary<long, Unit> units, DateTime now, TimeSpan window,
        CancellationToken ct)
    {
        var settings = options.Value;
        var recent = now - window - window;
        var open = await db.Set<EarlyWarning>()
            .Where(w => (w.Kind == EarlyWarningKind.HotSpot || w.Kind == EarlyWarningKind.EmergingIssue) && w.UpdatedAtUtc >= recent)
            .ToListAsync(ct);
        int raised = 0, updated = 0;
        var followed = new HashSet<EarlyWarning>();
        foreach (var spot in spots)
        {
            var kind = spot.Size >= settings.HotSpotAlertSize ? EarlyWarningKind.HotSpot
                : spot.Emerging && spot.Size >= settings.EmergingAlertSize ? EarlyWarningKind.EmergingIssue
                : (EarlyWarningKind?)null;
            var members = spot.OrderIds.ToHashSet();
            var same = open.Where(w => w.RegionCode == spot.RegionCode && !followed.Contains(w))
                .Select(w => (Warning: w, Shared: w.OrderIds.Count(members.Contains) / (double)Math.Max(1, Math.Min(w.OrderIds.Count, members.Count))))
                .Where(p => p.Shared >= 0.5)
                .OrderByDescending(p => p.Shared)
                .Select(p => p.Warning)
                .FirstOrDefault();
            var routed = spot.UnitIds.Where(units.ContainsKey).Select(id => new EarlyWarningUnit(id, units[id].Path, units[id].Name)).ToList();
            if (same is not null)
            {
                followed.Add(same);
                same.Follow(kind ?? same.Kind, spot, compared, k => Title(k, spot, window), now);
                db.AddRange(KnowledgeReminders.For(same, same.RouteAlsoTo(routed), now));
                updated++;
            }
            else if (kind is { } k)
            {
                var warning = EarlyWarning.ForCluster(k, $"cluster:{spot.RegionCode ?? "-"}:{spot.OrderIds[0]}:{spot.RunId}", spot, compared, t => Title(t, spot, window), now, routed);
                db.Add(warning);
                db.AddRange(KnowledgeReminders.For(warning, warning.Units, now));
                open.Add(warning);
                followed.Add(warning);
                raised++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (raised, updated);
    }

    private static string Title(EarlyWarningKind kind, HotSpot spot, TimeSpan window)
    {
        var place = spot.PlaceName ?? spot.RegionCode ?? "no region";
        var terms = string.Join("、", spot.Terms.Take(4));
        return kind switch
        {
            EarlyWarningKind.HotSpot => FormattableString.Invariant($"Hot spot in {place}: {terms} ({spot.Size} orders in {window.TotalDays:0} days)"),
            EarlyWarningKind.EmergingIssue => FormattableString.Invariant($"Emerging issue in {place}: {terms} ({spot.Size} orders, {(spot.PreviousSize == 0 ? "new" : $"×{spot.Growth:0.0}")})"),
            EarlyWarningKind.Seasonal => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.HotSpotMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Hot spots: the run failed");
            }
        }
    }
}
