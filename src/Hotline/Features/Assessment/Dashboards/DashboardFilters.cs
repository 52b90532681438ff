using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Web;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>
/// The filters every dashboard takes, with the names and meanings of the work-order list's (so a drill-down passes them
/// on unchanged): <c>channel</c>, <c>requestType</c>, <c>categoryCode</c> and <c>regionCode</c> (prefixes), and
/// <c>unitSubtree</c> (the lead unit is this unit or below it).
/// </summary>
public sealed record DashboardFilters(Channel? Channel, RequestType? RequestType, string? CategoryCode, string? RegionCode, long? UnitSubtree)
{
    public static readonly DashboardFilters None = new(null, null, null, null, null);

    /// <summary>Parses the filters and the period (<c>from</c>/<c>to</c>, local registration dates, both included), every error named by its field.</summary>
    public static (AssessmentPeriod Period, DashboardFilters Filters) Parse(
        string? from, string? to, string? channel, string? requestType, string? categoryCode, string? regionCode, long? unitSubtree)
    {
        var v = new Validation();
        var start = Date(from, "from", v);
        var end = Date(to, "to", v);
        var ch = Enum<Channel>(channel, "channel", v);
        var type = Enum<RequestType>(requestType, "requestType", v);
        v.Require(categoryCode is null || Digits(categoryCode, 2, 6, step: 2), "categoryCode", "A category code is 2, 4 or 6 digits.");
        v.Require(regionCode is null || Digits(regionCode, 6, 12, step: 3), "regionCode", "A region code is 6, 9 or 12 digits.");
        v.Require(unitSubtree is null or > 0, "unitSubtree", "Give a unit's id.");
        v.ThrowIfInvalid();
        return (AssessmentPeriod.Range(start!.Value, end!.Value), new DashboardFilters(ch, type, categoryCode?.Trim(), regionCode?.Trim(), unitSubtree));
    }

    private static bool Digits(string text, int min, int max, int step)
    {
        var t = text.Trim();
        return t.Length >= min && t.Length <= max && (t.Length - min) % step == 0 && t.All(char.IsAsciiDigit);
    }

    private static DateOnly? Date(string? text, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, "Give a date as yyyy-MM-dd.");
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        v.Add(field, "Give a date as yyyy-MM-dd, 2000–2100.");
        return null;
    }

    internal static T? Enum<T>(string? text, string field, Validation v)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (System.Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        v.Add(field, $"'{text.Trim()}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
        return null;
    }

    /// <summary>The UTC instants of a local day range, the end excluded.</summary>
    public static (DateTime Start, DateTime End) Utc(DateOnly from, DateOnly to) =>
        (ChinaTime.StartOfDay(from).UtcDateTime, ChinaTime.StartOfDay(to.AddDays(1)).UtcDateTime);

    /// <summary>Refuses a parent that does not fit the dimension's tree (field <c>parent</c>).</summary>
    public static void CheckParent(DashboardDimension dimension, string? parent)
    {
        if (parent is null)
        {
            return;
        }

        var ok = dimension switch
        {
            DashboardDimension.Category => Digits(parent, 2, 4, step: 2),
            DashboardDimension.Region => Digits(parent, 6, 9, step: 3),
            DashboardDimension.Unit => long.TryParse(parent, out var id) && id > 0,
            _ => false,
        };
        if (!ok)
        {
            throw ValidationException.For("parent", dimension switch
            {
                DashboardDimension.Category => "A parent category is 2 or 4 digits.",
                DashboardDimension.Region => "A parent region is 6 or 9 digits.",
                DashboardDimension.Unit => "A parent unit is a unit's id.",
                _ => "This dimension has no levels.",
            });
        }
    }
}
