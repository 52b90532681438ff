using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>
/// A year-long board in the shape of issue 19's: each large hot issue is one named compound, site or school, reported by
/// different citizens over weeks in their own words — with the region codes of an anonymised board before the name
/// ("A市A2区"), the name qualified now and then ("伊家滨河苑", "金色家园物业公司"), and words around the name that the
/// patterns once read as part of it (临街, 离小区, 进厂); a compound named by its brand and a building number only
/// ("锦澜御都3栋"), now and then without the number ("锦澜御都的业主"), and a lending platform named by a number
/// ("66车贷"). Fixture written for this test (no row of the shared data set).
/// </summary>
public sealed class HotSpotBoardTests
{
    private static readonly DateTimeOffset End = new(2026, 12, 31, 20, 0, 0, TimeSpan.FromHours(8));

    private static readonly string[] Prefixes = ["A市A2区", "A2区", "A市", "", "西地省A市A2区"];

    /// <summary>The events: an id and its wordings ({0}: a region prefix or nothing).</summary>
    internal static readonly (string Id, int Reports, string[] Wordings)[] Events =
    [
        ("MIX", 16,
        [
            "{0}丽景新城小区旁边的搅拌站日夜施工，噪音太大，灰尘满天",
            "投诉{0}丽景新城附近搅拌站噪音扰民，半夜还在作业",
            "{0}丽景新城三期业主反映：对面混凝土搅拌站粉尘污染严重",
            "我是丽景新城的住户，搅拌站离小区不到一百米，噪音和灰尘持续几个月了",
            "{0}丽景新城小区居民要求关停附近的搅拌站，深夜噪音扰民多次投诉无果",
        ]),
        ("PARK", 14,
        [
            "{0}滨河苑开发商强制捆绑销售车位，不买车位不给办交房手续",
            "投诉滨河苑楼盘捆绑销售车库，购房者被迫接受",
            "{0}伊家滨河苑售楼部要求购房必须同时购买车位，请查处捆绑销售",
            "滨河苑开发商交房时强行要求业主买车位，否则不交钥匙",
        ]),
        ("FEE", 12,
        [
            "{0}金色家园物业公司乱收停车费，每月涨价，业主不同意也强行收取",
            "金色家园小区物业乱收费，停车费年年上涨，请求查处",
            "{0}金色家园物业擅自提高停车收费标准，没有召开业主大会",
        ]),
        ("FUME", 12,
        [
            "{0}魅力花园小区楼下临街门面开饭店，油烟直排进居民家里",
            "投诉魅力花园小区底商餐馆油烟扰民，排烟管道对着住户窗户",
            "{0}魅力花园一楼的烧烤店油烟很大，每晚营业到凌晨",
        ]),
        ("LIFT", 10,
        [
            "{0}星城公寓电梯频繁故障，上周困人半小时，物业不维修",
            "星城公寓的电梯年检过期了还在运行，电梯故障没人管",
            "{0}星城公寓两部电梯坏了一个月没人修，电梯停运老人上下楼困难",
        ]),
        ("ROAD", 10,
        [
            "{0}红星路修路工程停工半年，道路坑洼不平，何时复工",
            "红星路改造工程迟迟不完工，围挡占道，每天堵车",
            "{0}红星路施工停工烂尾，下雨天全是泥水，道路无法通行",
        ]),
        ("WASTE", 10,
        [
            "{0}幸福里小区旁边的垃圾站臭气熏天，夏天蚊蝇成群",
            "幸福里小区垃圾中转站离住宅太近，垃圾臭味严重，居民要求搬迁",
            "{0}幸福里小区垃圾站每天早上压缩垃圾，臭味和污水横流",
        ]),
        ("CLASS", 8,
        [
            "{0}东湖中学违规收取补课费，每个学生每学期一千多元",
            "举报东湖中学假期强制补课并收费，违反规定",
            "东湖中学老师暗示学生必须参加收费补课，补课费很高",
        ]),
        ("BRAND", 12,
        [
            "{0}锦澜御都3栋业主反映：交房一年了还没有办理不动产证",
            "我是锦澜御都K2栋的业主，开发商迟迟不给办房产证",
            "{0}锦澜御都二期5号楼至今办不了产权证，开发商一拖再拖",
            "投诉锦澜御都12栋交房两年无法办证，开发商欠缴税费",
            "{0}锦澜御都的业主至今拿不到房产证，开发商欠缴税费导致无法办证",
        ]),
        ("LOAN", 10,
        [
            "{0}66车贷平台爆雷，投资人的本金追不回来，案件进展如何",
            "请求公安机关尽快侦破66车贷非法集资案，追回投资人损失",
            "关于66车贷案件的资产处置和退赔，投资人什么时候能拿回本金",
        ]),
    ];

    [Fact]
    public void Detect_AYearOfReportsWordedDifferently_EachLargeEventIsOneHotSpotInTheTopTen()
    {
        var report = HotSpotDetector.Detect(Board(), new HotSpotOptions { End = End, Window = TimeSpan.FromDays(365) });

        var top = report.Clusters.Take(10).ToList();
        var held = Events.Where(e => top.Any(c => Holds(c, e.Id, e.Reports))).Select(e => e.Id).ToList();
        Assert.True(held.Count >= 8, $"held {held.Count} of {Events.Length}: {string.Join(", ", held)}; top: {string.Join(" | ", top.Select(c => $"{c.Size} {c.Entity}"))}");
        Assert.Equal("丽景新城", Assert.Single(top, c => Holds(c, "MIX", 16)).Entity);
        Assert.Equal("滨河苑", Assert.Single(top, c => Holds(c, "PARK", 14)).Entity);
        Assert.Equal("金色家园", Assert.Single(top, c => Holds(c, "FEE", 12)).Entity);
        var brand = Assert.Single(top, c => Holds(c, "BRAND", 12));
        Assert.Equal("锦澜御都", brand.Entity);
        Assert.Equal(12, brand.Size); // the reports that leave the building number out too
        Assert.Equal("66车贷", Assert.Single(top, c => Holds(c, "LOAN", 10)).Entity);
        var planted = report.Clusters.Where(c => c.Ids.Any(i => i.Contains('-', StringComparison.Ordinal)) && c.Entity != "66车贷").ToList();
        Assert.All(planted, c => Assert.DoesNotMatch("[A-Za-z0-9]|[省市县]|[^小]区|^区|临街|离|进厂", c.Entity ?? string.Empty));
    }

    [Fact]
    public void Detect_TheMergeAfterThePass_JoinsWhatThePassSplit_AndNeverSplitsFurther()
    {
        // The merge is what joins the reports a single pass kept apart: with it, never more hot spots of one event than without.
        var board = Board();
        var merged = HotSpotDetector.Detect(board, new HotSpotOptions { End = End, Window = TimeSpan.FromDays(365) });
        var single = HotSpotDetector.Detect(board, new HotSpotOptions { End = End, Window = TimeSpan.FromDays(365), EntityMergeSimilarity = null });

        foreach (var (id, _, _) in Events)
        {
            Assert.True(Pieces(merged, id) <= Pieces(single, id), id);
        }

        Assert.True(Events.Sum(e => Pieces(merged, e.Id)) < Events.Sum(e => Pieces(single, e.Id)));
    }

    [Fact]
    public void Detect_AClauseReadAsABrandOnce_KeysNothingElse()
    {
        // "陆续发现1-5栋" reads 陆续发现 as a brand once; learned, it would key every order that says 陆续发现.
        string[] cracks =
        [
            "入住以后陆续发现墙体开裂，地面下沉，请住建部门来看看",
            "最近陆续发现墙体开裂，门窗变形，担心房屋安全",
            "业主陆续发现墙体开裂渗水，开发商不予维修",
            "入住之后，陆续发现1-5栋墙体开裂，开发商推诿",
        ];
        var documents = HotSpotDetectorTests.Noise(7).ToList();
        documents.AddRange(cracks.Select((t, i) => new HotSpotDocument($"CRACK{i}", t, End.AddDays(-i), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End, Window = TimeSpan.FromDays(30) });

        Assert.DoesNotContain(report.Clusters, c => c.Entity == "陆续发现");
    }

    /// <summary>A hot spot holds an event when the event's reports are more than half of it and it has at least half of them.</summary>
    private static bool Holds(HotSpotCluster cluster, string id, int reports)
    {
        var mine = cluster.Ids.Count(i => i.StartsWith(id + "-", StringComparison.Ordinal));
        return mine * 2 > cluster.Size && mine * 2 >= reports;
    }

    private static int Pieces(HotSpotReport report, string id) =>
        report.Clusters.Count(c => c.Ids.Any(i => i.StartsWith(id + "-", StringComparison.Ordinal)));

    private static List<HotSpotDocument> Board()
    {
        var random = new Random(19);
        var documents = HotSpotDetectorTests.Noise(365).ToList();
        foreach (var (id, reports, wordings) in Events)
        {
            var middle = random.Next(40, 320);
            for (var k = 0; k < reports; k++)
            {
                var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, wordings[k % wordings.Length], Prefixes[random.Next(Prefixes.Length)]);
                documents.Add(new HotSpotDocument($"{id}-{k}", text, End.AddDays(-middle + random.Next(-30, 30)).AddMinutes(random.Next(1440)), null));
            }
        }

        return documents;
    }
}
