using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;

namespace Hotline.Tests.QualityInspection;

/// <summary>S14: the rules of quality inspection: the checklist, scoring, sampling and the agent's score, with worked examples.</summary>
public sealed class InspectionRulesTests
{
    private static readonly DateTime At = new(2026, 5, 11, 2, 0, 0, DateTimeKind.Utc);

    private static readonly Actor Inspector = new(9, "孙丽", new HashSet<Role> { Role.QualityInspector }, 1, "热线中心", AccessScope.Platform);

    private static InspectionCandidate Contact(long eventId, long agent = 1, InspectionStage stage = InspectionStage.Intake) =>
        new(eventId, eventId * 10, $"AL{eventId}", stage, agent, agent == 1 ? "王芳" : "李娜", "/1/", At.AddMinutes(eventId), "REC-" + eventId);

    private static Inspection Pending() => Inspection.Draw(Contact(1), "孙丽", At);

    private static List<ItemScoreInput?> Full(InspectionStage stage = InspectionStage.Intake) =>
        [.. Checklist.Defaults(stage).Select(i => new ItemScoreInput(i.Code, i.MaxPoints, null))];

    private static Dictionary<string, string[]> Errors(Action act) => Assert.Throws<ValidationException>(act).Errors.ToDictionary(e => e.Key, e => e.Value);

    [Theory]
    [InlineData(InspectionStage.Intake)]
    [InlineData(InspectionStage.Callback)]
    public void TheDefaultChecklists_AddUpTo100_AndPassTheirOwnCheck(InspectionStage stage)
    {
        var defaults = Checklist.Defaults(stage);
        Assert.Equal(Checklist.Total, defaults.Sum(i => i.MaxPoints));
        Assert.Equal(defaults, Checklist.Create(stage, defaults, "孙丽", At).Items);
    }

    [Fact]
    public void AChecklist_NamesEachBadLine()
    {
        var errors = Errors(() => Checklist.Create(InspectionStage.Intake, [new("wording", "用语", 50), new("wording", "", 50.05m), new("Bad Code", "态度", 0)], "孙丽", At));
        Assert.Contains("items[1].code", errors.Keys);
        Assert.Contains("items[1].name", errors.Keys);
        Assert.Contains("items[1].maxPoints", errors.Keys);
        Assert.Contains("items[2].code", errors.Keys);
        Assert.Contains("items[2].maxPoints", errors.Keys);

        // Good lines that do not add up to 100 are refused as a whole.
        Assert.Contains("items", Errors(() => Checklist.Create(InspectionStage.Intake, [new("wording", "用语", 50), new("attitude", "态度", 40)], "孙丽", At)).Keys);
        Assert.Contains("stage", Errors(() => Checklist.Create(null, Checklist.Defaults(InspectionStage.Intake), "孙丽", At)).Keys);
        Assert.Contains("items", Errors(() => Checklist.Create(InspectionStage.Intake, [], "孙丽", At)).Keys);
    }

    [Fact]
    public void AScore_IsTheSumOfTheLines_AndEachDeductionSaysWhy()
    {
        var inspection = Pending();
        var items = Full();
        items[2] = new ItemScoreInput("record", 20, "未记录具体楼栋");
        items[5] = new ItemScoreInput("efficiency", 7.5m, "冷场较长");

        inspection.Record(Checklist.Defaults(InspectionStage.Intake), items, false, null, "整体良好", Inspector, At);

        Assert.Equal(InspectionState.Scored, inspection.State);
        Assert.Equal(92.5m, inspection.Score);
        Assert.Equal("未记录具体楼栋", Assert.Single(inspection.Items, i => i.Code == "record").Note);
        Assert.Equal("孙丽", inspection.ScoredByName);
        Assert.Equal(6, inspection.Items.Count);
    }

    [Fact]
    public void AFatalError_ScoresZero_AndMustBeNamed()
    {
        var inspection = Pending();
        Assert.Contains("fatalReason", Errors(() => inspection.Record(Checklist.Defaults(InspectionStage.Intake), Full(), true, " ", null, Inspector, At)).Keys);
        Assert.Equal(InspectionState.Pending, inspection.State);

        inspection.Record(Checklist.Defaults(InspectionStage.Intake), Full(), true, "向被反映单位透露来电人姓名", null, Inspector, At);

        Assert.Equal(0, inspection.Score);
        Assert.True(inspection.FatalError);
    }

    [Fact]
    public void BadLines_AreNamedByTheirPlace_AndNothingIsScored()
    {
        var inspection = Pending();
        var items = Full();
        items[0] = new ItemScoreInput("wording", 11, null); // over the line's 10
        items[1] = new ItemScoreInput("attitude", 10, null); // a deduction without a note
        items[3] = new ItemScoreInput("answer", 19.95m, "口径不准"); // not in tenths
        items.RemoveAt(5); // efficiency missing
        items.Add(new ItemScoreInput("record", 25, null)); // record twice
        items.Add(new ItemScoreInput("nonsense", 1, null));

        var errors = Errors(() => inspection.Record(Checklist.Defaults(InspectionStage.Intake), items, false, null, null, Inspector, At));

        Assert.Equal(["items[0].points", "items[1].note", "items[3].points", "items[5].code", "items[6].code", "items"], errors.Keys.Order(new FieldOrder()).ToArray());
        Assert.Equal(InspectionState.Pending, inspection.State);
        Assert.Null(inspection.Score);
    }

    [Fact]
    public void NobodyScoresTheirOwnContact()
    {
        var own = Inspector with { UserId = 1 };
        Assert.Equal("quality_inspection.own_contact", Assert.Throws<DomainException>(() => Pending().Record(Checklist.Defaults(InspectionStage.Intake), Full(), false, null, null, own, At)).Code);
    }

    [Fact]
    public void AScoredInspection_IsCorrectedOnItsOwnLines_NotOnALaterChecklist()
    {
        var inspection = Pending();
        inspection.Record(Checklist.Defaults(InspectionStage.Intake), Full(), false, null, null, Inspector, At);
        IReadOnlyList<ChecklistItem> later = [new("all", "综合", 100)];

        Assert.Equal(Checklist.Defaults(InspectionStage.Intake), inspection.LinesToScore(later));
        Assert.Equal(later, Pending().LinesToScore(later));
    }

    [Fact]
    public void ADraw_TakesUpToNPerAgent_AtRandom_NeverOneAlreadyInspected()
    {
        var contacts = Enumerable.Range(1, 10).Select(i => Contact(i, agent: 1)).Concat(Enumerable.Range(11, 2).Select(i => Contact(i, agent: 2))).ToList();
        var inspected = new HashSet<long> { 1, 2, 3, 11 };

        var drawn = InspectionSampling.Draw(contacts, inspected, 3, new Random(7));

        Assert.Equal(3, drawn.Count(c => c.AgentUserId == 1));
        Assert.Equal([12L], drawn.Where(c => c.AgentUserId == 2).Select(c => c.EventId));
        Assert.DoesNotContain(drawn, c => inspected.Contains(c.EventId));
        Assert.Equal(drawn.Count, drawn.Select(c => c.EventId).Distinct().Count());

        // Different seeds choose differently: the draw is random, not the first contacts.
        var choices = Enumerable.Range(0, 20).Select(seed => string.Join(",", InspectionSampling.Draw(contacts, inspected, 3, new Random(seed)).Select(c => c.EventId))).ToHashSet();
        Assert.True(choices.Count > 1);
        Assert.Contains("perAgent", Assert.Throws<ValidationException>(() => InspectionSampling.Draw(contacts, inspected, 0, new Random(1))).Errors.Keys);
        Assert.Contains("perAgent", Assert.Throws<ValidationException>(() => InspectionSampling.Draw(contacts, inspected, InspectionSampling.MaxPerAgent + 1, new Random(1))).Errors.Keys);
    }

    [Fact]
    public void TheContacts_AreThePhoneCallsAtIntake_AndTheCallbacksThatReachedTheCitizen()
    {
        var none = new Dictionary<string, string?>();
        Assert.True(InspectionSampling.IsContact(InspectionStage.Intake, Channel.Phone, none));
        Assert.False(InspectionSampling.IsContact(InspectionStage.Intake, Channel.Web, none));
        Assert.True(InspectionSampling.IsContact(InspectionStage.Callback, Channel.Web, new Dictionary<string, string?> { ["reached"] = "true" }));
        Assert.False(InspectionSampling.IsContact(InspectionStage.Callback, Channel.Phone, new Dictionary<string, string?> { ["reached"] = "false" }));
        Assert.Equal(WorkOrderAction.Register, InspectionSampling.ActionOf(InspectionStage.Intake));
        Assert.Equal(WorkOrderAction.Callback, InspectionSampling.ActionOf(InspectionStage.Callback));
    }

    [Fact]
    public void AnAgentsScore_IsTheMeanOfTheirScoredInspections()
    {
        var scores = InspectionSampling.Scores([(1, 95m), (1, 0m), (1, 80m), (2, 88.5m)]);

        Assert.Equal(new AgentQuality(1, 3, 58.3m), scores[1]);
        Assert.Equal(new AgentQuality(2, 1, 88.5m), scores[2]);
        Assert.False(scores.ContainsKey(3));
    }

    /// <summary>Line errors in line order, the whole list's error last.</summary>
    private sealed class FieldOrder : IComparer<string>
    {
        public int Compare(string? x, string? y) => (x == "items", y == "items") switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(x, y),
        };
    }
}
