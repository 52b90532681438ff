using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Domain.WorkOrders;

/// <summary>The citizen who called or wrote. Anonymous callers give no name; confidential ones are never shown to units.</summary>
public sealed record Caller(string? Name, string? Phone, bool IsAnonymous, bool IsConfidential);

/// <summary>Structured location: region code, street/community, free address, optional coordinates.</summary>
public sealed record Location(string? RegionCode, string? Street, string? Address, double? Latitude, double? Longitude);

/// <summary>
/// A file of the order (issue 18: an upload the server stored and typed, named by <see cref="UploadId"/>; before issue 18
/// metadata only, without an upload). <see cref="Source"/> says who attached it; a reply's files carry the reply's time.
/// </summary>
public sealed record Attachment([property: MaxLength(Limits.ShortText)] string Name, [property: MaxLength(Limits.LongName)] string ContentType, long Size, [property: MaxLength(Limits.StorageKey)] string StorageKey)
{
    public long? UploadId { get; init; }

    public AttachmentSource Source { get; init; }

    /// <summary>For <see cref="AttachmentSource.Reply"/>: the <see cref="ReplyRecord.AtUtc"/> of the reply it came with.</summary>
    public DateTime? ReplyAtUtc { get; init; }
}

/// <summary>Who attached a file: intake at registration, the centre later (an edit), or the unit with its reply (S5).</summary>
public enum AttachmentSource
{
    Intake,
    Added,
    Reply,
}

/// <summary>The unit's return (回退) and the dispatcher's decision.</summary>
public sealed record ReturnRecord(
    DateTime AtUtc, long UnitId, string UnitName, string Reason, string Basis, long? SuggestedUnitId, bool Late,
    PendingState State, DateTime? DecidedAtUtc, string? DecidedBy, string? Decision);

/// <summary>An extension (延期) request and its decision; only an approval moves the deadline.</summary>
public sealed record ExtensionRecord(
    DateTime AtUtc, string RequestedBy, int Days, string Reason, PendingState State, DateTime? DecidedAtUtc, string? DecidedBy,
    string? Decision, int? GrantedDays, DateTime? PreviousDueUtc, DateTime? NewDueUtc);

/// <summary>A progress report (续报): what was done and the date the unit commits to.</summary>
public sealed record ProgressReportRecord(DateTime AtUtc, string By, long UnitId, string Text, DateOnly CommittedDate);

/// <summary>A co-unit's (协办) reply to the lead unit.</summary>
public sealed record CoReplyRecord(DateTime AtUtc, long UnitId, string UnitName, string By, string Text);

/// <summary>The lead unit's reply (办结反馈).</summary>
public sealed record ReplyRecord(
    DateTime AtUtc, string By, long UnitId, string Result, bool CitizenContacted, ContactMethod? ContactMethod,
    ReplyOutcome Outcome, string? UnresolvedReason, bool Late);

/// <summary>One callback attempt (回访): reached with two ratings, or unreachable.</summary>
public sealed record CallbackAttempt(
    DateTime AtUtc, string By, ContactMethod Method, bool Reached, Rating? ProcessRating, Rating? ResultRating, string? Comment)
{
    /// <summary>Issue 15 (S6): the callback found the unit should have acted and did not (应办未办): a redo whatever the rating.</summary>
    public bool UnitFailedToAct { get; init; }
}

/// <summary>A reminder notice (催办单) to the unit holding the order.</summary>
public sealed record Reminder(DateTime AtUtc, ReminderKind Kind, string By, long UnitId, string UnitName, string Text);

/// <summary>How the order ended at intake when it was not dispatched.</summary>
public sealed record IntakeResolution(
    string? Answer, long? ArticleId, long? ThreeWayUnitId, string? ThreeWayUnitName, string? ThreeWayResult,
    RejectionReason? RejectionReason, EmergencyService? TransferredTo, string? Note)
{
    /// <summary>Issue 15 (S3): what the centre did itself when it handled the request directly (直接办理).</summary>
    public string? CentreAction { get; init; }
}

/// <summary>Why the dispatcher sent the order back to intake.</summary>
public sealed record SendBackRecord(DateTime AtUtc, string By, SendBackReason Reason, string Note, long? ArticleId);
