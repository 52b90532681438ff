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

    /// <summary>Some deadline crossed a year whose holiday schedule is not published yet.</summary>
    public bool Provisional { get; init; }

    public Light Light { get; init; }

    /// <summary>When the light job must look at the order next; null when no clock is running.</summary>
    public DateTime? NextCheckUtc { get; init; }

    /// <summary>The order waits for the dispatcher: within the dispatch window in working days, an emergency within minutes.</summary>
    public WorkOrderDeadlines QueuedForDispatch(WorkOrderClock clock, bool emergency) => emergency
        ? this with { DispatchDueUtc = clock.UtcNow.AddMinutes(clock.Timeframes.EmergencyDispatchMinutes) }
        : WithDispatchDue(clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.DispatchWorkingDays));

    public WorkOrderDeadlines LeftDispatchQueue() => this with { DispatchDueUtc = null };

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
            CallbackDueUtc = null,
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

    /// <summary>The order leaves the unit (returned, replied, closed): no light, nothing for the light job.</summary>
    public WorkOrderDeadlines Stopped() => this with { Light = Light.None, NextCheckUtc = null };

    /// <summary>The order is back with the unit on the deadlines it had: the light from the stored marks, short of red.</summary>
    public WorkOrderDeadlines Resumed(DateTime nowUtc, Urgency urgency) => (this with { Light = Light.None }).WithLight(nowUtc, urgency);

    /// <summary>A progress report or reply is the first response of an emergency.</summary>
    public WorkOrderDeadlines Responded(DateTime atUtc, Urgency urgency) =>
        (this with { FirstRespondedAtUtc = FirstRespondedAtUtc ?? atUtc }).WithNextCheck(urgency);

    /// <summary>The callback is due within the callback window from the reply's acceptance.</summary>
    public WorkOrderDeadlines CallbackWindowOpened(WorkOrderClock clock)
    {
        var due = clock.Calendar.AddWorkingDays(clock.Now, clock.Timeframes.CallbackWorkingDays);
        return this with { CallbackDueUtc = due.At.UtcDateTime, Provisional = Provisional || due.Provisional };
    }

    /// <summary>Closed or merged: nothing is due any more.</summary>
    public WorkOrderDeadlines Closed() => (this with { DispatchDueUtc = null, CallbackDueUtc = null }).Stopped();

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

        var target = nowUtc >= RedAtUtc ? Light.Red : nowUtc >= WarnAtUtc ? Light.Yellow : Light.None;
        var next = this with { Light = target };
        var overdue = urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && nowUtc >= FirstResponseDueUtc;
        if (overdue)
        {
            next = next with { FirstResponseReminded = true };
        }

        return new ClockCheck(next.WithNextCheck(urgency), Due: true, target == Light ? null : Light, overdue);
    }

    private WorkOrderDeadlines WithDispatchDue(Deadline due) => this with { DispatchDueUtc = due.At.UtcDateTime, Provisional = Provisional || due.Provisional };

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

    /// <summary>The next mark the light job must see: the next light, or an emergency's first response if that comes first.</summary>
    private WorkOrderDeadlines WithNextCheck(Urgency urgency)
    {
        DateTime? next = Light switch
        {
            Light.None => WarnAtUtc,
            Light.Yellow => RedAtUtc,
            Light.Red => null,
        };
        if (urgency == Urgency.Emergency && FirstRespondedAtUtc is null && !FirstResponseReminded && FirstResponseDueUtc is { } first && (next is null || first < next))
        {
            next = first;
        }

        return this with { NextCheckUtc = next };
    }
}

/// <summary>What the light job found on one order: the clocks after the check, and what to record and remind.</summary>
/// <param name="Deadlines">The clocks after the check.</param>
/// <param name="Due">The next check had come; when false nothing changed.</param>
/// <param name="LightBefore">The light before, when the check changed it.</param>
/// <param name="FirstResponseOverdue">An emergency's first response has just become overdue: remind once.</param>
public readonly record struct ClockCheck(WorkOrderDeadlines Deadlines, bool Due, Light? LightBefore, bool FirstResponseOverdue);
