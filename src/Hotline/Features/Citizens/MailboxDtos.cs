using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens;

/// <summary>A letter to the mayor's mailbox: title, letter, type, optional category and place, consent to publish the reply.</summary>
public sealed record LetterRequest(
    [property: MaxLength(Limits.ShortText)] string? Title,
    RequestType? RequestType,
    [property: MaxLength(Limits.Code)] string? CategoryCode,
    [property: MaxLength(Limits.Code)] string? RegionCode,
    [property: MaxLength(Limits.ShortText)] string? Address,
    [property: MaxLength(Limits.LongText)] string? Letter,
    [property: MaxLength(Limits.MediumText)] string? Demand,
    [property: MaxLength(Limits.Name)] string? CitizenName,
    bool? IsAnonymous,
    bool? IsConfidential,
    bool? ConsentToPublish)
{
    public LetterInput ToInput() => new(
        new SubmissionInput(RequestType, CategoryCode, RegionCode, Address, null, null, Letter, Demand, CitizenName, IsAnonymous, IsConfidential), Title, ConsentToPublish);
}

/// <summary>A published letter as anyone reads it: no name, no phone, no number to track.</summary>
public sealed record PublicLetterDto(long Id, string Title, string Letter, string Reply, string Category, DateTimeOffset WrittenAt, DateTimeOffset RepliedAt, DateTimeOffset PublishedAt);

/// <summary>A letter on the workbench's mailbox screen: its order, the citizen's consent, and its publication.</summary>
public sealed record MailboxLetterItem(
    long SubmissionId, string Number, string Title, DateTimeOffset WrittenAt, long? WorkOrderId, string? WorkOrderNumber, WorkOrderStatus? OrderStatus,
    bool ConsentToPublish, bool Publishable, bool IsPublished, DateTimeOffset? PublishedAt, long? PublicationVersion);

/// <summary>What the publisher edits: the letter and the reply with personal data removed, or the published texts.</summary>
public sealed record LetterProposal(string Title, string Letter, string Reply, bool IsPublished, long? Version);

public sealed record PublishLetterRequest(
    [property: MaxLength(Limits.ShortText)] string? Title,
    [property: MaxLength(Limits.LongText)] string? Letter,
    [property: MaxLength(Limits.LongText)] string? Reply,
    long? Version);

public sealed record PublicationVersion(long? Version);

/// <summary>An intercepted submission in the reviewers' list: the text shortened, the phone masked.</summary>
public sealed record InterceptionItem(
    long Id, InterceptionRule Rule, Channel Channel, string MaskedPhone, string Excerpt, DateTimeOffset InterceptedAt, bool Released, string? ReleasedAs, long Version);

/// <summary>One intercepted submission as a reviewer opens it: the text as evidence, and its release if any.</summary>
public sealed record InterceptionDto(
    long Id, InterceptionRule Rule, string Message, Channel Channel, string MaskedPhone, string Evidence, DateTimeOffset InterceptedAt,
    DateTimeOffset? ReleasedAt, string? ReleasedByName, string? ReleaseReason, string? ReleasedAs, long Version)
{
    public static InterceptionDto From(Interception i) => new(
        i.Id, i.Rule, InterceptionRules.MessageFor(i.Rule), i.Channel, i.MaskedPhone, i.Evidence, WorkOrderDto.Local(i.InterceptedAtUtc),
        i.ReleasedAtUtc is { } r ? WorkOrderDto.Local(r) : null, i.ReleasedByName, i.ReleaseReason, i.ReleasedAs, i.Version);
}

public sealed record ReleaseRequest([property: MaxLength(Limits.Reason)] string? Reason, long? Version);

/// <summary>Interceptions per rule per day (China) over a period.</summary>
public sealed record InterceptionCount(DateOnly Day, InterceptionRule Rule, int Count);

public sealed record InterceptionCounts(DateOnly From, DateOnly To, IReadOnlyList<InterceptionCount> Days, IReadOnlyDictionary<string, int> Totals);

public sealed record WordRequest([property: MaxLength(Limits.Name)] string? Word);

public sealed record InterceptionWordDto(long Id, string Word, DateTimeOffset CreatedAt, string CreatedByName);
