using Hotline.Domain.WorkOrders;

namespace Hotline.Features.Dispatch;

public sealed record DispatchRequest(long? LeadUnitId, IReadOnlyList<long>? CoUnitIds, string? Note, long? Version);

public sealed record SendBackRequest(SendBackReason? Reason, string? Note, long? ArticleId, long? Version);

public sealed record ApproveReturnRequest(string? Note, long? LeadUnitId, IReadOnlyList<long>? CoUnitIds, long? Version);
