namespace Hotline.Domain.Supervision;

/// <summary>How the centre supervises (S8): by document (发函), meeting (会议), on site (现场), unannounced visit (暗访), special coordination meeting (专题协调会) or interview reminder (约谈提醒).</summary>
public enum SupervisionMethod
{
    Document,
    Meeting,
    OnSite,
    UnannouncedVisit,
    CoordinationMeeting,
    InterviewReminder,
}

/// <summary>
/// Where a supervision notice stands: issued and waiting for the unit to sign (待签收), signed and being handled
/// (办理中, also after a rejected answer), answered and waiting for the supervisor (待审核), closed (已办结).
/// </summary>
public enum NoticeState
{
    Issued,
    InHand,
    Answered,
    Closed,
}

/// <summary>The zh-CN names of a notice's states, as printed in exported ledgers.</summary>
public static class NoticeStateNames
{
    public static string Zh(NoticeState state) => state switch
    {
        NoticeState.Issued => "已签发",
        NoticeState.InHand => "办理中",
        NoticeState.Answered => "已回复",
        _ => "已办结",
    };
}

/// <summary>One kind of entry on a notice's own timeline.</summary>
public enum NoticeAction
{
    Open,
    Sign,
    Answer,
    Accept,
    Reject,
    Remind,
    LightChanged,
    List,
    Delist,

    // issue 16, escalation (SupervisionNotice.Escalation.cs)
    Escalate,
    JointHandling,
}

/// <summary>A work order a notice is about, with its number and subject copied for the ledger (never the caller).</summary>
public sealed class NoticeOrder
{
    private NoticeOrder()
    {
        Number = Subject = string.Empty;
    }

    internal NoticeOrder(long workOrderId, string number, string subject)
    {
        WorkOrderId = workOrderId;
        Number = number;
        Subject = subject;
    }

    public long NoticeId { get; private set; }

    public long WorkOrderId { get; private set; }

    public string Number { get; private set; }

    public string Subject { get; private set; }
}

/// <summary>What a supervisor opens a notice with: the orders' copied facts or nothing when the notice is on a unit.</summary>
public sealed record NoticeOrderRef(long WorkOrderId, string Number, string Subject, string? LeadUnitPath);

/// <summary>The fields a new notice needs (S8): trigger code, reason, demand, deadline in working days, method.</summary>
public sealed record NoticeTerms(string Trigger, string Reason, string Demand, int DeadlineWorkingDays, SupervisionMethod Method)
{
    /// <summary>The longest deadline a notice may be given, in working days.</summary>
    public const int MaxWorkingDays = 60;

    /// <summary>The trigger of a notice a supervisor opens of their own choosing (S8: "anything a supervisor chooses").</summary>
    public const string ManualTrigger = "manual";
}

/// <summary>The declared sizes of supervision's own codes (the rest use <see cref="Limits"/>).</summary>
public static class SupervisionLimits
{
    /// <summary>A trigger's code ("red-light", "slow-sign", "manual").</summary>
    public const int Trigger = 32;

    /// <summary>A notice's number ("DB20261204-0001").</summary>
    public const int Number = 32;

    /// <summary>A proposal's facts: the order's number and subject, the article's title, the unit's figure (issue 16, proposals).</summary>
    public const int Facts = Limits.Reason;
}
