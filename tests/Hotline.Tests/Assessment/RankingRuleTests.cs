using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17: the ranking rule, the interview-list rule, the settings' versioning, qualitative scores and service targets
/// with worked examples in plain numbers (no database).
/// </summary>
public sealed class RankingRuleTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static readonly Actor Manager = new(1, "郑伟", new HashSet<Role> { Role.CentreManager }, 2, "热线中心", AccessScope.Platform);

    private static readonly Actor Supervisor = new(3, "周涛", new HashSet<Role> { Role.Supervisor }, 2, "热线中心", AccessScope.Platform);

    private static int _ids = 100;

    private static UnitPlace District(string code) => new(++_ids, code, code + "区", $"/1/{_ids}/", UnitKind.District, UnitKind.City, "/1/", "市");

    private static RankingInput In(UnitPlace unit, long orders, decimal? composite) => new(unit, orders, composite);

    [Fact]
    public void Groups_FollowKindAndParent()
    {
        Assert.Equal("district", RankingGroups.Of(District("A"))!.Key);
        Assert.Equal("city-department", RankingGroups.Of(new UnitPlace(1, "ZJ", "市住建局", "/1/2/", UnitKind.Department, UnitKind.City, "/1/", "市"))!.Key);
        Assert.Equal("utility", RankingGroups.Of(new UnitPlace(1, "W", "水务", "/1/3/", UnitKind.Utility, UnitKind.City, "/1/", "市"))!.Key);
        var street = RankingGroups.Of(new UnitPlace(1, "DH", "东华街道", "/1/4/5/", UnitKind.Street, UnitKind.District, "/1/4/", "东城区"))!;
        Assert.Equal("street:/1/4/", street.Key);
        Assert.Equal("东城区", street.CountyName);
        Assert.Equal("district-department:/1/4/", RankingGroups.Of(new UnitPlace(1, "DZ", "区住建局", "/1/4/6/", UnitKind.Department, UnitKind.District, "/1/4/", "东城区"))!.Key);
        Assert.Null(RankingGroups.Of(new UnitPlace(1, "HC", "热线中心", "/1/7/", UnitKind.HotlineCentre, UnitKind.City, "/1/", "市")));
        Assert.Null(RankingGroups.Of(new UnitPlace(1, "C", "社区", "/1/4/5/8/", UnitKind.Community, UnitKind.Street, "/1/4/5/", "东华街道")));
        Assert.Null(RankingGroups.Of(new UnitPlace(1, "S", "12315", "/1/2/9/", UnitKind.SubCentre, UnitKind.Department, "/1/2/", "市监局")));
    }

    [Fact]
    public void Rank_ByComposite_WithTheMinimumSample_AndTies()
    {
        // Six districts, minimum 10 orders. F has the best score from 2 orders: too few to rank, neither top nor bottom.
        var (a, b, c, d, e, f) = (District("A"), District("B"), District("C"), District("D"), District("E"), District("F"));
        var rows = Rankings.Rank(
            [In(a, 40, 91.004m), In(b, 12, 85.5m), In(c, 30, 85.499m), In(d, 10, 70m), In(e, 50, 60m), In(f, 2, 99m)], minimumAssessedOrders: 10);

        Assert.Equal(["A", "C", "B", "D", "E", "F"], rows.Select(r => r.Unit.Code));
        // B 85.50 and C 85.50 (85.499 as shown) tie: both 2nd; C listed first for its 30 orders; D is 4th.
        Assert.Equal(new int?[] { 1, 2, 2, 4, 5, null }, rows.Select(r => r.Rank));
        Assert.Equal(new int?[] { 5, 3, 3, 2, 1, null }, rows.Select(r => r.RankFromBottom));
        Assert.Equal(91.00m, rows[0].Composite);
        Assert.Equal([false, false, false, false, false, true], rows.Select(r => r.TooFewToRank));
        // The bottom three: E (1 from the bottom), D (2) and the tie at 3 from the bottom: B and C.
        Assert.Equal(["C", "B", "D", "E"], rows.Where(r => r.InBottomThree).Select(r => r.Unit.Code));
    }

    [Fact]
    public void Rank_ExactlyTheMinimum_IsRanked_AndNoCompositeIsTooFew()
    {
        var (a, b) = (District("A"), District("B"));
        var rows = Rankings.Rank([In(a, 10, 50m), In(b, 100, null)], minimumAssessedOrders: 10);
        Assert.Equal(1, rows.Single(r => r.Unit == a).Rank);
        Assert.True(rows.Single(r => r.Unit == b).TooFewToRank);
    }

    [Fact]
    public void BottomThree_OnlyInAGroupOfAtLeastFourRanked()
    {
        var units = Enumerable.Range(0, 3).Select(i => District("S" + i)).ToList();
        var rows = Rankings.Rank(units.Select((u, i) => In(u, 20, 80m + i)).Append(In(District("T"), 1, 10m)), 10);
        Assert.DoesNotContain(rows, r => r.InBottomThree);
        Assert.Equal(3, rows.Count(r => r.Rank is not null));
    }

    [Fact]
    public void Rank_SeparatesGroups_AndLeavesOutUnitsWithoutAGroup()
    {
        var street1 = new UnitPlace(50, "DH", "东华街道", "/1/4/5/", UnitKind.Street, UnitKind.District, "/1/4/", "东城区");
        var street2 = new UnitPlace(51, "XH", "西湖街道", "/1/6/7/", UnitKind.Street, UnitKind.District, "/1/6/", "西城区");
        var centre = new UnitPlace(52, "HC", "热线中心", "/1/8/", UnitKind.HotlineCentre, UnitKind.City, "/1/", "市");
        var rows = Rankings.Rank([In(street1, 20, 50m), In(street2, 20, 90m), In(centre, 20, 99m)], 10);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.Rank));
    }

    [Fact]
    public void Interviews_BottomThreeForThreeConsecutiveMonths_AndInactionRecords()
    {
        var units = Enumerable.Range(0, 5).Select(i => District("U" + i)).ToList();
        IReadOnlyList<RankingRow> Month(params decimal[] scores) => Rankings.Rank(units.Select((u, i) => In(u, 20, scores[i])), 10);

        // U4 is last all three months; U3 is in the bottom three in the latest two months only; U2 in all three but the middle one.
        var march = Month(90, 80, 70, 60, 50);
        var february = Month(90, 80, 95, 60, 50);
        var january = Month(90, 80, 70, 99, 50);
        var findings = new[]
        {
            new InactionFinding(7, units[0].UnitId, units[0].Name, units[0].Path, "Inaction", new DateOnly(2026, 3, 5)),
            new InactionFinding(9, units[0].UnitId, units[0].Name, units[0].Path, "SlowAction", new DateOnly(2026, 3, 9)),
        };
        var candidates = InterviewRule.Candidates([march, february, january], findings);

        Assert.Equal(2, candidates.Count);
        Assert.Equal((units[4].UnitId, InterviewReason.BottomThreeMonths), (candidates[0].UnitId, candidates[0].Reason));
        Assert.Contains("5；5；5", candidates[0].Basis, StringComparison.Ordinal);
        Assert.Equal((units[0].UnitId, InterviewReason.InactionOrSlowAction), (candidates[1].UnitId, candidates[1].Reason));
        Assert.Contains("#7、#9", candidates[1].Basis, StringComparison.Ordinal);

        // Two months of history are not a streak.
        Assert.Empty(InterviewRule.Candidates([march, february], []));
    }

    [Fact]
    public void Interviews_TooFewToRank_BreaksTheStreak()
    {
        var units = Enumerable.Range(0, 5).Select(i => District("V" + i)).ToList();
        IReadOnlyList<RankingRow> Month(long lastOrders) => Rankings.Rank(units.Select((u, i) => In(u, i == 4 ? lastOrders : 20, 90 - (10m * i))), 10);
        // V4 is last whenever it is ranked, but in the middle month it had 3 orders: no streak for it.
        Assert.DoesNotContain(InterviewRule.Candidates([Month(20), Month(3), Month(20)], []), c => c.UnitId == units[4].UnitId);
        Assert.Contains(InterviewRule.Candidates([Month(20), Month(20), Month(20)], []), c => c.UnitId == units[4].UnitId);
    }

    [Fact]
    public void Proposal_ConfirmedThenInterviewed_OrDismissedWithAReason()
    {
        var proposal = InterviewProposal.Propose(new InterviewCandidate(5, "东城区", "/1/5/", InterviewReason.BottomThreeMonths, "连续3个月排名后三位"), "2026-02", Now);
        Assert.Equal(["confirm", "dismiss"], proposal.AvailableActions(Manager));
        Assert.Empty(proposal.AvailableActions(Supervisor));
        Assert.Throws<ForbiddenException>(() => proposal.Confirm(Supervisor, Now));
        Assert.Throws<DomainException>(() => proposal.RecordInterview(new DateOnly(2026, 3, 1), "副市长", "区长", "限期整改", Manager, Now));
        proposal.Confirm(Manager, Now);
        Assert.Equal(InterviewState.Confirmed, proposal.State);
        var bad = Assert.Throws<ValidationException>(() => proposal.RecordInterview(new DateOnly(2026, 3, 3), " ", null, "x", Manager, Now));
        Assert.Equal(["date", "interviewer", "unitHead"], bad.Errors.Keys.Order());
        proposal.RecordInterview(new DateOnly(2026, 3, 2), "李副市长", "王区长", "限期一个月整改", Manager, Now);
        Assert.Equal(InterviewState.Interviewed, proposal.State);
        Assert.Empty(proposal.AvailableActions(Manager));

        var other = InterviewProposal.Propose(new InterviewCandidate(6, "西城区", "/1/6/", InterviewReason.InactionOrSlowAction, "x"), "2026-02", Now);
        Assert.Equal("reason", Assert.Single(Assert.Throws<ValidationException>(() => other.Dismiss("  ", Manager, Now)).Errors.Keys));
        other.Dismiss("已整改到位", Manager, Now);
        Assert.Equal(InterviewState.Dismissed, other.State);
    }

    [Fact]
    public void Settings_AreVersionedByTheMonthTheyTakeEffect_AndNeverRewriteABegunMonth()
    {
        Assert.Equal(10m, AssessmentSetting.InForce([], AssessmentSettingKey.RankingMinimumOrders, new DateOnly(2026, 3, 1)));
        var april = AssessmentSetting.Create(AssessmentSettingKey.RankingMinimumOrders, 20, 2026, 4, Manager, Now);
        var march = AssessmentSetting.Create(AssessmentSettingKey.RankingMinimumOrders, 15, 2026, 3, Manager, Now);
        AssessmentSetting[] all = [april, march];
        Assert.Equal(10m, AssessmentSetting.InForce(all, AssessmentSettingKey.RankingMinimumOrders, new DateOnly(2026, 2, 1)));
        Assert.Equal(15m, AssessmentSetting.InForce(all, AssessmentSettingKey.RankingMinimumOrders, new DateOnly(2026, 3, 1)));
        Assert.Equal(20m, AssessmentSetting.InForce(all, AssessmentSettingKey.RankingMinimumOrders, new DateOnly(2026, 9, 1)));
        Assert.Equal(100m, AssessmentSetting.InForce(all, AssessmentSettingKey.CallbackTarget, new DateOnly(2026, 9, 1)));

        Assert.Equal("effectiveFrom", Assert.Single(Assert.Throws<ValidationException>(() => AssessmentSetting.Create(AssessmentSettingKey.CompletionTarget, 95, 2026, 2, Manager, Now)).Errors.Keys));
        Assert.Equal("value", Assert.Single(Assert.Throws<ValidationException>(() => AssessmentSetting.Create(AssessmentSettingKey.CompletionTarget, 100.5m, 2026, 3, Manager, Now)).Errors.Keys));
        Assert.Equal("value", Assert.Single(Assert.Throws<ValidationException>(() => AssessmentSetting.Create(AssessmentSettingKey.RankingMinimumOrders, 2.5m, 2026, 3, Manager, Now)).Errors.Keys));
        Assert.Throws<ForbiddenException>(() => AssessmentSetting.Create(AssessmentSettingKey.CompletionTarget, 95, 2026, 3, Supervisor, Now));
    }

    [Fact]
    public void QualitativeScore_NeedsAReason_AndPointsWithinTen()
    {
        var score = QualitativeScore.Create(5, "东城区", "/1/5/", "2026-02", QualitativeItem.RulesMade, 2.5m, "出台退单审核制度", Manager, Now);
        Assert.Equal(2.5m, score.Points);
        var bad = Assert.Throws<ValidationException>(() => QualitativeScore.Create(5, "东城区", "/1/5/", "2026-02", null, 11, " ", Manager, Now));
        Assert.Equal(["item", "points", "reason"], bad.Errors.Keys.Order());
        score.Change(-1, "制度未落实", Manager, Now);
        Assert.Equal(-1m, score.Points);
        Assert.Throws<ForbiddenException>(() => score.Change(1, "x", Supervisor, Now));
    }

    [Fact]
    public void ServiceTargets_MetMissedOrNotMeasured()
    {
        Assert.Equal(98.77m, ServiceTargets.Percent(0.98765m));
        Assert.True(ServiceTargets.Met(100m, 100m));
        Assert.False(ServiceTargets.Met(99.99m, 100m));
        Assert.Null(ServiceTargets.Met(null, 100m));
        Assert.Null(ServiceTargets.All.Single(t => t.Code == "connection").FigureCode);
    }

    [Fact]
    public void Month_IsParsedFieldNamed_AndClosedAfterItsLastDay()
    {
        var feb = AssessmentMonth.Parse("2026-02");
        Assert.Equal(new DateOnly(2026, 2, 28), feb.End);
        Assert.True(feb.IsClosed(new DateOnly(2026, 3, 1)));
        Assert.False(feb.IsClosed(new DateOnly(2026, 2, 28)));
        Assert.Equal("2026-01", feb.Previous.Key);
        Assert.Equal("2025-12", feb.Previous.Previous.Key);
        Assert.Equal("month", Assert.Single(Assert.Throws<ValidationException>(() => AssessmentMonth.Parse("2026-13")).Errors.Keys));
        Assert.Equal("month", Assert.Single(Assert.Throws<ValidationException>(() => AssessmentMonth.ParseBegun("2026-04", new DateOnly(2026, 3, 2))).Errors.Keys));
    }
}
