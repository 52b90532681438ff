using Hotline.Text;

namespace Hotline.Tests.Text;

/// <summary>Repeats that survive rewording (issue 19), on a fixture written for these tests (no row of the shared data set).</summary>
public sealed class RepeatRewordingTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Noise = "金桂花园东门外的工地每天夜里施工，打桩机的声音很吵，一直闹到凌晨两点，老人孩子都睡不着";
    private const string NoiseReworded = "金桂花园小区旁边那个工地半夜还在打桩，吵得整栋楼没法睡觉，请管一管夜间施工";
    private const string SameEntityOtherMatter = "金桂花园的物业这个月起多收停车费，每个车位每月多交两百元，也没有开业主大会";
    private const string SameMatterOtherEntity = "翠湖苑北边那块工地晚上也在施工，打桩机很吵，住户休息不好";

    /// <summary>Other orders of the same weeks, so that the weights of common words are those of a real desk.</summary>
    internal static readonly string[] Background =
    [
        "人民路上的路灯坏了两个月，晚上一片漆黑没人修", "孩子上小学的学区怎么划分，需要准备哪些材料", "公交12路早上间隔太长，等车要半个小时",
        "单位拖欠三个月工资不发，老板电话也打不通", "楼下饭店油烟直接排到居民窗户，夏天没法开窗", "小区门口的下水道堵塞，污水流到人行道上",
        "社保卡丢了怎么补办，需要本人去哪个窗口", "菜市场旁边的垃圾堆了一个星期没人清运", "医院挂号排队太久，能不能多开几个窗口",
        "新买的房子交房一年了还没办下房产证", "工地的渣土车晚上在路上撒了很多泥土", "夜里广场舞音响声音太大影响休息",
    ];

    [Fact]
    public void Find_AReworded_ReportOfTheSameEvent_ByAnotherCaller_WithoutAPlace()
    {
        using var index = Desk(new RepeatDocument("N1", Noise, Start.AddDays(1), "13800000001", null));

        var candidate = Assert.Single(index.Find(new RepeatDocument("N2", NoiseReworded, Start.AddDays(9), "13900000002", null)));

        Assert.Equal("N1", candidate.Id);
        Assert.Equal(["similar-text", "shared-entity"], candidate.ReasonCodes);
        Assert.Equal(["金桂花园"], candidate.SharedEntities);
        Assert.Contains(candidate.SharedTerms, t => t.Contains("打桩", StringComparison.Ordinal) || t.Contains("工地", StringComparison.Ordinal));
        Assert.False(candidate.SamePlace);
    }

    [Fact]
    public void Find_SameEntity_OtherMatter_IsRefused()
    {
        using var index = Desk(new RepeatDocument("N1", Noise, Start.AddDays(1), "13800000001", "990102001"));

        Assert.Empty(index.Find(new RepeatDocument("P1", SameEntityOtherMatter, Start.AddDays(3), "13900000003", "990102001")));
    }

    [Fact]
    public void Find_SameMatter_OtherEntity_IsRefused()
    {
        using var index = Desk(new RepeatDocument("N1", Noise, Start.AddDays(1), "13800000001", null));

        Assert.Empty(index.Find(new RepeatDocument("Q1", SameMatterOtherEntity, Start.AddDays(3), "13900000004", null)));
    }

    [Fact]
    public void Find_TheSameCaller_OneMinuteLater_SamePlace_InOtherWords_IsACandidate()
    {
        // The bug of issue 19: the caller history listed the first order, the repeat panel said none.
        using var index = Desk(new RepeatDocument("C1", "幸福里12栋旁边在修路，晚上十一点还在用电镐，吵得睡不着", Start.AddDays(2), "13700000005", "990102001"));

        var candidate = Assert.Single(index.Find(new RepeatDocument("C2", "我家楼下施工到半夜，噪音太大了，孩子明天还要考试", Start.AddDays(2).AddMinutes(1), "137 0000 0005", "990102001")));

        Assert.Equal("C1", candidate.Id);
        Assert.Contains("same-caller", candidate.ReasonCodes);
        Assert.True(candidate.SamePlace);
        Assert.True(candidate.Score >= 0.5);
    }

    [Fact]
    public void Find_TheSameCaller_DaysLater_AnUnrelatedMatter_IsStillHistory()
    {
        using var index = Desk(new RepeatDocument("C1", "幸福里12栋旁边在修路，晚上十一点还在用电镐，吵得睡不着", Start.AddDays(2), "13700000005", "990102001"));

        Assert.Empty(index.Find(new RepeatDocument("C3", "咨询一下灵活就业人员的养老保险每年交多少钱", Start.AddDays(6), "13700000005", "990102001")));
    }

    [Fact]
    public void Find_TheScore_DecaysWithTime()
    {
        using var index = Desk(new RepeatDocument("N1", Noise, Start.AddDays(1), "13800000001", null));

        var soon = Assert.Single(index.Find(new RepeatDocument("N2", NoiseReworded, Start.AddDays(2), null, null)));
        var later = Assert.Single(index.Find(new RepeatDocument("N3", NoiseReworded, Start.AddDays(20), null, null)));

        Assert.True(soon.Score > later.Score);
        Assert.Equal(soon.Similarity, later.Similarity, 6);
    }

    /// <summary>
    /// Two long reports of one event in other words: their texts share a rare compound and few words ("传销", "开会上课"),
    /// the way the real board's reworded reports do. Their weighted similarity (0.06) is low, but the rare shared compound
    /// lifts it over the text threshold. (This fixture's second report first said "开会" only, a similarity of 0.043: the
    /// floor of 0.05 chosen by cross-validation on the tuning part — docs/decisions.md "Issue 19 — repeat recall" — now
    /// refuses that, as it refuses a rare name shared with as few words on the real board.)
    /// </summary>
    [Fact]
    public void Find_ALong_Rewording_ThatSharesARareCompound_AndFewWords()
    {
        const string First = "我表弟上个月被老乡骗到翠屏湾小区，说是国家扶持的连锁经营项目，交三万八以后能拿几百万回报，每天关在屋里开会上课洗脑，"
            + "手机也被收走了，家里人一直联系不上他。我们去派出所报过警，到现在也没有结果，请公安部门尽快查处这个传销窝点，把被骗的人解救出来。";
        const string Second = "翠屏湾小区7栋和9栋住了很多外地来的年轻人，每天早上成群结队去开会上课，保安说他们是搞传销的，晚上还在楼下喊口号，"
            + "我们这些住户看着很害怕，孩子放学都不敢一个人走，希望有关部门来清查一下。";
        using var index = Desk(new RepeatDocument("L1", First, Start.AddDays(1), "13800000011", null));
        var query = new RepeatDocument("L2", Second, Start.AddDays(6), "13900000012", null);

        var candidate = Assert.Single(index.Find(query));

        Assert.Equal("L1", candidate.Id);
        Assert.Equal(["翠屏湾小区"], candidate.SharedEntities);
        Assert.Contains(candidate.SharedTerms, t => t.Contains("传销", StringComparison.Ordinal) || t.Contains("开会", StringComparison.Ordinal));
    }

    /// <summary>
    /// Two long reports of one factory's night-time dumping, told in other words, and a long report of the same village
    /// about another matter (land taken for a ditch, compensation unpaid), which shares the village and everyday words.
    /// Long reports keep all their terms now (<see cref="RepeatOptions.MaxTerms"/>; the 128 rarest kept before were a
    /// long text's oddities, not the matter's words).
    /// </summary>
    [Fact]
    public void Find_TwoLong_Reports_OfOneEvent_InOtherWords_AndNotTheVillagesOtherMatter()
    {
        const string First = "我们是石桥湾村的村民，宏丰纸业公司这两年一直偷偷往河里排废水，白天关着闸门，到了半夜就开闸放水，整条小河都变成了酱油色，"
            + "河里的鱼虾全死光了，岸边的稻田也不敢再用这河水灌溉。几位老人说以前夏天还能在河里洗衣服游泳，现在走近河边就能闻到一股刺鼻的酸臭味。"
            + "我们去镇上反映过好几次，环保站的人来看了一眼，取了一瓶水就走了，之后再也没有消息。公司老板说他们有排污许可证，可是许可证上写的是"
            + "处理达标以后才能排放，他们的处理池一直是空的。请环保部门不要提前通知，晚上十二点以后来河边看一看，查一查这家公司的污水处理设施到底有没有在用。";
        const string Second = "反映石桥湾村的宏丰纸业公司夜里偷排的问题。这家公司白天看着很正常，一到深夜就把没处理过的污水直接放进我们门前的小河，"
            + "第二天早上河面上全是黄黑色的泡沫，死鱼漂了一层，味道熏得人头疼，家家户户都不敢开窗。去年我们联名写过信，也打过电话，镇里来人检查的时候"
            + "他们提前停了机，检查完又照样排。我们家几亩稻田靠这条河灌溉，今年的秧苗黄了一大片，井水也有了怪味，孩子喝了肚子不舒服。希望上级环保局"
            + "派人暗访，晚上来河边蹲守，查封他们偷排的暗管，让这家公司把污水处理好了再生产。";
        const string OtherMatter = "石桥湾村去年修水渠的时候占了我家两分菜地，当时干部说每平方米补偿八十元，年底一起发，可到现在一年多过去了一分钱也没有拿到。"
            + "我找村委会问了很多次，会计说钱早就拨下来了，乡里又说要等村里把名单报上去。和我一样被占了地的还有十几户人家，大家都在等这笔补偿款。"
            + "修好的水渠是方便了大家，我们也支持，但是该给的补偿应该按照当初的说法发到每户手里。请乡政府查一查这笔征地补偿款到底卡在了哪里，什么时候能发放。";
        using var index = Desk(new RepeatDocument("W1", First, Start.AddDays(1), "13800000031", null));

        var candidate = Assert.Single(index.Find(new RepeatDocument("W2", Second, Start.AddDays(8), "13900000032", null)));

        Assert.Equal("W1", candidate.Id);
        Assert.Equal(["宏丰纸业公司", "石桥湾村"], candidate.SharedEntities.Order(StringComparer.Ordinal));
        Assert.Empty(index.Find(new RepeatDocument("W3", OtherMatter, Start.AddDays(5), "13900000033", null)));
    }

    [Fact]
    public void Find_AGenericSchoolName_OtherMatter_IsRefused()
    {
        using var index = Desk(new RepeatDocument("S1", "实验中学食堂的饭菜又贵又差，一份炒青菜要八块钱，学生吃不饱，家长意见很大", Start.AddDays(1), "13800000021", null));

        Assert.Empty(index.Find(new RepeatDocument("S2", "实验中学门口每天放学时家长的车乱停乱放，把路堵得水泄不通，交警也不来管", Start.AddDays(4), "13900000022", null)));
    }

    [Fact]
    public void Find_AFloodOfIdenticalTexts_AnswersTheLatest()
    {
        using var index = Desk(new RepeatOptions { MaxNearIdentical = 50 });
        const string Outage = "幸福路整条街从早上八点停水到现在，没有任何通知，老人做饭喝水都成问题";
        for (var i = 0; i < 300; i++)
        {
            index.Add(new RepeatDocument($"F{i:000}", Outage, Start.AddDays(3).AddMinutes(i), $"1350000{i:0000}", "990102001"));
        }

        var found = index.Find(new RepeatDocument("F-new", Outage, Start.AddDays(3).AddMinutes(301), "13999999999", "990102001"));

        Assert.Equal(10, found.Count);
        Assert.Equal(Enumerable.Range(290, 10).Reverse().Select(i => $"F{i:000}"), found.Select(c => c.Id));
    }

    [Fact]
    public void Find_ABrandWithoutItsBuildingNumber_SharesTheEntity_OnceTwoOrdersGaveTheNumber()
    {
        const string Query = "锦澜御都的业主反映，停水快二十个小时了，到现在还没来水，物业也没有通知";
        var first = new RepeatDocument("W1", "锦澜御都4栋从昨天开始停水，到现在还没来水", Start.AddDays(2), "13500000001", null);
        var second = new RepeatDocument("W2", "锦澜御都7栋停水一整天了，物业也没有通知", Start.AddDays(2).AddHours(3), "13500000002", null);

        // One order gave the number: a clause read as a brand is seldom written twice, so one is not enough.
        using (var once = Desk(first))
        {
            Assert.All(once.Find(new RepeatDocument("W9", Query, Start.AddDays(3), "13500000009", null)), c => Assert.Empty(c.SharedEntities));
        }

        using var index = Desk(first, second, new RepeatDocument("W3", "锦澜御都又停水了，家里老人做饭都成问题", Start.AddDays(2).AddHours(5), "13500000003", null));
        var found = index.Find(new RepeatDocument("W9", Query, Start.AddDays(3), "13500000009", null));
        Assert.Equal(["W1", "W2", "W3"], found.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(found, c => Assert.Equal(["锦澜御都"], c.SharedEntities));
        Assert.All(found, c => Assert.Contains("shared-entity", c.ReasonCodes));

        // An order indexed without the number after the brand was known has it too: a numbered query finds it by the brand.
        var numbered = index.Find(new RepeatDocument("W10", "锦澜御都9栋又停水了，老人做饭喝水都成问题，请尽快恢复供水", Start.AddDays(3), "13500000010", null));
        Assert.Equal(["锦澜御都"], numbered.Single(c => c.Id == "W3").SharedEntities);
    }

    private static RepeatIndex Desk(params RepeatDocument[] documents) => Desk(new RepeatOptions(), documents);

    private static RepeatIndex Desk(RepeatOptions options, params RepeatDocument[] documents)
    {
        var index = new RepeatIndex(options);
        for (var i = 0; i < Background.Length; i++)
        {
            index.Add(new RepeatDocument($"B{i}", Background[i], Start.AddHours(i), $"1360000{i:0000}", null));
        }

        foreach (var document in documents)
        {
            index.Add(document);
        }

        return index;
    }
}
