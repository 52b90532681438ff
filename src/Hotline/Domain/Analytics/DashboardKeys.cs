namespace Hotline.Domain.Analytics;

/// <summary>
/// The keys an order is counted under in the dashboards' pre-aggregated counts (<c>dashboard_counts</c>, one row per local
/// registration day × dimension × key), written once: the maintenance, the rebuild and the read's correction all call
/// <see cref="Of"/>. Dimensions: <see cref="All"/> (key ''), <see cref="Channel"/> and <see cref="RequestType"/> (the enum's
/// name), the category code cut at each level of <see cref="CategoryLevels"/> (<c>category2</c>, <c>category4</c>,
/// <c>category6</c>; a shorter code keeps itself, as SQL's <c>substr</c> does), the region code cut at each level of
/// <see cref="DashboardRules.RegionLevels"/> (<c>region6</c>…; orders without a region are in none), and <see cref="Unit"/>
/// keyed by the full path of the current lead unit (orders without one are in none). Each key is counted once for the whole
/// platform (scope '') and once under every unit subtree that sees the order (<see cref="Scopes"/>): a unit's own dashboards
/// read the rows of its scope.
/// </summary>
public static class DashboardKeys
{
    public const string All = "all";
    public const string Channel = "channel";
    public const string RequestType = "requestType";
    public const string Unit = "unit";

    /// <summary>The scope of the whole platform's counts.</summary>
    public const string Platform = "";

    /// <summary>The separator of the co-units' paths kept on an order's unit-0 fact (a unit path holds letters, digits, hyphens and '/').</summary>
    public const char PathSeparator = ' ';

    /// <summary>The longest dimension name (the column's limit).</summary>
    public const int DimensionLength = 16;

    /// <summary>The lengths of the category codes, level by level (two digits a level).</summary>
    public static readonly int[] CategoryLevels = [2, 4, 6];

    public static string CategoryLevel(int length) => "category" + length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string RegionLevel(int length) => "region" + length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The code cut to <paramref name="length"/> characters; a shorter code keeps itself.</summary>
    public static string Cut(string code, int length) => code.Length <= length ? code : code[..length];

    /// <summary>Every (dimension, key) an order with these dimensions is counted under.</summary>
    public static IEnumerable<(string Dimension, string Key)> Of(
        string categoryCode, string? regionCode, WorkOrders.Channel channel, WorkOrders.RequestType requestType, string? leadUnitPath)
    {
        ArgumentNullException.ThrowIfNull(categoryCode);
        yield return (All, string.Empty);
        yield return (Channel, channel.ToString());
        yield return (RequestType, requestType.ToString());
        foreach (var length in CategoryLevels)
        {
            yield return (CategoryLevel(length), Cut(categoryCode, length));
        }

        if (!string.IsNullOrEmpty(regionCode))
        {
            foreach (var length in DashboardRules.RegionLevels)
            {
                yield return (RegionLevel(length), Cut(regionCode, length));
            }
        }

        if (leadUnitPath is not null)
        {
            yield return (Unit, leadUnitPath);
        }
    }

    /// <summary>
    /// The unit subtrees (their paths) that see an order, each once: every prefix ending in '/' of the lead unit's path and
    /// of each co-unit's path, the root '/' (the platform) left out. It is the order scope's own rule
    /// (<c>WorkOrderScope.InScope</c>: the lead unit's or a co-unit's path starts with the scope's path), turned round: a
    /// scope path ends in '/', so a path starts with it exactly when it is one of these prefixes.
    /// </summary>
    public static IReadOnlyList<string> Scopes(string? leadUnitPath, string? coUnitPaths)
    {
        var scopes = new List<string>();
        void Add(string path)
        {
            for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
            {
                var prefix = path[..(i + 1)];
                if (!scopes.Contains(prefix))
                {
                    scopes.Add(prefix);
                }
            }
        }

        if (!string.IsNullOrEmpty(leadUnitPath))
        {
            Add(leadUnitPath);
        }

        foreach (var path in SplitPaths(coUnitPaths))
        {
            Add(path);
        }

        return scopes;
    }

    /// <summary>The co-units' paths as an order's unit-0 fact keeps them (sorted, one separator between; null without co-units).</summary>
    public static string? JoinPaths(IEnumerable<string> paths)
    {
        var sorted = paths.Distinct().Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? null : string.Join(PathSeparator, sorted);
    }

    public static IEnumerable<string> SplitPaths(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
