using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// Where a correction stands: issued (待接受), being corrected (整改中), reported (待核查), refused (拒绝整改, awaiting the
/// circular), fallen short (整改不到位, awaiting the circular), passed (整改通过, closed), accountable (已问责通报, closed).
/// </summary>
public enum CorrectionState
{
    Issued,
    InCorrection,
    Reported,
    Refused,
    FallenShort,
    Passed,
    Accountable,
}

/// <summary>One kind of step of a correction (and an entry of its timeline).</summary>
public enum CorrectionAction
{
    Issue,
    Accept,
    Report,
    Refuse,
    Check,
    IssueCircular,
}

/// <summary>The centre's check of a correction report.</summary>
public enum CheckOutcome
{
    Passed,
    FallenShort,
}

/// <summary>One entry of a correction's own timeline: append-only, written in the transaction of the change it records.</summary>
public sealed class CorrectionEvent
{
    private CorrectionEvent()
    {
        ActorName = ActorUnitName = string.Empty;
    }

    public long Id { get; private set; }

    public long CorrectionId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public CorrectionAction Action { get; private set; }

    public long? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorUnitName { get; private set; }

    public string? Text { get; private set; }

    public Dictionary<string, string?> Details { get; private set; } = [];

    internal Correction? Correction { get; private set; }

    internal static CorrectionEvent Create(Correction correction, Actor actor, DateTime atUtc, CorrectionAction action, string? text, Dictionary<string, string?>? details) => new()
    {
        Correction = correction,
        AtUtc = atUtc,
        Action = action,
        ActorUserId = actor.UserId == 0 ? null : actor.UserId,
        ActorName = actor.Name,
        ActorUnitName = actor.UnitName,
        Text = text,
        Details = details ?? [],
    };
}
