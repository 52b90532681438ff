namespace Hotline.Domain.Analytics;

/// <summary>
/// The keys an order is counted under in the dashboards' pre-aggregated counts (<c>dashboard_counts</c>, one row per local
/// registration day × dimension × key), written once: the maintenance, the rebuild and the read's correction all call
/// <see cref="Of"/>. Dimensions: <see cref="All"/> (key ''), <see cref="Channel"/> and <see cref="RequestType"/> (the enum's
/// name), the category code cut at each level of <see cref="CategoryLevels"/> (<c>category2</c>, <c>category4</c>,
/// <c>category6</c>; a shorter code keeps itself, as SQL's <c>substr</c> does), the region code cut at each level of
/// <see cref="DashboardRules.RegionLevels"/> (<c>region6</c>…; orders without a region are in none), and <see cref="Unit"/>
/// keyed by the full path of the current lead unit (orders without one are in none).
/// </summary>
public static class DashboardKeys
{
    public const string All = "all";
    public const string Channel = "channel";
    public const string RequestType = "requestType";
    public const string Unit = "unit";

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
}
