using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens;

/// <summary>Send a one-time code to a phone, for tracking or for submitting.</summary>
public sealed record CodeRequest([property: MaxLength(Limits.Phone)] string? Phone, CodePurpose? Purpose);

/// <summary>The code the citizen received; a right one gives a citizen token for <see cref="CitizenAccess.TokenHeader"/>.</summary>
public sealed record VerifyCodeRequest([property: MaxLength(Limits.Phone)] string? Phone, CodePurpose? Purpose, [property: MaxLength(Limits.Code)] string? Code);

public sealed record CodeSent(int ExpiresInSeconds, int ResendAfterSeconds);

public sealed record CitizenTokenDto(string Token, DateTimeOffset ExpiresAt);

/// <summary>A citizen's request (咨询/求助/投诉/举报/意见建议) from the app, the mini-program or the web.</summary>
public sealed record SubmissionRequest(
    RequestType? RequestType,
    [property: MaxLength(Limits.Code)] string? CategoryCode,
    [property: MaxLength(Limits.Code)] string? RegionCode,
    [property: MaxLength(Limits.ShortText)] string? Address,
    double? Latitude,
    double? Longitude,
    [property: MaxLength(Limits.LongText)] string? Description,
    [property: MaxLength(Limits.MediumText)] string? Demand,
    [property: MaxLength(Limits.Name)] string? CitizenName,
    bool? IsAnonymous,
    bool? IsConfidential,
    [property: MaxLength(Limits.Attachments)] IReadOnlyList<long>? AttachmentIds = null)
{
    public SubmissionInput ToInput() => new(RequestType, CategoryCode, RegionCode, Address, Latitude, Longitude, Description, Demand, CitizenName, IsAnonymous, IsConfidential);
}

/// <summary>The online callback: the citizen rates the service process and the result.</summary>
public sealed record OnlineRatingRequest(Rating? ProcessRating, Rating? ResultRating, [property: MaxLength(Limits.Reason)] string? Comment);

/// <summary>
/// Accept a queued submission into a work order: the registration as the agent completed it (prefilled from the
/// submission). The channel and the caller (the verified phone, the anonymous and confidential choices) are the
/// submission's and cannot be changed here.
/// </summary>
public sealed record AcceptSubmissionRequest : RegisterRequest
{
    public long? Version { get; init; }
}

/// <summary>Refuse a queued submission with a coded reason; the message to the citizen defaults to the reason's text (where to go).</summary>
public sealed record RefuseSubmissionRequest(RejectionReason? Reason, [property: MaxLength(Limits.Reason)] string? Message, long? Version);

public sealed record ChannelKeyRequest([property: MaxLength(Limits.Name)] string? Name, Channel? Channel);

public sealed record ChannelKeyVersion(long? Version);
