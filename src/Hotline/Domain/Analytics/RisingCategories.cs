namespace Hotline.Domain.Analytics;

/// <summary>A category whose volume rose: this period's orders, the previous period's, and the growth (null: new, none before).</summary>
public sealed record RisingCategory(string Code, long Current, long Previous, decimal? Growth);

/// <summary>
/// Hot categories rising (S11), written once: the categories with at least <c>minVolume</c> orders this period and more
/// than in the previous period of the same length, ranked by growth ((current − previous) / previous); a category with
/// none before is new and ranks above every growth, the larger first; ties by the larger increase, then by code.
/// </summary>
public static class RisingCategories
{
    public const int DefaultMinVolume = 5;
    public const int MaxMinVolume = 100_000;
    public const int DefaultTop = 10;
    public const int MaxTop = 50;

    public static IReadOnlyList<RisingCategory> Rank(
        IReadOnlyDictionary<string, long> current, IReadOnlyDictionary<string, long> previous, int minVolume, int top) =>
        current
            .Where(c => c.Value >= minVolume && c.Value > previous.GetValueOrDefault(c.Key))
            .Select(c => new RisingCategory(c.Key, c.Value, previous.GetValueOrDefault(c.Key), VolumeTrend.Change(c.Value, previous.GetValueOrDefault(c.Key))))
            .OrderBy(r => r.Growth is null ? 0 : 1)
            .ThenByDescending(r => r.Growth ?? r.Current)
            .ThenByDescending(r => r.Current - r.Previous)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(top)
            .ToList();
}
