namespace Hotline.Domain.WorkOrders;

/// <summary>Where a work order stands. Code asks "is it open / with a unit / finished" through <see cref="StatusGroups"/>.</summary>
public enum WorkOrderStatus
{
    /// <summary>Registered for dispatch; the dispatcher reviews it (待派单).</summary>
    AwaitingDispatch,

    /// <summary>Sent back to the intake agent for correction or a knowledge-base answer (退回受理).</summary>
    SentBackToIntake,

    /// <summary>At the lead unit, not yet signed for (待签收).</summary>
    Dispatched,

    /// <summary>Signed for; the unit is handling it (办理中).</summary>
    InProgress,

    /// <summary>The unit returned it; the dispatcher reviews the return (回退待审).</summary>
    Returned,

    /// <summary>The unit replied; the centre reviews the reply (待审核).</summary>
    Replied,

    /// <summary>Reply accepted; awaiting the callback to the citizen (待回访).</summary>
    AwaitingCallback,

    /// <summary>Closed (办结).</summary>
    Closed,

    /// <summary>Not accepted at intake (不予受理), with a coded reason.</summary>
    NotAccepted,

    /// <summary>Archived (归档): read-only.</summary>
    Archived,

    // issue 15, hard cases and disputes (WorkOrder.Cases.cs)

    /// <summary>A hard case (疑难工单) waiting for the team leader or the site manager to decide (<see cref="WorkOrder.HardCaseLevel"/>).</summary>
    HardCase,

    /// <summary>A responsibility dispute (职责争议) waiting for the organisation office's binding decision (职责确认).</summary>
    InArbitration,
}

public static class StatusGroups
{
    public static readonly IReadOnlySet<WorkOrderStatus> Open = new HashSet<WorkOrderStatus>
    {
        WorkOrderStatus.AwaitingDispatch, WorkOrderStatus.SentBackToIntake, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress,
        WorkOrderStatus.Returned, WorkOrderStatus.Replied, WorkOrderStatus.AwaitingCallback,
        WorkOrderStatus.HardCase, WorkOrderStatus.InArbitration, // issue 15, hard cases and disputes
    };

    /// <summary>The unit holds the order and owes a reply: the handling clock and its lights run.</summary>
    public static readonly IReadOnlySet<WorkOrderStatus> WithUnit = new HashSet<WorkOrderStatus> { WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress };

    public static readonly IReadOnlySet<WorkOrderStatus> Finished = new HashSet<WorkOrderStatus> { WorkOrderStatus.Closed, WorkOrderStatus.NotAccepted, WorkOrderStatus.Archived };

    /// <summary>The same sets as arrays, for database queries (<c>status IN (...)</c>).</summary>
    public static readonly WorkOrderStatus[] OpenArray = [.. Open];

    public static readonly WorkOrderStatus[] WithUnitArray = [.. WithUnit];

    public static bool IsOpen(this WorkOrderStatus status) => Open.Contains(status);

    public static bool IsWithUnit(this WorkOrderStatus status) => WithUnit.Contains(status);
}

/// <summary>The channel a request arrived on (S2).</summary>
public enum Channel
{
    Phone,
    WeChat,
    App,
    Web,
    MayorMailbox,
    Broadcast,
    Province,
    GovServiceHotline,
    ServiceHall,
    SubCentre,
}

/// <summary>Request type: 咨询 / 求助 / 投诉 / 举报 / 意见建议.</summary>
public enum RequestType
{
    Inquiry,
    HelpRequest,
    Complaint,
    Report,
    Suggestion,
}

public enum Urgency
{
    Normal,
    Emergency,
}

/// <summary>Alert light on the handling clock: yellow at one working day or less before the deadline, red past it by more than one.</summary>
public enum Light
{
    None,
    Yellow,
    Red,
}

/// <summary>Coded reasons for not accepting a request at intake (S3).</summary>
public enum RejectionReason
{
    /// <summary>An emergency: transferred to 110/119/120/122 (the transfer is recorded).</summary>
    Emergency,

    /// <summary>Litigation, arbitration, administrative review, petitions, discipline inspection, information disclosure: statutory route given.</summary>
    StatutoryRoute,

    /// <summary>Civil disputes outside administrative power; courts, procuratorates, the military, the armed police.</summary>
    OutsideAdministrativePower,

    /// <summary>State or commercial secrets, personal privacy, requests against public order.</summary>
    SecretsOrPublicOrder,

    /// <summary>The same fact and reason again after lawful handling, with no new evidence.</summary>
    AlreadyHandled,

    /// <summary>Mediation tried repeatedly without progress; the judicial route advised.</summary>
    MediationExhausted,

    /// <summary>Abuse or no substantive content: recorded, call ended.</summary>
    AbuseOrNoContent,

    // Issue 15, intake (S3): the reason the original route keeps.

    /// <summary>A petition still in review or re-review (信访复查复核), or any statutory procedure not yet ended: the original route.</summary>
    ProcedureNotEnded,
}

/// <summary>Emergency numbers a request is transferred to.</summary>
public enum EmergencyService
{
    Police110,
    Fire119,
    Ambulance120,
    Traffic122,
}

public enum SendBackReason
{
    /// <summary>Wrong or unclear information: the agent corrects it.</summary>
    Correction,

    /// <summary>"知识库已有明确答复": the agent answers from the linked article.</summary>
    KnowledgeBaseAnswers,
}

public enum ReplyOutcome
{
    Resolved,
    Explained,
    CannotResolve,
}

public enum ContactMethod
{
    Phone,
    Sms,
    Visit,
    Online,
    Other,
}

public enum Rating
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

public enum CloseReason
{
    /// <summary>Satisfied or basically satisfied at callback.</summary>
    Satisfied,

    /// <summary>Not satisfied, but the answer complies with law and policy (decided with a note).</summary>
    PolicyCompliant,

    /// <summary>The citizen could not be reached after three attempts on different working days.</summary>
    Unreachable,

    /// <summary>Administrative mediation or law enforcement: not chased for satisfaction.</summary>
    ExemptFromCallback,

    AnsweredAtIntake,
    ThreeWayCall,
    Merged,

    // Issue 15, intake (S3).

    /// <summary>Handled directly by the centre at intake (直接办理): the centre acted itself and recorded what it did.</summary>
    HandledByCentre,
}

public enum PendingState
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

public enum ReminderKind
{
    Automatic,
    Manual,
}

/// <summary>Every kind of timeline entry; transitions, reminders and reveals of caller data alike.</summary>
public enum WorkOrderAction
{
    Register,
    AnswerDirectly,
    ThreeWayCall,
    RejectAtIntake,
    Dispatch,
    SendBack,
    Correct,
    Redispatch,
    Sign,
    Return,
    ApproveReturn,
    RejectReturn,
    RequestExtension,
    ApproveExtension,
    RejectExtension,
    ProgressReport,
    CoReply,
    Reply,
    AcceptReply,
    RejectReply,
    Callback,
    Redo,
    Close,
    Archive,
    Remind,
    LinkRepeat,
    Merge,
    RevealCaller,
    LightChanged,

    // emergency work orders (issue 15, 紧急工单)
    RaiseEmergency,
    ConfirmEmergency,
    DismissEmergency,
    RecordEmergencyCall,
    ReportEmergency,

    // Issue 15, intake (S3).
    HandleDirectly,
    OneGoNotice,
    // issue 15, hard cases, disputes, coordination, lateness (WorkOrder.Cases.cs, WorkOrder.Disputes.cs)
    EscalateHardCase,
    DispatchHardCase,
    SendBackHardCase,
    ConveneUnits,
    RequestArbitration,
    DecideArbitration,
    ReportToGovernment,
    RecordCoordination,
    ExplainLateness,
    JudgeLateness,

    // issue 16, multi-unit cases (S8): the centre convenes the units concerned and names one lead unit
    ConveneLead,
}
