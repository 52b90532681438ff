using Hotline.Text;

namespace Hotline.Tests.SmartDispatch;

/// <summary>The fastText-style learner (issue 19, routing round 3) on the project's routing fixture.</summary>
public sealed class FastTextRouterTests
{
    private static readonly TextClassifierOptions Options = RoutingFixture.SmallOptions with { Trainer = FastTextTrainer.Measured };

    private static readonly Lazy<TextClassifier> Model = new(() => TextClassifier.Train(RoutingFixture.Load(), Options));

    // Our own wording, not in the fixture: (text, the responsible unit).
    public static TheoryData<string, string> Unseen { get; } = new()
    {
        { "家里水龙头一滴水都放不出来，停水两天了也没人通知", "自来水公司" },
        { "干了三个月活，包工头一分钱工资都没给，人也找不到了", "人力资源和社会保障局" },
        { "小学门口接送孩子的车太多，学校也不管，孩子过马路很危险，希望教育部门协调", "教育局" },
        { "网上买的保健品吃了过敏，商家说不退，请市场监管部门处理虚假宣传", "市场监督管理局" },
        { "夜市摊贩把垃圾直接倒在路边，城管也不来管", "城市管理局" },
        { "化工厂烟囱天天冒黑烟，附近空气刺鼻，怀疑超标排放", "生态环境局" },
        { "这趟公交线路发车间隔太长，等了四十分钟还不来", "交通运输局" },
    };

    [Theory]
    [MemberData(nameof(Unseen))]
    public void Predict_OwnWrittenExample_HasTheUnitInTheTopThree(string text, string unit)
    {
        var suggestions = Model.Value.Predict(text, 3);

        Assert.Contains(unit, suggestions.Select(s => s.Label));
    }

    [Fact]
    public void Predict_OwnWrittenExamples_MostlyTopOne()
    {
        var right = Unseen.Count(row => Model.Value.Predict((string)row[0], 1)[0].Label == (string)row[1]);

        Assert.True(right >= 5, $"{right} of {Unseen.Count} first");
    }

    [Fact]
    public void CrossValidation_OnTheFixture_RoutesMostTextsRight()
    {
        var report = CrossValidation.Run(RoutingFixture.Load(), 5, 3, Options);

        Assert.True(report.Accuracy > 0.6, report.ToText());
        Assert.True(report.Top3Accuracy > 0.85, report.ToText());
    }

    [Fact]
    public void Predict_TextOfNoKnownFeature_IsUnconfidentSoTheCatalogueAnswers()
    {
        // Buckets no training text used carry no weight: such a text gets only the biases, a flat answer under the
        // confidence from which a predicted category is trusted and under the catalogue's prior, so the catalogue's unit
        // stays first (RoutingBlend).
        var suggestions = Model.Value.Predict("ＱＺＸＶ", 9);

        Assert.True(suggestions[0].Confidence < Hotline.Features.Dispatch.Routing.RoutingBlend.PredictedCategoryThreshold, $"{suggestions[0].Confidence}");
        Assert.True(suggestions[0].Confidence < Hotline.Features.Dispatch.Routing.RoutingBlend.CataloguePrior, $"{suggestions[0].Confidence}");
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesByteIdenticalModels()
    {
        var data = RoutingFixture.Load();

        Assert.Equal(Bytes(TextClassifier.Train(data, Options)), Bytes(TextClassifier.Train(data, Options)));
    }

    private static byte[] Bytes(TextClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
