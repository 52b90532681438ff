using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>What one unit did with one order, as the formulas read it (taken from the order by <see cref="AssessmentFacts.Of"/>).</summary>
public sealed record UnitPart(long UnitId, bool IsCurrentLead, bool Returned, bool ReturnedLate, ReplyRecord? LastReply);

/// <summary>
/// The facts of one order for one unit (unit 0: the order itself, for volume counts), with its dimensions. The order is
/// counted in the day it was registered, in the platform's local calendar (China time), whatever happens to it later.
/// </summary>
public sealed record AssessmentFact(
    long WorkOrderId, long UnitId, DateOnly Day, string CategoryCode, string RegionCode, Channel Channel, RequestType RequestType,
    AssessmentMeasures Measures, DateTime? OpenDueUtc)
{
    /// <summary>The order's current lead unit's path (null without one): the dashboards' unit dimension (<see cref="Analytics.DashboardKeys"/>).</summary>
    public string? LeadUnitPath { get; init; }

    /// <summary>On the unit-0 fact only: the order's co-units' paths (<see cref="Analytics.DashboardKeys.JoinPaths"/>; null without co-units), the other half of the unit subtrees that see it.</summary>
    public string? CoUnitPaths { get; init; }
}

/// <summary>
/// Computes an order's facts: one row for the order (unit 0, <see cref="AssessmentMeasures.Registered"/>) and one per
/// unit that held it as lead (the current lead unit, every unit that returned it, every unit that replied), each with the
/// numerators and denominators of every formula of <see cref="Formulas"/>, exclusions applied.
/// </summary>
public static class AssessmentFacts
{
    /// <summary>The region code of orders without one (a rollup key is never null).</summary>
    public const string NoRegion = "";

    /// <summary>The units that held the order as lead: the current lead, the units that returned it, the units that replied.</summary>
    public static IReadOnlyList<UnitPart> Parts(WorkOrder order)
    {
        var ids = new List<long>();
        if (order.LeadUnitId is { } lead)
        {
            ids.Add(lead);
        }

        ids.AddRange(order.Returns.Select(r => r.UnitId));
        ids.AddRange(order.Replies.Select(r => r.UnitId));
        return [.. ids.Distinct().Select(id => new UnitPart(
            id,
            id == order.LeadUnitId,
            order.Returns.Any(r => r.UnitId == id),
            order.Returns.Any(r => r.UnitId == id && r.Late),
            order.Replies.LastOrDefault(r => r.UnitId == id)))];
    }

    /// <summary>The facts of <paramref name="order"/>, computed with the exclusion switches of <paramref name="rules"/> (approved appeals are applied when a period is read: <see cref="Appealed"/>).</summary>
    public static IReadOnlyList<AssessmentFact> Of(WorkOrder order, AssessmentRules rules)
    {
        var day = ChinaTime.LocalDate(new DateTimeOffset(order.RegisteredAtUtc, TimeSpan.Zero));
        var region = order.RegionCode ?? NoRegion;
        var facts = new List<AssessmentFact>
        {
            new(order.Id, 0, day, order.CategoryCode, region, order.Channel, order.RequestType, new AssessmentMeasures { Registered = 1 }, null)
            {
                LeadUnitPath = order.LeadUnitPath,
                CoUnitPaths = Analytics.DashboardKeys.JoinPaths(order.CoUnits.Select(c => c.UnitPath)),
            },
        };
        foreach (var part in Parts(order))
        {
            var measures = Measure(order, part, rules);
            var openDue = part.IsCurrentLead && part.LastReply is null && order.Status.IsWithUnit() && measures.Assessed == 1 ? order.HandlingDueUtc : null;
            facts.Add(new(order.Id, part.UnitId, day, order.CategoryCode, region, order.Channel, order.RequestType, measures, openDue) { LeadUnitPath = order.LeadUnitPath });
        }

        return facts;
    }

    /// <summary>
    /// A fact as an approved appeal leaves it: the numerator and denominator of each appealed formula (every formula for
    /// <see cref="Formulas.All"/>) set to 0, and <see cref="AssessmentMeasures.ExcludedAppealed"/> set to 1. A period's sums
    /// move by the difference; the stored facts and rollups never include appeals.
    /// </summary>
    public static AssessmentMeasures Appealed(AssessmentMeasures fact, IReadOnlySet<string> codes)
    {
        var values = fact.ToArray().Select(v => (long)v).ToArray();
        foreach (var formula in Formulas.List.Where(f => f.Source == FigureSource.Orders && (codes.Contains(f.Code) || codes.Contains(Formulas.All))))
        {
            values[Array.IndexOf(AssessmentMeasures.Names, formula.NumeratorMeasure)] = 0;
            if (formula.Kind == FigureKind.Rate)
            {
                values[Array.IndexOf(AssessmentMeasures.Names, formula.DenominatorMeasure)] = 0;
            }
        }

        values[Array.IndexOf(AssessmentMeasures.Names, nameof(AssessmentMeasures.ExcludedAppealed))] = 1;
        return AssessmentMeasures.FromArray(values);
    }

    /// <summary>The measures of one unit's part of an order: the worked rules of every formula.</summary>
    public static AssessmentMeasures Measure(WorkOrder order, UnitPart part, AssessmentRules rules)
    {
        var invalid = rules.ExcludeInvalid && (order.Status == WorkOrderStatus.NotAccepted || order.Resolution?.RejectionReason == RejectionReason.AbuseOrNoContent);
        var duplicate = rules.ExcludeDuplicate && (order.MergedIntoId is not null || (order.RepeatOfId is not null && !order.IsRepeatAfterClosure));
        var unreasonable = rules.ExcludeUnreasonable && order.CloseReason == CloseReason.PolicyCompliant;
        var exempt = rules.ExcludeExempt && order.CloseReason == CloseReason.ExemptFromCallback;
        var assessed = !(invalid || duplicate || unreasonable);
        var reached = part.IsCurrentLead ? order.Callbacks.LastOrDefault(c => c.Reached && c.ProcessRating is not null && c.ResultRating is not null) : null;
        var replied = part.LastReply is not null;
        var lead = part.IsCurrentLead;
        var signed = lead && order.SignedAtUtc is not null;
        var concluded = order.Status is WorkOrderStatus.Closed or WorkOrderStatus.Archived;

        // Due a callback: the centre accepted the unit's reply (awaiting the callback, called back, or closed after a reply).
        var dueCallback = lead && (order.Callbacks.Count > 0 || order.Status == WorkOrderStatus.AwaitingCallback || (concluded && order.Replies.Count > 0));

        int Count(bool inSet) => assessed && inSet ? 1 : 0;
        int Satisfaction(bool inSet) => !exempt ? Count(inSet) : 0;

        return new AssessmentMeasures
        {
            Held = 1,
            Assessed = assessed ? 1 : 0,
            OnTimeDen = Count(replied),
            OnTimeNum = Count(replied && !part.LastReply!.Late),
            SignDen = Count(signed),
            SignNum = Count(signed && order.ReturnDueUtc is { } due && order.SignedAtUtc <= due),
            ReturnDen = Count(true),
            ReturnNum = Count(part.Returned),
            LateReturnNum = Count(part.ReturnedLate),
            RedoDen = Count(replied),
            RedoNum = Count(replied && lead && order.RedoCount > 0),
            ExtensionDen = Count(lead),
            ExtensionNum = Count(lead && order.Extensions.Any(e => e.State == PendingState.Approved)),
            ProcessDen = Satisfaction(reached is not null),
            ProcessNum = Satisfaction(reached is { ProcessRating: not Rating.Unsatisfied }),
            ResultDen = Satisfaction(reached is not null),
            ResultNum = Satisfaction(reached is { ResultRating: not Rating.Unsatisfied }),
            RepeatNum = Count(lead && order.IsRepeatAfterClosure),
            ResponseDen = Count(replied),
            ResponseNum = Count(replied && part.LastReply!.CitizenContacted),
            SolveDen = Count(replied),
            SolveNum = Count(replied && part.LastReply!.Outcome == ReplyOutcome.Resolved && !(lead && order.CallbackUnsatisfied)),
            SatisfiedDen = Satisfaction(reached is not null),
            SatisfiedNum = Satisfaction(reached is { ProcessRating: not Rating.Unsatisfied, ResultRating: not Rating.Unsatisfied }),
            ExcludedInvalid = invalid ? 1 : 0,
            ExcludedDuplicate = duplicate ? 1 : 0,
            ExcludedUnreasonable = unreasonable ? 1 : 0,
            ExcludedExempt = assessed && exempt ? 1 : 0,
            CompletionDen = Count(lead),
            CompletionNum = Count(lead && concluded),
            CallbackDen = Satisfaction(dueCallback),
            CallbackNum = Satisfaction(dueCallback && order.Callbacks.Count > 0),
        };
    }
}
