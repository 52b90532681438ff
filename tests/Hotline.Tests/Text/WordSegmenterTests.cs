using Hotline.Tests.SmartDispatch;
using Hotline.Text;

namespace Hotline.Tests.Text;

/// <summary>The word segmenter over jieba's dictionary (shipped in the jieba.NET package and copied beside the binary).</summary>
public sealed class WordSegmenterTests
{
    [Fact]
    public void TheDictionary_ShipsBesideTheBinary_AndLoadsOffline()
    {
        Assert.True(WordSegmenter.IsAvailable, WordSegmenter.DefaultDictionaryPath);
        Assert.True(WordSegmenter.Default.Words > 300_000);
    }

    [Theory]
    [InlineData("小区电梯经常坏", "小区|电梯|经常|坏")]
    [InlineData("我们单位拖欠工资三个月了", "我们|单位|拖欠工资|三个|月|了")]
    [InlineData("幼儿园收费太高", "幼儿园|收费|太|高")]
    [InlineData("工厂夜里偷偷排放污水", "工厂|夜里|偷偷|排放|污水")]
    public void Cut_SplitsEverydayComplaintsIntoWords(string text, string words)
    {
        Assert.Equal(words.Split('|'), WordSegmenter.Default.Cut(text));
    }

    [Theory]
    [InlineData("明月", true)]
    [InlineData("停水", true)]
    [InlineData("映滨", false)]
    [InlineData("明", true)]
    [InlineData("明月湖小", false)]
    [InlineData("", false)]
    public void IsWord_AnswersWhetherTheDictionaryHoldsTheWholeText(string text, bool expected)
    {
        Assert.Equal(expected, WordSegmenter.Default.IsWord(text));
    }

    [Theory]
    [InlineData("向", 'p')]
    [InlineData("按照", 'p')]
    [InlineData("永远", 'd')]
    [InlineData("本轮", 'r')]
    [InlineData("小区", 'n')]
    [InlineData("映滨", '\0')]
    [InlineData("", '\0')]
    public void Tag_IsTheFirstLetterOfTheDictionarysPartOfSpeech_OrNoneForNoWord(string text, char expected)
    {
        Assert.Equal(expected, WordSegmenter.Default.Tag(text));
        Assert.Equal('\0', WordSegmenter.Build([("停水", 10)], 100).Tag("停水"));
        Assert.Equal('v', WordSegmenter.Build([("停水", 10, 'v')], 100).Tag("停水"));
    }

    [Fact]
    public void Cut_KeepsAsciiWordsAndNumbers_AndDropsPunctuation()
    {
        Assert.Equal(["3", "号", "楼", "wifi", "信号", "差"], WordSegmenter.Default.Cut("3号楼，WiFi信号差！"));
    }

    [Fact]
    public void Segment_GivesJiebaNetsWords_OnTheFixture()
    {
        // jieba.NET's precise mode without its HMM is the same rule over the same dictionary (but 6 times slower).
        var jieba = new JiebaNet.Segmenter.JiebaSegmenter();
        var runs = RoutingFixture.Load()
            .SelectMany(t => System.Text.RegularExpressions.Regex.Matches(TextNormalizer.Normalize(t.Text), "[\\u4E00-\\u9FD5]+").Select(m => m.Value))
            .ToList();
        var same = runs.Count(run => jieba.Cut(run, cutAll: false, hmm: false).SequenceEqual(WordSegmenter.Default.Cut(run)));

        var different = runs.Where(run => !jieba.Cut(run, cutAll: false, hmm: false).SequenceEqual(WordSegmenter.Default.Cut(run)))
            .Select(run => string.Join('/', jieba.Cut(run, cutAll: false, hmm: false)) + " ≠ " + string.Join('/', WordSegmenter.Default.Cut(run))).ToList();
        Assert.True(runs.Count > 500, $"{runs.Count} runs");
        Assert.True(same >= runs.Count * 0.99, $"{same} of {runs.Count} runs the same; {string.Join("; ", different.Take(5))}");
    }

    [Fact]
    public void Segment_TakesTheMostProbableRoute_OfASmallDictionary()
    {
        // "研究生命" is 研究|生命 when 研究 and 生命 are common, not 研究生|命.
        var segmenter = WordSegmenter.Build([("研究", 500), ("研究生", 20), ("生命", 300), ("命", 5), ("起源", 100)], 1000);
        Assert.Equal(["研究", "生命", "起源"], segmenter.Cut("研究生命起源"));
        Assert.Equal(5, segmenter.Words);
    }

    [Fact]
    public void Segment_AnUnknownCharacter_IsAWordOfItsOwn_AndLengthsCoverTheText()
    {
        var segmenter = WordSegmenter.Build([("停水", 10)], 100);
        var lengths = new List<int>();
        segmenter.Segment("昨天停水", lengths);

        Assert.Equal([1, 1, 2], lengths);
    }

    [Fact]
    public void WordFeatures_AddBucketsOfTheirOwn_ToTheCharacterNGrams()
    {
        var chars = new List<int>();
        var both = new List<int>();
        CharNGrams.Extract("小区电梯经常坏", new NGramSettings(), chars);
        CharNGrams.Extract("小区电梯经常坏", new NGramSettings(WordOrder: 1), both);

        Assert.Equal(chars, both.Take(chars.Count));
        Assert.Equal(4, both.Count - chars.Count);
    }

    [Fact]
    public void Settings_WordsOnly_AreValid_ButNoFeaturesAtAllAreNot()
    {
        new NGramSettings(MinOrder: 0, MaxOrder: 0, WordOrder: 2).Validate();
        Assert.Throws<ArgumentException>(() => new NGramSettings(MinOrder: 0, MaxOrder: 0).Validate());
        Assert.Throws<ArgumentException>(() => new NGramSettings(WordOrder: 4).Validate());
    }
}
