using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Cases;

public sealed record HardCaseDispatchRequest(long? LeadUnitId, [property: MaxLength(Limits.Items)] IReadOnlyList<long>? CoUnitIds, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record HardCaseSendBackRequest(SendBackReason? Reason, [property: MaxLength(Limits.Reason)] string? Note, long? ArticleId, long? Version);

public sealed record ConveneUnitsRequest(
    [property: MaxLength(Limits.Items)] IReadOnlyList<long>? UnitIds, DateOnly? HeldOn, [property: MaxLength(Limits.LongText)] string? Outcome, long? Version);

public sealed record DecideArbitrationRequest(long? UnitId, [property: MaxLength(Limits.LongText)] string? Decision, long? Version);

public sealed record ReportToGovernmentRequest([property: MaxLength(Limits.LongText)] string? Matter, long? Version);

public sealed record CoordinationResultRequest([property: MaxLength(Limits.LongText)] string? Result, long? Version);

public sealed record JudgeLatenessRequest(LatenessJudgement? Judgement, [property: MaxLength(Limits.Reason)] string? Note, long? Version);
