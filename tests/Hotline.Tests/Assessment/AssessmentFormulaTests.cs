using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Worked examples of every formula and exclusion: real orders driven through real transitions, their facts computed, the
/// figures checked against numbers worked out by hand.
/// </summary>
public sealed class AssessmentFormulaTests
{
    private static readonly AssessmentRules Rules = AssessmentRules.Default;

    [Fact]
    public void AnOrderRepliedOnTimeAndRatedSatisfied_CountsOnceInEveryNumeratorAndDenominator()
    {
        var order = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1));
        order.Callback(CallbackAgent, At(Monday.AddDays(2)), ContactMethod.Phone, true, Rating.Satisfied, Rating.BasicallySatisfied, null);

        var facts = AssessmentFacts.Of(order, Rules);
        Assert.Equal(2, facts.Count);
        Assert.Equal(new AssessmentMeasures { Registered = 1 }, facts[0].Measures); // unit 0: the order itself
        Assert.Equal(0, facts[0].UnitId);
        Assert.Equal(new DateOnly(2026, 3, 2), facts[0].Day); // counted in the day it was registered, China time
        var housing = facts[1];
        Assert.Equal(Housing.Id, housing.UnitId);
        var f = Formulas.Evaluate(housing.Measures, 0);
        Assert.Equal((1L, 1L, 1m), f[Formulas.OnTimeCompletion]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.SignTimeliness]);
        Assert.Equal((0L, 1L, 0m), f[Formulas.ReturnRate]);
        Assert.Equal((0L, 1L, 0m), f[Formulas.RedoRate]);
        Assert.Equal((0L, 1L, 0m), f[Formulas.ExtensionRate]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.ProcessSatisfaction]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.ResultSatisfaction]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.ResponseRate]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.SolveRate]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.SatisfactionRate]);
        Assert.Equal(0, f[Formulas.LateReturns].Numerator);
        Assert.Null(f[Formulas.LateReturns].Rate); // a count, not a rate
        Assert.Null(housing.OpenDueUtc);
        Assert.Equal(100m, Formulas.Composite(f, Rules));
    }

    [Fact]
    public void AReturnedOrder_CountsForBothUnits_TheReturnStaysWithTheUnitThatReturnedIt_AndALateReplyCountsAgainstTheNext()
    {
        var order = Registered(Monday);
        order.Dispatch(Dispatcher, At(Monday.AddHours(1)), Housing, [], null);
        order.Return(HousingHandler, At(Monday.AddHours(2)), "不属本单位职责", "三定方案", Street);
        order.ApproveReturn(Dispatcher, At(Monday.AddHours(3)), null, Street, []);
        var streetHandler = new Actor(30, "street", new HashSet<Hotline.Domain.Organisation.Role> { Hotline.Domain.Organisation.Role.UnitHandler }, Street.Id, Street.Name, new Hotline.Domain.Organisation.AccessScope(Street.Path));
        order.Sign(streetHandler, At(Monday.AddHours(4)));
        order.Reply(streetHandler, At(Monday.AddDays(40)), "已解释政策", false, null, ReplyOutcome.Explained, null); // far past the deadline

        var facts = AssessmentFacts.Of(order, Rules).Where(x => x.UnitId != 0).ToDictionary(x => x.UnitId);
        Assert.Equal(2, facts.Count);
        var housing = Formulas.Evaluate(facts[Housing.Id].Measures, 0);
        Assert.Equal((1L, 1L, 1m), housing[Formulas.ReturnRate]);
        Assert.Equal((0L, 0L, null), housing[Formulas.OnTimeCompletion]); // it never replied: not in the on-time denominator
        Assert.Equal(0L, housing[Formulas.LateReturns].Numerator); // returned within the window

        var street = Formulas.Evaluate(facts[Street.Id].Measures, 0);
        Assert.Equal((0L, 1L, 0m), street[Formulas.ReturnRate]);
        Assert.Equal((0L, 1L, 0m), street[Formulas.OnTimeCompletion]); // replied late
        Assert.Equal((0L, 1L, 0m), street[Formulas.ResponseRate]); // citizen not contacted
        Assert.Equal((0L, 1L, 0m), street[Formulas.SolveRate]); // explained, not resolved
        Assert.Equal((0L, 0L, null), street[Formulas.SatisfactionRate]); // no callback yet
    }

    [Fact]
    public void AnOrderStillOpenPastItsDeadline_CountsAgainstOnTimeCompletion_ThroughItsOpenDeadline()
    {
        var order = Registered(Monday);
        order.Dispatch(Dispatcher, At(Monday.AddHours(1)), Housing, [], null);
        order.Sign(HousingHandler, At(Monday.AddHours(2)));

        var fact = Assert.Single(AssessmentFacts.Of(order, Rules), x => x.UnitId == Housing.Id);
        Assert.Equal(order.HandlingDueUtc, fact.OpenDueUtc); // overdue once this passes: counted live
        Assert.Equal((0L, 0L, null), Formulas.Evaluate(fact.Measures, 0)[Formulas.OnTimeCompletion]); // before the deadline: not counted
        Assert.Equal((0L, 1L, 0m), Formulas.Evaluate(fact.Measures, 1)[Formulas.OnTimeCompletion]); // after: one more in the denominator
    }

    [Fact]
    public void TwoOrdersOfThreeOnTime_IsTwoThirds_AndTheCompositeWeighsTheThreeBeijingRates()
    {
        var sum = default(AssessmentMeasures);
        sum += Fact(Handled(Monday, Monday.AddHours(1), Monday.AddDays(1), rating: Rating.Satisfied));
        sum += Fact(Handled(Monday, Monday.AddHours(1), Monday.AddDays(2), rating: Rating.Unsatisfied));
        sum += Fact(Handled(Monday, Monday.AddHours(1), Monday.AddDays(40), outcome: ReplyOutcome.CannotResolve));

        var f = Formulas.Evaluate(sum, 0);
        Assert.Equal((2L, 3L, 0.6667m), f[Formulas.OnTimeCompletion]);
        Assert.Equal((3L, 3L, 1m), f[Formulas.ResponseRate]);
        Assert.Equal((1L, 3L, 0.3333m), f[Formulas.SolveRate]); // the unsatisfied callback and "cannot resolve" do not count as solved
        Assert.Equal((1L, 2L, 0.5m), f[Formulas.SatisfactionRate]);
        Assert.Equal((1L, 2L, 0.5m), f[Formulas.ProcessSatisfaction]);
        // (30 × 100 + 35 × 33.33 + 35 × 50) / 100 = 5916.55 / 100 = 59.17
        Assert.Equal(59.17m, Formulas.Composite(f, Rules));
        // Weights 50 / 50 / 0: (100 + 33.33) / 2 = 66.665, rounded half away from zero: 66.67
        Assert.Equal(66.67m, Formulas.Composite(f, Rules with { ResponseWeight = 50, SolveWeight = 50, SatisfactionWeight = 0 }));
    }

    [Fact]
    public void AMergedOrder_IsExcludedAsDuplicate_FromEveryFigure_UnlessTheSwitchIsOff()
    {
        var target = Registered(Monday);
        var order = Registered(Monday);
        order.Dispatch(Dispatcher, At(Monday.AddHours(1)), Housing, [], null);
        order.MergeInto(Agent, At(Monday.AddHours(2)), target);

        var fact = Assert.Single(AssessmentFacts.Of(order, Rules), x => x.UnitId == Housing.Id).Measures;
        Assert.Equal(1, fact.ExcludedDuplicate);
        Assert.Equal(0, fact.Assessed);
        Assert.Equal(0, fact.ReturnDen);
        var counted = Assert.Single(AssessmentFacts.Of(order, Rules with { ExcludeDuplicate = false }), x => x.UnitId == Housing.Id).Measures;
        Assert.Equal(1, counted.Assessed);
        Assert.Equal(1, counted.ReturnDen);
    }

    [Fact]
    public void PolicyCompliantClosure_IsUnreasonable_AndExemptClosure_LeavesOnlySatisfactionOut()
    {
        var unreasonable = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1), rating: Rating.Unsatisfied);
        unreasonable.Close(Supervisor, At(Monday.AddDays(3)), CloseReason.PolicyCompliant, "答复符合政策");
        var u = Fact(unreasonable);
        Assert.Equal((1, 0, 0, 0), (u.ExcludedUnreasonable, u.Assessed, u.OnTimeDen, u.SatisfiedDen));

        var exempt = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1), rating: Rating.Unsatisfied);
        exempt.Close(Supervisor, At(Monday.AddDays(3)), CloseReason.ExemptFromCallback, "行政执法类");
        var e = Fact(exempt);
        Assert.Equal((1, 1, 1, 1), (e.ExcludedExempt, e.Assessed, e.OnTimeNum, e.OnTimeDen)); // still counted for timeliness
        Assert.Equal((0, 0, 0), (e.SatisfiedDen, e.ProcessDen, e.ResultDen)); // not for satisfaction
    }

    [Fact]
    public void CompletionAndCallbackRates_CountClosedOrdersOfTheLeadUnit_AndCallsMadeOnOrdersDueACallback()
    {
        var closed = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1), rating: Rating.Satisfied); // called back satisfied: closed
        var awaiting = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1)); // reply accepted, not yet called back
        var unreached = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1));
        unreached.Callback(CallbackAgent, At(Monday.AddDays(2)), ContactMethod.Phone, false, null, null, null); // an attempt counts as a callback
        var exempt = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1));
        exempt.Close(Supervisor, At(Monday.AddDays(3)), CloseReason.ExemptFromCallback, "行政执法类"); // closed, never due a callback
        var open = Registered(Monday);
        open.Dispatch(Dispatcher, At(Monday.AddHours(1)), Housing, [], null); // with the unit, not replied

        var sum = new[] { closed, awaiting, unreached, exempt, open }.Aggregate(default(AssessmentMeasures), (acc, o) => acc + Fact(o));
        var f = Formulas.Evaluate(sum, 0);
        Assert.Equal((2L, 5L, 0.4m), f[Formulas.CompletionRate]); // closed and exempt are closed; five led by 住建局
        Assert.Equal((2L, 3L, 0.6667m), f[Formulas.CallbackRate]); // closed and unreached called back, awaiting not yet; exempt left out
    }

    [Fact]
    public void ARedo_CountsForTheUnitThatReplied_AndAnApprovedExtension_ForTheLeadUnit()
    {
        var order = Handled(Monday, Monday.AddHours(1), Monday.AddDays(1), rating: Rating.Unsatisfied);
        order.Redo(Supervisor, At(Monday.AddDays(3)), "结果不满意，请重办", Housing);
        order.Sign(HousingHandler, At(Monday.AddDays(3).AddMinutes(30)));
        order.RequestExtension(HousingHandler, At(Monday.AddDays(3).AddHours(1)), 2, "需协调维保公司");
        order.ApproveExtension(Supervisor, At(Monday.AddDays(3).AddHours(2)), null, "同意");

        var f = Formulas.Evaluate(Fact(order), 0);
        Assert.Equal((1L, 1L, 1m), f[Formulas.RedoRate]);
        Assert.Equal((1L, 1L, 1m), f[Formulas.ExtensionRate]);
    }

    [Fact]
    public void AnApprovedAppeal_TakesTheOrderOutOfItsFigureOnly_OrOfAll()
    {
        var late = Fact(Handled(Monday, Monday.AddHours(1), Monday.AddDays(40)));
        var onTime = Fact(Handled(Monday, Monday.AddHours(1), Monday.AddDays(1)));
        var appealed = AssessmentFacts.Appealed(late, new HashSet<string> { Formulas.OnTimeCompletion });
        var f = Formulas.Evaluate(onTime + appealed, 0);
        Assert.Equal((1L, 1L, 1m), f[Formulas.OnTimeCompletion]); // 1/2 without the appeal
        Assert.Equal((2L, 2L, 1m), f[Formulas.ResponseRate]); // other figures unchanged
        Assert.Equal(1, appealed.ExcludedAppealed);
        var all = Formulas.Evaluate(AssessmentFacts.Appealed(late, new HashSet<string> { Formulas.All }), 0);
        Assert.All(all.Values, v => Assert.Equal(0, v.Numerator));
    }

    [Fact]
    public void RuleVersions_AreChosenByDay_AndValidated()
    {
        var v2 = AssessmentRules.Default with { EffectiveFrom = new DateOnly(2026, 7, 1), ResponseWeight = 20, SolveWeight = 40, SatisfactionWeight = 40 };
        Assert.Same(AssessmentRules.Default, AssessmentRules.InForce([v2], new DateOnly(2026, 6, 30)));
        Assert.Equal(v2, AssessmentRules.InForce([v2], new DateOnly(2026, 7, 1)));
        var bad = Assert.Throws<ValidationException>(() => (v2 with { SatisfactionWeight = 30 }).Validated());
        Assert.Contains("satisfactionWeight", bad.Errors.Keys);
        Assert.Contains("effectiveFrom", Assert.Throws<ValidationException>(() => AssessmentRules.CheckNewVersion(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), [])).Errors.Keys);
        Assert.Contains("effectiveFrom", Assert.Throws<ValidationException>(() => AssessmentRules.CheckNewVersion(new DateOnly(2026, 7, 1), new DateOnly(2026, 3, 2), [new DateOnly(2026, 7, 1)])).Errors.Keys);
    }

    [Theory]
    [InlineData(null, null, null, null, null, "year")]
    [InlineData(2026, 13, null, null, null, "month")]
    [InlineData(2026, 1, 2, null, null, "quarter")]
    [InlineData(null, null, null, "2026-03-01", null, "to")]
    [InlineData(null, null, null, "2026-03-31", "2026-03-01", "to")]
    [InlineData(null, null, null, "2026-3-1", "2026-03-31", "from")]
    [InlineData(2026, null, null, "2026-03-01", "2026-03-31", "from")]
    public void PeriodChoice_RefusesBadPeriods_NamingTheField(int? year, int? month, int? quarter, string? from, string? to, string field) =>
        Assert.Contains(field, Assert.Throws<ValidationException>(() => PeriodChoice.Parse(year, month, quarter, from, to)).Errors.Keys);

    [Fact]
    public void PeriodChoice_ReadsMonthQuarterYearAndRange()
    {
        Assert.Equal("2026-02-01..2026-02-28", PeriodChoice.Parse(2026, 2, null, null, null).ToString());
        Assert.Equal("2026-04-01..2026-06-30", PeriodChoice.Parse(2026, null, 2, null, null).ToString());
        Assert.Equal("2026-01-01..2026-12-31", PeriodChoice.Parse(2026, null, null, null, null).ToString());
        Assert.Equal("2026-03-05..2026-03-09", PeriodChoice.Parse(null, null, null, "2026-03-05", "2026-03-09").ToString());
    }

    private static AssessmentMeasures Fact(WorkOrder order) => Assert.Single(AssessmentFacts.Of(order, Rules), x => x.UnitId == Housing.Id).Measures;

    /// <summary>Registered at <paramref name="registered"/>, dispatched to 住建局 an hour later, signed at <paramref name="signed"/>, replied at <paramref name="replied"/>, accepted; a callback when <paramref name="rating"/> is given.</summary>
    private static WorkOrder Handled(DateTimeOffset registered, DateTimeOffset signed, DateTimeOffset replied, Rating? rating = null, ReplyOutcome outcome = ReplyOutcome.Resolved)
    {
        var order = Registered(registered);
        order.Dispatch(Dispatcher, At(registered.AddMinutes(30)), Housing, [], null);
        order.Sign(HousingHandler, At(signed));
        order.Reply(HousingHandler, At(replied), "已处理", true, ContactMethod.Phone, outcome, outcome == ReplyOutcome.CannotResolve ? "资金未落实" : null);
        order.AcceptReply(Manager, At(replied.AddHours(1)), null);
        if (rating is { } r)
        {
            order.Callback(CallbackAgent, At(replied.AddHours(2)), ContactMethod.Phone, true, r, r, null);
        }

        return order;
    }
}
