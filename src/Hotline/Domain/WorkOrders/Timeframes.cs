namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The clock lengths for one work order, resolved from the deadline rules by request type, category and urgency
/// (S4–S7). Working days unless the name says otherwise. <see cref="DispatchMinutes"/> set means "dispatch at once": a
/// wall-clock window in minutes instead of <see cref="DispatchWorkingDays"/> (issue 15).
/// </summary>
public sealed record Timeframes(
    int DispatchWorkingDays = 1,
    int EmergencyDispatchMinutes = 30,
    int ReturnWorkingDays = 2,
    int ProvincialReturnWorkingDays = 1,
    int HandlingWorkingDays = 5,
    int EmergencyFirstResponseHours = 2,
    int CallbackWorkingDays = 3,
    int MaxExtensionWorkingDays = 5,
    int? DispatchMinutes = null)
{
    /// <summary>The callback is due at most this many working days after the reply's acceptance (S6); a rule may only shorten it.</summary>
    public const int MaxCallbackWorkingDays = 3;

    public static readonly Timeframes Normal = new();

    /// <summary>Emergency orders: result within 3 working days (configurable 1–3), callback within 1.</summary>
    public static readonly Timeframes Emergency = new(HandlingWorkingDays: 3, CallbackWorkingDays: 1);
}

/// <summary>Everything a verb needs from outside the aggregate: the time, the calendar and the clock lengths.</summary>
public sealed record WorkOrderClock(DateTimeOffset Now, Calendar.WorkingDayCalendar Calendar, Timeframes Timeframes)
{
    public DateTime UtcNow => Now.UtcDateTime;
}
