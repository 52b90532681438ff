using Hotline.Text;

namespace Hotline.Tests.Text;

public sealed class CharNGramsTests
{
    private static readonly NGramSettings Unigrams = new(MinOrder: 1, MaxOrder: 1, HashBits: 16, StripBoilerplate: false);

    [Fact]
    public void Extract_CountsOneFeaturePerNGramOfEachOrder()
    {
        var buckets = new List<int>();

        CharNGrams.Extract("小区停水", new NGramSettings(MinOrder: 1, MaxOrder: 3, HashBits: 20), buckets);

        // 4 characters: 4 unigrams + 3 bigrams + 2 trigrams.
        Assert.Equal(9, buckets.Count);
    }

    [Fact]
    public void Extract_DoesNotJoinNGramsAcrossPunctuation()
    {
        var joined = new List<int>();
        var split = new List<int>();

        CharNGrams.Extract("停水", new NGramSettings(MinOrder: 2, MaxOrder: 2), joined);
        CharNGrams.Extract("停，水", new NGramSettings(MinOrder: 2, MaxOrder: 2), split);

        Assert.Single(joined);
        Assert.Empty(split);
    }

    [Fact]
    public void Extract_IsTheSameAcrossRunsForTheSameText()
    {
        var a = new List<int>();
        var b = new List<int>();

        CharNGrams.Extract("小區停水３天了 ABC", new NGramSettings(), a);
        CharNGrams.Extract("小区停水3天了 abc", new NGramSettings(), b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Extract_FoldedDigits_MakeHouseNumbersAlike()
    {
        var three = new List<int>();
        var five = new List<int>();

        CharNGrams.Extract("3号楼", Unigrams with { FoldDigits = true }, three);
        CharNGrams.Extract("15号楼", Unigrams with { FoldDigits = true }, five);

        Assert.Equal(three, five);
    }

    [Fact]
    public void Boilerplate_IsRemovedBeforeExtraction()
    {
        Assert.Equal(" 小区停水 ", Boilerplate.Strip("尊敬的领导小区停水谢谢"));
        var stripped = new List<int>();
        var plain = new List<int>();

        CharNGrams.Extract("尊敬的领导您好：小区停水，谢谢！", new NGramSettings(), stripped);
        CharNGrams.Extract("小区停水", new NGramSettings(), plain);

        Assert.Equal(plain.Order(), stripped.Order());
    }

    [Fact]
    public void FitTransform_GivesTheSameVectorsAsFitThenTransform()
    {
        string[] texts = ["小区停水三天了", "尊敬的领导您好，路灯坏了", "物业费太贵"];
        var (vectorizer, vectors) = TextVectorizer.FitTransform(texts, new NGramSettings(HashBits: 16));
        var fitted = TextVectorizer.Fit(texts, new NGramSettings(HashBits: 16));

        Assert.Equal(fitted.Idf, vectorizer.Idf);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(fitted.Transform(texts[i]).Indices, vectors[i].Indices);
            Assert.Equal(fitted.Transform(texts[i]).Values, vectors[i].Values);
        }
    }

    [Fact]
    public void Boilerplate_LeavesTextWithoutPhrasesUntouched() =>
        Assert.Equal("路灯坏了", Boilerplate.Strip("路灯坏了"));

    [Fact]
    public void Vectorizer_GivesUnitLengthVectorsWithDistinctIndices()
    {
        var vectorizer = TextVectorizer.Fit(["小区停水", "路灯坏了", "小区路灯"], new NGramSettings(HashBits: 16));

        var vector = vectorizer.Transform("小区停水停水");

        Assert.Equal(1.0, Math.Sqrt(vector.Values.Sum(v => (double)v * v)), 5);
        Assert.Equal(vector.Indices.Length, vector.Indices.Distinct().Count());
        Assert.Equal(vector.Values, TextVectorizer.FitTransform(["小区停水", "路灯坏了", "小区路灯"], new NGramSettings(HashBits: 16)).Vectorizer.Transform("小区停水停水").Values);
        Assert.Empty(vectorizer.Transform("，。！").Indices);
    }
}
