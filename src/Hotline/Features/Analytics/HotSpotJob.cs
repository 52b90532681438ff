using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.Analytics;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Analytics;

/// <summary>What one run of the hot-spot job did.</summary>
public sealed record HotSpotJobResult(long? RunId, int Orders, int HotSpots, int WarningsRaised, int WarningsUpdated, int SeasonalReminders, double Seconds);

/// <summary>
/// Hot spots and early warning (S11): every <see cref="AnalyticsOptions.HotSpotMinutes"/> it clusters the orders of the
/// current window and the previous one (<see cref="HotSpotDetector"/>: text similarity within a street, time), stores the
/// hot spots with size, growth, place, terms, members and the units concerned, raises or updates warnings for large
/// clusters (hot spot) and new fast-growing ones (emerging issue), and writes the seasonal reminders for next month
/// (<see cref="SeasonalReminders"/>). One node runs it (advisory lock); it can run any number of times.
/// </summary>
public sealed class HotSpotJob(IServiceScopeFactory scopes, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<HotSpotJob> logger) : BackgroundService
{
    private readonly JobLease _lease = new(JobLock.HotSpots);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    public async Task<HotSpotJobResult> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var lease = await _lease.AcquireAsync(db, ct);
        if (lease is null)
        {
            return new HotSpotJobResult(null, 0, 0, 0, 0, 0, 0);
        }

        var watch = Stopwatch.StartNew();
        var settings = options.Value;
        var now = time.GetUtcNow();
        var window = TimeSpan.FromDays(settings.HotSpotWindowDays);
        var since = (now - window - window).UtcDateTime;
        var until = now.UtcDateTime;
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.RegisteredAtUtc > since && w.RegisteredAtUtc <= until && w.MergedIntoId == null)
            .Select(w => new Member(w.Id, w.Subject, w.Events, w.Demand, w.RegisteredAtUtc, w.RegionCode, w.CategoryCode, w.LeadUnitId))
            .ToListAsync(ct);
        var byId = orders.ToDictionary(o => o.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var report = await Task.Run(
            () => HotSpotDetector.Detect(
                orders.Select(o => new HotSpotDocument(o.Id.ToString(CultureInfo.InvariantCulture), WorkOrderText.Of(o.Subject, o.Events, o.Demand),
                    new DateTimeOffset(o.RegisteredAtUtc, TimeSpan.Zero), WorkOrderText.PlaceOf(o.RegionCode))).ToList(),
                new HotSpotOptions { Window = window, End = now, MinSize = settings.HotSpotMinSize }),
            ct);
        var clusters = report.Clusters.Take(settings.HotSpotsStored).ToList();

        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).ToListAsync(ct);
        var unitsById = units.ToDictionary(u => u.Id);
        var places = units.Where(u => u.RegionCode != null && u.Kind is UnitKind.Street or UnitKind.District or UnitKind.Community)
            .GroupBy(u => u.RegionCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Kind == UnitKind.Community).First().Name, StringComparer.Ordinal);

        var run = HotSpotRun.Create(now.UtcDateTime, report.WindowFrom.UtcDateTime, report.WindowTo.UtcDateTime, report.PreviousFrom.UtcDateTime, report.Documents, clusters.Count, 0);
        db.Add(run);
        await db.SaveChangesAsync(ct);
        var spots = new List<HotSpot>();
        var rank = 0;
        foreach (var cluster in clusters)
        {
            var members = cluster.Ids.Select(id => byId[id]).ToList();
            var region = cluster.Place;
            var category = members.GroupBy(m => m.CategoryCode, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            var concerned = await UnitsConcernedAsync(db, members, category, region, unitsById, ct);
            spots.Add(HotSpot.Create(run.Id, ++rank, region, region is null ? null : places.GetValueOrDefault(region), cluster.Size, cluster.PreviousSize, cluster.Growth,
                cluster.Emerging, cluster.From.UtcDateTime, cluster.To.UtcDateTime, cluster.Terms, members.Select(m => m.Id).ToList(), category, concerned));
        }

        db.AddRange(spots);
        await db.SaveChangesAsync(ct);
        var (raised, updated) = await RaiseWarningsAsync(db, spots, unitsById, now.UtcDateTime, window, ct);
        var seasonal = await SeasonalReminders.RunAsync(db, now, settings, ct);

        var retain = now.UtcDateTime - TimeSpan.FromDays(settings.HotSpotRetainDays);
        await db.Set<HotSpotRun>().Where(r => r.RanAtUtc < retain).ExecuteDeleteAsync(ct);
        await db.Set<HotSpotRun>().Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DurationMs, (int)watch.ElapsedMilliseconds), ct);
        var result = new HotSpotJobResult(run.Id, report.Documents, spots.Count, raised, updated, seasonal, watch.Elapsed.TotalSeconds);
        logger.LogInformation(
            "Hot spots: {Orders} orders, {HotSpots} hot spots, {Raised} warnings raised, {Updated} updated, {Seasonal} seasonal reminders, in {Seconds:0.0} s",
            result.Orders, result.HotSpots, raised, updated, seasonal, result.Seconds);
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
    /// new warning is raised when the cluster is large (hot spot) or new and fast-growing (emerging issue).
    /// </summary>
    private async Task<(int Raised, int Updated)> RaiseWarningsAsync(HotlineDbContext db, List<HotSpot> spots, Dictionary<long, Unit> units, DateTime now, TimeSpan window, CancellationToken ct)
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
                same.Follow(kind ?? same.Kind, spot, k => Title(k, spot, window), now);
                same.RouteAlsoTo(routed);
                updated++;
            }
            else if (kind is { } k)
            {
                var warning = EarlyWarning.ForCluster(k, $"cluster:{spot.RegionCode ?? "-"}:{spot.OrderIds[0]}:{spot.RunId}", spot, t => Title(t, spot, window), now, routed);
                db.Add(warning);
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
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Hot spots: the run failed");
            }
        }
    }
}
