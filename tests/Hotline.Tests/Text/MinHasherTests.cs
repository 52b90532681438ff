using Hotline.Text;

namespace Hotline.Tests.Text;

public sealed class MinHasherTests
{
    private readonly MinHasher _hasher = new(hashes: 256);

    [Theory]
    [InlineData("滨江花园小区3号楼从昨天开始停水，到现在还没有来水", "滨江花园小区3号楼从昨天开始停水，到现在都没有来水，请尽快处理")]
    [InlineData("人民路和建设路路口的井盖丢了", "建设路和人民路路口有个井盖丢了")]
    [InlineData("小区停水", "学校食堂饭菜太差")]
    public void Signature_EstimatesTheExactJaccardSimilarity(string a, string b)
    {
        var exact = _hasher.ExactSimilarity(a, b);

        Assert.InRange(Estimate(a, b) - exact, -0.1, 0.1);
    }

    [Fact]
    public void Shingles_IgnoreGreetingsAndWidthAndTraditionalForms()
    {
        Assert.Equal(_hasher.Shingles("小区停水"), _hasher.Shingles("尊敬的领导您好！小區停水，谢谢"));
    }

    [Fact]
    public void Shingles_KeepDigits_SoDifferentBuildingsDiffer() =>
        Assert.True(_hasher.ExactSimilarity("3号楼停水", "5号楼停水") < 1.0);

    [Fact]
    public void Signature_TextWithoutLettersOrDigits_IsReportedEmpty()
    {
        var signature = new uint[_hasher.Hashes];

        Assert.False(_hasher.Signature("？！…", signature));
        Assert.True(_hasher.Signature("停水", signature));
    }

    [Fact]
    public void Signature_IsTheSameForTheSameSeed()
    {
        var a = new uint[64];
        var b = new uint[64];

        new MinHasher(64, seed: 5).Signature("小区停水三天了", a);
        new MinHasher(64, seed: 5).Signature("小区停水三天了", b);

        Assert.Equal(a, b);
    }

    private double Estimate(string a, string b)
    {
        var x = new uint[_hasher.Hashes];
        var y = new uint[_hasher.Hashes];
        _hasher.Signature(a, x);
        _hasher.Signature(b, y);
        return MinHasher.Similarity(x.Select(v => (ushort)v).ToArray(), y.Select(v => (ushort)v).ToArray());
    }
}
