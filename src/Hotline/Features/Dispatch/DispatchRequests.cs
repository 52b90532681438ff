using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Dispatch;

public sealed record DispatchRequest(long? LeadUnitId, [property: MaxLength(Limits.Items)] IReadOnlyList<long>? CoUnitIds, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record SendBackRequest(SendBackReason? Reason, [property: MaxLength(Limits.Reason)] string? Note, long? ArticleId, long? Version);

public sealed record ApproveReturnRequest([property: MaxLength(Limits.Reason)] string? Note, long? LeadUnitId, [property: MaxLength(Limits.Items)] IReadOnlyList<long>? CoUnitIds, long? Version);
