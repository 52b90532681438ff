using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Citizens.Ratings;
using Hotline.Features.WorkOrders;

namespace Hotline.Features.Citizens;

public sealed record CitizenStepDto(CitizenStage Stage, DateTimeOffset At);

/// <summary>What a citizen sees of a request: <see cref="CitizenProgress"/>, nothing more.</summary>
public sealed record CitizenProgressDto(
    string Number, CitizenStage Stage, DateTimeOffset SubmittedAt, IReadOnlyList<CitizenStepDto> Steps, string? WorkOrderNumber,
    RejectionReason? Reason, string? Message, string? Answer, bool CanRate)
{
    /// <summary>The photos the citizen sent with the request (issue 18): thumbnails only this phone may read.</summary>
    public IReadOnlyList<CitizenPhoto> Photos { get; init; } = [];

    /// <summary>The online customer-service conversation that became the order (issue 18): the citizen's and the service's lines, no staff names.</summary>
    public IReadOnlyList<CitizenChatLine> Chat { get; init; } = [];

    /// <summary>The 好差评 the citizen gave the service of the closed order (issue 18), if any.</summary>
    public ServiceRatingGiven? ServiceRating { get; init; }

    /// <summary>The order is closed and not yet given a 好差评: the portal offers the rating.</summary>
    public bool CanRateService { get; init; }

    public static CitizenProgressDto From(CitizenProgress p) => new(
        p.Number, p.Stage, WorkOrderDto.Local(p.SubmittedAtUtc), p.Steps.Select(s => new CitizenStepDto(s.Stage, WorkOrderDto.Local(s.AtUtc))).ToList(),
        p.WorkOrderNumber, p.Reason, p.Message, p.Answer, p.CanRate);
}

/// <summary>A line of the chat kept with the order as the citizen sees it: who spoke (citizen, assistant, or agent shown as "客服"), the text, the cited article.</summary>
public sealed record CitizenChatLine(Domain.Chat.ChatSender Sender, string Text, long? ArticleId, string? ArticleTitle, DateTimeOffset At);

public sealed record SubmissionReceived(string Number, DateTimeOffset SubmittedAt, CitizenStage Stage);

/// <summary>A submission as the intake agent sees it (the centre sees the caller as on a phone call).</summary>
public sealed record SubmissionDto(
    long Id, string Number, Channel Channel, string? ChannelKeyName, string Phone, string? CitizenName, RequestType RequestType, string CategoryCode,
    string CategoryName, string RegionCode, string Address, double? Latitude, double? Longitude, string Description, string? Demand, bool IsAnonymous,
    bool IsConfidential, SubmissionState State, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? DecidedByName, RejectionReason? RefusalReason,
    string? RefusalMessage, long? WorkOrderId, string? WorkOrderNumber, long Version)
{
    /// <summary>The citizen's photos (issue 18); their thumbnails at /api/attachments/{id}/thumbnail.</summary>
    public IReadOnlyList<Attachments.UploadView> Photos { get; init; } = [];

    public static SubmissionDto From(Submission s, string categoryName, string? keyName) => new(
        s.Id, s.Number, s.Channel, keyName, s.Phone, s.CitizenName, s.RequestType, s.CategoryCode, categoryName, s.RegionCode, s.Address, s.Latitude, s.Longitude,
        s.Description, s.Demand, s.IsAnonymous, s.IsConfidential, s.State, WorkOrderDto.Local(s.SubmittedAtUtc), WorkOrderDto.Local(s.DecidedAtUtc), s.DecidedByName,
        s.RefusalReason, s.RefusalMessage, s.WorkOrderId, s.WorkOrderNumber, s.Version);
}

public sealed record SubmissionListItem(
    long Id, string Number, Channel Channel, RequestType RequestType, string CategoryName, string RegionCode, string Summary, SubmissionState State,
    DateTimeOffset SubmittedAt, string? WorkOrderNumber, long Version);

public sealed record AcceptedSubmission(SubmissionDto Submission, long WorkOrderId, string WorkOrderNumber);

public sealed record ChannelKeyDto(
    long Id, string Name, Channel Channel, string KeyPrefix, DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset? RotatedAt,
    DateTimeOffset? PreviousValidUntil, DateTimeOffset? RevokedAt, string? RevokedByName, long Version)
{
    public static ChannelKeyDto From(ChannelKey k) => new(
        k.Id, k.Name, k.Channel, k.KeyPrefix, WorkOrderDto.Local(k.CreatedAtUtc), k.CreatedByName, WorkOrderDto.Local(k.RotatedAtUtc),
        WorkOrderDto.Local(k.PreviousValidUntilUtc), WorkOrderDto.Local(k.RevokedAtUtc), k.RevokedByName, k.Version);
}

/// <summary>A key as made or rotated: the key itself is shown this once.</summary>
public sealed record IssuedChannelKey(ChannelKeyDto Key, string Secret);

/// <summary>One of the categories a citizen chooses from (the catalogue's top levels).</summary>
public sealed record CitizenCategory(string Code, string Name, string? ParentCode);

/// <summary>A place a citizen chooses from: a territorial unit's region code, its name and its level (city, district, street).</summary>
public sealed record CitizenRegion(string RegionCode, string Name, Domain.Organisation.UnitKind Kind);
