using Hotline.Tests.SmartDispatch;
using Hotline.Text;
using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

public sealed class HotSpotDetectorTests
{
    private static readonly DateTimeOffset End = new(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Places = ["东城区", "西城区", "南湖区", "北山县"];

    private static readonly string[] Outage =
    [
        "滨江花园小区从昨天晚上开始停水，到现在还没来水，也没有任何通知",
        "我住滨江花园小区，家里停水一整天了，什么时候恢复供水？",
        "滨江花园停水快二十个小时了，老人孩子没法洗漱，请自来水公司尽快来水",
        "反映滨江花园小区停水问题，物业说是管道坏了，一直没人来修",
        "滨江花园小区7栋停水，打自来水公司电话打不通，请帮忙催一下",
        "滨江花园小区突然停水，没有提前通知，家里一点储水都没有",
        "滨江花园小区停水两天了，附近超市的桶装水都卖光了",
        "再次反映滨江花园小区停水，到现在还没有来水，请尽快处理",
    ];

    private static readonly string[] Barbecue =
    [
        "夜市烧烤摊油烟太大，每天晚上熏得窗户都不敢开",
        "楼下夜市烧烤摊油烟和噪音扰民，一直闹到凌晨",
        "夜市的烧烤摊油烟直接飘进居民楼，希望管一管",
        "投诉夜市烧烤摊油烟污染，晚上没法开窗睡觉",
    ];

    [Fact]
    public void Detect_PlantedHotSpotAmongNoise_IsTheTopClusterWithAllItsOrders()
    {
        var documents = Noise(14).ToList();
        documents.AddRange(Outage.Select((text, i) => new HotSpotDocument($"OUT{i}", text, End.AddHours(-30 + (i * 3)), "东城区")));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var top = report.Clusters[0];
        Assert.Equal(Outage.Length, top.Size);
        Assert.Equal(Enumerable.Range(0, Outage.Length).Select(i => $"OUT{i}"), top.Ids);
        Assert.Equal("东城区", top.Place);
        Assert.Contains(top.Terms, t => t.Contains("停水", StringComparison.Ordinal));
        Assert.Equal(End.AddHours(-30), top.From);
        Assert.Equal(End.AddHours(-30 + ((Outage.Length - 1) * 3)), top.To);
        Assert.True(top.Emerging);
        Assert.Equal(0, top.PreviousSize);
        Assert.Null(top.Growth);
    }

    [Fact]
    public void Detect_NoiseAlone_HasNoLargeClusters()
    {
        var report = HotSpotDetector.Detect(Noise(14).ToList(), new HotSpotOptions { End = End });

        Assert.All(report.Clusters, c => Assert.True(c.Size <= 4, string.Join(" ", c.Terms)));
    }

    [Fact]
    public void Detect_SameIssueInAnotherPlace_IsAnotherCluster()
    {
        var documents = Outage.Take(4).Select((text, i) => new HotSpotDocument($"E{i}", text, End.AddHours(-i), "东城区"))
            .Concat(Outage.Skip(4).Select((text, i) => new HotSpotDocument($"W{i}", text, End.AddHours(-i), "西城区")))
            .ToList();

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        Assert.Equal(2, report.Clusters.Count);
        Assert.All(report.Clusters, c => Assert.Single(c.Ids.Select(id => id[0]).Distinct()));
    }

    [Fact]
    public void Detect_SteadyIssue_IsNotEmerging_WhileANewOneIs()
    {
        var report = HotSpotDetector.Detect(SteadyAndNew(), new HotSpotOptions { End = End });

        var steady = Assert.Single(report.Clusters, c => c.Ids.Contains("NEW0"));
        Assert.Equal(4, steady.Size);
        Assert.Equal(4, steady.PreviousSize);
        Assert.Equal(1.0, steady.Growth);
        Assert.False(steady.Emerging);
        var emerging = Assert.Single(report.Clusters, c => c.Ids.Contains("OUT0"));
        Assert.True(emerging.Emerging);
    }

    [Fact]
    public void Detect_IssueThatDoubled_IsEmerging()
    {
        var documents = new List<HotSpotDocument>();
        documents.AddRange(Barbecue.Take(2).Select((text, i) => new HotSpotDocument($"OLD{i}", text, End.AddDays(-10).AddHours(i), "南湖区")));
        documents.AddRange(Barbecue.Concat(Barbecue).Select((text, i) => new HotSpotDocument($"NEW{i}", text, End.AddDays(-3).AddHours(i), "南湖区")));

        var cluster = Assert.Single(HotSpotDetector.Detect(documents, new HotSpotOptions { End = End }).Clusters);

        Assert.Equal(8, cluster.Size);
        Assert.Equal(2, cluster.PreviousSize);
        Assert.Equal(4.0, cluster.Growth);
        Assert.True(cluster.Emerging);
    }

    [Fact]
    public void Detect_HistoryBeginningInsideThePreviousWindow_GivesNoGrowthAndNothingEmerging()
    {
        var documents = SteadyAndNew();

        // The centre's first order came four days into the previous week: the week before is not compared.
        var late = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End, HistoryFrom = End.AddDays(-10) });
        // A history that begins on the previous window's first day covers it.
        var onTime = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End, HistoryFrom = End.AddDays(-14).AddHours(20) });

        Assert.False(late.Compared);
        Assert.All(late.Clusters.Concat(late.Common), c => Assert.Equal((false, (double?)null), (c.Emerging, c.Growth)));
        var steady = Assert.Single(late.Clusters, c => c.Ids.Contains("NEW0"));
        Assert.Equal((4, 4), (steady.Size, steady.PreviousSize));
        Assert.Contains(late.Clusters, c => c.Ids.Contains("OUT0"));
        Assert.True(onTime.Compared);
        Assert.True(Assert.Single(onTime.Clusters, c => c.Ids.Contains("OUT0")).Emerging);
        Assert.Equal(1.0, Assert.Single(onTime.Clusters, c => c.Ids.Contains("NEW0")).Growth);
    }

    [Fact]
    public void Detect_OrdersOutsideBothWindows_AreIgnored()
    {
        var documents = Outage.Select((text, i) => new HotSpotDocument($"OUT{i}", text, End.AddDays(-30).AddHours(i), "东城区")).ToList();

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        Assert.Equal(0, report.Documents);
        Assert.Empty(report.Clusters);
    }

    [Fact]
    public void Detect_IsDeterministic()
    {
        var documents = Noise(14).Concat(Outage.Select((text, i) => new HotSpotDocument($"OUT{i}", text, End.AddHours(-i), "东城区"))).ToList();

        var a = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });
        var b = HotSpotDetector.Detect(documents.AsEnumerable().Reverse().ToList(), new HotSpotOptions { End = End });

        Assert.Equal(a.Clusters.Select(c => string.Join(",", c.Ids)), b.Clusters.Select(c => string.Join(",", c.Ids)));
    }

    /// <summary>A steady issue (four barbecue reports in each week) and a new one (four outage reports yesterday), in one district.</summary>
    private static List<HotSpotDocument> SteadyAndNew() =>
    [
        .. Barbecue.Select((text, i) => new HotSpotDocument($"OLD{i}", text, End.AddDays(-10).AddHours(i), "南湖区")),
        .. Barbecue.Select((text, i) => new HotSpotDocument($"NEW{i}", text, End.AddDays(-3).AddHours(i), "南湖区")),
        .. Outage.Take(4).Select((text, i) => new HotSpotDocument($"OUT{i}", text, End.AddDays(-1).AddHours(i), "南湖区")),
    ];

    /// <summary>The routing fixture's texts, spread over places and days: varied complaints with no planted cluster.</summary>
    internal static IEnumerable<HotSpotDocument> Noise(int days)
    {
        var random = new Random(42);
        return RoutingFixture.Load().Select((row, i) => new HotSpotDocument(
            $"N{i}",
            row.Text,
            End.AddMinutes(-random.Next(days * 24 * 60)),
            Places[random.Next(Places.Length)]));
    }
}
