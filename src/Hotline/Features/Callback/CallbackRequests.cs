using Hotline.Domain.WorkOrders;

namespace Hotline.Features.Callback;

public sealed record AcceptReplyRequest(string? Note, bool? SkipCallback, long? Version);

public sealed record CallbackRequest(ContactMethod? Method, bool? Reached, Rating? ProcessRating, Rating? ResultRating, string? Comment, long? Version);

public sealed record RedoRequest(string? Reason, long? LeadUnitId, long? Version);

public sealed record CloseRequest(CloseReason? Reason, string? Note, long? Version);
