using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Handling;

public sealed record ReturnRequest([property: MaxLength(Limits.Reason)] string? Reason, [property: MaxLength(Limits.Reason)] string? Basis, long? SuggestedUnitId, long? Version);

public sealed record ExtensionRequest(int? Days, [property: MaxLength(Limits.Reason)] string? Reason, long? Version);

public sealed record ApproveExtensionRequest(int? Days, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record ProgressReportRequest([property: MaxLength(Limits.LongText)] string? Text, DateOnly? CommittedDate, long? Version);

public sealed record ReplyRequest([property: MaxLength(Limits.LongText)] string? Result, bool? CitizenContacted, ContactMethod? ContactMethod, ReplyOutcome? Outcome, [property: MaxLength(Limits.Reason)] string? UnresolvedReason, long? Version)
{
    /// <summary>Issue 18 (S5): the unit's uploads the reply carries.</summary>
    [MaxLength(Limits.Attachments)]
    public IReadOnlyList<long>? AttachmentIds { get; init; }
}
