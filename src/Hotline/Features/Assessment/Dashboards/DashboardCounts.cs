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
/// Table <c>dashboard_counts</c>: the orders registered on each local day per (scope, dimension, key) of
/// <see cref="DashboardKeys.Of"/>, exactly the count of the unit-0 facts (one per order) with those keys, once for the whole
/// platform (scope '') and once under each unit subtree that sees the order (<see cref="DashboardKeys.Scopes"/>); a row at 0
/// is deleted. Keyed by scope and dimension first, so a dashboard reads one scope's dimension's days as one range of the key.
/// </summary>
public sealed class DashboardCountRow
{
    public string Scope { get; set; } = string.Empty;

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
        b.HasKey(r => new { r.Scope, r.Dimension, r.Day, r.Key });
        b.Property(r => r.Scope).HasMaxLength(Unit.MaxPathLength);
        b.Property(r => r.Dimension).HasMaxLength(DashboardKeys.DimensionLength);
        b.Property(r => r.Key).HasMaxLength(Unit.MaxPathLength);
    }
}

/// <summary>One cell of the counts: a dimension's key on a local day, for the whole platform (scope '') or a unit subtree.</summary>
public readonly record struct CountCell(string Scope, string Dimension, DateOnly Day, string Key);

/// <summary>
/// Keeps <c>dashboard_counts</c> with the assessment facts: <see cref="MoveAsync"/> in the follower's transaction (−1 on an
/// order's old keys, +1 on its new ones), <see cref="RebuildAsync"/> set-based from the unit-0 facts at the end of a rebuild.
/// </summary>
public static class DashboardCounts
{
    /// <summary>The cells an order's unit-0 fact is counted in: every key for the platform and for each subtree that sees it.</summary>
    public static IEnumerable<CountCell> Cells(
        DateOnly day, string categoryCode, string? regionCode, Channel channel, RequestType requestType, string? leadUnitPath, string? coUnitPaths)
    {
        var keys = DashboardKeys.Of(categoryCode, regionCode, channel, requestType, leadUnitPath).ToList();
        foreach (var scope in DashboardKeys.Scopes(leadUnitPath, coUnitPaths).Prepend(DashboardKeys.Platform))
        {
            foreach (var (dimension, key) in keys)
            {
                yield return new CountCell(scope, dimension, day, key);
            }
        }
    }

    /// <summary>The cells an order is counted in now (its registration day, China time).</summary>
    public static IEnumerable<CountCell> Cells(
        DateTime registeredAtUtc, string categoryCode, string? regionCode, Channel channel, RequestType requestType, string? leadUnitPath, string? coUnitPaths) =>
        Cells(ChinaTime.LocalDate(new DateTimeOffset(registeredAtUtc, TimeSpan.Zero)), categoryCode, regionCode, channel, requestType, leadUnitPath, coUnitPaths);

    public static IEnumerable<CountCell> Cells(AssessmentFactRow unitZero) =>
        Cells(unitZero.Day, unitZero.CategoryCode, unitZero.RegionCode, unitZero.Channel, unitZero.RequestType, unitZero.LeadUnitPath, unitZero.CoUnitPaths);
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

        var scopes = moves.Select(m => m.Key.Scope).Distinct().ToList();
        var dimensions = moves.Select(m => m.Key.Dimension).Distinct().ToList();
        var days = moves.Select(m => m.Key.Day).Distinct().ToList();
        var keys = moves.Select(m => m.Key.Key).Distinct().ToList();
        var existing = (await db.Set<DashboardCountRow>()
                .Where(r => scopes.Contains(r.Scope) && dimensions.Contains(r.Dimension) && days.Contains(r.Day) && keys.Contains(r.Key))
                .ToListAsync(ct))
            .ToDictionary(r => new CountCell(r.Scope, r.Dimension, r.Day, r.Key));
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
                db.Add(new DashboardCountRow { Scope = cell.Scope, Dimension = cell.Dimension, Day = cell.Day, Key = cell.Key, Orders = move });
            }
        }
    }

    /// <summary>Recounts every row from the unit-0 facts and the co-units (one statement, <see cref="RecountSql"/>), in the caller's transaction.</summary>
    public static async Task RebuildAsync(HotlineDbContext db, CancellationToken ct)
    {
        await db.Set<DashboardCountRow>().ExecuteDeleteAsync(ct);
#pragma warning disable EF1002 // the statement is built from constant names only
        await db.Database.ExecuteSqlRawAsync(RecountSql(), ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// The INSERT … SELECT of the counts from the unit-0 facts, the same on both databases: each dimension is grouped once
    /// by (day, key, lead unit path); the platform's rows sum those over the paths, and each
    /// subtree's rows sum the paths under it (joined to the prefixes of every path, <see cref="DashboardKeys.Scopes"/> in
    /// SQL) with the orders a co-unit adds to a subtree its lead unit is not in (each such order once per subtree).
    /// </summary>
    internal static string RecountSql()
    {
        var keys = new List<(string Dimension, string Key, string? Where)>
        {
            (DashboardKeys.All, "''", null),
            (DashboardKeys.Channel, "channel", null),
            (DashboardKeys.RequestType, "request_type", null),
        };
        keys.AddRange(DashboardKeys.CategoryLevels.Select(l => (DashboardKeys.CategoryLevel(l), $"substr(category_code, 1, {l})", (string?)null)));
        keys.AddRange(DashboardRules.RegionLevels.Select(l => (DashboardKeys.RegionLevel(l), $"substr(region_code, 1, {l})", (string?)"region_code <> ''")));
        keys.Add((DashboardKeys.Unit, "lead_unit_path", "lead_unit_path IS NOT NULL"));

        string Grouped(string from, string scope, string? where) => string.Join(" UNION ALL ", keys.Select(k =>
            $"SELECT {scope}, '{k.Dimension}' AS dimension, day, {k.Key} AS k, COUNT(*) AS n FROM {from} WHERE {string.Join(" AND ", new[] { where, k.Where }.OfType<string>().DefaultIfEmpty("1 = 1"))} GROUP BY {scope}, day{(k.Key == "''" ? "" : ", " + k.Key)}"));

        return "WITH RECURSIVE "
            + "paths (path) AS (SELECT DISTINCT lead_unit_path FROM assessment_facts WHERE unit_id = 0 AND lead_unit_path <> '' UNION SELECT unit_path FROM work_order_co_units), "
            + "cuts (path, i) AS (SELECT path, 2 FROM paths UNION ALL SELECT path, i + 1 FROM cuts WHERE i < length(path)), "
            + "prefixes (path, scope) AS (SELECT path, substr(path, 1, i) FROM cuts WHERE substr(path, i, 1) = '/'), "
            + $"lead AS ({Grouped("assessment_facts", "lead_unit_path", "unit_id = 0")}), "
            + "co_scopes AS (SELECT DISTINCT c.work_order_id, p.scope FROM work_order_co_units c JOIN prefixes p ON p.path = c.unit_path), "
            + "co_facts AS (SELECT s.scope, f.day, f.channel, f.request_type, f.category_code, f.region_code, f.lead_unit_path FROM co_scopes s "
            + "JOIN assessment_facts f ON f.work_order_id = s.work_order_id AND f.unit_id = 0 "
            + "WHERE f.lead_unit_path IS NULL OR substr(f.lead_unit_path, 1, length(s.scope)) <> s.scope), "
            + $"co AS ({Grouped("co_facts", "scope", null)}) "
            + "INSERT INTO dashboard_counts (scope, dimension, day, \"key\", orders) "
            + "SELECT '', dimension, day, k, SUM(n) FROM lead GROUP BY dimension, day, k UNION ALL "
            + "SELECT scope, dimension, day, k, SUM(n) FROM (SELECT p.scope, l.dimension, l.day, l.k, l.n FROM lead l JOIN prefixes p ON p.path = l.lead_unit_path "
            + "UNION ALL SELECT scope, dimension, day, k, n FROM co) scoped GROUP BY scope, dimension, day, k";
    }
}
