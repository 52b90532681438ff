namespace Hotline.Domain.WorkOrders;

/// <summary>Reminders (催办, S7–S8): by hand from a supervisor, or from the light job when the clocks say so.</summary>
public sealed partial class WorkOrder
{
    /// <summary>A manual reminder notice (催办单) to the unit holding the order.</summary>
    public void Remind(Actor supervisor, WorkOrderClock clock, string text)
    {
        Authorize(WorkOrderAction.Remind, supervisor);
        RequireText(text, "text", "Write the reminder to the unit.");
        AddReminder(supervisor, clock, ReminderKind.Manual, text.Trim());
    }

    /// <summary>
    /// Moves the alert light to where the stored due times say it is now; on turning red issues the one automatic
    /// reminder, and reminds once when an emergency's first response is overdue. Returns whether anything changed.
    /// </summary>
    public bool ApplyClock(WorkOrderClock clock)
    {
        if (!WorkOrderTransitions.IsAllowed(Status, WorkOrderAction.LightChanged))
        {
            return false;
        }

        var check = Deadlines.Check(clock.UtcNow, Urgency);
        if (!check.Due)
        {
            return false;
        }

        Deadlines = check.Deadlines;
        if (check.LightBefore is { } before)
        {
            Record(Actor.System, clock, WorkOrderAction.LightChanged, null, null, Facts(("from", before.ToString()), ("to", Light.ToString())));
            if (Light == Light.Red)
            {
                AddReminder(Actor.System, clock, ReminderKind.Automatic, $"工单 {Number} 已超过办理时限一个工作日以上仍未答复，请立即办理并反馈。");
            }
        }

        if (check.FirstResponseOverdue)
        {
            AddReminder(Actor.System, clock, ReminderKind.Automatic, $"紧急工单 {Number} 已超过2小时未作首次响应，请立即响应。");
        }

        return true;
    }

    private void AddReminder(Actor actor, WorkOrderClock clock, ReminderKind kind, string text)
    {
        ReminderCount++;
        Reminders.Add(new Reminder(clock.UtcNow, kind, actor.Name, LeadUnitId ?? 0, LeadUnitName ?? string.Empty, text));
        Record(actor, clock, WorkOrderAction.Remind, text, null, Facts(("kind", kind.ToString()), ("unit", LeadUnitName)), new EntryUnits(LeadUnitId));
    }
}
