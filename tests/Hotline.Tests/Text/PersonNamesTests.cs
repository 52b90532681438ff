using Hotline.Text;
using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>Hot-spot keywords name no person: a name written in the reports is found by the segmenter and left out.</summary>
public sealed class PersonNamesTests
{
    [Theory]
    [InlineData("宣告陈武利", "法院已经宣告陈武利无罪")]
    [InlineData("武利", "法院已经宣告陈武利无罪")]
    [InlineData("彭品义", "村干部彭品义上门征收社会抚养费")]
    [InlineData("伍敬云", "学校领导伍敬云扣押毕业证书")]
    [InlineData("张强", "物业经理张强不让业主进门")]
    public void AName_OrAPieceOfOne_WhereTheTextsWriteIt_IsFound(string phrase, string text)
    {
        Assert.True(PersonNames.Touches(phrase, [text], WordSegmenter.Default));
    }

    [Theory]
    [InlineData("映江苑", "楚江世纪城映江苑的业主被骗交了定金")]
    [InlineData("周边", "工地噪音严重影响周边居民休息")]
    [InlineData("高铁", "希望早日开通高铁站到市区的公交")]
    [InlineData("黄村", "黄村的自来水一直没有恢复")]
    [InlineData("停水", "王府井小区停水三天了")]
    [InlineData("三万多", "每台车每年交三万多的管理费")]
    public void WordsPlacesAndCompounds_AreNoNames(string phrase, string text)
    {
        Assert.False(PersonNames.Touches(phrase, [text], WordSegmenter.Default));
    }

    [Fact]
    public void AHotSpotsKeywords_LeaveOutTheNameTheReportsShare_AndKeepTheMatter()
    {
        // Three reports about one family-planning fee, each naming the official who collects it.
        string[] texts =
        [
            "|村干部彭品义上门征收社会抚养费,不交就不给上户",
            "|彭品义多次上门征收社会抚养费,孩子至今不能上户",
            "|征收社会抚养费的彭品义态度恶劣,孩子上户难",
        ];
        string[] ranked = ["品义", "彭品", "抚养", "上户", "社会"];

        var keywords = TermPhrases.Join(ranked, texts, 6, null);

        Assert.DoesNotContain(keywords, k => k.Contains('品', StringComparison.Ordinal) || k.Contains('彭', StringComparison.Ordinal));
        Assert.Contains(keywords, k => k.Contains("抚养", StringComparison.Ordinal));
        Assert.Contains("上户", keywords);
    }
}
