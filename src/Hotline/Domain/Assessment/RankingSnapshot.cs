namespace Hotline.Domain.Assessment;

/// <summary>
/// One unit's row of a closed month's ranking, stored the first time the month's ranking is computed after it closed, so that
/// a later change of rules (weights, the minimum sample, the group of a unit) does not rewrite history. Written once.
/// </summary>
public sealed class RankingSnapshotRow
{
    public const int MonthLength = 7;
    public const int GroupKeyLength = 440;

    private RankingSnapshotRow()
    {
        Month = UnitCode = UnitName = UnitPath = GroupKey = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The month, "2026-02".</summary>
    public string Month { get; private set; }

    public long UnitId { get; private set; }

    public string UnitCode { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    public RankingGroupKind GroupKind { get; private set; }

    public string GroupKey { get; private set; }

    /// <summary>The county of a group within a county.</summary>
    public string? CountyName { get; private set; }

    public long AssessedOrders { get; private set; }

    public decimal? Composite { get; private set; }

    public int? Rank { get; private set; }

    public int? RankFromBottom { get; private set; }

    public bool TooFewToRank { get; private set; }

    public bool InBottomThree { get; private set; }

    /// <summary>The minimum sample that was in force.</summary>
    public int MinimumOrders { get; private set; }

    public DateTime ComputedAtUtc { get; private set; }

    public static string MonthKey(int year, int month) => $"{year:D4}-{month:D2}";

    public static RankingSnapshotRow From(string month, RankingRow row, int minimumOrders, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RankingSnapshotRow
        {
            Month = month,
            UnitId = row.Unit.UnitId,
            UnitCode = row.Unit.Code,
            UnitName = row.Unit.Name,
            UnitPath = row.Unit.Path,
            GroupKind = row.Group.Kind,
            GroupKey = row.Group.Key,
            CountyName = row.Group.CountyName,
            AssessedOrders = row.AssessedOrders,
            Composite = row.Composite,
            Rank = row.Rank,
            RankFromBottom = row.RankFromBottom,
            TooFewToRank = row.TooFewToRank,
            InBottomThree = row.InBottomThree,
            MinimumOrders = minimumOrders,
            ComputedAtUtc = nowUtc,
        };
    }

    /// <summary>The row as the ranking rule returns it (the unit's parent is not needed once grouped).</summary>
    public RankingRow ToRow() => new(
        new UnitPlace(UnitId, UnitCode, UnitName, UnitPath, default, null, null, null),
        new RankingGroup(GroupKind, GroupKey.Contains(':', StringComparison.Ordinal) ? GroupKey[(GroupKey.IndexOf(':', StringComparison.Ordinal) + 1)..] : null, CountyName),
        AssessedOrders, Composite, Rank, RankFromBottom, TooFewToRank, InBottomThree);
}
