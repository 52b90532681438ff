using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment;

/// <summary>
/// Keeps <c>assessment_facts</c> and <c>assessment_rollups</c> (and the dashboards' <c>dashboard_counts</c>): <see cref="RefreshAsync"/> recomputes the facts of the
/// given orders and applies the difference to the rollups (not saved: the caller saves, with the follower's position or
/// the appeal's decision, in one transaction); <see cref="RebuildAsync"/> recomputes everything from the orders.
/// </summary>
public sealed class AssessmentFactWriter(HotlineDbContext db)
{
    private const int Batch = 500;

    /// <summary>Recomputes the facts of <paramref name="orderIds"/> and moves the rollups by the difference; returns the facts changed.</summary>
    public async Task<int> RefreshAsync(IReadOnlyCollection<long> orderIds, CancellationToken ct)
    {
        var changed = 0;
        foreach (var chunk in orderIds.Distinct().Chunk(Batch))
        {
            changed += await RefreshChunkAsync(chunk, ct);
        }

        return changed;
    }

    private async Task<int> RefreshChunkAsync(long[] ids, CancellationToken ct)
    {
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        var oldFacts = await db.Set<AssessmentFactRow>().Where(f => ids.Contains(f.WorkOrderId)).ToListAsync(ct);
        var context = await AssessmentContext.LoadAsync(db, ct);
        var newFacts = orders.SelectMany(o => AssessmentFacts.Of(o, context.RulesFor(o))).ToList();

        var delta = new Dictionary<RollupKey, AssessmentMeasures>();
        void Move(RollupKey key, AssessmentMeasures m, bool add) =>
            delta[key] = add ? delta.GetValueOrDefault(key) + m : delta.GetValueOrDefault(key) - m;

        // The dashboards' counts move from each order's old unit-0 fact to its new one (taken before the rows change below).
        var counted = oldFacts.Where(f => f.UnitId == 0).SelectMany(DashboardCounts.Cells).ToList();
        var counting = newFacts.Where(f => f.UnitId == 0).SelectMany(f => DashboardCounts.Cells(AssessmentFactRow.From(f)));
        await DashboardCounts.MoveAsync(db, counted, counting, ct);

        var oldByKey = oldFacts.ToDictionary(f => (f.WorkOrderId, f.UnitId));
        var changed = 0;
        foreach (var fact in newFacts)
        {
            var row = AssessmentFactRow.From(fact);
            if (oldByKey.Remove((fact.WorkOrderId, fact.UnitId), out var old))
            {
                if (old.Key == row.Key && old.Measures == row.Measures && old.OpenDueUtc == row.OpenDueUtc && old.LeadUnitPath == row.LeadUnitPath
                    && old.CoUnitPaths == row.CoUnitPaths)
                {
                    continue;
                }

                Move(old.Key, old.Measures, add: false);
                (old.Day, old.CategoryCode, old.RegionCode, old.Channel, old.RequestType, old.OpenDueUtc, old.LeadUnitPath, old.CoUnitPaths) =
                    (row.Day, row.CategoryCode, row.RegionCode, row.Channel, row.RequestType, row.OpenDueUtc, row.LeadUnitPath, row.CoUnitPaths);
                old.SetMeasures(row.Measures);
            }
            else
            {
                db.Add(row);
            }

            Move(row.Key, row.Measures, add: true);
            changed++;
        }

        foreach (var gone in oldByKey.Values)
        {
            Move(gone.Key, gone.Measures, add: false);
            db.Remove(gone);
            changed++;
        }

        await ApplyAsync(delta, ct);
        return changed;
    }

    private async Task ApplyAsync(Dictionary<RollupKey, AssessmentMeasures> delta, CancellationToken ct)
    {
        var moves = delta.Where(d => !d.Value.IsZero).ToList();
        if (moves.Count == 0)
        {
            return;
        }

        var days = moves.Select(m => m.Key.Day).Distinct().ToList();
        var units = moves.Select(m => m.Key.UnitId).Distinct().ToList();
        var existing = (await db.Set<AssessmentRollupRow>().Where(r => days.Contains(r.Day) && units.Contains(r.UnitId)).ToListAsync(ct))
            .ToDictionary(r => r.Key);
        foreach (var (key, move) in moves)
        {
            if (existing.TryGetValue(key, out var row))
            {
                var sum = row.Measures + move;
                if (sum.IsZero)
                {
                    db.Remove(row);
                }
                else
                {
                    row.SetMeasures(sum);
                }
            }
            else
            {
                var added = new AssessmentRollupRow
                {
                    Day = key.Day,
                    UnitId = key.UnitId,
                    CategoryCode = key.CategoryCode,
                    RegionCode = key.RegionCode,
                    Channel = key.Channel,
                    RequestType = key.RequestType,
                };
                added.SetMeasures(move);
                db.Add(added);
            }
        }
    }

    /// <summary>
    /// Recomputes every fact from the orders and the rollups from the facts, in one transaction; returns the number of
    /// orders read. The facts are streamed and bulk-written (<see cref="AssessmentFactLoad"/>; on PostgreSQL
    /// <paramref name="reader"/>, a second context, reads the orders in the same snapshot while this one copies), and the
    /// assessment follower's cursor is placed at the newest timeline entry that snapshot saw, so the follower goes on from
    /// there instead of recomputing every order again. Cancelled or failed, nothing of it remains: the old facts stay.
    /// </summary>
    public async Task<long> RebuildAsync(
        HotlineDbContext? reader, IProgress<long>? progress, CancellationToken ct, bool dropIndexes = true, int ordersPerRead = AssessmentFactLoad.DefaultOrdersPerRead)
    {
        await using var transaction = db.IsPostgres
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct)
            : await db.Database.BeginTransactionAsync(ct);
        var load = await AssessmentFactLoad.BeginAsync(db, ct);
        var read = await load.LoadAsync(reader, dropIndexes, ordersPerRead, progress, ct);
        await TimelineFeed.PlaceAsync(db, AssessmentFollower.CursorName, load.TimelinePosition, ct);
        await db.SaveChangesAsync(ct);

        var columns = string.Join(", ", AssessmentMeasures.Names.Select(HotlineDbContext.ToSnakeCase));
        var sums = string.Join(", ", AssessmentMeasures.Names.Select(n => $"SUM({HotlineDbContext.ToSnakeCase(n)})"));
        const string keys = "day, unit_id, category_code, region_code, channel, request_type";
#pragma warning disable EF1002 // the statement is built from constant column names only
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO assessment_rollups ({keys}, {columns}) SELECT {keys}, {sums} FROM assessment_facts GROUP BY {keys}", ct);
#pragma warning restore EF1002
        await DashboardCounts.RebuildAsync(db, ct);
        await transaction.CommitAsync(ct);
        if (db.IsPostgres)
        {
            // The tables were emptied and filled: the planner's statistics of them are stale until analysed.
            await db.Database.ExecuteSqlRawAsync("ANALYZE assessment_facts, assessment_rollups, dashboard_counts", ct);
        }

        return read;
    }
}
