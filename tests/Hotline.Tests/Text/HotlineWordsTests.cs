using Hotline.Text;

namespace Hotline.Tests.Text;

/// <summary>Issue 14, item 10: the one list of the hotline's framing words, and what stripping it leaves.</summary>
public sealed class HotlineWordsTests
{
    [Theory]
    [InlineData("来电人")]
    [InlineData("市民")]
    [InlineData("来电反映")]
    [InlineData("咨询")]
    [InlineData("反映")]
    [InlineData("投诉")]
    [InlineData("希望")]
    [InlineData("请求")]
    [InlineData("要求")]
    [InlineData("相关部门")]
    [InlineData("处理")]
    public void TheFramingWordsOfIssue14_AreInTheList_AndStripped(string word)
    {
        Assert.Contains(word, Boilerplate.HotlineWords);
        Assert.Contains(word, Boilerplate.Phrases);
        Assert.Equal(string.Empty, Boilerplate.Strip(word).Trim());
    }

    [Fact]
    public void AnAgentsAccount_KeepsOnlyTheMatter()
    {
        var stripped = Boilerplate.Strip(TextNormalizer.Normalize("来电人反映工地夜间施工噪音扰民，要求相关部门处理"));

        Assert.Equal(["工地夜间施工噪音扰民"], stripped.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void NoWordOfTheList_NamesAMatter()
    {
        // The list must not grow into the subject matter: none of these may ever be stripped.
        foreach (var matter in new[] { "噪音", "施工", "停水", "物业", "职称", "名称", "电梯", "保密" })
        {
            Assert.Equal(matter, Boilerplate.Strip(matter));
        }
    }
}
