using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>The two lists on a planted board: one compound's two matters are two events; a city-wide question is a common problem, not an event.</summary>
public sealed class HotSpotListsTests
{
    private static readonly DateTimeOffset End = new(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));

    /// <summary>One compound's water outage, reported twelve times in different words.</summary>
    internal static readonly string[] Outage =
    [
        "翠湖家园从今天早上开始停水，到现在还没有来水",
        "我是翠湖家园的业主，家里停水大半天了，什么时候恢复供水",
        "翠湖家园停水了，没有看到任何停水通知",
        "翠湖家园小区整栋楼没水，做饭都成问题，请尽快供水",
        "反映翠湖家园停水，物业说是水管爆了，一直没修好",
        "翠湖家园三期停水超过十个小时，老人没法洗澡",
        "翠湖家园突然停水，供水热线一直占线",
        "请问翠湖家园什么时候来水？已经停水一天了",
        "翠湖家园停水问题还没解决，希望供水部门尽快抢修",
        "翠湖家园又停水了，这个月第二次，没有提前告知",
        "翠湖家园全小区断水停水，桶装水都买不到了",
        "翠湖家园停水，家里有婴儿，急需用水",
    ];

    /// <summary>The same compound's other matter.</summary>
    internal static readonly string[] Dancing =
    [
        "翠湖家园晚上有人跳舞放音乐，噪音扰民",
        "翠湖家园楼下跳舞的音响太吵，十点以后还不停",
        "投诉翠湖家园夜间跳舞噪音，影响休息",
        "翠湖家园每天晚上跳舞音乐声很大，希望管一管噪音",
    ];

    /// <summary>Kindergarten places asked about all over the city (one question per district).</summary>
    internal static readonly string[] Kindergarten =
    [
        "孩子今年三岁，想问一下公办幼儿园怎么报名，学位够不够",
        "周边的公办幼儿园学位太少，孩子报不上名，怎么办",
        "请问幼儿园入园报名的时间，报名需要准备哪些材料",
        "我们这里幼儿园学位紧张，孩子报名上不了公办幼儿园",
        "请问今年秋季的幼儿园报名什么时候开始，学位怎么分配",
        "孩子到了入园年龄，但周边的幼儿园没有学位，报名报不上",
        "公办幼儿园报名人数太多，希望增加幼儿园学位",
        "想了解幼儿园入园报名的条件，户口不在本地能报名吗",
        "幼儿园学位不足，报名的孩子只能去很远的幼儿园",
        "询问幼儿园报名流程，幼儿园学位是按片区分配吗",
    ];

    [Fact]
    public void Detect_ACompoundsOutage_IsOneEventNamingTheCompound_AndItsNoiseAnother()
    {
        var report = HotSpotDetector.Detect(Board(), new HotSpotOptions { End = End });

        // One event (up to three of the twelve wordings share too little with the rest to join it, and make no hot spot).
        var outage = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("OUT", StringComparison.Ordinal)));
        Assert.Same(report.Clusters[0], outage);
        Assert.Equal("翠湖家园", outage.Entity);
        Assert.InRange(outage.Size, 9, Outage.Length);
        Assert.All(outage.Ids, id => Assert.StartsWith("OUT", id, StringComparison.Ordinal));
        Assert.Contains(outage.Terms, t => t.Contains("停水", StringComparison.Ordinal));
        Assert.DoesNotContain(outage.Terms, t => "翠湖家园".Contains(t, StringComparison.Ordinal) || t.Contains('园', StringComparison.Ordinal));
        var dancing = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("DANCE", StringComparison.Ordinal)));
        Assert.Equal("翠湖家园", dancing.Entity);
        Assert.Equal(Dancing.Length, dancing.Size);
        Assert.All(dancing.Ids, id => Assert.StartsWith("DANCE", id, StringComparison.Ordinal));
        Assert.DoesNotContain(report.Common, c => c.Ids.Any(id => id.StartsWith("OUT", StringComparison.Ordinal)));
    }

    [Fact]
    public void Detect_WithKeywordsForTheTopOnly_GivesTheSameLists_AndKeywordsToTheTopOnly()
    {
        var all = HotSpotDetector.Detect(Board(), new HotSpotOptions { End = End });
        var top = HotSpotDetector.Detect(Board(), new HotSpotOptions { End = End, KeywordsFor = 1 });

        Assert.True(all.Clusters.Count >= 2 && all.Common.Count >= 1, $"{all.Clusters.Count} events, {all.Common.Count} common problems");
        Assert.Equal(all.Clusters.Select(c => string.Join(",", c.Ids)), top.Clusters.Select(c => string.Join(",", c.Ids)));
        Assert.Equal(all.Common.Select(c => string.Join(",", c.Ids)), top.Common.Select(c => string.Join(",", c.Ids)));
        Assert.NotEmpty(top.Clusters[0].Terms);
        Assert.Equal(all.Clusters[0].Terms, top.Clusters[0].Terms);
        Assert.Equal(all.Common[0].Terms, top.Common[0].Terms);
        Assert.All(all.Clusters, c => Assert.NotEmpty(c.Terms));
        Assert.All(top.Clusters.Skip(1).Concat(top.Common.Skip(1)), c => Assert.Empty(c.Terms));
    }

    [Fact]
    public void Detect_KindergartenPlacesAskedInTenDistricts_IsACommonProblem_NotAnEvent()
    {
        var report = HotSpotDetector.Detect(Board(), new HotSpotOptions { End = End });

        var common = Assert.Single(report.Common, c => c.Ids.Count(id => id.StartsWith("KG", StringComparison.Ordinal)) * 2 > c.Size);
        Assert.InRange(common.Ids.Count(id => id.StartsWith("KG", StringComparison.Ordinal)), 8, Kindergarten.Length);
        Assert.True(common.Places >= 8, $"{common.Places} places");
        Assert.Null(common.Entity);
        Assert.Contains(common.Terms, t => t.Contains("学位", StringComparison.Ordinal) || t.Contains("幼儿园", StringComparison.Ordinal) || t.Contains("报名", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Clusters, c => c.Ids.Any(id => id.StartsWith("KG", StringComparison.Ordinal)));
    }

    [Fact]
    public void Detect_ATopicWithoutPlaceOrEntity_TakesNoPlaceInTheEventList()
    {
        var documents = Kindergarten.Select((t, i) => new HotSpotDocument($"KG{i}", t, End.AddHours(-i), null)).ToList();

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        Assert.Empty(report.Clusters);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 12)]
    [InlineData(365, 12)]
    public void Detect_TheWindow_DecidesWhichOrdersCount(int days, int expected)
    {
        // The outage happened 2–4 days before the end: a day's window misses it, a week's and a year's hold it.
        var documents = Outage.Select((t, i) => new HotSpotDocument($"OUT{i}", t, End.AddDays(-2).AddHours(-i * 4), "东城区")).ToList();

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End, Window = TimeSpan.FromDays(days) });

        Assert.Equal(expected, report.Clusters.Sum(c => c.Size));
        Assert.Equal(End - TimeSpan.FromDays(days), report.WindowFrom);
    }

    [Fact]
    public void Detect_AQualifiedName_CountsAsTheNameWrittenMostOften()
    {
        // Six reports name 滨河苑, three qualify it (伊家滨河苑): one compound, one matter, one event.
        string[] parking =
        [
            "滨河苑开发商强制捆绑销售车位，不买车位不交房",
            "投诉滨河苑楼盘买房必须买车位，车位捆绑销售",
            "滨河苑交房时开发商要求业主购买车位，否则不给钥匙",
            "滨河苑车位捆绑销售问题，请住建部门查处开发商",
            "滨河苑购房被迫买车位，开发商捆绑销售车库",
            "滨河苑开发商捆绑销售车位，业主维权无门",
            "伊家滨河苑售楼部要求买房同时买车位，捆绑销售",
            "伊家滨河苑开发商捆绑车位销售，不买不交房",
            "伊家滨河苑强制业主购买车位，请查处捆绑销售",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(parking.Select((t, i) => new HotSpotDocument($"PARK{i}", t, End.AddHours(-60 + (i * 5)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var parkingSpot = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("PARK", StringComparison.Ordinal)));
        Assert.Equal("滨河苑", parkingSpot.Entity);
        Assert.Equal(parking.Length, parkingSpot.Size);
    }

    [Fact]
    public void Detect_ANameHoldingAnotherWhereOneCharacterMakesAWord_IsAnotherCompound_WhileFramingIsStillCut()
    {
        // 明月湖小区 holds 月湖小区, but 明月 is a word: two compounds with one matter, two events. "家住" is framing.
        string[] moonLake =
        [
            "月湖小区电梯坏了一个星期，老人上不了楼",
            "月湖小区电梯经常停运，物业不维修",
            "投诉月湖小区电梯故障，困人两次",
            "家住月湖小区，电梯坏了没人修",
        ];
        string[] brightMoonLake =
        [
            "明月湖小区电梯停运三天，物业说在等配件",
            "明月湖小区的电梯坏了，业主只能爬楼",
            "明月湖小区电梯故障频繁，请质监部门检查",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(moonLake.Select((t, i) => new HotSpotDocument($"YUE{i}", t, End.AddHours(-60 + (i * 7)), null)));
        documents.AddRange(brightMoonLake.Select((t, i) => new HotSpotDocument($"MING{i}", t, End.AddHours(-58 + (i * 7)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var moon = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("YUE", StringComparison.Ordinal)));
        Assert.Equal("月湖小区", moon.Entity);
        Assert.Equal(moonLake.Length, moon.Size);
        var bright = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("MING", StringComparison.Ordinal)));
        Assert.Equal("明月湖小区", bright.Entity);
        Assert.Equal(brightMoonLake.Length, bright.Size);
    }

    [Fact]
    public void Detect_ADetailOnlySomeReportsAdd_DoesNotSplitTheEvent()
    {
        // Four reports of one slaughterhouse's stench; the letter sent to two leaders also names where the residents work.
        // Keyed by that rarer name, the letter's two copies and the other two reports were two groups of two: no hot spot.
        string[] stench =
        [
            "鸿发屠宰场每天凌晨杀猪，臭气熏天，污水直排，请环保部门查处",
            "我们是航宇机械公司的职工，住在鸿发屠宰场旁边，屠宰场臭味和污水让人无法生活，请关停",
            "我们是航宇机械公司的职工，住在鸿发屠宰场旁边，屠宰场臭味和污水严重，请尽快关停",
            "鸿发屠宰场没有环评，夜里杀猪噪音大，臭味污水流进小区",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(stench.Select((t, i) => new HotSpotDocument($"PIG{i}", t, End.AddHours(-60 + (i * 9)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var spot = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("PIG", StringComparison.Ordinal)));
        Assert.Equal("鸿发屠宰场", spot.Entity);
        Assert.Equal(stench.Length, spot.Size);
    }

    [Fact]
    public void Detect_AShopCalledByItsShortName_GivesNoKeywordRunningIntoTheName()
    {
        // Once the shop is named, its reports call it 百佳惠 (of 百佳惠超市): "百佳惠店长" is no keyword "惠店长" or "百佳惠店长".
        string[] wages =
        [
            "百佳惠超市拖欠员工工资，百佳惠店长一直躲着不见",
            "我在百佳惠超市上班，被拖欠工资两个月，百佳惠店长说没钱",
            "百佳惠超市至今不发工资，找百佳惠店长也没有用",
            "百佳惠超市拖欠工资，百佳惠店长还叫人威胁我们",
            "百佳惠超市拖欠我们五个人的工资，百佳惠店长不接电话",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(wages.Select((t, i) => new HotSpotDocument($"SHOP{i}", t, End.AddHours(-60 + (i * 9)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var spot = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("SHOP", StringComparison.Ordinal)));
        Assert.Equal("百佳惠超市", spot.Entity);
        Assert.Contains("店长", spot.Terms);
        Assert.DoesNotContain(spot.Terms, t => t.Contains('惠', StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_AFramingEveryReportIsWrittenIn_GivesNoKeyword()
    {
        // Every order of the window (twice the routing fixture, then the outage) is written in one frame, as an intake
        // template would write it: "影响较大" and "市民反映" say nothing of this outage. On a small board (the other tests)
        // no term reaches a quarter of the window with the background documents counted.
        static string Framed(string text) => $"市民反映，{text}，影响较大。";
        var documents = HotSpotDetectorTests.Noise(7).Concat(HotSpotDetectorTests.Noise(7).Select(d => d with { Id = "B" + d.Id }))
            .Select(d => d with { Text = Framed(d.Text) }).ToList();
        documents.AddRange(Outage.Select((t, i) => new HotSpotDocument($"OUT{i}", Framed(t), End.AddHours(-40 + (i * 3)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var outage = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("OUT", StringComparison.Ordinal)));
        Assert.Equal("翠湖家园", outage.Entity);
        Assert.Contains(outage.Terms, t => t.Contains("停水", StringComparison.Ordinal));
        Assert.DoesNotContain(outage.Terms, t => t.Contains("影响", StringComparison.Ordinal) || t.Contains("较大", StringComparison.Ordinal) || t.Contains("市民", StringComparison.Ordinal));
    }

    /// <summary>Four matters of one compound, three reports each, as the centre files them (category at the second level).</summary>
    internal static readonly (string Matter, string[] Facts)[] CompoundMatters =
    [
        ("0801", ["家里自来水发黄，烧开后有沉淀", "自来水有股怪味，不敢直接喝", "自来水浑浊发黄，洗衣服都染了色"]),
        ("0201", ["楼下商铺音响开到很晚，吵得睡不着", "晚上广场舞音乐声音太大", "夜里有人在楼下唱歌喧哗"]),
        ("0803", ["楼道里能闻到燃气味，担心泄漏", "燃气表走得特别快，怀疑有问题", "燃气开户申请一个月没人来装"]),
        ("0101", ["物业不打扫楼道，垃圾堆了一周", "物业擅自涨了停车费", "电梯坏了物业一直不修"]),
    ];

    [Fact]
    public void Detect_OneCompoundsReportsInOneFrame_AreOneEventPerMatter_WhenTheOrdersCarryTheirMatter()
    {
        // An intake template writes every report in one frame; inside the compound's group the frame alone passes the low
        // bar rewordings need, so without their matters the four matters are one "event" of twelve.
        static string Framed(string text) => $"市民来电反映：金沙苑{text}，已持续一周。";
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(CompoundMatters.SelectMany((m, k) => m.Facts.Select((f, i) =>
            new HotSpotDocument($"M{k}-{i}", Framed(f), End.AddHours(-60 + (k * 11) + (i * 3)), "西城区", m.Matter))));

        var blind = HotSpotDetector.Detect(documents.Select(d => d with { Matter = null }).ToList(), new HotSpotOptions { End = End });
        var mixed = Assert.Single(blind.Clusters, c => c.Entity == "金沙苑");
        Assert.Equal(12, mixed.Size);

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var spots = report.Clusters.Where(c => c.Entity == "金沙苑").ToList();
        Assert.Equal(CompoundMatters.Length, spots.Count);
        Assert.All(spots, s => Assert.Equal(3, s.Size));
        Assert.All(spots, s => Assert.Single(s.Ids.Select(id => id[..2]).Distinct()));
    }

    [Fact]
    public void Detect_ABranchNamedWithItsPlace_StaysItsOwnEvent()
    {
        // Every report of the branch names the bank too, and the bank is named elsewhere: the branch is still the key.
        string[] queue =
        [
            "雨花区建设银行营业厅只开一个窗口，中国建设银行的客户排队两个小时",
            "中国建设银行的雨花区建设银行网点排队太久，窗口开得太少",
            "雨花区建设银行办业务排长队，中国建设银行应该多开窗口",
        ];
        string[] elsewhere =
        [
            "中国建设银行的信用卡年费乱收，客服不处理",
            "中国建设银行手机银行转账失败，钱被扣了没到账",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(queue.Select((t, i) => new HotSpotDocument($"Q{i}", t, End.AddHours(-60 + (i * 9)), null)));
        documents.AddRange(elsewhere.Select((t, i) => new HotSpotDocument($"E{i}", t, End.AddHours(-50 + (i * 9)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var spot = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith('Q')));
        Assert.Equal("雨花区建设银行", spot.Entity);
        Assert.Equal(queue.Length, spot.Size);
    }

    /// <summary>The planted board: background complaints, the compound's two matters, the kindergarten question in ten districts.</summary>
    internal static List<HotSpotDocument> Board()
    {
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(Outage.Select((t, i) => new HotSpotDocument($"OUT{i}", t, End.AddHours(-40 + (i * 3)), "东城区")));
        documents.AddRange(Dancing.Select((t, i) => new HotSpotDocument($"DANCE{i}", t, End.AddHours(-50 + (i * 7)), "东城区")));
        documents.AddRange(Kindergarten.Select((t, i) => new HotSpotDocument($"KG{i}", t, End.AddHours(-100 + (i * 9)), $"区县{i:00}")));
        return documents;
    }
}
