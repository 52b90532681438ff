using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// A supervision notice (督办单, S8): the centre holds one unit to account for one or more work orders, or for a recurring
/// problem of the unit. The unit signs for it and answers with measures and evidence by a deadline in working days; the
/// supervisor accepts (closes) or rejects (back to the unit, counted). Late answers light up yellow and red on the same
/// working-day calendar as work orders and are reminded once, automatically. Every step is on the notice's own timeline.
/// A notice addresses one unit: opening on several units makes one notice each, so that each answers and is counted.
/// </summary>
public sealed partial class SupervisionNotice
{
    private readonly List<NoticeOrder> _orders = [];
    private readonly List<NoticeEvent> _events = [];

    private SupervisionNotice()
    {
        Number = Trigger = Reason = Demand = UnitName = UnitPath = OpenedByName = OpenerScopePath = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The notice's number (督办单号), unique: "DB" + the local date + a sequence.</summary>
    public string Number { get; private set; }

    /// <summary>The trigger's code: one of the proposal triggers, "difficult-issue" or <see cref="NoticeTerms.ManualTrigger"/>.</summary>
    public string Trigger { get; private set; }

    public string Reason { get; private set; }

    public string Demand { get; private set; }

    public SupervisionMethod Method { get; private set; }

    public int DeadlineWorkingDays { get; private set; }

    public NoticeState State { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    public long OpenedByUserId { get; private set; }

    public string OpenedByName { get; private set; }

    /// <summary>The scope of the hotline office that opened it: its supervisors decide on it.</summary>
    public string OpenerScopePath { get; private set; }

    /// <summary>The key difficult issue (重点疑难事项) the notice was drawn from, if any.</summary>
    public long? DifficultIssueId { get; private set; }

    public DateTime IssuedAtUtc { get; private set; }

    public DateTime DueAtUtc { get; private set; }

    /// <summary>Yellow from here: one working day before the deadline.</summary>
    public DateTime WarnAtUtc { get; private set; }

    /// <summary>When the light job must look again; null when the notice's clock is not running.</summary>
    public DateTime? NextCheckUtc { get; private set; }

    public Light Light { get; private set; }

    public int ReminderCount { get; private set; }

    public DateTime? SignedAtUtc { get; private set; }

    public string? SignedByName { get; private set; }

    public string? Measures { get; private set; }

    public string? Evidence { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    /// <summary>How many answers came after the deadline.</summary>
    public int LateAnswerCount { get; private set; }

    /// <summary>How many answers the supervisor sent back.</summary>
    public int RejectCount { get; private set; }

    public string? Outcome { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<NoticeOrder> Orders => _orders;

    /// <summary>Entries added since the notice was loaded or last saved (the store saves them).</summary>
    public IReadOnlyList<NoticeEvent> PendingEvents => _events;

    public bool IsOpen => State != NoticeState.Closed;

    /// <summary>The unit must act: it has not signed, or has signed (or been sent back) and not answered.</summary>
    public bool AwaitsUnit => State is NoticeState.Issued or NoticeState.InHand;

    /// <summary>
    /// Opens a notice on <paramref name="unit"/> about <paramref name="orders"/> (none: a notice on the unit itself). The
    /// supervisor's scope must cover the unit and every order; the deadline counts working days from now.
    /// </summary>
    public static SupervisionNotice Open(
        string number, NoticeTerms terms, Unit unit, IReadOnlyList<NoticeOrderRef> orders, Actor supervisor, WorkingDayCalendar calendar, DateTime nowUtc, long? difficultIssueId = null)
    {
        Validate(terms);
        if (!supervisor.IsCentre)
        {
            throw new ForbiddenException("supervision_centre_only", "Only the hotline centre opens supervision notices.");
        }

        if (!supervisor.Scope.Covers(unit.Path))
        {
            throw new ForbiddenException("notice_outside_scope", "The unit is outside your scope.");
        }

        if (orders.Any(o => o.LeadUnitPath is null || !supervisor.Scope.Covers(o.LeadUnitPath)))
        {
            throw new ForbiddenException("notice_outside_scope", "A work order is outside your scope.");
        }

        var due = calendar.AddWorkingDays(Utc(nowUtc), terms.DeadlineWorkingDays).At.UtcDateTime;
        var notice = new SupervisionNotice
        {
            Number = number,
            Trigger = terms.Trigger.Trim(),
            Reason = terms.Reason.Trim(),
            Demand = terms.Demand.Trim(),
            Method = terms.Method,
            DeadlineWorkingDays = terms.DeadlineWorkingDays,
            State = NoticeState.Issued,
            UnitId = unit.Id,
            UnitName = unit.Name,
            UnitPath = unit.Path,
            OpenedByUserId = supervisor.UserId,
            OpenedByName = supervisor.Name,
            OpenerScopePath = supervisor.Scope.Path,
            DifficultIssueId = difficultIssueId,
            IssuedAtUtc = nowUtc,
            DueAtUtc = due,
            WarnAtUtc = calendar.SubtractWorkingDays(Utc(due), 1).At.UtcDateTime,
        };
        notice._orders.AddRange(orders.DistinctBy(o => o.WorkOrderId).Select(o => new NoticeOrder(o.WorkOrderId, o.Number, o.Subject)));
        notice.NextCheckUtc = notice.NextThreshold();
        notice.Record(supervisor, nowUtc, NoticeAction.Open, notice.Demand, new()
        {
            ["trigger"] = notice.Trigger,
            ["reason"] = notice.Reason,
            ["method"] = notice.Method.ToString(),
            ["unit"] = unit.Name,
            ["deadline"] = Local(due),
            ["orders"] = string.Join(",", notice._orders.Select(o => o.Number)),
        });
        return notice;
    }

    /// <summary>The unit signs for the notice (签收).</summary>
    public void Sign(Actor handler, DateTime nowUtc)
    {
        RequireUnit(handler);
        RequireState(NoticeAction.Sign, NoticeState.Issued);
        State = NoticeState.InHand;
        SignedAtUtc = nowUtc;
        SignedByName = handler.Name;
        Record(handler, nowUtc, NoticeAction.Sign, null, null);
    }

    /// <summary>The unit answers with its measures and evidence; an answer after the deadline is counted late.</summary>
    public void Answer(Actor handler, string measures, string? evidence, DateTime nowUtc)
    {
        RequireUnit(handler);
        RequireState(NoticeAction.Answer, NoticeState.InHand);
        if (string.IsNullOrWhiteSpace(measures))
        {
            throw ValidationException.For("measures", "Say what the unit has done (measures).");
        }

        var late = nowUtc > DueAtUtc;
        State = NoticeState.Answered;
        Measures = measures.Trim();
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        AnsweredAtUtc = nowUtc;
        LateAnswerCount += late ? 1 : 0;
        NextCheckUtc = null;
        Record(handler, nowUtc, NoticeAction.Answer, Measures, new() { ["evidence"] = Evidence, ["late"] = late ? "true" : "false" });
    }

    /// <summary>
    /// The supervisor accepts the answer and closes the notice; for a listed notice, with the rectification result worded for
    /// the public (<paramref name="publicResult"/>, optional; refused on a notice that was never listed).
    /// </summary>
    public void Accept(Actor supervisor, string? outcome, DateTime nowUtc, string? publicResult = null)
    {
        RequireCentre(supervisor);
        RequireState(NoticeAction.Accept, NoticeState.Answered);
        if (!string.IsNullOrWhiteSpace(publicResult))
        {
            PublicResult = IsListed ? publicResult.Trim() : throw ValidationException.For("publicResult", "Only a publicly listed notice publishes its result.");
        }

        State = NoticeState.Closed;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        ClosedAtUtc = nowUtc;
        NextCheckUtc = null;
        Record(supervisor, nowUtc, NoticeAction.Accept, Outcome, PublicResult is null ? null : new() { ["publicResult"] = PublicResult });
    }

    /// <summary>The supervisor sends the answer back: the unit answers again by the same deadline; the rejection is counted.</summary>
    public void Reject(Actor supervisor, string reason, DateTime nowUtc)
    {
        RequireCentre(supervisor);
        RequireState(NoticeAction.Reject, NoticeState.Answered);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationException.For("reason", "Say why the answer is not accepted.");
        }

        State = NoticeState.InHand;
        RejectCount++;
        NextCheckUtc = nowUtc;
        Record(supervisor, nowUtc, NoticeAction.Reject, reason.Trim(), new() { ["rejections"] = RejectCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// Brings the light up to date while the unit has to act: yellow from one working day before the deadline, red from
    /// the deadline, with one automatic reminder the first time it turns red. Returns whether anything changed.
    /// </summary>
    public bool ApplyClock(DateTime nowUtc)
    {
        if (!AwaitsUnit)
        {
            var stopped = NextCheckUtc is not null;
            NextCheckUtc = null;
            return stopped;
        }

        var target = nowUtc >= DueAtUtc ? Light.Red : nowUtc >= WarnAtUtc ? Light.Yellow : Light.None;
        var changed = false;
        if (target != Light && target > Light)
        {
            Record(Actor.System, nowUtc, NoticeAction.LightChanged, null, new() { ["from"] = Light.ToString(), ["light"] = target.ToString() });
            Light = target;
            changed = true;
            if (target == Light.Red && ReminderCount == 0)
            {
                ReminderCount++;
                Record(Actor.System, nowUtc, NoticeAction.Remind, $"督办单 {Number} 已超过答复期限，请立即答复。", new() { ["kind"] = "Automatic" });
            }
        }

        var next = NextThreshold();
        changed |= next != NextCheckUtc;
        NextCheckUtc = next;
        return changed;
    }

    /// <summary>A supervisor reminds the unit by hand (催办).</summary>
    public void Remind(Actor supervisor, string text, DateTime nowUtc)
    {
        RequireCentre(supervisor);
        if (!AwaitsUnit)
        {
            throw new DomainException("notice_not_awaiting_unit", "Only a notice waiting for the unit can be reminded.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw ValidationException.For("text", "Write the reminder.");
        }

        ReminderCount++;
        Record(supervisor, nowUtc, NoticeAction.Remind, text.Trim(), new() { ["kind"] = "Manual" });
    }

    /// <summary>A moment as the timeline shows it: local time, to the minute.</summary>
    internal static string Local(DateTime utc) => ChinaTime.ToLocal(Utc(utc)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The store calls this once the pending entries are saved.</summary>
    public void ClearPendingEvents() => _events.Clear();

    private DateTime? NextThreshold() => !AwaitsUnit ? null : Light switch
    {
        Light.None => WarnAtUtc,
        Light.Yellow => DueAtUtc,
        _ => null,
    };

    private static void Validate(NoticeTerms terms)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(terms.Trigger))
        {
            errors["trigger"] = ["Name the trigger."];
        }

        if (string.IsNullOrWhiteSpace(terms.Reason))
        {
            errors["reason"] = ["Say why the matter is supervised."];
        }

        if (string.IsNullOrWhiteSpace(terms.Demand))
        {
            errors["demand"] = ["Say what the unit must do."];
        }

        if (terms.DeadlineWorkingDays is < 1 or > NoticeTerms.MaxWorkingDays)
        {
            errors["deadlineWorkingDays"] = [$"Give between 1 and {NoticeTerms.MaxWorkingDays} working days."];
        }

        if (!Enum.IsDefined(terms.Method))
        {
            errors["method"] = ["Choose a method."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private void RequireUnit(Actor actor)
    {
        if (!actor.Roles.Any(r => r.IsUnitRole()) || !actor.Scope.ActsFor(UnitPath))
        {
            throw new ForbiddenException("notice_not_your_unit", "Only the unit the notice is addressed to can do this.");
        }
    }

    private void RequireCentre(Actor actor)
    {
        if (!actor.IsCentre || !actor.Scope.Covers(UnitPath))
        {
            throw new ForbiddenException("supervision_centre_only", "Only the hotline centre's supervisors decide on a notice.");
        }
    }

    private void RequireState(NoticeAction action, params NoticeState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainException("notice_invalid_state", $"A notice that is {State} cannot take '{action}'.");
        }
    }

    private void Record(Actor actor, DateTime nowUtc, NoticeAction action, string? text, Dictionary<string, string?>? details) =>
        _events.Add(NoticeEvent.Create(this, actor, nowUtc, action, text, details));
}
