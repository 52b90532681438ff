using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Callback;

/// <param name="CitizenAnswer">Issue 15: with <c>Reply:Voice</c> = <c>Centre</c>, the centre's answer to the citizen, written from the unit's reply.</param>
public sealed record AcceptReplyRequest([property: MaxLength(Limits.Reason)] string? Note, bool? SkipCallback, long? Version, [property: MaxLength(Limits.LongText)] string? CitizenAnswer = null);

public sealed record CallbackRequest(ContactMethod? Method, bool? Reached, Rating? ProcessRating, Rating? ResultRating, [property: MaxLength(Limits.Reason)] string? Comment, long? Version)
{
    /// <summary>Issue 15 (S6): the unit should have acted and did not (应办未办): a redo whatever the rating.</summary>
    public bool? UnitFailedToAct { get; init; }
}

public sealed record RedoRequest([property: MaxLength(Limits.Reason)] string? Reason, long? LeadUnitId, long? Version);

public sealed record CloseRequest(CloseReason? Reason, [property: MaxLength(Limits.Reason)] string? Note, long? Version);
