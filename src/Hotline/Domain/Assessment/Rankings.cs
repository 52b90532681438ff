namespace Hotline.Domain.Assessment;

/// <summary>A unit's input to a ranking: where it stands, how many orders were assessed and its composite score.</summary>
public sealed record RankingInput(UnitPlace Unit, long AssessedOrders, decimal? Composite);

/// <summary>
/// One row of a ranking table. <see cref="Rank"/> counts from the top (1 = best), <see cref="RankFromBottom"/> from the bottom
/// (1 = worst); both are null for a unit with too few assessed orders (样本不足), which is listed below the ranked units and
/// never tops or bottoms the table.
/// </summary>
public sealed record RankingRow(
    UnitPlace Unit, RankingGroup Group, long AssessedOrders, decimal? Composite, int? Rank, int? RankFromBottom, bool TooFewToRank, bool InBottomThree);

/// <summary>
/// The monthly ranking rule (S9, decided for issue 17 in docs/decisions.md):
/// <list type="bullet">
/// <item>Units are ranked within their comparable group (<see cref="RankingGroups"/>) by the composite score, highest first,
/// compared as shown: rounded to <see cref="Decimals"/> decimals.</item>
/// <item>A unit with fewer assessed orders than the minimum in force, or without a composite, is "too few to rank": no rank,
/// listed after the ranked units.</item>
/// <item>Ties share a rank (standard competition ranking, 1-2-2-4), from the top and from the bottom alike; the order in which
/// tied units are listed is more assessed orders first, then the unit code.</item>
/// <item>The bottom three are the ranked units whose rank from the bottom is 3 or less (so all units tied at the edge are in),
/// and only in a group of at least <see cref="MinimumGroupForBottomThree"/> ranked units: in a smaller group the bottom three
/// would be nearly everyone.</item>
/// </list>
/// </summary>
public static class Rankings
{
    public const int Decimals = 2;

    public const int MinimumGroupForBottomThree = 4;

    public const int BottomCount = 3;

    /// <summary>Ranks every unit that belongs to a group; units that belong to none are left out.</summary>
    public static IReadOnlyList<RankingRow> Rank(IEnumerable<RankingInput> inputs, int minimumAssessedOrders)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var rows = new List<RankingRow>();
        var grouped = inputs
            .Select(i => (Input: i, Group: RankingGroups.Of(i.Unit)))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!.Key, StringComparer.Ordinal)
            .OrderBy(g => g.First().Group!.Kind).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in grouped)
        {
            rows.AddRange(RankGroup(group.Select(x => x.Input).ToList(), group.First().Group!, minimumAssessedOrders));
        }

        return rows;
    }

    /// <summary>The score as compared and shown.</summary>
    public static decimal? Shown(decimal? composite) => composite is { } c ? Math.Round(c, Decimals, MidpointRounding.AwayFromZero) : null;

    private static IEnumerable<RankingRow> RankGroup(List<RankingInput> inputs, RankingGroup group, int minimum)
    {
        var ranked = inputs
            .Where(i => i.Composite is not null && i.AssessedOrders >= minimum)
            .OrderByDescending(i => Shown(i.Composite)).ThenByDescending(i => i.AssessedOrders).ThenBy(i => i.Unit.Code, StringComparer.Ordinal)
            .ToList();
        var scores = ranked.Select(i => Shown(i.Composite)!.Value).ToList();
        var bottomApplies = ranked.Count >= MinimumGroupForBottomThree;
        foreach (var input in ranked)
        {
            var score = Shown(input.Composite)!.Value;
            var rank = 1 + scores.Count(s => s > score);
            var fromBottom = 1 + scores.Count(s => s < score);
            yield return new RankingRow(input.Unit, group, input.AssessedOrders, Shown(input.Composite), rank, fromBottom, false, bottomApplies && fromBottom <= BottomCount);
        }

        foreach (var input in inputs.Except(ranked).OrderBy(i => i.Unit.Code, StringComparer.Ordinal))
        {
            yield return new RankingRow(input.Unit, group, input.AssessedOrders, Shown(input.Composite), null, null, true, false);
        }
    }
}
