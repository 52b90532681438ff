using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>A unit the order is assigned to as a co-unit (协办); stored in its own table so unit scopes can query it.</summary>
public sealed class CoUnit
{
    private CoUnit()
    {
        UnitPath = UnitName = string.Empty;
    }

    internal CoUnit(Unit unit)
    {
        UnitId = unit.Id;
        UnitPath = unit.Path;
        UnitName = unit.Name;
    }

    public long WorkOrderId { get; private set; }

    public long UnitId { get; private set; }

    public string UnitPath { get; private set; }

    public string UnitName { get; private set; }

    public bool HasReplied { get; internal set; }
}

/// <summary>What the intake agent records (S3); also what a correction replaces.</summary>
public sealed record WorkOrderContent(
    Channel Channel,
    RequestType RequestType,
    string CategoryCode,
    Urgency Urgency,
    Caller Caller,
    Location Location,
    string Subject,
    string Events,
    string Demand,
    string? SuggestedHandling,
    string? PartyInvolved,
    string? RecordingId,
    string? ProvincialReference,
    IReadOnlyList<Attachment> Attachments)
{
    // Issue 15, intake (S3): the party involved's address and the citizen's wish for a reply and a callback.

    /// <summary>Where the party involved (被反映主体, named by <see cref="PartyInvolved"/>) is, apart from the event's place.</summary>
    public string? PartyAddress { get; init; }

    /// <summary>The citizen asks for a reply and a callback: the callback policy always picks the order.</summary>
    public bool CitizenWantsCallback { get; init; }
}

/// <summary>
/// The work order (工单) aggregate: all state changes go through its verbs, each checked against
/// <see cref="WorkOrderTransitions"/>, each appending a timeline entry. Its clocks are <see cref="Deadlines"/>. The verbs
/// are split by the party that takes them (WorkOrder.Intake.cs, .Dispatch.cs, .Handling.cs, .Callback.cs,
/// .Supervision.cs, .Repeats.cs); who may act and what they see is in WorkOrder.Access.cs.
/// </summary>
public sealed partial class WorkOrder
{
    private readonly List<WorkOrderEvent> _pendingEvents = [];

    private WorkOrder()
    {
        Number = CategoryCode = Subject = Events = Demand = RegisteredByName = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Human-readable and unique per platform: platform code + local date + sequence, e.g. AL20261125000123.</summary>
    public string Number { get; private set; }

    public Channel Channel { get; private set; }

    public RequestType RequestType { get; private set; }

    public string CategoryCode { get; private set; }

    public Urgency Urgency { get; private set; }

    public Caller Caller => new(CallerName, CallerPhone, CallerIsAnonymous, CallerIsConfidential);

    public string? CallerName { get; private set; }

    /// <summary>Indexed: the caller's history is looked up by phone.</summary>
    public string? CallerPhone { get; private set; }

    public bool CallerIsAnonymous { get; private set; }

    public bool CallerIsConfidential { get; private set; }

    public Location Location => new(RegionCode, Street, Address, Latitude, Longitude);

    public string? RegionCode { get; private set; }

    public string? Street { get; private set; }

    public string? Address { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string Subject { get; private set; }

    public string Events { get; private set; }

    public string Demand { get; private set; }

    public string? SuggestedHandling { get; private set; }

    public string? PartyInvolved { get; private set; }

    public string? RecordingId { get; private set; }

    /// <summary>The provincial platform's reference for tickets it forwarded (省级来件): shorter return and extension windows.</summary>
    public string? ProvincialReference { get; private set; }

    public List<Attachment> Attachments { get; private set; } = [];

    public WorkOrderStatus Status { get; private set; }

    public CloseReason? CloseReason { get; private set; }

    /// <summary>首问负责: the agent who registered the contact is responsible for it.</summary>
    public long RegisteredByUserId { get; private set; }

    public string RegisteredByName { get; private set; }

    public DateTime RegisteredAtUtc { get; private set; }

    public IntakeResolution? Resolution { get; private set; }

    public SendBackRecord? LastSendBack { get; private set; }

    public long? LeadUnitId { get; private set; }

    public string? LeadUnitPath { get; private set; }

    public string? LeadUnitName { get; private set; }

    public List<CoUnit> CoUnits { get; private set; } = [];

    /// <summary>When the current handling cycle reached the unit (receipt): the start of the return and handling clocks.</summary>
    public DateTime? DispatchedAtUtc { get; private set; }

    public DateTime? SignedAtUtc { get; private set; }

    /// <summary>
    /// The clocks and the rules that move them. Their columns are mapped through the properties below, which read and
    /// write this value: Entity Framework 10 cannot index a complex type's columns, and four of them are indexed.
    /// </summary>
    public WorkOrderDeadlines Deadlines { get; private set; }

    public DateTime? DispatchDueUtc { get => Deadlines.DispatchDueUtc; private set => Deadlines = Deadlines with { DispatchDueUtc = value }; }

    public DateTime? ReturnDueUtc { get => Deadlines.ReturnDueUtc; private set => Deadlines = Deadlines with { ReturnDueUtc = value }; }

    public DateTime? HandlingDueUtc { get => Deadlines.HandlingDueUtc; private set => Deadlines = Deadlines with { HandlingDueUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.WarnAtUtc"/>
    public DateTime? WarnAtUtc { get => Deadlines.WarnAtUtc; private set => Deadlines = Deadlines with { WarnAtUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.RedAtUtc"/>
    public DateTime? RedAtUtc { get => Deadlines.RedAtUtc; private set => Deadlines = Deadlines with { RedAtUtc = value }; }

    public DateTime? FirstResponseDueUtc { get => Deadlines.FirstResponseDueUtc; private set => Deadlines = Deadlines with { FirstResponseDueUtc = value }; }

    public DateTime? FirstRespondedAtUtc { get => Deadlines.FirstRespondedAtUtc; private set => Deadlines = Deadlines with { FirstRespondedAtUtc = value }; }

    public DateTime? CallbackDueUtc { get => Deadlines.CallbackDueUtc; private set => Deadlines = Deadlines with { CallbackDueUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.Provisional"/>
    public bool DeadlineProvisional { get => Deadlines.Provisional; private set => Deadlines = Deadlines with { Provisional = value }; }

    public Light Light { get => Deadlines.Light; private set => Deadlines = Deadlines with { Light = value }; }

    /// <summary>When the light job must look at this order next; null when no clock is running. Indexed.</summary>
    public DateTime? NextClockCheckUtc { get => Deadlines.NextCheckUtc; private set => Deadlines = Deadlines with { NextCheckUtc = value }; }

    public bool FirstResponseReminded { get => Deadlines.FirstResponseReminded; private set => Deadlines = Deadlines with { FirstResponseReminded = value }; }

    // Issue 15 (clocks): the dispatch and callback clocks' yellow marks, the progress report's committed date, the hops.

    /// <inheritdoc cref="WorkOrderDeadlines.DispatchWarnAtUtc"/>
    public DateTime? DispatchWarnAtUtc { get => Deadlines.DispatchWarnAtUtc; private set => Deadlines = Deadlines with { DispatchWarnAtUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.CallbackWarnAtUtc"/>
    public DateTime? CallbackWarnAtUtc { get => Deadlines.CallbackWarnAtUtc; private set => Deadlines = Deadlines with { CallbackWarnAtUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.ProgressDueUtc"/>
    public DateTime? ProgressDueUtc { get => Deadlines.ProgressDueUtc; private set => Deadlines = Deadlines with { ProgressDueUtc = value }; }

    /// <inheritdoc cref="WorkOrderDeadlines.ProgressReminded"/>
    public bool ProgressReminded { get => Deadlines.ProgressReminded; private set => Deadlines = Deadlines with { ProgressReminded = value }; }

    /// <summary>
    /// Dispatch hops (S4 "fewer hops"): how many times the order passed to a unit that did not hold it just before —
    /// the first dispatch, a re-dispatch, an approved return naming the next unit, a redo to another unit.
    /// </summary>
    public int Hops { get; private set; }

    public int DispatchCount { get; private set; }

    public int ReturnCount { get; private set; }

    public int RedoCount { get; private set; }

    public int ExtensionCount { get; private set; }

    public int ReminderCount { get; private set; }

    /// <summary>A return arrived after the return window: allowed, but counted overdue.</summary>
    public bool ReturnedLate { get; private set; }

    public bool RepliedLate { get; private set; }

    public List<ReturnRecord> Returns { get; private set; } = [];

    public List<ExtensionRecord> Extensions { get; private set; } = [];

    public List<ProgressReportRecord> ProgressReports { get; private set; } = [];

    public List<CoReplyRecord> CoReplies { get; private set; } = [];

    public List<ReplyRecord> Replies { get; private set; } = [];

    public List<CallbackAttempt> Callbacks { get; private set; } = [];

    public List<Reminder> Reminders { get; private set; } = [];

    public bool CallbackUnsatisfied { get; private set; }

    public bool CallbackUnreachable { get; private set; }

    public long? RepeatOfId { get; private set; }

    /// <summary>Linked to an order that was already closed: counted as a repeated demand (重复诉求).</summary>
    public bool IsRepeatAfterClosure { get; private set; }

    public long? MergedIntoId { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public DateTime? ArchivedAtUtc { get; private set; }

    public long Version { get; private set; }

    public bool IsFromProvince => Channel == Channel.Province;

    public ReplyRecord? CurrentReply => Replies.Count > 0 && Status is WorkOrderStatus.Replied or WorkOrderStatus.AwaitingCallback or WorkOrderStatus.Closed or WorkOrderStatus.Archived
        ? Replies[^1]
        : null;

    public ExtensionRecord? PendingExtension => Extensions.LastOrDefault(e => e.State == PendingState.Pending);

    public IReadOnlyList<WorkOrderEvent> PendingEvents => _pendingEvents;

    public void ClearPendingEvents() => _pendingEvents.Clear();

    internal void Record(
        Actor actor, WorkOrderClock clock, WorkOrderAction action, string? reason, WorkOrderStatus? from, Dictionary<string, string?>? details, EntryUnits units = default) =>
        _pendingEvents.Add(WorkOrderEvent.Create(this, actor, clock.UtcNow, action, reason, from, details, units));

    private static void RequireText(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ValidationException.For(field, message);
        }
    }

    private static Dictionary<string, string?> Facts(params (string Key, string? Value)[] facts) =>
        facts.Where(f => f.Value is not null && f.Value.Length > 0).ToDictionary(f => f.Key, f => f.Value);

    private static string? Iso(DateTime? utc) => utc is { } v ? ChinaTime.ToLocal(new DateTimeOffset(v, TimeSpan.Zero)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
