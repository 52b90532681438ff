using Hotline.Text.Entities;
using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>
/// Generic names (issue 19): a name with no proper name of its own ("快递公司", "房地产开发公司") is no entity and no
/// hot-spot key; a name of its own is ("鑫达快递公司", "阳光花园"). Fixture written for these tests, no row of the shared data.
/// </summary>
public sealed class GenericNamesTests
{
    private static readonly DateTimeOffset End = new(2026, 9, 30, 18, 0, 0, TimeSpan.FromHours(8));

    private readonly EntityExtractor _extractor = new();

    [Theory]
    [InlineData("快递公司")]
    [InlineData("房地产开发公司")]
    [InlineData("房地产开发有限公司")]
    [InlineData("代理公司")]
    [InlineData("加工厂")]
    [InlineData("物业管理公司")]
    [InlineData("第一中学")]
    [InlineData("实验小学")]
    [InlineData("三家公司")]
    [InlineData("儿童医院")]
    [InlineData("混凝土市场")]
    [InlineData("镇中心小学")]
    [InlineData("县人民医院")]
    public void IsGeneric_ANameOfOnlyTradeWordsOrdinalsOrKinds_IsGeneric(string name)
    {
        Assert.True(EntityExtractor.IsGeneric(name), name);
    }

    [Theory]
    [InlineData("鑫达快递公司")]
    [InlineData("阳光花园")]
    [InlineData("宏远建材公司")]
    [InlineData("晨曦实验学校")]
    [InlineData("文化广场")]
    [InlineData("建设北路")]
    [InlineData("雨花区快递公司")]
    [InlineData("市中心医院")]
    [InlineData("五一路")]
    public void IsGeneric_ANameOfItsOwnOrWithItsPlace_IsNotGeneric(string name)
    {
        Assert.False(EntityExtractor.IsGeneric(name), name);
    }

    [Theory]
    [InlineData("快递公司送件要另外收五块钱，不给就不送")]
    [InlineData("房地产开发公司迟迟不给我们办房产证")]
    [InlineData("招标代理公司和投标人串通")]
    [InlineData("村口的加工厂把污水排进农田")]
    [InlineData("孩子在第一中学读书，学校乱收补课费")]
    [InlineData("有三家公司一直拖欠工人工资")]
    public void Extract_AGenericNameWithoutItsPlace_IsNoEntity(string text)
    {
        Assert.DoesNotContain(_extractor.Extract(text), e => e.Kind is EntityKind.Company or EntityKind.School or EntityKind.Shop);
    }

    [Theory]
    [InlineData("鑫达快递公司送件要另外收五块钱", "鑫达快递公司", EntityKind.Company)]
    [InlineData("阳光花园小区停水三天了", "阳光花园", EntityKind.Compound)]
    [InlineData("雨花区快递公司送件要另外收钱", "雨花区快递公司", EntityKind.Company)]
    [InlineData("投诉金穗粮油加工厂夜间噪音", "金穗粮油加工厂", EntityKind.Company)]
    public void Extract_ANameOfItsOwn_OrAGenericNameAfterItsPlace_IsKept(string text, string name, EntityKind kind)
    {
        Assert.Contains(new NamedEntity(name, kind), _extractor.Extract(text));
    }

    [Fact]
    public void Extract_GenericNamesAllowed_GivesThemForAnEvaluationThatQualifiesThemItself()
    {
        var extractor = new EntityExtractor(genericNames: true);

        Assert.Contains(new NamedEntity("快递公司", EntityKind.Company), extractor.Extract("快递公司送件要另外收五块钱"));
    }

    [Fact]
    public void Detect_CourierComplaintsNamingNoCompany_AreNoEventOfAGenericName()
    {
        // Four couriers in four villages charge a pick-up fee (no company named, no place), and three reports about one named
        // courier's lost parcels; a fourth matter at a street is keyed by the street, not by "快递公司".
        string[] fees =
        [
            "快递公司送件到村里要另外收五块钱，不给就让自己去镇上取",
            "我们村的快递公司取件每件要收两块钱，这合理吗",
            "快递公司不送货上门，到乡镇取件还要收费",
            "反映快递公司取件乱收费，每件多收三元",
        ];
        string[] lost =
        [
            "鑫达快递公司把我的包裹弄丢了，客服一直不回复",
            "鑫达快递公司丢件不赔，包裹丢了半个月没人管",
            "投诉鑫达快递公司，包裹丢失后推卸责任不赔偿",
        ];
        string[] street =
        [
            "青石街道的快递公司门口堆满包裹，占用人行道",
            "青石街道快递公司的包裹堆在人行道上，行人没法走",
            "快递公司在青石街道占道堆放包裹，人行道被堵",
        ];
        var documents = fees.Select((t, i) => new HotSpotDocument($"FEE{i}", t, End.AddDays(-20 + i), null))
            .Concat(lost.Select((t, i) => new HotSpotDocument($"LOST{i}", t, End.AddDays(-10 + i), null)))
            .Concat(street.Select((t, i) => new HotSpotDocument($"STREET{i}", t, End.AddDays(-5 + i), "青石街道")))
            .ToArray();

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End, Window = TimeSpan.FromDays(30) });

        Assert.DoesNotContain(report.Clusters, c => c.Entity is "快递公司");
        Assert.DoesNotContain(report.Clusters, c => c.Ids.Any(id => id.StartsWith("FEE", StringComparison.Ordinal)));
        var courier = Assert.Single(report.Clusters, c => c.Entity == "鑫达快递公司");
        Assert.Equal(3, courier.Size);
        var atStreet = Assert.Single(report.Clusters, c => c.Ids.Any(id => id.StartsWith("STREET", StringComparison.Ordinal)));
        Assert.Null(atStreet.Entity);
        Assert.Equal("青石街道", atStreet.Place);
    }
}
