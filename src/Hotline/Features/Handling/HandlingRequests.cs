using Hotline.Domain.WorkOrders;

namespace Hotline.Features.Handling;

public sealed record ReturnRequest(string? Reason, string? Basis, long? SuggestedUnitId, long? Version);

public sealed record ExtensionRequest(int? Days, string? Reason, long? Version);

public sealed record ApproveExtensionRequest(int? Days, string? Note, long? Version);

public sealed record ProgressReportRequest(string? Text, DateOnly? CommittedDate, long? Version);

public sealed record ReplyRequest(string? Result, bool? CitizenContacted, ContactMethod? ContactMethod, ReplyOutcome? Outcome, string? UnresolvedReason, long? Version);
