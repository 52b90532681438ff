using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Dispatch;

/// <summary>
/// A configurable clock length for matching orders (S5: "configurable by type, category, level"). Empty criteria match
/// everything; the most specific matching rule wins (urgency, then category prefix length, then request type).
/// </summary>
public sealed class DeadlineRule
{
    private DeadlineRule()
    {
    }

    public long Id { get; private set; }

    public RequestType? RequestType { get; private set; }

    public string? CategoryCode { get; private set; }

    public Urgency? Urgency { get; private set; }

    public int HandlingWorkingDays { get; private set; }

    public int CallbackWorkingDays { get; private set; }

    public long Version { get; private set; }

    public static DeadlineRule Create(RequestType? requestType, string? categoryCode, Urgency? urgency, int handlingDays, int callbackDays)
    {
        var rule = new DeadlineRule();
        rule.Update(requestType, categoryCode, urgency, handlingDays, callbackDays);
        return rule;
    }

    public void Update(RequestType? requestType, string? categoryCode, Urgency? urgency, int handlingDays, int callbackDays)
    {
        var errors = new Dictionary<string, string[]>();
        var maxHandling = urgency == WorkOrders.Urgency.Emergency ? 3 : 60;
        if (handlingDays < 1 || handlingDays > maxHandling)
        {
            errors["handlingWorkingDays"] = [urgency == WorkOrders.Urgency.Emergency ? "Emergency results are due within 1–3 working days." : "Give 1–60 working days."];
        }

        if (callbackDays < 1 || callbackDays > 15)
        {
            errors["callbackWorkingDays"] = ["Give 1–15 working days."];
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

    /// <summary>The timeframes for an order: the best matching rule over the defaults for its urgency.</summary>
    public static Timeframes Resolve(IEnumerable<DeadlineRule> rules, RequestType requestType, string categoryCode, Urgency urgency)
    {
        var defaults = urgency == WorkOrders.Urgency.Emergency ? Timeframes.Emergency : Timeframes.Normal;
        var best = rules
            .Select(r => (Rule: r, Score: r.Specificity(requestType, categoryCode, urgency)))
            .Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Rule)
            .FirstOrDefault();
        return best is null ? defaults : defaults with { HandlingWorkingDays = best.HandlingWorkingDays, CallbackWorkingDays = best.CallbackWorkingDays };
    }
}
