using Hotline.Text;
using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>A hot spot's bigram terms are shown as the phrases its reports write, without seams and without its entity's name.</summary>
public sealed class TermPhrasesTests
{
    // Reports about one road's street lights, as prepared for the detector, with the entity (滨河路) taken out.
    private static readonly string[] Lights =
    [
        "|路灯不亮好几天了,晚上走路很危险",
        "江南街道|的路灯不亮,希望尽快修复",
        "|一到晚上路灯不亮,老人出门容易摔倒",
        "江南街道|路灯不亮已经一个星期",
        "|路灯坏了,晚上漆黑一片",
    ];

    [Fact]
    public void Bigrams_ThatRunOnInTheReports_AreShownAsTheirPhrase_AndASeamIsNotAKeyword()
    {
        string[] ranked = ["路灯", "不亮", "灯不", "南街", "街道", "江南", "晚上", "漆黑"];

        var keywords = TermPhrases.Join(ranked, Lights, 6, "滨河路");

        Assert.Equal(["路灯不亮", "江南街道", "晚上"], keywords);
    }

    [Fact]
    public void APhraseWrittenByFewerThanHalfTheReportsOfItsTerm_IsNotJoined_AndAOneReportWordIsNoKeyword()
    {
        // 路灯 is written by all five, 路灯坏了 by one: not joined. 灯坏, 坏了 and 漆黑 are each written by one report only.
        string[] ranked = ["路灯", "灯坏", "坏了", "漆黑"];

        var keywords = TermPhrases.Join(ranked, Lights, 6, "滨河路");

        // 路灯 is widened by the word its end cuts where four reports write it (jieba reads "路/灯不亮"), never to 路灯坏了.
        Assert.Equal(["路灯不亮"], keywords);
    }

    [Fact]
    public void APhraseThatEndsInsideAWord_IsWidenedToTheWord_WhereTheReportsWriteIt()
    {
        string[] texts = ["|银行拒绝补发工资", "|至今没有补发工资和奖金", "|要求尽快补发工资"];
        string[] ranked = ["补发", "发工", "银行"];

        var keywords = TermPhrases.Join(ranked, texts, 6, null);

        Assert.Equal("补发工资", keywords[0]);
        Assert.DoesNotContain("补发工", keywords);
    }

    [Fact]
    public void APhraseGrownToTheLimitInsideASentence_IsNarrowedToTheWholeWordsInsideIt()
    {
        // Widened to 房东以各种理由拒绝 it would be nine characters, over the limit: the cut word 房东 goes instead.
        string[] texts = ["|房东以各种理由拒绝退还押金", "|房东以各种理由拒绝退押金", "|租期到了房东以各种理由拒绝退钱"];

        var keywords = TermPhrases.Join(["东以各种理由拒绝"], texts, 6, null);

        Assert.Equal(["以各种理由拒绝"], keywords);
    }

    [Fact]
    public void APhraseThatCutsAWord_AndWhoseWholeWordsEndAtASeam_IsNoKeyword()
    {
        // Widened, each is over the limit (临街商铺整天用喇叭, 楼道堆放杂物存在消防); narrowed, one ends in a preposition (用)
        // and one in a particle (在). A leader would read a cut word: there is no keyword, and 播放 still is one.
        string[] texts = ["|临街商铺整天用喇叭循环播放广告，楼道堆放杂物存在消防隐患", "|临街商铺整天用喇叭循环播放，楼道堆放杂物存在消防隐患", "|楼道堆放杂物存在消防隐患，临街商铺整天用喇叭循环播放"];

        Assert.Equal(["播放"], TermPhrases.Join(["临街商铺整天用喇", "道堆放杂物存在消", "播放"], texts, 6, null));
    }

    [Fact]
    public void APhraseThatEndsInAWordThatChoosesItsNoun_IsNoKeyword()
    {
        // 各种 and 哪些 choose among what follows them; cut off before it, the phrase has lost its noun.
        string[] texts = ["|租期已满房东以各种理由拒绝退还押金", "|房东以各种理由拒绝退押金", "|不知道需要哪些材料，房东以各种理由推脱"];

        Assert.Empty(TermPhrases.Join(["房东以各种", "需要哪些"], texts, 6, null));
    }

    [Fact]
    public void APhraseThatEndsInANumber_TakesTheUnitTheReportsWriteAfterIt_OrIsNoKeywordOverTheLimit()
    {
        string[] texts = ["|公司已经连续两个月没有发工资", "|公司已经连续两个月拖欠工资", "|反映公司已经连续两个月没发工资，室温只有十几度", "|室温只有十几度，孩子感冒"];

        Assert.Equal(["连续两个月"], TermPhrases.Join(["连续两个"], texts, 6, null));
        Assert.Empty(TermPhrases.Join(["公司已经连续两个"], texts, 6, null));
        Assert.Equal(["室温只有十几度"], TermPhrases.Join(["室温只有十几度"], texts, 6, null));
        // Nor is one that ends in a word that denies what it has lost.
        Assert.Empty(TermPhrases.Join(["连续两个月没有"], texts, 6, null));
    }

    [Fact]
    public void ADemonstrativeBeforeAPhrase_IsNoPartOfTheKeyword()
    {
        string[] texts = ["|该猪场臭气熏天", "|该猪场离学校不足五十米", "|附近的居民都说该猪场太臭"];
        string[] ranked = ["该猪", "猪场", "臭气"];

        var keywords = TermPhrases.Join(ranked, texts, 6, null);

        Assert.Equal("猪场", keywords[0]);
        Assert.DoesNotContain(keywords, k => k.StartsWith('该'));
    }

    [Fact]
    public void ABigramAcrossTheEntitysEnd_IsWrittenNowhereOnceTheNameIsOut_AndIsLeftOut()
    {
        string[] texts = ["|小区停水一天了", "|小区突然停水", "|全小区停水"];
        string[] ranked = ["园小", "停水", "小区", "区停"];

        var keywords = TermPhrases.Join(ranked, texts, 6, "翠湖家园");

        Assert.DoesNotContain(keywords, k => k.Contains('园', StringComparison.Ordinal));
        Assert.Contains(keywords, k => k.Contains("停水", StringComparison.Ordinal));
    }

    [Fact]
    public void AMeasureWrittenAfterANumber_IsNoPartOfTheKeyword()
    {
        string[] cracks = ["|外墙出现45度裂缝", "|楼道墙上一条45度裂缝越来越宽", "|卧室墙面30度裂缝"];
        string[] fees = ["|停车费每月要300多块钱", "|每月300多块钱的停车费", "|一个车位一年要3000块钱"];

        Assert.Equal("裂缝", TermPhrases.Join(["度裂", "裂缝"], cracks, 6, null)[0]);
        Assert.Empty(TermPhrases.Join(["块钱"], fees, 6, null));
    }

    [Fact]
    public void AWordAfterANumber_ThatCountsNothing_IsKept()
    {
        string[] texts = ["|打12345热线没人接", "|多次拨打12345热线", "|12345热线说会转办"];

        Assert.Equal(["热线"], TermPhrases.Join(["热线"], texts, 6, null));
    }

    [Fact]
    public void AQuestionWordBeforeAPhrase_AndANegationAfterIt_AreNoPartOfTheKeyword()
    {
        string[] question = ["|谁为老百姓做主", "|到底谁为老百姓做主", "|谁为老百姓说话"];
        string[] unsolved = ["|问题仍未解决", "|反映过,问题仍未解决", "|至今问题仍未解决"];

        Assert.Equal("老百姓", TermPhrases.Join(["谁为", "为老", "老百", "百姓"], question, 6, null)[0]);
        Assert.Equal(["问题"], TermPhrases.Join(["问题", "题仍", "仍未"], unsolved, 6, null));
    }

    [Fact]
    public void AWordThatBeginsWithAParticleCharacter_IsAWordLikeAnyOther_ButOneThatEndsWithOneEndsNoKeyword()
    {
        // 过 is a particle only as a word of its own: "期食品" is widened to the word 过期 its edge cuts. "管不" is not widened
        // to 不了, which ends in one, and a negation is cut off: nothing is left.
        string[] food = ["|超市销售过期食品", "|请查处销售过期食品", "|货架上有过期食品"];
        string[] refused = ["|物业管不了", "|说管不了这事", "|就是管不了"];

        Assert.Equal("过期食品", TermPhrases.Join(["期食", "食品", "过期"], food, 6, null)[0]);
        Assert.Empty(TermPhrases.Join(["管不"], refused, 6, null));
    }

    [Fact]
    public void APrepositionBeforeAPhrase_IsNoPartOfTheKeyword_UnlessItBeginsAName()
    {
        // 向 and 按照 point at what the keyword is; 自 begins the firm's name 自华科技 and stays.
        string[] bureau = ["|多次书面向环保局投诉", "|我们向环保局反映", "|又向环保局举报"];
        string[] law = ["|没有按照劳动法发给我们加班工资", "|请按照劳动法处理", "|按照劳动法应该补偿"];
        string[] firm = ["|中标人自华科技有限公司", "|自华科技没有资质", "|投诉自华科技围标"];

        Assert.Equal("环保局", TermPhrases.Join(["向环", "环保", "保局"], bureau, 6, null)[0]);
        Assert.Equal("劳动法", TermPhrases.Join(["按照", "照劳", "劳动", "动法"], law, 6, null)[0]);
        Assert.Equal("自华科技", TermPhrases.Join(["华科", "自华", "科技"], firm, 6, null)[0]);
    }

    [Fact]
    public void AWordThatSaysNothingAlone_OrAPhraseThatEndsInAPreposition_IsNoKeyword()
    {
        // 永远 (an adverb), 本轮 (a pronoun), 附近 (a place word) and 没有 (a negation) say nothing alone; "没有按照" cuts off
        // what it governs.
        string[] texts = ["|房产证永远办不下来,本轮整改附近没有按照规定", "|本轮整改后房产证永远办不下来,附近没有按照规定", "|附近本轮永远没有按照要求"];
        string[] denied = ["|物业没有,业主说", "|物业说没有,业主", "|没有,物业说"];

        Assert.Empty(TermPhrases.Join(["永远", "本轮", "附近", "没有", "有按", "按照"], texts, 6, null));
        Assert.DoesNotContain("没有", TermPhrases.Join(["没有", "物业", "业主"], denied, 6, null));
        Assert.Contains("物业", TermPhrases.Join(["没有", "物业", "业主"], denied, 6, null));
    }
}
