using Hotline.Domain.Organisation;

namespace Hotline.Domain.Notifications;

/// <summary>
/// What a workbench notification is about. Each kind has one policy (<see cref="NotificationPolicies"/>) and one message
/// in the workbench's locale files (<c>notifications.kinds.*</c>), filled from the notification's facts.
/// </summary>
public enum NotificationKind
{
    /// <summary>The order's light turned yellow: one working day or less to the handling deadline (S7: "the unit is told").</summary>
    YellowLight,

    /// <summary>A reminder notice (催办单) reached the unit: automatic on red, or by hand.</summary>
    Reminder,

    // emergency work orders (issue 15)

    /// <summary>紧急上报: an agent raised an emergency; the duty team leader, the dispatch group and site management are told.</summary>
    EmergencyRaised,

    /// <summary>The duty team leader confirmed the emergency: the site manager (and the dispatch group, the agent) are told.</summary>
    EmergencyConfirmed,

    /// <summary>The duty team leader found it is not an emergency: back to normal urgency, with the reason.</summary>
    EmergencyDismissed,

    // Issue 15 (clocks): the automatic reminders of the dispatch, callback and progress-report clocks.

    /// <summary>An order waited in the dispatch queue past its dispatch deadline: the dispatchers are told.</summary>
    DispatchOverdue,

    /// <summary>An order's callback is past its limit: the callback agents are told.</summary>
    CallbackOverdue,

    /// <summary>The date a progress report (续报) committed to passed without a new report or a reply: the unit is told.</summary>
    ProgressReportOverdue,
    // issue 15, hard cases and disputes

    /// <summary>A hard case (疑难工单) reached the team leader or the site manager.</summary>
    HardCase,

    /// <summary>A unit took a responsibility dispute to the organisation office (编办).</summary>
    ArbitrationRequested,

    /// <summary>The organisation office decided which unit is responsible (职责确认); the units concerned are told.</summary>
    ArbitrationDecided,

    // issue 19 (S10: "a new or emerging issue reminds the owning unit to complete the knowledge base")

    /// <summary>A hot spot or emerging issue was warned about: the units it concerns are asked to complete the knowledge base's answer wording.</summary>
    KnowledgeForIssue,

    // S14: quality inspection

    /// <summary>One of the agent's calls was scored (or its score corrected): the agent is told the score, to read the notes.</summary>
    QualityScored,
}

/// <summary>
/// Who receives a notification: one user; every user holding a centre role; every user of one unit (its handlers,
/// liaison and leader); or the users of one unit holding one role. One acknowledgement answers for all of them.
/// </summary>
public sealed record Audience(long? UserId, Role? Role, long? UnitId)
{
    public static Audience User(long userId) => new(userId, null, null);

    public static Audience CentreRole(Role role) => role.IsUnitRole()
        ? throw new ArgumentException("A unit role needs its unit.", nameof(role))
        : new Audience(null, role, null);

    public static Audience Unit(long unitId) => new(null, null, unitId);

    public static Audience UnitRole(long unitId, Role role) => new(null, role, unitId);

    /// <summary>Whether a user with these roles in this unit is among the audience.</summary>
    public bool Includes(long userId, IReadOnlySet<Role> roles, long unitId) =>
        UserId is { } user ? user == userId
        : UnitId is { } unit ? unit == unitId && (Role is { } r ? roles.Contains(r) : roles.Any(x => x.IsUnitRole()))
        : Role is { } role && roles.Contains(role);
}

/// <summary>
/// A notification in the workbench (S4 "notified in the workbench at once", S7 "the unit is told"): made by a rule from a
/// timeline entry, shown to its audience live and in the bell's list, acknowledged once. A kind whose policy asks for an
/// acknowledgement escalates to the next level when nobody acknowledges it in time (<see cref="Escalate"/>).
/// Never carries a caller's identity: the facts are the order's number and what the rule copies from the entry.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        WorkOrderNumber = string.Empty;
    }

    public long Id { get; private set; }

    public NotificationKind Kind { get; private set; }

    public long? RecipientUserId { get; private set; }

    public Role? RecipientRole { get; private set; }

    public long? RecipientUnitId { get; private set; }

    public Audience Audience => new(RecipientUserId, RecipientRole, RecipientUnitId);

    public long? WorkOrderId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    /// <summary>The values the message is filled with (the order's number, a unit's name, a due time …).</summary>
    public Dictionary<string, string?> Facts { get; private set; } = [];

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The timeline entry the notification came from: a rule runs once per entry.</summary>
    public long? SourceEventId { get; private set; }

    /// <summary>0 for the first audience; each escalation adds one.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>When the notification escalates unless acknowledged; null when it does not (or no longer) escalate.</summary>
    public DateTime? EscalateAtUtc { get; private set; }

    /// <summary>When it escalated to the next level (the next level is a notification of its own).</summary>
    public DateTime? EscalatedAtUtc { get; private set; }

    public DateTime? AcknowledgedAtUtc { get; private set; }

    public long? AcknowledgedByUserId { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public long Version { get; private set; }

    public bool RequiresAcknowledgement => NotificationPolicies.For(Kind).RequiresAcknowledgement;

    public bool IsOpen => AcknowledgedAtUtc is null && RequiresAcknowledgement;

    public static Notification Create(
        NotificationKind kind, Audience audience, long? workOrderId, string? workOrderNumber, IReadOnlyDictionary<string, string?>? facts, DateTime nowUtc, long? sourceEventId, int level = 0)
    {
        var policy = NotificationPolicies.For(kind);
        return new Notification
        {
            Kind = kind,
            RecipientUserId = audience.UserId,
            RecipientRole = audience.Role,
            RecipientUnitId = audience.UnitId,
            WorkOrderId = workOrderId,
            WorkOrderNumber = workOrderNumber,
            Facts = facts?.ToDictionary() ?? [],
            CreatedAtUtc = nowUtc,
            SourceEventId = sourceEventId,
            EscalationLevel = level,
            EscalateAtUtc = policy.Escalations.Count > level ? nowUtc + policy.Escalations[level].After : null,
        };
    }

    /// <summary>Someone of the audience has seen it and takes it on: once, for the whole audience.</summary>
    public void Acknowledge(long userId, string name, DateTime nowUtc)
    {
        if (AcknowledgedAtUtc is not null)
        {
            throw new DomainException("notification.already_acknowledged", $"{AcknowledgedByName} acknowledged this notification already.");
        }

        AcknowledgedAtUtc = nowUtc;
        AcknowledgedByUserId = userId;
        AcknowledgedByName = name;
        EscalateAtUtc = null;
    }

    /// <summary>
    /// Nobody acknowledged it in time: the next level of the kind's escalation is told (one notification per audience of
    /// that level), and this one stops escalating. It stays open for its own audience until acknowledged.
    /// </summary>
    public IReadOnlyList<Notification> Escalate(DateTime nowUtc)
    {
        if (AcknowledgedAtUtc is not null || EscalateAtUtc is not { } at || at > nowUtc)
        {
            return [];
        }

        var step = NotificationPolicies.For(Kind).Escalations[EscalationLevel];
        EscalatedAtUtc = nowUtc;
        EscalateAtUtc = null;
        var facts = new Dictionary<string, string?>(Facts) { ["escalatedFrom"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return step.To(this).Select(a => Create(Kind, a, WorkOrderId, WorkOrderNumber, facts, nowUtc, SourceEventId, EscalationLevel + 1)).ToList();
    }
}
