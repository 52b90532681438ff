using Hotline.Text.Entities;

namespace Hotline.Tests.Text;

/// <summary>
/// Issue 19: every kind word the issue lists is found, on sentences written for this test (the other suffixes are in
/// <see cref="EntityExtractorTests"/>): compounds and buildings …苑/公寓/大厦/城, shops …超市/酒店, a school, a site, a
/// project, a street.
/// </summary>
public sealed class EntityKindsTests
{
    private readonly EntityExtractor _extractor = new();

    public static TheoryData<string, string, EntityKind> Kinds => new()
    {
        { "投诉翠湖苑的地下车库长期积水", "翠湖苑", EntityKind.Compound },
        { "阳光公寓楼顶的水箱漏水到楼道", "阳光公寓", EntityKind.Compound },
        { "万福大厦电梯每天早上都停运", "万福大厦", EntityKind.Compound },
        { "住在金沙城的居民反映夜间施工噪音", "金沙城", EntityKind.Compound },
        { "新华超市出售过期牛奶", "新华超市", EntityKind.Shop },
        { "锦江酒店门前的车辆占用消防通道", "锦江酒店", EntityKind.Shop },
        { "东风小学门口的减速带被拆了", "东风小学", EntityKind.School },
        { "湘江公园的健身器材坏了很久", "湘江公园", EntityKind.Site },
        { "投诉金霞物流园项目拖欠工人工资", "金霞物流园项目", EntityKind.Project },
        { "解放街的夜市油烟很大", "解放街", EntityKind.Road },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindWordOfTheIssue_IsFound(string text, string name, EntityKind kind) =>
        Assert.Contains(new NamedEntity(name, kind), _extractor.Extract(text));
}
