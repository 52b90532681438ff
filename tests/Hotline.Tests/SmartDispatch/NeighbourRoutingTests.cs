using Hotline.Features.Dispatch.Routing;
using Hotline.Text;

namespace Hotline.Tests.SmartDispatch;

/// <summary>
/// Issue 19: the linear model blended with the vote of the most similar training texts (an option), on the
/// shipped fixture and on texts written for these tests; its model file (format version 3); the catalogue stays first
/// when the model is unsure.
/// </summary>
public sealed class NeighbourRoutingTests
{
    private static readonly Lazy<TextClassifier> Model = new(() => TextClassifier.Train(RoutingFixture.Load(), RoutingFixture.SmallOptions with { Neighbours = new() }));

    [Fact]
    public void TheProductDefaults_KeepTheLinearModelAlone_TheVoteStoresTheTrainingTexts()
    {
        Assert.Null(new TextClassifierOptions().Neighbours);
        Assert.Equal(RoutingFixture.Load().Count, Model.Value.Neighbours!.Count);
        Assert.Equal(3, Model.Value.WrittenVersion);
    }

    [Theory]
    [InlineData("锦绣花园楼上的卫生间又漏水了，我家客厅天花板泡得发霉，物业说找开发商", "住房和城乡建设局")]
    [InlineData("我们几个农民工在工地干了半年，包工头一直拖着不结工钱", "人力资源和社会保障局")]
    [InlineData("幼儿园收费比去年涨了一倍，还要另交兴趣班的钱，家长们都有意见", "教育局")]
    [InlineData("菜市场的一家摊位卖注水肉，短斤少两，请有关部门管一管", "市场监督管理局")]
    [InlineData("夜里十二点还有渣土车在小区旁边的工地进出，噪音吵得睡不着", "生态环境局")]
    [InlineData("那趟公交每天早上都不按时发车，司机开得又急又猛", "交通运输局")]
    public void Predict_AnUnseenText_SuggestsTheResponsibleUnitFirst(string text, string unit)
    {
        Assert.Equal(unit, Model.Value.Predict(text, 3)[0].Label);
    }

    [Theory]
    [InlineData("楼下烧烤店的油烟熏得我家没法开窗，桌子还摆满了人行道", "生态环境局", "城市管理局")]
    [InlineData("医院门口的停车场乱收费，公交站也被私家车占了", "卫生健康委员会", "交通运输局")]
    public void Predict_AMixedText_KeepsBothUnitsInTheTopThree(string text, string one, string other)
    {
        var top3 = Model.Value.Predict(text, 3).Select(s => s.Label).ToList();

        Assert.Contains(one, top3);
        Assert.Contains(other, top3);
    }

    [Fact]
    public void ATrainingText_VotesForItsOwnLabel_AsItsNearestNeighbour()
    {
        var example = RoutingFixture.Load()[5];
        var model = Model.Value;
        Span<float> vote = stackalloc float[model.Labels.Count];

        Assert.True(model.Neighbours!.Vote(model.Vectorizer.Transform(example.Text), vote, out var nearest));
        // The similarity is taken over the query's heaviest terms only, so even the text itself scores below 1.
        Assert.InRange(nearest, 0.5, 1.0001);
        var best = 0;
        for (var c = 1; c < vote.Length; c++)
        {
            best = vote[c] > vote[best] ? c : best;
        }

        Assert.Equal(example.Label, model.Labels[best]);
    }

    [Fact]
    public void AModelWithNeighbours_RoundTripsThroughFormatVersion3()
    {
        using var buffer = new MemoryStream();
        Model.Value.Save(buffer);
        var bytes = buffer.ToArray();

        Assert.Equal(3, BitConverter.ToUInt16(bytes, 4));
        var reloaded = TextClassifier.Load(new MemoryStream(bytes));
        Assert.Equal(Model.Value.Neighbours!.Settings, reloaded.Neighbours!.Settings);
        foreach (var text in RoutingFixture.Load().Take(40).Select(t => t.Text).Append("小区门口的路灯坏了"))
        {
            Assert.Equal(Model.Value.Predict(text, 3), reloaded.Predict(text, 3));
        }

        using var again = new MemoryStream();
        reloaded.Save(again);
        Assert.Equal(bytes, again.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("您好，我想反映一个情况，请帮忙看看")]
    public void AVagueText_LeavesTheModelUnsure_SoTheCatalogueUnitStaysFirst(string text)
    {
        var suggestions = Model.Value.Predict(text, 9);
        var top = suggestions[0];

        Assert.True(top.Confidence < RoutingBlend.CataloguePrior, $"{top.Label} {top.Confidence}");
        var catalogueUnit = suggestions[^1];
        var ranked = RoutingBlend.Rank(
        [
            new RoutingBlend.Candidate(1, top.Confidence, 0, 0, null, false),
            new RoutingBlend.Candidate(2, catalogueUnit.Confidence, RoutingBlend.CataloguePrior, 0, 7, false),
        ]);
        Assert.Equal(2, ranked[0].Candidate.UnitId);
    }

    [Fact]
    public void WithoutNeighbours_TheModelIsTheLinearModelAlone_WrittenAsBefore()
    {
        var model = TextClassifier.Train(RoutingFixture.Load(), RoutingFixture.SmallOptions with { Neighbours = null });

        Assert.Null(model.Neighbours);
        Assert.Equal(1, model.WrittenVersion);
    }
}
