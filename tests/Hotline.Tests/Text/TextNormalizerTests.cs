using Hotline.Text;

namespace Hotline.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("小區噪音　擾民", "小区噪音 扰民")]
    [InlineData("物業費，太貴了！", "物业费,太贵了!")]
    [InlineData("  多个   空格\t\n换行  ", "多个 空格 换行")]
    [InlineData("《条例》（试行）", "(条例)(试行)")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_FoldsWidthCasePunctuationAndTraditional(string? input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Normalize_TextAlreadyCanonical_IsReturnedAsItIs_AndOtherTextIsNew()
    {
        const string Canonical = "小区噪音 扰民,abc123";
        Assert.Same(Canonical, TextNormalizer.Normalize(Canonical));
        var spaced = "小区噪音\t扰民,abc123";
        Assert.Equal(Canonical, TextNormalizer.Normalize(spaced));
        Assert.NotSame(Canonical, TextNormalizer.Normalize(Canonical + " "));
        Assert.Equal(Canonical, TextNormalizer.Normalize(Canonical + " "));
    }

    [Fact]
    public void Normalize_LongText_IsFoldedAndCollapsedLikeShortText()
    {
        var unit = "小區噪音　擾民，ＡＢＣ\r\n";
        var expected = string.Join(' ', Enumerable.Repeat("小区噪音 扰民,abc", 200));
        Assert.Equal(expected, TextNormalizer.Normalize(string.Concat(Enumerable.Repeat(unit, 200))));
    }

    [Fact]
    public void Normalize_EveryCharacter_FoldsAsFold_AndNormalizingTwiceChangesNothing()
    {
        var all = new string(Enumerable.Range(1, char.MaxValue).Select(i => (char)i).ToArray());
        var once = TextNormalizer.Normalize(all);
        Assert.Same(once, TextNormalizer.Normalize(once));
        Assert.DoesNotContain(once, c => char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' '));
        Assert.Equal('(', TextNormalizer.Fold('【'));
        Assert.Equal('区', TextNormalizer.Fold('區'));
        Assert.Equal('a', TextNormalizer.Fold('Ａ'));
        Assert.Equal(' ', TextNormalizer.Fold('\u3000'));
        Assert.Equal('\t', TextNormalizer.Fold('\t')); // Fold keeps white space; Normalize collapses it
    }

    [Fact]
    public void Extract_MakesOverlappingBigramsWithPositions()
    {
        var terms = IndexTerms.Extract("小区噪音扰民");

        Assert.Equal(["小区", "区噪", "噪音", "音扰", "扰民"], terms.Select(t => t.Term));
        Assert.Equal([0, 1, 2, 3, 4], terms.Select(t => t.Position));
    }

    [Fact]
    public void Extract_SeparatesAsciiWordsNumbersAndLoneCharacters()
    {
        var terms = IndexTerms.Extract("3号楼 WiFi坏了, 水 ABC-12");

        Assert.Equal(["3", "号楼", "wifi", "坏了", "水", "abc", "12"], terms.Select(t => t.Term));
    }

    [Fact]
    public void Extract_TraditionalAndSimplified_GiveTheSameTerms() =>
        Assert.Equal(IndexTerms.ToTermString("物业管理问题"), IndexTerms.ToTermString("物業管理問題"));

    [Fact]
    public void Extract_PunctuationOnly_GivesNothing() =>
        Assert.Empty(IndexTerms.Extract("，。！？…… ---"));

    [Fact]
    public void Extract_LongAsciiRun_IsCut() =>
        Assert.Equal(IndexTerms.MaxAsciiLength, IndexTerms.Extract(new string('a', 100)).Single().Term.Length);
}
