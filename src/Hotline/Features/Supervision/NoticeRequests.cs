using Hotline.Domain;
using Hotline.Domain.Supervision;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

// The bodies of the supervision notices' endpoints (issue 16).

/// <summary>
/// Opens notices on work orders (one notice per lead unit of the orders) or on units (a recurring problem, one notice per
/// unit). <see cref="Trigger"/> defaults to "manual".
/// </summary>
public sealed record OpenNoticeRequest(
    [property: MaxLength(Limits.Items)] IReadOnlyList<long>? WorkOrderIds,
    [property: MaxLength(Limits.Items)] IReadOnlyList<long>? UnitIds,
    [property: MaxLength(SupervisionLimits.Trigger)] string? Trigger,
    [property: MaxLength(Limits.MediumText)] string? Reason,
    [property: MaxLength(Limits.MediumText)] string? Demand,
    int? DeadlineWorkingDays,
    SupervisionMethod? Method,
    long? DifficultIssueId);

public sealed record NoticeVersionRequest(long? Version);

public sealed record NoticeAnswerRequest([property: MaxLength(Limits.LongText)] string? Measures, [property: MaxLength(Limits.LongText)] string? Evidence, long? Version);

public sealed record NoticeAcceptRequest([property: MaxLength(Limits.Reason)] string? Outcome, long? Version, [property: MaxLength(Limits.MediumText)] string? PublicResult = null);

public sealed record NoticeReasonRequest([property: MaxLength(Limits.Reason)] string? Reason, long? Version);

public sealed record NoticeRemindRequest([property: MaxLength(Limits.LongText)] string? Text, long? Version);

/// <summary>Lists a notice publicly (挂牌督办): the matter in words for the public, the listing's last day (local), the media flag.</summary>
public sealed record NoticeListRequest([property: MaxLength(Limits.MediumText)] string? PublicMatter, DateOnly? ListingDeadline, bool? InMedia, long? Version);
