using System.Globalization;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Open311;

/// <summary>A GeoReport v2 "POST Service Request" as sent (form fields, before any check).</summary>
public sealed record Open311PostInput(
    string? ServiceCode, string? Latitude, string? Longitude, string? AddressString, string? AddressId, string? Email, string? FirstName, string? LastName,
    string? Phone, string? Description, string? MediaUrl, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A checked Open311 request, ready for the online intake queue.</summary>
public sealed record Open311Submission(SubmissionContent Content, string Phone);

/// <summary>
/// Issue 18: how a GeoReport v2 request becomes a citizen's submission. The submission's own checks apply
/// (<see cref="SubmissionCheck"/>, with the place rule of Open311: an address or a position); each refusal names the
/// Open311 field it is about. What the spec has and the hotline asks beyond it is an attribute of the service definition
/// (<see cref="Open311Attributes"/>): the request type, the street, the demand, anonymous and confidential.
/// </summary>
public static class Open311Requests
{
    /// <summary>The Open311 field each of the submission's fields comes from, for the errors' descriptions.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>
    {
        ["requestType"] = "attribute[" + Open311Attributes.RequestType + "]",
        ["categoryCode"] = "service_code",
        ["regionCode"] = "attribute[" + Open311Attributes.RegionCode + "]",
        ["address"] = "address_string",
        ["latitude"] = "lat",
        ["longitude"] = "long",
        ["description"] = "description",
        ["demand"] = "attribute[" + Open311Attributes.Demand + "]",
        ["citizenName"] = "first_name",
    };

    /// <summary>The longest media_url taken (it is kept as text in the description for the intake agent, never fetched).</summary>
    public const int MaxMediaUrl = 500;

    public static Open311Submission Check(Open311PostInput input, Func<string, bool> isOfferedCategory)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var latitude = Number(input.Latitude, "lat", Fail);
        var longitude = Number(input.Longitude, "long", Fail);
        var phone = input.Phone?.Trim();
        if (string.IsNullOrEmpty(phone))
        {
            Fail("phone", "请填写手机号码：热线需要回访，并以短信告知办理进度。");
        }
        else if (!CitizenRules.IsMobile(phone))
        {
            Fail("phone", "请填写11位手机号码。");
        }

        if (input.Email is { Length: > Limits.LongName })
        {
            Fail("email", $"电子邮箱最多{Limits.LongName}个字符。");
        }

        var media = input.MediaUrl?.Trim();
        if (!string.IsNullOrEmpty(media) && (media.Length > MaxMediaUrl || !Uri.TryCreate(media, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            Fail("media_url", "图片链接应为http或https开头的网址。");
        }

        var address = input.AddressString?.Trim();
        if (string.IsNullOrEmpty(address) && !string.IsNullOrWhiteSpace(input.AddressId))
        {
            address = input.AddressId.Trim();
        }

        if (string.IsNullOrEmpty(address) && latitude is null && longitude is null && !errors.ContainsKey("lat") && !errors.ContainsKey("long"))
        {
            Fail("address_string", "请填写事发地址（address_string），或给出位置（lat与long）。");
        }

        var requestType = Open311Attributes.RequestTypeOf(input.Attributes.GetValueOrDefault(Open311Attributes.RequestType), Fail);
        var description = input.Description?.Trim();
        if (!string.IsNullOrEmpty(media) && !errors.ContainsKey("media_url") && !string.IsNullOrEmpty(description))
        {
            description += "\n图片链接：" + media;
        }

        var name = string.Concat(input.LastName?.Trim(), input.FirstName?.Trim());
        var submission = new SubmissionInput(
            requestType, input.ServiceCode?.Trim(), input.Attributes.GetValueOrDefault(Open311Attributes.RegionCode), address, latitude, longitude, description,
            input.Attributes.GetValueOrDefault(Open311Attributes.Demand), name.Length == 0 ? null : name,
            Open311Attributes.Flag(input.Attributes.GetValueOrDefault(Open311Attributes.Anonymous), Open311Attributes.Anonymous, Fail),
            Open311Attributes.Flag(input.Attributes.GetValueOrDefault(Open311Attributes.Confidential), Open311Attributes.Confidential, Fail));

        SubmissionContent? content = null;
        try
        {
            content = SubmissionCheck.Check(submission, isOfferedCategory, PlaceRule.AddressOrPosition);
        }
        catch (ValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                errors.TryAdd(FieldNames.GetValueOrDefault(field, field), messages);
            }
        }

        return errors.Count > 0 || content is null ? throw new ValidationException(errors) : new Open311Submission(content, CitizenRules.NormalisePhone(phone!));
    }

    private static double? Number(string? text, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 32 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            fail(field, "位置应为十进制的经纬度（WGS84）。");
            return null;
        }

        return value;
    }
}

/// <summary>The attributes every Open311 service asks beyond the spec's fields (its service definition), in order.</summary>
public static class Open311Attributes
{
    public const string RequestType = "request_type";

    public const string RegionCode = "region_code";

    public const string Demand = "demand";

    public const string Anonymous = "anonymous";

    public const string Confidential = "confidential";

    /// <summary>The request types offered, by key (the API's name) with the citizen's word for each.</summary>
    public static readonly IReadOnlyList<(string Key, RequestType Type, string Name)> RequestTypes =
    [
        ("inquiry", WorkOrders.RequestType.Inquiry, "咨询"),
        ("helpRequest", WorkOrders.RequestType.HelpRequest, "求助"),
        ("complaint", WorkOrders.RequestType.Complaint, "投诉"),
        ("report", WorkOrders.RequestType.Report, "举报"),
        ("suggestion", WorkOrders.RequestType.Suggestion, "意见建议"),
    ];

    public static readonly IReadOnlyList<(string Key, string Name)> YesNo = [("false", "否"), ("true", "是")];

    /// <summary>One attribute of a service definition (GeoReport v2's fields).</summary>
    public sealed record Definition(string Code, string Datatype, bool Required, string DatatypeDescription, int Order, string Description, IReadOnlyList<(string Key, string Name)> Values);

    /// <summary>What every service asks: the type of request is required (a work order has one), the rest optional.</summary>
    public static readonly IReadOnlyList<Definition> All =
    [
        new(RequestType, "singlevaluelist", true, string.Empty, 1, "诉求类型", RequestTypes.Select(t => (t.Key, t.Name)).ToList()),
        new(RegionCode, "string", false, "街道（9位）或社区（12位）行政区划代码；不填由话务员确定", 2, "事发街道（乡镇）", []),
        new(Demand, "text", false, string.Empty, 3, "具体诉求", []),
        new(Anonymous, "singlevaluelist", false, string.Empty, 4, "匿名反映（不向承办单位显示姓名）", YesNo),
        new(Confidential, "singlevaluelist", false, string.Empty, 5, "保密（承办单位看不到来电人信息）", YesNo),
    ];

    public static RequestType? RequestTypeOf(string? key, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            fail("attribute[" + RequestType + "]", "请选择诉求类型：咨询、求助、投诉、举报或意见建议。");
            return null;
        }

        foreach (var (k, type, _) in RequestTypes)
        {
            if (string.Equals(k, key.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        fail("attribute[" + RequestType + "]", "诉求类型应为 " + string.Join("、", RequestTypes.Select(t => t.Key)) + " 之一。");
        return null;
    }

    public static bool? Flag(string? value, string code, Action<string, string> fail) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => Fail(code, fail),
    };

    private static bool? Fail(string code, Action<string, string> fail)
    {
        fail("attribute[" + code + "]", "应为 true 或 false。");
        return null;
    }
}
