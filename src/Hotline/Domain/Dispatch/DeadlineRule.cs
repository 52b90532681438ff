using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Dispatch;

/// <summary>
/// A configurable clock length for matching orders (S4, S5: "configurable by type, category, level"). Empty criteria
/// match everything; the most specific matching rule wins (urgency, then category prefix length, then request type).
/// The dispatch window is either working days or "at once" (<see cref="DispatchMinutes"/>); neither keeps the default.
/// </summary>
public sealed class DeadlineRule
{
    /// <summary>The longest "at once" window: anything longer is a working-day window.</summary>
    public const int MaxDispatchMinutes = 240;

    public const int MaxDispatchWorkingDays = 5;

    private DeadlineRule()
    {
    }

    public long Id { get; private set; }

    public RequestType? RequestType { get; private set; }

    public string? CategoryCode { get; private set; }

    public Urgency? Urgency { get; private set; }

    public int HandlingWorkingDays { get; private set; }

    public int CallbackWorkingDays { get; private set; }

    /// <summary>The dispatch window in working days; null keeps the default (1).</summary>
    public int? DispatchWorkingDays { get; private set; }

    /// <summary>Dispatch "at once": the window in minutes (wall clock); null when the window is in working days.</summary>
    public int? DispatchMinutes { get; private set; }

    public long Version { get; private set; }

    public static DeadlineRule Create(RequestType? requestType, string? categoryCode, Urgency? urgency, int handlingDays, int callbackDays, int? dispatchDays = null, int? dispatchMinutes = null)
    {
        var rule = new DeadlineRule();
        rule.Update(requestType, categoryCode, urgency, handlingDays, callbackDays, dispatchDays, dispatchMinutes);
        return rule;
    }

    public void Update(RequestType? requestType, string? categoryCode, Urgency? urgency, int handlingDays, int callbackDays, int? dispatchDays = null, int? dispatchMinutes = null)
    {
        var errors = new Dictionary<string, string[]>();
        var emergency = urgency == WorkOrders.Urgency.Emergency;
        var maxHandling = emergency ? 3 : 60;
        if (handlingDays < 1 || handlingDays > maxHandling)
        {
            errors["handlingWorkingDays"] = [emergency ? "Emergency results are due within 1–3 working days." : "Give 1–60 working days."];
        }

        var maxCallback = emergency ? Timeframes.Emergency.CallbackWorkingDays : Timeframes.MaxCallbackWorkingDays;
        if (callbackDays < 1 || callbackDays > maxCallback)
        {
            errors["callbackWorkingDays"] = [emergency ? "Emergency callbacks are due within 1 working day." : $"The callback is due within 1–{maxCallback} working days."];
        }

        if (dispatchDays is not null && dispatchMinutes is not null)
        {
            errors["dispatchMinutes"] = ["Dispatch either at once (minutes) or within working days, not both."];
        }
        else if (dispatchDays is < 1 or > MaxDispatchWorkingDays)
        {
            errors["dispatchWorkingDays"] = [$"Give 1–{MaxDispatchWorkingDays} working days."];
        }
        else if (dispatchMinutes is < 5 or > MaxDispatchMinutes)
        {
            errors["dispatchMinutes"] = [$"Dispatch at once means within 5–{MaxDispatchMinutes} minutes."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        RequestType = requestType;
        CategoryCode = string.IsNullOrWhiteSpace(categoryCode) ? null : categoryCode.Trim();
        Urgency = urgency;
        HandlingWorkingDays = handlingDays;
        CallbackWorkingDays = callbackDays;
        DispatchWorkingDays = dispatchDays;
        DispatchMinutes = dispatchMinutes;
    }

    public int? Specificity(RequestType requestType, string categoryCode, Urgency urgency)
    {
        if ((RequestType is not null && RequestType != requestType)
            || (Urgency is not null && Urgency != urgency)
            || (CategoryCode is not null && !categoryCode.StartsWith(CategoryCode, StringComparison.Ordinal)))
        {
            return null;
        }

        return (Urgency is null ? 0 : 1000) + ((CategoryCode?.Length ?? 0) * 10) + (RequestType is null ? 0 : 1);
    }

    /// <summary>
    /// The timeframes for an order: the best matching rule over the defaults for its urgency. The callback limit is the
    /// stricter of the rule's and the default's (at most 3 working days, 1 for emergencies).
    /// </summary>
    public static Timeframes Resolve(IEnumerable<DeadlineRule> rules, RequestType requestType, string categoryCode, Urgency urgency)
    {
        var defaults = urgency == WorkOrders.Urgency.Emergency ? Timeframes.Emergency : Timeframes.Normal;
        var best = rules
            .Select(r => (Rule: r, Score: r.Specificity(requestType, categoryCode, urgency)))
            .Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Rule)
            .FirstOrDefault();
        return best is null ? defaults : defaults with
        {
            // A rule that does not name the urgency never lengthens an emergency's handling (at most 3 working days).
            HandlingWorkingDays = best.Urgency is null && urgency == WorkOrders.Urgency.Emergency
                ? Math.Min(defaults.HandlingWorkingDays, best.HandlingWorkingDays)
                : best.HandlingWorkingDays,
            CallbackWorkingDays = Math.Min(defaults.CallbackWorkingDays, best.CallbackWorkingDays),
            DispatchWorkingDays = best.DispatchWorkingDays ?? defaults.DispatchWorkingDays,
            DispatchMinutes = best.DispatchMinutes,
        };
    }

    /// <summary>
    /// Henan's dispatch defaults (豫政办〔2021〕 12345 rules) as the demo platform's rules: complaints, reports and the
    /// law-enforcement categories (城管执法: illegal building, street vending) are dispatched at once (30 minutes); the
    /// rest within 1 working day (the default); emergencies within minutes (always).
    /// </summary>
    public static IReadOnlyList<DeadlineRule> HenanDefaults() =>
    [
        Create(WorkOrders.RequestType.Complaint, null, null, Timeframes.Normal.HandlingWorkingDays, Timeframes.Normal.CallbackWorkingDays, dispatchMinutes: 30),
        Create(WorkOrders.RequestType.Report, null, null, Timeframes.Normal.HandlingWorkingDays, Timeframes.Normal.CallbackWorkingDays, dispatchMinutes: 30),
        Create(null, "0901", null, Timeframes.Normal.HandlingWorkingDays, Timeframes.Normal.CallbackWorkingDays, dispatchMinutes: 30),
        Create(null, "0902", null, Timeframes.Normal.HandlingWorkingDays, Timeframes.Normal.CallbackWorkingDays, dispatchMinutes: 30),
    ];
}
