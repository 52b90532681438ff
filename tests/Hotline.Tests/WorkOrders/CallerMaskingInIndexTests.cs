using System.Text.RegularExpressions;
using Hotline.Features.WorkOrders;
using Hotline.Text;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// The caller's number is masked in indexed text wherever it was typed, spaced or hyphenated or not, but not inside a
/// longer run of digits. The scan that does it is checked against the regular expression it replaced, on fixed cases
/// and on random text.
/// </summary>
public sealed class CallerMaskingInIndexTests
{
    [Theory]
    [InlineData("请回电13800001111谢谢", "请回电138****1111谢谢")]
    [InlineData("电话 138 0000 1111。", "电话 138****1111。")]
    [InlineData("电话138-0000-1111", "电话138****1111")]
    [InlineData("订单号913800001111不是电话", "订单号913800001111不是电话")]
    [InlineData("13800001111和13800001111", "138****1111和138****1111")]
    [InlineData("1380000111", "1380000111")]
    [InlineData("138--00001111", "138--00001111")]
    public void MasksTheNumberAsTyped(string text, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Replace(text, "13800001111", "138****1111"));

    [Fact]
    public void AgreesWithTheRegularExpression_OnRandomText()
    {
        var random = new Random(12345);
        const string Alphabet = "1380- 12 号-";
        for (var n = 0; n < 5000; n++)
        {
            var digits = new string(Enumerable.Range(0, random.Next(5, 9)).Select(_ => "0138"[random.Next(4)]).ToArray());
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            if (random.Next(2) == 0)
            {
                text = text.Insert(random.Next(text.Length + 1), digits);
            }

            var pattern = "(?<![0-9])" + string.Join(@"[\s\-]?", digits.Select(c => c.ToString())) + "(?![0-9])";
            Assert.Equal(Regex.Replace(text, pattern, "X"), PhoneNumbers.Replace(text, digits, "X"));
        }
    }
}
