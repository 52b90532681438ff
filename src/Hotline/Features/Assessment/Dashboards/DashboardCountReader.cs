using Hotline.Domain.Analytics;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>
/// The rows of one dimension of the counts a dashboard adds up: every key, one key, or the keys under a prefix, of the
/// whole platform's counts (<see cref="Scope"/> '') or of one unit subtree's (its path).
/// </summary>
public sealed record CountSelection(string Dimension, string? Key = null, string? KeyPrefix = null, string Scope = DashboardKeys.Platform)
{
    public bool Matches(CountCell cell) =>
        cell.Scope == Scope && cell.Dimension == Dimension && (Key is null || cell.Key == Key) && (KeyPrefix is null || cell.Key.StartsWith(KeyPrefix, StringComparison.Ordinal));
}

/// <summary>How finely a read of the counts is summed: per day, per key, or per day and key.</summary>
public enum CountGrouping
{
    Day,
    Key,
    DayAndKey,
}

/// <summary>A switch for tests and measurements: with <see cref="OrdersOnly"/> every dashboard counts the orders, as before the counts.</summary>
public sealed class DashboardReadOptions
{
    public bool OrdersOnly { get; set; }
}

/// <summary>
/// Reads <c>dashboard_counts</c> exactly as of now: the counts are exact at the facts' follower's cursor, so in one
/// consistent read (<see cref="ReadSnapshot"/>) the orders touched by timeline entries after the cursor (and its look-back,
/// where late commits land) have their stored unit-0 fact's cells taken out and their current cells put in (a unit
/// subtree's cells too: the stored fact keeps the co-units' paths it was counted with). Answers null
/// (the caller counts the orders) when there is no cursor yet or more than <see cref="PendingBound"/> entries wait.
/// </summary>
public sealed class DashboardCountReader(HotlineDbContext db, DashboardReadOptions options)
{
    /// <summary>Timeline entries waiting for the follower beyond which the orders are counted instead (after a bulk load, before the rebuild).</summary>
    public const int PendingBound = 5_000;

    public async Task<List<(DateOnly Day, string Key, long Count)>?> ReadAsync(
        CountSelection selection, DateOnly from, DateOnly to, CountGrouping grouping, CancellationToken ct)
    {
        if (options.OrdersOnly)
        {
            return null;
        }

        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var cursor = await db.Set<TimelineCursor>().AsNoTracking()
            .Where(c => c.Name == AssessmentFollower.CursorName).Select(c => (long?)c.Position).SingleOrDefaultAsync(ct);
        if (cursor is null)
        {
            return null;
        }

        var after = Math.Max(0, cursor.Value - TimelineFeed.Lookback);
        var pending = await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => e.Id > after).OrderBy(e => e.Id).Take(PendingBound + 1).Select(e => e.WorkOrderId).ToListAsync(ct);
        if (pending.Count > PendingBound)
        {
            return null;
        }

        var sums = await SumsAsync(selection, from, to, grouping, ct);
        var ids = pending.Distinct().ToList();
        if (ids.Count > 0)
        {
            // By order alone, so the primary key serves it whatever the statistics (a rebuilt table has none until analysed).
            var facts = (await db.Set<AssessmentFactRow>().AsNoTracking().Where(f => ids.Contains(f.WorkOrderId)).ToListAsync(ct)).Where(f => f.UnitId == 0);
            var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id))
                .Select(w => new { w.RegisteredAtUtc, w.CategoryCode, w.RegionCode, w.Channel, w.RequestType, w.LeadUnitPath, CoUnits = w.CoUnits.Select(c => c.UnitPath).ToList() })
                .ToListAsync(ct);
            void Move(IEnumerable<CountCell> cells, long by)
            {
                foreach (var cell in cells.Where(c => c.Day >= from && c.Day <= to && selection.Matches(c)))
                {
                    var at = (grouping == CountGrouping.Key ? default : cell.Day, grouping == CountGrouping.Day ? string.Empty : cell.Key);
                    sums[at] = sums.GetValueOrDefault(at) + by;
                }
            }

            foreach (var fact in facts)
            {
                Move(DashboardCounts.Cells(fact), -1);
            }

            foreach (var o in orders)
            {
                Move(DashboardCounts.Cells(o.RegisteredAtUtc, o.CategoryCode, o.RegionCode, o.Channel, o.RequestType, o.LeadUnitPath, DashboardKeys.JoinPaths(o.CoUnits)), +1);
            }
        }

        return sums.Where(s => s.Value != 0).Select(s => (s.Key.Day, s.Key.Key, s.Value)).ToList();
    }

    private async Task<Dictionary<(DateOnly Day, string Key), long>> SumsAsync(
        CountSelection selection, DateOnly from, DateOnly to, CountGrouping grouping, CancellationToken ct)
    {
        var rows = db.Set<DashboardCountRow>().AsNoTracking().Where(r => r.Scope == selection.Scope && r.Dimension == selection.Dimension && r.Day >= from && r.Day <= to);
        if (selection.Key is { } key)
        {
            rows = rows.Where(r => r.Key == key);
        }

        if (selection.KeyPrefix is { } prefix)
        {
            rows = rows.Where(r => r.Key.StartsWith(prefix));
        }

        return grouping switch
        {
            CountGrouping.Day => (await rows.GroupBy(r => r.Day).Select(g => new { g.Key, Count = g.Sum(r => r.Orders) }).ToListAsync(ct))
                .ToDictionary(r => (r.Key, string.Empty), r => r.Count),
            CountGrouping.Key => (await rows.GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Sum(r => r.Orders) }).ToListAsync(ct))
                .ToDictionary(r => (default(DateOnly), r.Key), r => r.Count),
            _ => (await rows.GroupBy(r => new { r.Day, r.Key }).Select(g => new { g.Key.Day, g.Key.Key, Count = g.Sum(r => r.Orders) }).ToListAsync(ct))
                .ToDictionary(r => (r.Day, r.Key), r => r.Count),
        };
    }
}
