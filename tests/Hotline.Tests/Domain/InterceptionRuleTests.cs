using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;

namespace Hotline.Tests.Domain;

/// <summary>Issue 18: the interception rules of the internet channels, with worked examples and the near-misses that must pass.</summary>
public sealed class InterceptionRuleTests
{
    private static readonly InterceptionOptions Options = new();

    private static readonly string[] Words = ["傻逼", "王八蛋", "fuck"];

    private static readonly RecentSubmissions None = new(0, 0, false);

    private static InterceptionRule? Check(string text, RecentSubmissions? recent = null) =>
        InterceptionRules.Check(text, Words.Select(InterceptionRules.Normalise), recent ?? None, Options);

    [Theory]
    [InlineData("物业经理就是个傻逼，电梯坏了两周不修")]
    [InlineData("物业经理就是个傻 逼，电梯坏了两周不修")] // a space between the characters
    [InlineData("物业经理就是个傻.逼，电梯坏了两周不修")] // punctuation
    [InlineData("物业经理就是个傻＊逼，电梯坏了两周不修")] // a full-width symbol
    [InlineData("物业经理就是个傻\u3000逼，电梯坏了两周不修")] // a full-width space
    [InlineData("物业经理王 八 蛋，电梯坏了两周不修")]
    [InlineData("物业经理 ＦＵＣＫ，电梯坏了两周不修")] // full-width capitals
    public void Abusive_SurvivesSpacesPunctuationAndFullWidth(string text) => Assert.Equal(InterceptionRule.Abusive, Check(text));

    [Theory]
    [InlineData("小区电梯停运两周，物业一直不修，老人上下楼困难。")]
    [InlineData("傻瓜相机在商场被偷了，请派出所调查监控")] // 傻 without 逼
    [InlineData("王八的养殖场臭味扰民，蛋鸡场也有异味")] // 王八 and 蛋 apart
    public void Abusive_NearMissesPass(string text) => Assert.Null(Check(text));

    [Theory]
    [InlineData("哈哈哈哈哈哈哈哈哈哈")] // repeated
    [InlineData("投诉投诉投诉投诉投诉投诉")] // a repeated word: two different letters
    [InlineData("！！！！？？？。。。。")] // punctuation only
    [InlineData("13800000000 123456")] // digits only
    [InlineData("路灯不亮！！！！！！")] // four letters
    [InlineData("aaaa bbbb aaaa bbbb")]
    public void ContentFree_TooShortRepeatedOrNoLetters(string text) => Assert.Equal(InterceptionRule.ContentFree, Check(text));

    [Theory]
    [InlineData("路灯不亮了，请修理")] // eight letters, eight different
    [InlineData("3栋门口路灯坏了，晚上很黑，请尽快修")]
    [InlineData("Street light 12 is broken")]
    public void ContentFree_NearMissesPass(string text) => Assert.Null(Check(text));

    [Fact]
    public void Flood_IsTheSixthInAnHourByPhone_OrTheTwentyFirstByAddress()
    {
        const string text = "小区电梯停运两周，物业一直不修。";
        Assert.Null(Check(text, new RecentSubmissions(4, 4, false)));
        Assert.Equal(InterceptionRule.Flood, Check(text, new RecentSubmissions(5, 0, false)));
        Assert.Null(Check(text, new RecentSubmissions(0, 19, false)));
        Assert.Equal(InterceptionRule.Flood, Check(text, new RecentSubmissions(0, 20, false)));
    }

    [Fact]
    public void Resubmitted_WhenTheSameTextCameRecently_AndAbuseIsNamedFirst()
    {
        Assert.Equal(InterceptionRule.Resubmitted, Check("小区电梯停运两周，物业一直不修。", new RecentSubmissions(1, 1, true)));
        Assert.Equal(InterceptionRule.Abusive, Check("傻逼物业，电梯停运两周一直不修。", new RecentSubmissions(9, 9, true)));
    }

    [Fact]
    public void TextHash_IgnoresSpacesPunctuationWidthAndCase()
    {
        Assert.Equal(InterceptionRules.TextHash("电梯停运，请修 ABC"), InterceptionRules.TextHash(" 电梯 停运 请修！ａｂｃ"));
        Assert.NotEqual(InterceptionRules.TextHash("电梯停运，请修"), InterceptionRules.TextHash("电梯停运，请尽快修"));
    }

    [Fact]
    public void Word_IsStoredNormalised_AndAnEmptyOneIsRefused()
    {
        Assert.Equal("黑心物业", InterceptionWord.Create(" 黑 心 物 业 ", "管理员", DateTime.UtcNow).Normalised);
        Assert.Throws<Hotline.Domain.ValidationException>(() => InterceptionWord.Create("！！", "管理员", DateTime.UtcNow));
    }
}

/// <summary>Issue 18: personal data removed from a letter and its reply before they are published.</summary>
public sealed class PersonalDataTests
{
    [Fact]
    public void Remove_MasksIdNumbersPhonesEmailsHouseNumbersAndNames()
    {
        const string letter = "市长您好，我叫李明，身份证号110101199003078888，电话13812345678，座机0371-66881234，邮箱liming@example.com，"
            + "住在幸福小区3栋2单元501室。楼下烧烤店每晚吵到两点，请张建国科长来看看。";
        var published = PersonalData.Remove(letter, ["张建国"]);

        foreach (var secret in new[] { "李明", "110101199003078888", "13812345678", "66881234", "liming@example.com", "501", "3栋", "2单元", "张建国" })
        {
            Assert.DoesNotContain(secret, published, StringComparison.Ordinal);
        }

        Assert.Contains("我叫李*", published, StringComparison.Ordinal);
        Assert.Contains("138********", published, StringComparison.Ordinal);
        Assert.Contains("幸福小区*栋*单元*室", published, StringComparison.Ordinal);
        Assert.Contains("张**科长", published, StringComparison.Ordinal);
        Assert.Contains("楼下烧烤店每晚吵到两点", published, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_LeavesOrdinaryNumbersAndDates()
    {
        const string reply = "经核查，该店已于2026年3月5日整改，夜间营业至22点，罚款2000元。";
        Assert.Equal(reply, PersonalData.Remove(reply));
    }
}

/// <summary>Issue 18: who is told that the reply is ready, and with which link.</summary>
public sealed class ReplyNoticeTests
{
    private const string Base = "https://12345.example.gov.cn/";

    [Fact]
    public void OnlineSubmitter_GetsTheCallbackLink_WithTheSubmissionsNumber()
    {
        var notice = Hotline.Domain.CitizenMessages.ReplyNotice.For("W2026030212345", "2026030200001", "13900001111", anonymous: false, wantsReply: false, Base)!;
        Assert.Equal(Hotline.Domain.CitizenMessages.CitizenMessageKind.CallbackLink, notice.Kind);
        Assert.EndsWith("https://12345.example.gov.cn/portal/track/W2026030212345", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PhoneCaller_OnlyWhenAskedForAReply_AndNotAnonymous()
    {
        var told = Hotline.Domain.CitizenMessages.ReplyNotice.For(null, "2026030200001", "13900001111", anonymous: false, wantsReply: true, Base)!;
        Assert.Equal(Hotline.Domain.CitizenMessages.CitizenMessageKind.Replied, told.Kind);
        Assert.Contains("/portal/track/2026030200001", told.Text, StringComparison.Ordinal);
        Assert.Null(Hotline.Domain.CitizenMessages.ReplyNotice.For(null, "2026030200001", "13900001111", anonymous: false, wantsReply: false, Base));
        Assert.Null(Hotline.Domain.CitizenMessages.ReplyNotice.For(null, "2026030200001", "13900001111", anonymous: true, wantsReply: true, Base));
        Assert.Null(Hotline.Domain.CitizenMessages.ReplyNotice.For(null, "2026030200001", "0999-6012345", anonymous: false, wantsReply: true, Base));
    }
}
