using Hotline.Domain.Calendar;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The clocks of one work order (S4–S7), kept apart from the aggregate as Zammad keeps escalation apart from the ticket:
/// every clock is a stored due time, so that lights and reminders are an indexed query on <see cref="NextCheckUtc"/>,
/// never a recalculation over all orders. Immutable: each rule returns the clocks after the event. The rules that move
/// the light assume the unit holds the order (the only time the handling clocks run); the aggregate stops them otherwise.
/// </summary>
public readonly record struct WorkOrderDeadlines
{
    /// <summary>The dispatcher's deadline while the order waits in the dispatch queue.</summary>
    public DateTime? DispatchDueUtc { get; init; }

    /// <summary>The end of the unit's return window (回退时限).</summary>
    public DateTime? ReturnDueUtc { get; init; }

    public DateTime? HandlingDueUtc { get; init; }

    /// <summary>Yellow from here: one working day before the handling deadline.</summary>
    public DateTime? WarnAtUtc { get; init; }

    /// <summary>Red from here: more than one working day past the handling deadline.</summary>
    public DateTime? RedAtUtc { get; init; }

    /// <summary>An emergency's first response is due here (wall-clock hours).</summary>
    public DateTime? FirstResponseDueUtc { get; init; }

    public DateTime? FirstRespondedAtUtc { get; init; }

    /// <summary>The one automatic reminder about an overdue first response has gone out.</summary>
    public bool FirstResponseReminded { get; init; }

    public DateTime? CallbackDueUtc { get; init; }

    // Issue 15 (clocks): the yellow marks of the dispatch and callback clocks, and the progress report's committed date.

    /// <summary>Yellow on the dispatch clock from here: the start of the deadline's day, or half an "at once" window.</summary>
    public DateTime? DispatchWarnAtUtc { get; init; }

    /// <summary>The callback's target, the working day after the reply was accepted: yellow from here, red past <see cref="CallbackDueUtc"/>.</summary>
    public DateTime? CallbackWarnAtUtc { get; init; }

    /// <summary>The end of the date the last progress report committed to (续报承诺日期) while the unit holds the order.</summary>
    public DateTime? ProgressDueUtc { get; init; }

    /// <summary>The one automatic reminder about the passed committed date has gone out.</summary>
    public bool ProgressReminded { get; init; }

    /// <summary>Some deadline crossed a year whose holiday schedule is not published yet.</summary>
    public bool Provisional { get; init; }

    public Light Light { get; init; }

    /// <summary>When the light job must look at the order next; null when no clock is running.</summary>
    public DateTime? NextCheckUtc { get; init; }

    /// <summary>
    /// The order waits for the dispatcher: an emergency within minutes, an order its deadline rule dispatches "at once"
    /// within that rule's minutes, any other within the dispatch window in working days. The light runs on this clock.
    /// </summary>
    public WorkOrderDeadlines QueuedForDispatch(WorkOrderClock clock, bool emergency)
    {
        var minutes = emergency ? clock.Timeframes.EmergencyDispatchMinutes : clock.Timeframes.DispatchMinutes;
        var next = minutes is { } m
            ? this with { DispatchDueUtc = clock.UtcNow.AddMinutes(m), DispatchWarnAtUtc = clock.UtcNow.AddMinutes(m / 2.0) }
            : WithDispatchDue(clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.DispatchWorkingDays));
        return (next with { Light = Light.None }).WithNextCheck(Urgency.Normal);
    }

    public WorkOrderDeadlines LeftDispatchQueue() => (this with { DispatchDueUtc = null, DispatchWarnAtUtc = null }).Stopped();

    /// <summary>
    /// A handling cycle starts at receipt: the return window (shorter for provincial tickets), the handling deadline with
    /// its yellow and red marks, and an emergency's first-response clock.
    /// </summary>
    public WorkOrderDeadlines StartHandling(WorkOrderClock clock, Urgency urgency, bool fromProvince)
    {
        var returnDue = clock.Calendar.AddWorkingDays(clock.Now, fromProvince ? clock.Timeframes.ProvincialReturnWorkingDays : clock.Timeframes.ReturnWorkingDays);
        var next = (this with
        {
            DispatchDueUtc = null,
            DispatchWarnAtUtc = null,
            CallbackDueUtc = null,
            CallbackWarnAtUtc = null,
            ProgressDueUtc = null,
            ProgressReminded = false,
            ReturnDueUtc = returnDue.At.UtcDateTime,
            Provisional = Provisional || returnDue.Provisional,
        }).WithHandlingDue(clock.Calendar, clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.HandlingWorkingDays));
        if (urgency == Urgency.Emergency)
        {
            next = next with { FirstResponseDueUtc = clock.UtcNow.AddHours(clock.Timeframes.EmergencyFirstResponseHours), FirstRespondedAtUtc = null, FirstResponseReminded = false };
        }

        return next.Resumed(clock.UtcNow, urgency);
    }

    /// <summary>
    /// An approved extension moves the handling deadline by working days from the old one. A light already on stays on
    /// while the new warning mark has passed, because only the light job turns it (and sends the reminder).
    /// </summary>
    public WorkOrderDeadlines Extend(WorkOrderClock clock, int workingDays, Urgency urgency)
    {
        var from = new DateTimeOffset(HandlingDueUtc ?? throw new InvalidOperationException("No handling deadline to extend."), TimeSpan.Zero);
        return WithHandlingDue(clock.Calendar, clock.Calendar.AddWorkingDays(from, workingDays)).WithLight(clock.UtcNow, urgency);
    }

    /// <summary>The order leaves the unit (returned, replied, closed): no light, no committed date, nothing for the light job.</summary>
    public WorkOrderDeadlines Stopped() => this with { Light = Light.None, NextCheckUtc = null, ProgressDueUtc = null, ProgressReminded = false };

    /// <summary>The order is back with the unit on the deadlines it had: the light from the stored marks, short of red.</summary>
    public WorkOrderDeadlines Resumed(DateTime nowUtc, Urgency urgency) => (this with { Light = Light.None }).WithLight(nowUtc, urgency);

    /// <summary>A progress report or reply is the first response of an emergency.</summary>
    public WorkOrderDeadlines Responded(DateTime atUtc, Urgency urgency) =>
        (this with { FirstRespondedAtUtc = FirstRespondedAtUtc ?? atUtc }).WithNextCheck(urgency);

    /// <summary>
    /// The callback clock (S6): the target is the working day after the reply's acceptance (yellow once it has passed),
    /// the limit the callback window (at most 3 working days, 1 for emergencies, or a stricter rule; red past it).
    /// </summary>
    public WorkOrderDeadlines CallbackWindowOpened(WorkOrderClock clock)
    {
        var due = clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.CallbackWorkingDays);
        var target = clock.Calendar.AddWorkingDays(clock.Now, 1);
        var next = this with
        {
            CallbackDueUtc = due.At.UtcDateTime,
            CallbackWarnAtUtc = target.At.UtcDateTime,
            Provisional = Provisional || due.Provisional,
            Light = Light.None,
        };
        return next.WithNextCheck(Urgency.Normal);
    }

    /// <summary>The citizen was reached: the callback clock stops (the centre decides on a redo or a close).</summary>
    public WorkOrderDeadlines CallbackDone() => (this with { CallbackDueUtc = null, CallbackWarnAtUtc = null }).Stopped();

    /// <summary>A progress report commits to a date: the end of that day (China time) becomes a clock, reminded once.</summary>
    public WorkOrderDeadlines ProgressCommitted(DateOnly committedDate, Urgency urgency) =>
        (this with { ProgressDueUtc = ChinaTime.EndOfDay(committedDate).UtcDateTime, ProgressReminded = false }).WithNextCheck(urgency);

    /// <summary>The clock the light shows now: the dispatch queue's, the callback's, or the unit's handling clock.</summary>
    public RunningClock Running =>
        DispatchDueUtc is not null ? RunningClock.Dispatch
        : CallbackDueUtc is not null && CallbackWarnAtUtc is not null ? RunningClock.Callback
        : NextCheckUtc is not null || Light != Light.None ? RunningClock.Handling
        : RunningClock.None;

    /// <summary>Closed or merged: nothing is due any more.</summary>
    public WorkOrderDeadlines Closed() => (this with { DispatchDueUtc = null, DispatchWarnAtUtc = null, CallbackDueUtc = null, CallbackWarnAtUtc = null }).Stopped();

    /// <summary>A return after the return window is allowed, but counts as overdue.</summary>
    public bool IsReturnLate(DateTime atUtc) => ReturnDueUtc is { } due && atUtc > due;

    public bool IsReplyLate(DateTime atUtc) => HandlingDueUtc is { } due && atUtc > due;

    /// <summary>Refuses an extension request after the deadline, or for a provincial ticket later than one working day before it.</summary>
    public void CheckExtensionRequest(WorkOrderClock clock, bool fromProvince)
    {
        var due = HandlingDueUtc ?? throw new InvalidOperationException("No handling deadline to extend.");
        if (clock.UtcNow > due)
        {
            throw new DomainException("work_order.extension_too_late", "Extensions must be requested before the deadline.");
        }

        if (fromProvince && clock.Now > clock.Calendar.SubtractWorkingDays(new DateTimeOffset(due, TimeSpan.Zero), 1).At)
        {
            throw new DomainException("work_order.extension_too_late", "Provincial tickets need the extension request at least one working day before the deadline.");
        }
    }

    /// <summary>
    /// What the light job finds at <paramref name="nowUtc"/>: nothing while the next check is ahead; otherwise the light
    /// the marks say (red included), whether an emergency's first response has just become overdue, and the next check.
    /// </summary>
    public ClockCheck Check(DateTime nowUtc, Urgency urgency)
    {
        if (NextCheckUtc is null || NextCheckUtc > nowUtc)
        {
            return new ClockCheck(this, Due: false, LightBefore: null, FirstResponseOverdue: false);
        }

        var (warn, red) = Marks;
        var target = nowUtc >= red ? Light.Red : nowUtc >= warn ? Light.Yellow : Light.None;
        var next = this with { Light = target };
        var overdue = urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && nowUtc >= FirstResponseDueUtc;
        if (overdue)
        {
            next = next with { FirstResponseReminded = true };
        }

        var progressOverdue = !ProgressReminded && nowUtc >= ProgressDueUtc;
        if (progressOverdue)
        {
            next = next with { ProgressReminded = true };
        }

        return new ClockCheck(next.WithNextCheck(urgency), Due: true, target == Light ? null : Light, overdue) { ProgressOverdue = progressOverdue, Clock = Running };
    }

    /// <summary>The yellow and red marks of the clock running now.</summary>
    private (DateTime? Warn, DateTime? Red) Marks => Running switch
    {
        RunningClock.Dispatch => (DispatchWarnAtUtc, DispatchDueUtc),
        RunningClock.Callback => (CallbackWarnAtUtc, CallbackDueUtc),
        _ => (WarnAtUtc, RedAtUtc),
    };

    /// <summary>A working-day dispatch window turns yellow on the deadline's own day.</summary>
    private WorkOrderDeadlines WithDispatchDue(Deadline due) => this with
    {
        DispatchDueUtc = due.At.UtcDateTime,
        DispatchWarnAtUtc = ChinaTime.StartOfDay(ChinaTime.LocalDate(due.At)).UtcDateTime,
        Provisional = Provisional || due.Provisional,
    };

    /// <summary>The warning and red marks are one working day either side; only the deadline itself makes the clocks provisional.</summary>
    private WorkOrderDeadlines WithHandlingDue(WorkingDayCalendar calendar, Deadline deadline) => this with
    {
        HandlingDueUtc = deadline.At.UtcDateTime,
        Provisional = Provisional || deadline.Provisional,
        WarnAtUtc = calendar.SubtractWorkingDays(deadline.At, 1).At.UtcDateTime,
        RedAtUtc = calendar.AddWorkingDays(deadline.At, 1).At.UtcDateTime,
    };

    /// <summary>The light from the stored marks, except turning red, which only the light job does (with its reminder).</summary>
    private WorkOrderDeadlines WithLight(DateTime nowUtc, Urgency urgency)
    {
        var light = nowUtc >= WarnAtUtc && Light == Light.None ? Light.Yellow
            : nowUtc < WarnAtUtc ? Light.None
            : Light;
        return (this with { Light = light }).WithNextCheck(urgency);
    }

    /// <summary>
    /// The next mark the light job must see: the next light of the running clock, an emergency's first response or a
    /// committed progress date, whichever comes first.
    /// </summary>
    private WorkOrderDeadlines WithNextCheck(Urgency urgency)
    {
        var (warn, red) = Marks;
        DateTime? next = Light switch
        {
            Light.None => warn,
            Light.Yellow => red,
            Light.Red => null,
        };
        if (urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && FirstResponseDueUtc is { } first && (next is null || first < next))
        {
            next = first;
        }

        if (!ProgressReminded && ProgressDueUtc is { } progress && (next is null || progress < next))
        {
            next = progress;
        }

        return this with { NextCheckUtc = next };
    }
}

/// <summary>What the light job found on one order: the clocks after the check, and what to record and remind.</summary>
/// <param name="Deadlines">The clocks after the check.</param>
/// <param name="Due">The next check had come; when false nothing changed.</param>
/// <param name="LightBefore">The light before, when the check changed it.</param>
/// <param name="FirstResponseOverdue">An emergency's first response has just become overdue: remind once.</param>
public readonly record struct ClockCheck(WorkOrderDeadlines Deadlines, bool Due, Light? LightBefore, bool FirstResponseOverdue)
{
    /// <summary>The committed date of the last progress report has just passed without a new report or a reply: remind once.</summary>
    public bool ProgressOverdue { get; init; }

    /// <summary>The clock the light was checked on.</summary>
    public RunningClock Clock { get; init; }
}

/// <summary>The clock an order's one light shows (issue 15): the clock running in its current stage.</summary>
public enum RunningClock
{
    None,

    /// <summary>Waiting in the dispatch queue (待派单).</summary>
    Dispatch,

    /// <summary>With a unit (承办中): the handling deadline.</summary>
    Handling,

    /// <summary>Awaiting the callback (待回访).</summary>
    Callback,
}
