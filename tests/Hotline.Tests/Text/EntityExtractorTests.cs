using Hotline.Text.Entities;

namespace Hotline.Tests.Text;

/// <summary>Entity extraction on a fixture written for these tests (no row of the shared data set).</summary>
public sealed class EntityExtractorTests
{
    private readonly EntityExtractor _extractor = new([new EntityDictionaryEntry("青石镇", EntityKind.Region), new EntityDictionaryEntry("城东供水所", EntityKind.Unit)]);

    public static TheoryData<string, string, EntityKind> Fixture => new()
    {
        { "我是金桂花园小区的业主，楼下每天晚上施工到凌晨", "金桂花园", EntityKind.Compound },
        { "投诉宏远建材有限公司把废料倒在河边", "宏远建材公司", EntityKind.Company },
        { "请问绿洲家园的物业费为什么涨了", "绿洲家园", EntityKind.Compound },
        { "A市晨曦实验学校今年的招生为什么不公开", "晨曦实验学校", EntityKind.School },
        { "在惠民大药房店买到过期药品", "惠民大药房店", EntityKind.Shop },
        { "星河城市广场门口的共享单车堆满人行道", "星河城市广场", EntityKind.Compound },
        { "枫林北路一段路灯全部不亮", "枫林北路", EntityKind.Road },
        { "G5县人民医院急诊科排队太久", "g5县人民医院", EntityKind.Hospital },
        { "白沙湾安置区的房子漏水", "白沙湾安置区", EntityKind.Compound },
        { "滨河大道改造工程把路面挖开两个月没有恢复", "滨河大道改造工程", EntityKind.Project },
        { "青石镇的垃圾站臭味很大", "青石镇", EntityKind.Region },
        { "城东供水所停水也不提前通知", "城东供水所", EntityKind.Unit },
        { "柳湾村的村民反映道路损坏", "柳湾村", EntityKind.Site },
        { "百佳惠超市拖欠工资，找百佳惠店长也不管", "百佳惠超市", EntityKind.Shop },
        { "宏达化工厂长期往河里排放污水", "宏达化工厂", EntityKind.Company },
        { "佳美便利店长期占道经营", "佳美便利店", EntityKind.Shop },
        { "和平小学门口每天放学都堵车", "和平小学", EntityKind.School },
        { "反映太阳广场的音响声太大", "太阳广场", EntityKind.Compound },
        { "向阳小区的下水道堵了一个星期", "向阳小区", EntityKind.Compound },
        { "宏发能源有限公司拖欠货款", "宏发能源公司", EntityKind.Company },
        { "要求彻底取缔金鑫屠宰场的违法排污", "金鑫屠宰场", EntityKind.Site },
        { "有人以运达物流公司的名义上门收费", "运达物流公司", EntityKind.Company },
        { "巷口的永兴商店卖过期食品", "永兴商店", EntityKind.Shop },
    };

    [Theory]
    [MemberData(nameof(Fixture))]
    public void Extract_FindsTheNamedThing(string text, string name, EntityKind kind)
    {
        var entities = _extractor.Extract(text);

        Assert.Contains(new NamedEntity(name, kind), entities);
    }

    [Theory]
    [InlineData("城市管理部门什么时候来处理路灯问题")]
    [InlineData("我们小区的物业公司不作为")]
    [InlineData("这个店铺的店员态度很差")]
    [InlineData("百佳惠店长一直躲着不见")]
    [InlineData("村民委员会没有公开账目")]
    [InlineData("最近一周小区已经停电三次，请排查线路故障")]
    [InlineData("这几天小区一直停水")]
    [InlineData("近期小区附近工地夜间施工")]
    [InlineData("今天小区门口又堵车了")]
    [InlineData("那家化工企业长期违规试厂生产")]
    [InlineData("请督促物业公司履行职责")]
    [InlineData("整条路的路灯晚上都不亮")]
    [InlineData("附近商店卖过期食品")]
    [InlineData("学校商店卖的零食没有生产日期")]
    [InlineData("定点的一个小商店乱收费")]
    public void Extract_GenericWords_AreNotEntities(string text)
    {
        Assert.DoesNotContain(_extractor.Extract(text), e => e.Kind is EntityKind.Compound or EntityKind.Company or EntityKind.Shop or EntityKind.Road or EntityKind.Site);
    }

    [Theory]
    [InlineData("好润佳超市", "好润佳")]
    [InlineData("江南华府小区", "江南华府")]
    [InlineData("宏达建材公司", "宏达建材")]
    [InlineData("江南中学", null)]
    [InlineData("天旺屠宰场", null)]
    [InlineData("中国建设银行", "中国建设")]
    [InlineData("涟水名城", "涟水名")]
    [InlineData("12345", null)]
    public void ShortName_IsTheNameWithoutItsKindWord_WhenThreeCharactersAreLeft(string name, string? expected)
    {
        Assert.Equal(expected, EntityExtractor.ShortName(name));
    }

    /// <summary>A rule the letters quote names no project: three masts in three places are not one event under it.</summary>
    private static readonly string[] QuotedStepTexts =
    [
        "按规定，环境保护行政主管部门受理建设项目环评时应当公示，可这座通信基站没有",
        "环保部门审批项目必须公示，这个基站没有公示",
        "听说主管部门核准工程要开听证会",
        "行政审批项目清单里查不到这座基站",
    ];

    public static TheoryData<string> QuotedSteps => new(QuotedStepTexts);

    [Theory]
    [MemberData(nameof(QuotedSteps))]
    public void Extract_TheAdministrationsStepsQuoted_NameNoProject(string text)
    {
        Assert.DoesNotContain(_extractor.Extract(text), e => e.Kind == EntityKind.Project);
    }

    [Fact]
    public void Extract_TheSameThingWordedTwoWays_HasOneName()
    {
        var first = _extractor.Extract("金桂花园小区3栋电梯坏了");
        var second = _extractor.Extract("金桂花园的电梯又坏了");

        Assert.Equal(first.Select(e => e.Name), second.Select(e => e.Name));
    }

    [Fact]
    public void Extract_AtMostEightDistinct_InOrderOfMention()
    {
        var entities = _extractor.Extract("滨江花园、滨江花园、翠湖苑、金沙公寓、万福大厦、新华超市、东风小学、和平医院、解放西路、光明村");

        Assert.Equal(8, entities.Count);
        Assert.Equal("滨江花园", entities[0].Name);
        Assert.Equal("翠湖苑", entities[1].Name);
    }

    /// <summary>Words around a name that the patterns once read as part of it (issue 19, the board's wordings).</summary>
    public static TheoryData<string, string[]> Surroundings => new()
    {
        { "A市A2区星城公寓两部电梯坏了一个月", ["星城公寓"] },
        { "西地省A市A2区魅力花园小区楼下临街门面开饭店，油烟直排", ["魅力花园"] },
        { "我是丽景新城的住户，搅拌站离小区不到一百米", ["丽景新城"] },
        { "学院以实习名义安排学生进厂打工", [] },
        { "魅力花园一楼的烧烤店每晚营业到凌晨", ["魅力花园"] },
        { "沿街商铺占道经营，当街摆摊", [] },
        { "B市商贸学院放假期间组织学生去工厂实习", ["b市商贸学院"] },
        { "近年来星光小学门口的摊贩越来越多", ["星光小学"] },
        { "每天送孩子去红旗小学要绕远", ["红旗小学"] },
        { "未来花园的电梯坏了", ["未来花园"] },
    };

    [Theory]
    [MemberData(nameof(Surroundings))]
    public void Extract_WordsAroundAName_AreNotPartOfIt(string text, string[] names)
    {
        var found = _extractor.Extract(text).Where(e => e.Kind is not (EntityKind.Region or EntityKind.Unit)).Select(e => e.Name);

        Assert.Equal(names, found);
    }

    [Fact]
    public void Extract_AShopOfATradeWithoutItsName_NeedsAPlace()
    {
        Assert.DoesNotContain(_extractor.Extract("楼下的烧烤店油烟太大"), e => e.Kind == EntityKind.Shop);
        Assert.Contains(new NamedEntity("雨花区烧烤店", EntityKind.Shop), _extractor.Extract("雨花区烧烤店油烟太大"));
        Assert.Contains(new NamedEntity("老码头烧烤店", EntityKind.Shop), _extractor.Extract("老码头烧烤店油烟太大"));
    }

    /// <summary>A compound named by its brand alone is found by the building number after it (issue 19, the board's wordings).</summary>
    public static TheoryData<string, string[]> Buildings => new()
    {
        { "我是A市锦澜御都2期6栋的业主，楼下商铺噪音大", ["锦澜御都"] },
        { "云栖湾畔E区13栋楼下有人违规施工", ["云栖湾畔"] },
        { "住在翠屏山语4号楼，电梯三天两头坏", ["翠屏山语"] },
        { "金桂花园小区3栋电梯坏了", ["金桂花园"] },
        { "物业要求全面检修1栋客梯", [] },
        { "开发商要求按照协议支付25栋的尾款", [] },
        { "小区最北边25栋的路灯不亮", [] },
        { "小区3栋电梯坏了", [] },
    };

    [Theory]
    [MemberData(nameof(Buildings))]
    public void Extract_ANameBeforeABuildingNumber_IsACompound(string text, string[] names)
    {
        var found = _extractor.Extract(text).Where(e => e.Kind is not (EntityKind.Region or EntityKind.Unit));

        Assert.Equal(names, found.Select(e => e.Name));
        Assert.All(found, e => Assert.Equal(EntityKind.Compound, e.Kind));
    }

    [Fact]
    public void KnownNames_FindsADictionarysNamesWrittenWithoutTheirBuildingNumber()
    {
        var brands = new EntityExtractor([new EntityDictionaryEntry("锦澜御都", EntityKind.Compound)]);

        Assert.True(EntityExtractor.HasKindWord("滨江花园"));
        Assert.False(EntityExtractor.HasKindWord("锦澜御都"));
        Assert.Equal(["锦澜御都"], brands.KnownNames("锦澜御都的业主至今拿不到房产证，锦澜御都开发商欠缴税费"));
        Assert.Empty(brands.KnownNames("锦澜花园的业主至今拿不到房产证"));
    }

    /// <summary>A lending platform's name is often a number or a Latin word before 车贷 or 网贷; a car loan is no platform.</summary>
    [Theory]
    [InlineData("请求公安机关尽快侦破66车贷非法集资案", "66车贷")]
    [InlineData("A4区66车贷案件进展如何", "66车贷")]
    [InlineData("关于xy网贷平台逾期的问题", "xy网贷")]
    [InlineData("鑫盛源车贷老板跑路了", "鑫盛源车贷")]
    [InlineData("我办理汽车贷款被拒", null)]
    [InlineData("因为证明有车贷，公积金不能放款", null)]
    [InlineData("贷了5万网贷还不上", null)]
    [InlineData("去银行办理汽车贷逾期了", null)]
    public void Extract_ALendingPlatform_IsACompany(string text, string? name)
    {
        var found = _extractor.Extract(text).Where(e => e.Kind == EntityKind.Company).Select(e => e.Name);

        Assert.Equal(name is null ? [] : [name], found);
    }

    /// <summary>
    /// The readings of every text of this class, the planted hot-spot board, the repeat desk's background and the routing
    /// fixture, as one fingerprint: when a change of the
    /// extractor makes it read any of them otherwise, <see cref="EntityExtractor.RulesVersion"/> must be raised with it (the
    /// servers then read every stored order again), and the fingerprint below set to the new one.
    /// </summary>
    [Fact]
    public void TheReadingsOfTheFixtures_ChangeOnlyWithTheRulesVersion()
    {
        var texts = Fixture.Select(row => (string)row[0]).Concat(Surroundings.Select(row => (string)row[0])).Concat(Buildings.Select(row => (string)row[0])).Concat(QuotedStepTexts)
            .Concat(HotSpotBoardTests.Events.SelectMany(e => e.Wordings)).Concat(RepeatRewordingTests.Background)
            .Concat(File.ReadLines(Hotline.Tests.SmartDispatch.RoutingFixture.Path).Skip(1).Select(line => line.Split('\t')[0]));
        var hash = new System.IO.Hashing.XxHash3();
        var count = 0;
        foreach (var text in texts)
        {
            foreach (var entity in _extractor.Extract(text))
            {
                hash.Append(System.Text.Encoding.UTF8.GetBytes($"{count}\t{entity.Name}\t{entity.Kind}\n"));
            }

            count++;
        }

        Assert.True(count > 300, $"read only {count} texts");
        Assert.Equal((7, "76a74ee3a85a70cd"), (EntityExtractor.RulesVersion, hash.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
