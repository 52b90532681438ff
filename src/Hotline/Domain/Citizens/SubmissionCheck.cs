using System.Text.RegularExpressions;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>A citizen's submission as sent, before it is checked.</summary>
public sealed record SubmissionInput(
    RequestType? RequestType, string? CategoryCode, string? RegionCode, string? Address, double? Latitude, double? Longitude,
    string? Description, string? Demand, string? CitizenName, bool? IsAnonymous, bool? IsConfidential);

/// <summary>What a submission must say about its place.</summary>
public enum PlaceRule
{
    /// <summary>The portal and the apps: a street (or community) and a free address.</summary>
    StreetAndAddress,

    /// <summary>
    /// Open311: a free address or a position (GeoReport v2 asks one of them, and knows no region codes); a region code,
    /// when given, is checked; the intake agent places the order on accepting it.
    /// </summary>
    AddressOrPosition,
}

/// <summary>
/// Issue 18: the checks of a citizen's submission, every field named and explained in words a citizen understands
/// (zh-CN), with the declared limits of <see cref="Limits"/>. The category must be one the catalogue offers at its top
/// levels (<paramref name="isOfferedCategory"/>, asked of the catalogue by the caller).
/// </summary>
public static partial class SubmissionCheck
{
    /// <summary>The shortest description that can say what happened.</summary>
    public const int MinDescription = 10;

    public static SubmissionContent Check(SubmissionInput input, Func<string, bool> isOfferedCategory, PlaceRule place = PlaceRule.StreetAndAddress)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (input.RequestType is null || !Enum.IsDefined(input.RequestType.Value))
        {
            Fail("requestType", "请选择诉求类型：咨询、求助、投诉、举报或意见建议。");
        }

        var category = input.CategoryCode?.Trim();
        if (string.IsNullOrEmpty(category))
        {
            Fail("categoryCode", "请选择诉求所属的类别。");
        }
        else if (category.Length > Limits.Code || !isOfferedCategory(category))
        {
            Fail("categoryCode", "请从列表中选择类别。");
        }

        var region = input.RegionCode?.Trim();
        var hasPosition = input.Latitude is not null && input.Longitude is not null;
        if (string.IsNullOrEmpty(region) && place == PlaceRule.AddressOrPosition)
        {
            region = string.Empty;
        }
        else if (string.IsNullOrEmpty(region))
        {
            Fail("regionCode", "请选择事发地点所在的街道（乡镇）。");
        }
        else if (!StreetPattern().IsMatch(region))
        {
            Fail("regionCode", "请选择到街道（乡镇）一级的地点。");
        }

        var address = input.Address?.Trim();
        if (string.IsNullOrEmpty(address) && place == PlaceRule.AddressOrPosition && hasPosition)
        {
            address = string.Empty;
        }
        else if (string.IsNullOrEmpty(address))
        {
            Fail("address", "请填写详细地址，例如小区、门牌号。");
        }
        else if (address.Length > Limits.ShortText)
        {
            Fail("address", $"详细地址最多{Limits.ShortText}个字。");
        }

        if (input.Latitude is null != input.Longitude is null)
        {
            Fail(input.Latitude is null ? "latitude" : "longitude", "位置需要同时包含经度和纬度。");
        }

        if (input.Latitude is < -90 or > 90)
        {
            Fail("latitude", "纬度应在-90到90之间。");
        }

        if (input.Longitude is < -180 or > 180)
        {
            Fail("longitude", "经度应在-180到180之间。");
        }

        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length < MinDescription)
        {
            Fail("description", $"请描述事情经过，至少{MinDescription}个字。");
        }
        else if (description.Length > Limits.LongText)
        {
            Fail("description", $"事情经过最多{Limits.LongText}个字。");
        }

        var demand = input.Demand?.Trim();
        if (demand is { Length: > Limits.MediumText })
        {
            Fail("demand", $"诉求最多{Limits.MediumText}个字。");
        }

        var name = input.CitizenName?.Trim();
        if (name is { Length: > Limits.Name })
        {
            Fail("citizenName", $"姓名最多{Limits.Name}个字。");
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new SubmissionContent(
            input.RequestType!.Value, category!, region!, address!, input.Latitude, input.Longitude, description!,
            string.IsNullOrEmpty(demand) ? null : demand, string.IsNullOrEmpty(name) ? null : name, input.IsAnonymous == true, input.IsConfidential == true);
    }

    /// <summary>A street (9 digits) or a community (12 digits) region code.</summary>
    [GeneratedRegex("^([0-9]{9}|[0-9]{12})$")]
    private static partial Regex StreetPattern();
}
