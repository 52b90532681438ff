using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>Reminders (催办, S7–S8): by hand from a supervisor, or from the light job when the clocks say so.</summary>
public sealed partial class WorkOrder
{
    /// <summary>A manual reminder notice (催办单) to the unit holding the order.</summary>
    public void Remind(Actor supervisor, WorkOrderClock clock, string text)
    {
        Authorize(WorkOrderAction.Remind, supervisor);
        RequireText(text, "text", "Write the reminder to the unit.");
        AddReminder(supervisor, clock, ReminderKind.Manual, text.Trim(), null);
    }

    /// <summary>
    /// Issue 16 (S8, multi-unit cases): the centre convened the units concerned (when, who attended, the outcome) and names
    /// one of them to lead; the others assist as co-units. A new lead gets the order to sign for as a sub-dispatch does:
    /// the citizen's deadlines keep running, the meeting only settles who leads.
    /// </summary>
    public void ConveneLead(Actor actor, WorkOrderClock clock, IReadOnlyList<Unit> attended, Unit? lead, DateOnly? heldOn, string outcome)
    {
        Authorize(WorkOrderAction.ConveneLead, actor);
        var errors = new Dictionary<string, string[]>();
        if (attended.DistinctBy(u => u.Id).Count() < 2)
        {
            errors["unitIds"] = ["Name at least two units that attended."];
        }

        if (lead is null || attended.All(u => u.Id != lead.Id))
        {
            errors["leadUnitId"] = ["Name the lead unit among the units that attended."];
        }
        else if (!lead.IsActive || lead.Kind is UnitKind.HotlineCentre or UnitKind.City or UnitKind.OrganisationOffice)
        {
            errors["leadUnitId"] = ["The lead unit must be an active handling unit."];
        }

        if (heldOn is not { } day || day > Calendar.ChinaTime.LocalDate(clock.Now) || !Calendar.ChinaTime.IsSupported(day))
        {
            errors["heldOn"] = ["Record a meeting that has taken place."];
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            errors["outcome"] = ["Record the meeting's outcome."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var from = Status;
        var previous = LeadUnitName;
        var coUnits = attended.Where(u => u.Id != lead!.Id).DistinctBy(u => u.Id).ToList();
        var names = string.Join("、", attended.DistinctBy(u => u.Id).Select(u => u.Name));
        if (lead!.Id != LeadUnitId)
        {
            Hops++;
            DispatchCount++;
            LeadUnitId = lead.Id;
            LeadUnitPath = lead.Path;
            LeadUnitName = lead.Name;
            SignedAtUtc = null;
            MoveTo(WorkOrderAction.ConveneLead, WorkOrderStatus.Dispatched);
        }

        SetCoUnits(coUnits);
        Consultations.Add(new Consultation(clock.UtcNow, actor.Name, names, heldOn!.Value, outcome.Trim(), lead.Name));
        Record(actor, clock, WorkOrderAction.ConveneLead, outcome.Trim(), from, Facts(
            ("units", names), ("heldOn", heldOn.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("fromUnit", previous), ("leadUnit", lead.Name), ("coUnits", string.Join("、", coUnits.Select(u => u.Name)))), EntryUnits.Of(lead, coUnits));
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
        var running = check.Clock.ToString();
        if (check.LightBefore is { } before)
        {
            Record(Actor.System, clock, WorkOrderAction.LightChanged, null, null, Facts(("from", before.ToString()), ("to", Light.ToString()), ("clock", running)));
            if (Light == Light.Red)
            {
                AddReminder(Actor.System, clock, ReminderKind.Automatic, check.Clock switch
                {
                    RunningClock.Dispatch => $"工单 {Number} 已超过派单时限仍未派出，请立即派单。",
                    RunningClock.Callback => $"工单 {Number} 已超过回访时限仍未回访，请立即回访。",
                    _ => $"工单 {Number} 已超过办理时限一个工作日以上仍未答复，请立即办理并反馈。",
                }, check.Clock);
            }
        }

        if (check.FirstResponseOverdue)
        {
            AddReminder(Actor.System, clock, ReminderKind.Automatic, $"紧急工单 {Number} 已超过2小时未作首次响应，请立即响应。", RunningClock.Handling);
        }

        if (check.ProgressOverdue && ProgressReports.LastOrDefault() is { } report)
        {
            AddReminder(Actor.System, clock, ReminderKind.Automatic, $"工单 {Number} 续报承诺的 {report.CommittedDate:yyyy-MM-dd} 已过，仍无新的续报或答复，请立即续报或答复。", ReminderClock.Progress);
        }

        return true;
    }

    /// <summary>A reminder notice; <paramref name="about"/> names the clock an automatic one is about (the notification rules read it).</summary>
    private void AddReminder(Actor actor, WorkOrderClock clock, ReminderKind kind, string text, string? about)
    {
        // A reminder about the dispatch or callback clock is the centre's own: no unit holds the order then.
        var unit = about is ReminderClock.Dispatch or ReminderClock.Callback ? null : LeadUnitId;
        ReminderCount++;
        Reminders.Add(new Reminder(clock.UtcNow, kind, actor.Name, unit ?? 0, unit is null ? string.Empty : LeadUnitName ?? string.Empty, text));
        Record(actor, clock, WorkOrderAction.Remind, text, null, Facts(("kind", kind.ToString()), ("unit", unit is null ? null : LeadUnitName), ("clock", about)), new EntryUnits(unit));
    }

    private void AddReminder(Actor actor, WorkOrderClock clock, ReminderKind kind, string text, RunningClock about) => AddReminder(actor, clock, kind, text, about.ToString());
}

/// <summary>The clock an automatic reminder is about, as the timeline entry's <c>clock</c> fact (issue 15).</summary>
public static class ReminderClock
{
    public const string Dispatch = nameof(RunningClock.Dispatch);

    public const string Handling = nameof(RunningClock.Handling);

    public const string Callback = nameof(RunningClock.Callback);

    /// <summary>The committed date of a progress report (续报) passed.</summary>
    public const string Progress = "Progress";
}
