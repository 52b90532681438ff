using Hotline.Domain.Analytics;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>
/// Table <c>dashboard_counts</c>: the orders registered on each local day per (dimension, key) of
/// <see cref="DashboardKeys.Of"/>, exactly the count of the unit-0 facts (one per order) with those keys; a row at 0 is
/// deleted. Keyed by dimension first, so a dashboard reads one dimension's days as one range of the key.
/// </summary>
public sealed class DashboardCountRow
{
    public string Dimension { get; set; } = string.Empty;

    public DateOnly Day { get; set; }

    public string Key { get; set; } = string.Empty;

    public long Orders { get; set; }
}

internal sealed class DashboardCountConfiguration : IEntityTypeConfiguration<DashboardCountRow>
{
    public void Configure(EntityTypeBuilder<DashboardCountRow> b)
    {
        b.ToTable("dashboard_counts");
        b.HasKey(r => new { r.Dimension, r.Day, r.Key });
        b.Property(r => r.Dimension).HasMaxLength(DashboardKeys.DimensionLength);
        b.Property(r => r.Key).HasMaxLength(Unit.MaxPathLength);
    }
}

/// <summary>One cell of the counts: a dimension's key on a local day.</summary>
public readonly record struct CountCell(string Dimension, DateOnly Day, string Key);

/// <summary>
/// Keeps <c>dashboard_counts</c> with the assessment facts: <see cref="MoveAsync"/> in the follower's transaction (−1 on an
/// order's old keys, +1 on its new ones), <see cref="RebuildAsync"/> set-based from the unit-0 facts at the end of a rebuild.
/// </summary>
public static class DashboardCounts
{
    /// <summary>The cells an order's unit-0 fact is counted in.</summary>
    public static IEnumerable<CountCell> Cells(DateOnly day, string categoryCode, string? regionCode, Channel channel, RequestType requestType, string? leadUnitPath) =>
        DashboardKeys.Of(categoryCode, regionCode, channel, requestType, leadUnitPath).Select(k => new CountCell(k.Dimension, day, k.Key));

    /// <summary>The cells an order is counted in now (its registration day, China time).</summary>
    public static IEnumerable<CountCell> Cells(DateTime registeredAtUtc, string categoryCode, string? regionCode, Channel channel, RequestType requestType, string? leadUnitPath) =>
        Cells(ChinaTime.LocalDate(new DateTimeOffset(registeredAtUtc, TimeSpan.Zero)), categoryCode, regionCode, channel, requestType, leadUnitPath);

    public static IEnumerable<CountCell> Cells(AssessmentFactRow unitZero) =>
        Cells(unitZero.Day, unitZero.CategoryCode, unitZero.RegionCode, unitZero.Channel, unitZero.RequestType, unitZero.LeadUnitPath);

    /// <summary>Moves the counts from the cells of <paramref name="before"/> to those of <paramref name="after"/> (not saved: the caller's transaction).</summary>
    public static async Task MoveAsync(HotlineDbContext db, IEnumerable<CountCell> before, IEnumerable<CountCell> after, CancellationToken ct)
    {
        var delta = new Dictionary<CountCell, long>();
        foreach (var cell in before)
        {
            delta[cell] = delta.GetValueOrDefault(cell) - 1;
        }

        foreach (var cell in after)
        {
            delta[cell] = delta.GetValueOrDefault(cell) + 1;
        }

        var moves = delta.Where(d => d.Value != 0).ToList();
        if (moves.Count == 0)
        {
            return;
        }

        var dimensions = moves.Select(m => m.Key.Dimension).Distinct().ToList();
        var days = moves.Select(m => m.Key.Day).Distinct().ToList();
        var keys = moves.Select(m => m.Key.Key).Distinct().ToList();
        var existing = (await db.Set<DashboardCountRow>()
                .Where(r => dimensions.Contains(r.Dimension) && days.Contains(r.Day) && keys.Contains(r.Key))
                .ToListAsync(ct))
            .ToDictionary(r => new CountCell(r.Dimension, r.Day, r.Key));
        foreach (var (cell, move) in moves)
        {
            if (existing.TryGetValue(cell, out var row))
            {
                row.Orders += move;
                if (row.Orders == 0)
                {
                    db.Remove(row);
                }
            }
            else
            {
                db.Add(new DashboardCountRow { Dimension = cell.Dimension, Day = cell.Day, Key = cell.Key, Orders = move });
            }
        }
    }

    /// <summary>Recounts every row from the unit-0 facts (one statement per dimension, UNION ALL), in the caller's transaction.</summary>
    public static async Task RebuildAsync(HotlineDbContext db, CancellationToken ct)
    {
        await db.Set<DashboardCountRow>().ExecuteDeleteAsync(ct);
#pragma warning disable EF1002 // the statement is built from constant names only
        await db.Database.ExecuteSqlRawAsync(RecountSql(), ct);
#pragma warning restore EF1002
    }

    /// <summary>The INSERT … SELECT of every dimension's rows from the unit-0 facts, the same on both databases.</summary>
    internal static string RecountSql()
    {
        var selects = new List<string>
        {
            Select(DashboardKeys.All, "''", null),
            Select(DashboardKeys.Channel, "channel", null),
            Select(DashboardKeys.RequestType, "request_type", null),
        };
        selects.AddRange(DashboardKeys.CategoryLevels.Select(l => Select(DashboardKeys.CategoryLevel(l), $"substr(category_code, 1, {l})", null)));
        selects.AddRange(DashboardRules.RegionLevels.Select(l => Select(DashboardKeys.RegionLevel(l), $"substr(region_code, 1, {l})", "region_code <> ''")));
        selects.Add(Select(DashboardKeys.Unit, "lead_unit_path", "lead_unit_path IS NOT NULL"));
        return $"INSERT INTO dashboard_counts (dimension, day, \"key\", orders) {string.Join(" UNION ALL ", selects)}";

        static string Select(string dimension, string key, string? where) =>
            $"SELECT '{dimension}', day, {key}, COUNT(*) FROM assessment_facts WHERE unit_id = 0{(where is null ? "" : " AND " + where)} GROUP BY day{(key == "''" ? "" : ", " + key)}";
    }
}
