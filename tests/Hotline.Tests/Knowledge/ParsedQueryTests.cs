using Hotline.Infrastructure.Search;
using Hotline.Text;

namespace Hotline.Tests.Knowledge;

public sealed class ParsedQueryTests
{
    [Fact]
    public void Parse_DropsFunctionWordBigrams_WhenBetterTermsExist() =>
        Assert.Equal(["停水"], ParsedQuery.Parse("停水了怎么办").Free.Select(t => t.Term));

    [Fact]
    public void Parse_KeepsFunctionWords_WhenThereIsNothingElse() =>
        Assert.Equal(["怎么", "么办"], ParsedQuery.Parse("怎么办").Free.Select(t => t.Term));

    [Fact]
    public void Parse_QuotedText_IsAPhraseOfConsecutiveBigrams()
    {
        var parsed = ParsedQuery.Parse("“小区噪音” 物业");

        Assert.Equal(["小区", "区噪", "噪音"], parsed.Phrases.Single());
        Assert.Equal(["物业"], parsed.Free.Select(t => t.Term));
    }

    [Fact]
    public void Parse_LoneCharacter_IsAPrefix() =>
        Assert.Equal(new QueryTerm("水", true), ParsedQuery.Parse("水").Free.Single());

    [Theory]
    [InlineData("")]
    [InlineData("&|!:*()<->'\"")]
    [InlineData("\"\"")]
    public void Parse_NothingSearchable_IsEmpty(string text) => Assert.True(ParsedQuery.Parse(text).IsEmpty);

    [Fact]
    public void Parse_SyntaxCharacters_NeverReachATerm()
    {
        var parsed = ParsedQuery.Parse("噪音' OR 1=1; drop table x -- NEAR(a b) title:* \\");

        Assert.All(parsed.Free, t => Assert.True(t.Term.All(c => char.IsAsciiLetterOrDigit(c) || Hotline.Text.TextNormalizer.IsCjk(c)), t.Term));
    }

    [Fact]
    public void Parse_VeryLongText_IsCapped()
    {
        var parsed = ParsedQuery.Parse(string.Concat(Enumerable.Range(0, 3000).Select(i => (char)(0x4E00 + (i * 37 % 20000)))));

        Assert.Equal(ParsedQuery.MaxFreeTerms, parsed.Free.Count);
    }
}
