using System.Text.RegularExpressions;
using Hotline.Domain.Calendar;
using Hotline.Domain.Emergencies;
using Hotline.Domain.WorkOrders;

namespace Hotline.Features.WorkOrders;

/// <summary>The caller as a viewer sees it: masked unless revealed; hidden entirely from units on confidential orders.</summary>
public sealed record CallerView(string? Name, string? Phone, bool IsAnonymous, bool IsConfidential, bool IsMasked, bool IsHidden)
{
    public static CallerView Masked(WorkOrder order, Actor viewer) =>
        Masked(viewer, order.CallerName, order.CallerPhone, order.CallerIsAnonymous, order.CallerIsConfidential);

    /// <summary>The same from the four caller columns (for a projection that does not load the order, e.g. an export).</summary>
    public static CallerView Masked(Actor viewer, string? name, string? phone, bool anonymous, bool confidential)
    {
        if (IsHiddenFrom(viewer, confidential))
        {
            return new CallerView(null, null, anonymous, true, true, true);
        }

        return new CallerView(Masking.Name(name), Masking.Phone(phone), anonymous, confidential, true, false);
    }

    /// <summary>Units never see the caller of a confidential order, not even masked.</summary>
    public static bool IsHiddenFrom(Actor viewer, bool confidential) => confidential && !viewer.IsCentre;

    /// <summary>The phone as <see cref="Masked"/> shows it, from the two columns it reads.</summary>
    public static string? MaskedPhone(Actor viewer, bool confidential, string? phone) => IsHiddenFrom(viewer, confidential) ? null : Masking.Phone(phone);

    public static CallerView Revealed(Caller caller) => new(caller.Name, caller.Phone, caller.IsAnonymous, caller.IsConfidential, false, false);
}

public sealed record UnitLink(long Id, string Name);

/// <summary>
/// Issue 18: a file of the order as a viewer sees it (no storage key): <see cref="Id"/> downloads it from
/// <c>/api/attachments/{id}</c>, an image has a thumbnail; a reply's files carry the reply's time. A unit is not shown the
/// citizen's material on a confidential order (<see cref="Domain.Attachments.AttachmentRules.IsVisibleTo"/>).
/// </summary>
public sealed record AttachmentView(long? Id, string Name, string ContentType, long Size, AttachmentSource Source, DateTimeOffset? ReplyAt, bool HasThumbnail)
{
    public static IReadOnlyList<AttachmentView> For(WorkOrder order, Actor viewer) => order.Attachments
        .Where(a => Domain.Attachments.AttachmentRules.IsVisibleTo(viewer, order.CallerIsConfidential, a))
        .Select(a => new AttachmentView(a.UploadId, a.Name, a.ContentType, a.Size, a.Source, WorkOrderDto.Local(a.ReplyAtUtc),
            a.UploadId is not null && Domain.Attachments.FileTypes.IsImage(a.ContentType)))
        .ToList();
}

public sealed record CoUnitView(long Id, string Name, bool HasReplied);

/// <summary>
/// Every clock of the order in Asia/Shanghai time, and the working days left on the handling clock. Issue 15:
/// <paramref name="Running"/> names the clock the order's one light shows; the dispatch and callback clocks' yellow marks
/// and the committed date of the last progress report.
/// </summary>
public sealed record ClockView(
    DateTimeOffset? DispatchDue, DateTimeOffset? ReturnDue, DateTimeOffset? HandlingDue, DateTimeOffset? WarnAt, DateTimeOffset? RedAt,
    DateTimeOffset? FirstResponseDue, DateTimeOffset? FirstRespondedAt, DateTimeOffset? CallbackDue, int? WorkingDaysLeft, bool Provisional,
    RunningClock Running, DateTimeOffset? DispatchWarnAt, DateTimeOffset? CallbackTarget, DateTimeOffset? ProgressDue);

/// <summary>How often things happened to the order; <paramref name="Hops"/> counts the passes to another unit (issue 15).</summary>
public sealed record CountView(int Dispatches, int Returns, int Redos, int Extensions, int Reminders, int Hops);

public sealed record WorkOrderSummary(
    long Id, string Number, WorkOrderStatus Status, Light Light, Urgency Urgency, RequestType RequestType, Channel Channel, string CategoryCode,
    string Subject, CallerView Caller, string? RegionCode, UnitLink? LeadUnit, DateTimeOffset RegisteredAt, DateTimeOffset? DispatchDue,
    DateTimeOffset? HandlingDue, DateTimeOffset? CallbackDue, int? WorkingDaysLeft, bool HasPendingExtension, bool HasPendingReturn, bool CallbackUnsatisfied,
    bool CallbackUnreachable, long Version, Domain.Organisation.Role? HardCaseLevel = null, bool LateWithoutGoodReason = false)
{
    public static WorkOrderSummary From(WorkOrder o, Actor viewer, WorkingDayCalendar calendar, DateTimeOffset now) => new(
        o.Id, o.Number, o.Status, o.Light, o.Urgency, o.RequestType, o.Channel, o.CategoryCode, o.Subject, CallerView.Masked(o, viewer), o.RegionCode,
        o.LeadUnitId is { } id ? new UnitLink(id, o.LeadUnitName!) : null, WorkOrderDto.Local(o.RegisteredAtUtc), WorkOrderDto.Local(o.DispatchDueUtc),
        WorkOrderDto.Local(o.HandlingDueUtc), WorkOrderDto.Local(o.CallbackDueUtc), WorkOrderDto.DaysLeft(o, calendar, now),
        o.PendingExtension is not null, o.Returns.Any(r => r.State == PendingState.Pending), o.CallbackUnsatisfied,
        o.CallbackUnreachable, o.Version, o.HardCaseLevel, o.LateWithoutGoodReason);
}

/// <summary>Issue 15 (S3): the party involved's address, the citizen's wish for a callback, the last one-go notice (一次性告知).</summary>
public sealed record IntakeDetailsView(string? PartyAddress, bool CitizenWantsCallback, string? OneGoNotice);

public sealed record WorkOrderDto(
    long Id,
    string Number,
    Channel Channel,
    RequestType RequestType,
    string CategoryCode,
    Urgency Urgency,
    CallerView Caller,
    Location Location,
    string Subject,
    string Events,
    string Demand,
    string? SuggestedHandling,
    string? PartyInvolved,
    IntakeDetailsView IntakeDetails,
    string? RecordingId,
    string? ProvincialReference,
    IReadOnlyList<AttachmentView> Attachments,
    WorkOrderStatus Status,
    CloseReason? CloseReason,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    IntakeResolution? Resolution,
    SendBackRecord? LastSendBack,
    UnitLink? LeadUnit,
    IReadOnlyList<CoUnitView> CoUnits,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? SignedAt,
    ClockView Clocks,
    Light Light,
    CountView Counts,
    bool ReturnedLate,
    bool RepliedLate,
    IReadOnlyList<ReturnRecord> Returns,
    IReadOnlyList<ExtensionRecord> Extensions,
    IReadOnlyList<ProgressReportRecord> ProgressReports,
    IReadOnlyList<CoReplyRecord> CoReplies,
    IReadOnlyList<ReplyRecord> Replies,
    IReadOnlyList<CallbackAttempt> Callbacks,
    IReadOnlyList<Reminder> Reminders,
    bool CallbackUnsatisfied,
    bool CallbackUnreachable,
    bool CallbackUnitFailedToAct,
    long? RepeatOfId,
    bool IsRepeatAfterClosure,
    long? MergedIntoId,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ArchivedAt,
    long Version,
    IReadOnlyList<string> AvailableActions,
    EmergencyView? Emergency,
    CaseView Cases,
    IReadOnlyList<Entities.EntityView> Entities)
{
    /// <summary>The order as <paramref name="viewer"/> sees it; <paramref name="entities"/> are the named things stored with it (issue 19).</summary>
    public static WorkOrderDto From(WorkOrder o, Actor viewer, WorkingDayCalendar calendar, DateTimeOffset now, IReadOnlyList<Entities.EntityView>? entities = null) => new(
        o.Id, o.Number, o.Channel, o.RequestType, o.CategoryCode, o.Urgency, CallerView.Masked(o, viewer), o.Location, o.Subject, o.Events, o.Demand,
        o.SuggestedHandling, o.PartyInvolved, new IntakeDetailsView(o.PartyAddress, o.CitizenWantsCallback, o.OneGoNotice), o.RecordingId, o.ProvincialReference, AttachmentView.For(o, viewer), o.Status, o.CloseReason, o.RegisteredByName,
        Local(o.RegisteredAtUtc), o.Resolution, o.LastSendBack, o.LeadUnitId is { } id ? new UnitLink(id, o.LeadUnitName!) : null,
        o.CoUnits.Select(c => new CoUnitView(c.UnitId, c.UnitName, c.HasReplied)).ToList(), Local(o.DispatchedAtUtc), Local(o.SignedAtUtc),
        new ClockView(Local(o.DispatchDueUtc), Local(o.ReturnDueUtc), Local(o.HandlingDueUtc), Local(o.WarnAtUtc), Local(o.RedAtUtc),
            Local(o.FirstResponseDueUtc), Local(o.FirstRespondedAtUtc), Local(o.CallbackDueUtc), DaysLeft(o, calendar, now), o.DeadlineProvisional,
            o.Deadlines.Running, Local(o.DispatchWarnAtUtc), Local(o.CallbackWarnAtUtc), Local(o.ProgressDueUtc)),
        o.Light, new CountView(o.DispatchCount, o.ReturnCount, o.RedoCount, o.ExtensionCount, o.ReminderCount, o.Hops), o.ReturnedLate, o.RepliedLate,
        o.Returns, o.Extensions, o.ProgressReports, o.CoReplies, o.Replies, o.Callbacks, o.Reminders, o.CallbackUnsatisfied, o.CallbackUnreachable, o.CallbackUnitFailedToAct,
        o.RepeatOfId, o.IsRepeatAfterClosure, o.MergedIntoId, Local(o.ClosedAtUtc), Local(o.ArchivedAtUtc), o.Version,
        o.AvailableActions(viewer).Select(ActionName).ToList(),
        EmergencyView.Of(o),
        CaseView.From(o),
        entities ?? []);

    internal static DateTimeOffset Local(DateTime utc) => ChinaTime.ToLocal(new DateTimeOffset(utc, TimeSpan.Zero));

    internal static DateTimeOffset? Local(DateTime? utc) => utc is { } v ? Local(v) : null;

    /// <summary>Working days left on the handling clock (negative when overdue), while a unit holds the order.</summary>
    internal static int? DaysLeft(WorkOrder o, WorkingDayCalendar calendar, DateTimeOffset now) =>
        o.Status.IsWithUnit() && o.HandlingDueUtc is { } due ? calendar.WorkingDaysBetween(now, new DateTimeOffset(due, TimeSpan.Zero)) : null;

    /// <summary>The kebab-case name an action has in the API: <c>POST /api/work-orders/{id}/&lt;name&gt;</c>.</summary>
    public static string ActionName(WorkOrderAction action) => KebabCase(action.ToString());

    /// <summary>Enum names only, so the set is small and each is converted once.</summary>
    internal static string KebabCase(string pascal) => KebabNames.GetOrAdd(pascal, p => Regex.Replace(p, "(?<=[a-z])([A-Z])", "-$1").ToLowerInvariant());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> KebabNames = new(StringComparer.Ordinal);
}

public sealed record TimelineEntry(
    long Id, DateTimeOffset At, string Action, string ActorName, string ActorRoles, string ActorUnitName, string? Reason,
    WorkOrderStatus? FromStatus, WorkOrderStatus? ToStatus, IReadOnlyDictionary<string, string?> Details);

/// <summary>An emergency raised on the order (issue 15): its check, the confirming calls, the reports; null when none was raised.</summary>
public sealed record EmergencyView(EmergencyRecord Record, IReadOnlyList<EmergencyCallRecord> Calls, IReadOnlyList<EmergencyReportRecord> Reports)
{
    public static EmergencyView? Of(WorkOrder o) => o.Emergency is { } e ? new EmergencyView(e, o.EmergencyCalls, o.EmergencyReports) : null;
}
