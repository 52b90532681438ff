using Hotline.Text;

namespace Hotline.Tests.Text;

public sealed class RepeatIndexTests
{
    private const string Outage = "滨江花园小区3号楼从昨天晚上开始停水，到现在还没有来水，家里老人孩子没法生活，也没有任何通知";
    private const string OutageAgain = "滨江花园小区3号楼从昨天晚上开始停水，到现在都没有来水，老人孩子没法生活，也没有通知，请尽快处理";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Fumes = "我家楼下的川菜馆油烟太大，油烟直接排到我家窗户，晚上没法开窗";
    private const string FumesFollowUp = "上次反映楼下川菜馆油烟排到窗户的问题，到现在还没有处理，油烟照样很大";

    [Fact]
    public void Find_SameCallerWithin90Days_RelatedMatterInAnyPlace_IsACandidate()
    {
        using var index = Index(new RepeatDocument("A1", Fumes, Start, "13800001111", "东城区"));

        var candidates = index.Find(new RepeatDocument("A2", FumesFollowUp, Start.AddDays(89), "+86 138-0000-1111", "西城区"));

        var candidate = Assert.Single(candidates);
        Assert.Equal("A1", candidate.Id);
        Assert.Equal(RepeatReasons.SameCaller, candidate.Reasons);
        Assert.Equal(["same-caller"], candidate.ReasonCodes);
        Assert.True(candidate.Score > 0.5 + (candidate.Similarity / 2) - 1e-9);
    }

    [Fact]
    public void Find_SameCallerAfter90Days_IsNotACandidate()
    {
        using var index = Index(new RepeatDocument("A1", Fumes, Start, "13800001111", "东城区"));

        Assert.Empty(index.Find(new RepeatDocument("A2", FumesFollowUp, Start.AddDays(91), "13800001111", "东城区")));
    }

    [Fact]
    public void Find_SameCallerUnrelatedMatter_IsHistoryNotARepeat()
    {
        using var index = Index(new RepeatDocument("A1", Fumes, Start, "13800001111", "东城区"));

        Assert.Empty(index.Find(new RepeatDocument("A2", "咨询一下孩子上小学的学区是怎么划分的，需要准备哪些材料", Start.AddDays(5), "13800001111", "东城区")));
    }

    [Fact]
    public void Find_SimilarTextSamePlaceWithin30Days_IsACandidateForAnotherCaller()
    {
        using var index = Index(new RepeatDocument("B1", Outage, Start, "13900002222", "东城区"));

        var candidate = Assert.Single(index.Find(new RepeatDocument("B2", OutageAgain, Start.AddDays(29), "13700003333", "东城区")));

        Assert.Equal("B1", candidate.Id);
        Assert.True(candidate.Reasons.HasFlag(RepeatReasons.SimilarText));
        Assert.False(candidate.Reasons.HasFlag(RepeatReasons.SameCaller));
        Assert.True(candidate.Similarity >= 0.5);
        Assert.True(candidate.SamePlace);
        Assert.True(candidate.Score >= 0.2);
    }

    [Fact]
    public void Find_SimilarTextAfter30Days_IsNotACandidate()
    {
        using var index = Index(new RepeatDocument("B1", Outage, Start, "13900002222", "东城区"));

        Assert.Empty(index.Find(new RepeatDocument("B2", OutageAgain, Start.AddDays(31), "13700003333", "东城区")));
    }

    [Fact]
    public void Find_SimilarTextInAnotherPlace_IsNotACandidate()
    {
        using var index = Index(new RepeatDocument("B1", Outage, Start, "13900002222", "东城区"));

        Assert.Empty(index.Find(new RepeatDocument("B2", OutageAgain, Start.AddDays(1), "13700003333", "西城区")));
    }

    [Fact]
    public void Find_UnrelatedTextSamePlace_IsNotACandidate()
    {
        using var index = Index(new RepeatDocument("B1", Outage, Start, "13900002222", "东城区"));

        Assert.Empty(index.Find(new RepeatDocument("B2", "东城区人民路上的路灯坏了两个月，晚上一片漆黑没人修", Start.AddDays(1), "13700003333", "东城区")));
    }

    [Fact]
    public void Find_SameCallerAndSimilarText_RanksAboveEither()
    {
        using var index = Index(
            new RepeatDocument("C1", Outage, Start, "13900002222", "东城区"),
            new RepeatDocument("C2", Outage + "，物业电话打不通", Start.AddDays(1), "13100004444", "东城区"),
            new RepeatDocument("C3", "滨江花园小区3号楼停水的事情还没有解决，到现在都没有来水", Start.AddDays(2), "13900002222", "南湖区"));

        var candidates = index.Find(new RepeatDocument("C4", OutageAgain, Start.AddDays(3), "13900002222", "东城区"));

        Assert.Equal("C1", candidates[0].Id);
        Assert.Equal(["C2", "C3"], candidates.Skip(1).Select(c => c.Id).Order());
        Assert.True(candidates[0].Reasons.HasFlag(RepeatReasons.SameCaller | RepeatReasons.SimilarText));
        Assert.False(candidates.Single(c => c.Id == "C2").Reasons.HasFlag(RepeatReasons.SameCaller));
        Assert.False(candidates.Single(c => c.Id == "C3").Reasons.HasFlag(RepeatReasons.SimilarText));
        Assert.True(candidates.Single(c => c.Id == "C3").Reasons.HasFlag(RepeatReasons.SameCaller));
        Assert.True(candidates[0].Score > candidates[1].Score && candidates[1].Score >= candidates[2].Score);
    }

    [Fact]
    public void Find_WithoutPlaces_FindsTheRewordingToo_TheCloserFirst()
    {
        using var index = Index(
            new RepeatDocument("D1", Outage, Start, null, null),
            new RepeatDocument("D2", "滨江花园小区停水了，到现在还没来水", Start, null, null),
            new RepeatDocument("D9", "人民路上的路灯坏了两个月，晚上一片漆黑没人修", Start, null, null));

        var candidates = index.Find(new RepeatDocument("D3", Outage + "!", Start.AddDays(1), null, null));

        Assert.Equal(["D1", "D2"], candidates.Select(c => c.Id));
        Assert.Equal(["滨江花园"], candidates[1].SharedEntities);
    }

    [Fact]
    public void Find_SkipsTheQueryItself()
    {
        var document = new RepeatDocument("E1", Outage, Start, "13900002222", "东城区");
        using var index = Index(document);

        Assert.Empty(index.Find(document));
    }

    [Fact]
    public void RemoveOlderThan_DropsOldOrdersAndKeepsTheRestFindable()
    {
        using var index = Index(
            new RepeatDocument("F1", Outage, Start, "13900002222", "东城区"),
            new RepeatDocument("F2", Outage, Start.AddDays(20), "13900002222", "东城区"));

        index.RemoveOlderThan(Start.AddDays(10));

        Assert.Equal(1, index.Count);
        var candidate = Assert.Single(index.Find(new RepeatDocument("F3", OutageAgain, Start.AddDays(21), "13900002222", "东城区")));
        Assert.Equal("F2", candidate.Id);
        Assert.True(candidate.Reasons.HasFlag(RepeatReasons.SameCaller | RepeatReasons.SimilarText | RepeatReasons.SharedEntity));
    }

    [Fact]
    public void Find_AmongManyOrders_StillFindsTheRepeat()
    {
        using var index = new RepeatIndex();
        var random = new Random(1);
        var places = new[] { "东城区", "西城区", "南湖区", "北山县" };
        var topics = new[] { "路灯坏了", "饭店油烟扰民", "拖欠工资", "学校乱收费", "公交晚点", "水压太低", "物业不作为", "噪音扰民" };
        for (var i = 0; i < 5000; i++)
        {
            var text = $"{places[i % 4]}{random.Next(1, 60)}号{topics[random.Next(topics.Length)]}{topics[random.Next(topics.Length)]}第{i}次反映";
            index.Add(new RepeatDocument($"N{i}", text, Start.AddMinutes(i), $"1350000{i:0000}", places[i % 4]));
        }

        index.Add(new RepeatDocument("TARGET", Outage, Start.AddDays(2), "13900002222", "东城区"));

        var candidates = index.Find(new RepeatDocument("Q", OutageAgain, Start.AddDays(3), "13600000000", "东城区"));
        Assert.Equal("TARGET", candidates[0].Id);
    }

    private static RepeatIndex Index(params RepeatDocument[] documents)
    {
        var index = new RepeatIndex();
        foreach (var document in documents)
        {
            index.Add(document);
        }

        return index;
    }
}
