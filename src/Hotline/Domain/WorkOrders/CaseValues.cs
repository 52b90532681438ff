namespace Hotline.Domain.WorkOrders;

// Issue 15: the records of hard cases, responsibility disputes, coordination by the government and judged lateness.

/// <summary>One step of a hard case (疑难工单) up: who raised it, to which level (the role that decides there), and why.</summary>
public sealed record HardCaseStep(DateTime AtUtc, string By, Organisation.Role Level, string Reason);

/// <summary>A consultation (会商) the level convened: the units invited, when it met, and its outcome.</summary>
public sealed record Consultation(DateTime AtUtc, string By, string Units, DateOnly HeldOn, string Outcome, string? LeadUnit = null);

/// <summary>A responsibility dispute (职责争议) after a rejected return, and the organisation office's binding decision (职责确认).</summary>
public sealed record ArbitrationRecord(
    DateTime AtUtc, string RequestedBy, long UnitId, string UnitName, string Reason, DateTime? DecidedAtUtc, string? DecidedBy,
    long? DecidedUnitId, string? DecidedUnitName, string? Decision);

/// <summary>A matter the unit took to the government at its own level (报同级人民政府), and the government's coordination result.</summary>
public sealed record CoordinationRecord(
    DateTime AtUtc, string By, long UnitId, string UnitName, long GovernmentId, string GovernmentName, string Matter,
    DateTime? ResultAtUtc, string? ResultBy, string? Result);

/// <summary>How a late reply or return was judged (S5): the unit's reason, then the centre's judgement.</summary>
public enum LatenessJudgement
{
    /// <summary>Late with a reason the centre accepts.</summary>
    Accepted,

    /// <summary>Late without good reason (无正当理由逾期): counts in supervision and assessment.</summary>
    WithoutGoodReason,
}

/// <summary>The unit's reason for being late and the centre's judgement of it.</summary>
public sealed record LatenessRecord(
    DateTime? ExplainedAtUtc, string? ExplainedBy, string? Reason, DateTime? JudgedAtUtc, string? JudgedBy, LatenessJudgement? Judgement, string? Note);

/// <summary>Who answers the citizen (S5, <c>Reply:Voice</c>): the unit directly (Zibo), or the centre in one voice (Xianning).</summary>
public enum ReplyVoice
{
    Unit,
    Centre,
}
