using Hotline.Text;

namespace Hotline.Tests.SmartDispatch;

public sealed class RouterModelTests
{
    private static readonly Lazy<TextClassifier> Model = new(() => TextClassifier.Train(RoutingFixture.Load(), RoutingFixture.SmallOptions));

    [Fact]
    public void Fixture_HasAFewHundredTextsOverNineUnits()
    {
        var data = RoutingFixture.Load();

        Assert.InRange(data.Count, 200, 1000);
        Assert.Equal(9, data.Select(d => d.Label).Distinct().Count());
    }

    [Theory]
    [InlineData("我们楼从今天早上就没有水了，自来水什么时候能恢复供应？", "自来水公司")]
    [InlineData("老板拖欠了我们两个月的工资，到现在还不发，请劳动部门帮忙追讨", "人力资源和社会保障局")]
    [InlineData("孩子上初中的学区划分不合理，离家近的学校不让上", "教育局")]
    [InlineData("超市卖的鸡蛋是过期的，找店长不给退换，请监管部门查处", "市场监督管理局")]
    [InlineData("路边烧烤摊占道经营，晚上人行道都走不了", "城市管理局")]
    [InlineData("工厂晚上偷排废水，河里的鱼都死了，水又黑又臭", "生态环境局")]
    [InlineData("公交车总是晚点，司机还不按站停车", "交通运输局")]
    [InlineData("医院看病排队太久，医生态度也不好", "卫生健康委员会")]
    [InlineData("物业公司不作为，电梯坏了一个月没人修", "住房和城乡建设局")]
    public void Predict_UnseenText_SuggestsTheResponsibleUnitFirst(string text, string unit)
    {
        var suggestions = Model.Value.Predict(text, 3);

        Assert.Equal(unit, suggestions[0].Label);
    }

    [Fact]
    public void Predict_GivesTopKInDescendingConfidenceSummingToAtMostOne()
    {
        var suggestions = Model.Value.Predict("小区停水了", 3);

        Assert.Equal(3, suggestions.Count);
        Assert.True(suggestions[0].Confidence >= suggestions[1].Confidence && suggestions[1].Confidence >= suggestions[2].Confidence);
        Assert.InRange(suggestions.Sum(s => s.Confidence), 0.0, 1.0001);
        Assert.Equal(9, Model.Value.Predict("小区停水了", 50).Count);
        Assert.Equal(1.0, Model.Value.Predict("小区停水了", 50).Sum(s => s.Confidence), 3);
    }

    [Fact]
    public void Predict_EmptyOrPunctuationOnlyText_StillAnswers()
    {
        Assert.Equal(3, Model.Value.Predict(string.Empty, 3).Count);
        Assert.Equal(3, Model.Value.Predict("？？！！", 3).Count);
        Assert.Equal(3, Model.Value.Predict(null, 3).Count);
    }

    [Fact]
    public void CrossValidation_OnTheFixture_RoutesMostTextsRight()
    {
        var report = CrossValidation.Run(RoutingFixture.Load(), 5, 3, RoutingFixture.SmallOptions);

        // about 200 training texts for 9 units per fold: far from the production data, far above chance (0.11).
        Assert.True(report.Accuracy > 0.6, report.ToText());
        Assert.True(report.Top3Accuracy > 0.85, report.ToText());
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesByteIdenticalModels()
    {
        var data = RoutingFixture.Load();

        Assert.Equal(Bytes(TextClassifier.Train(data, RoutingFixture.SmallOptions)), Bytes(TextClassifier.Train(data, RoutingFixture.SmallOptions)));
    }

    [Theory]
    [InlineData(LinearAlgorithm.LinearSvm)]
    [InlineData(LinearAlgorithm.LogisticRegression)]
    [InlineData(LinearAlgorithm.ComplementNaiveBayes)]
    [InlineData(LinearAlgorithm.AveragedPerceptron)]
    [InlineData(LinearAlgorithm.NaiveBayesSvm)]
    [InlineData(LinearAlgorithm.FastText)]
    public void SaveThenLoad_EveryAlgorithm_GivesIdenticalPredictions(LinearAlgorithm algorithm)
    {
        var data = RoutingFixture.Load();
        var regularization = algorithm switch { LinearAlgorithm.LogisticRegression => 1e-6, LinearAlgorithm.FastText => 1e-4, _ => 1 };
        var model = TextClassifier.Train(data, RoutingFixture.SmallOptions with { Trainer = new TrainerSettings(algorithm, regularization, Epochs: 5) });
        var reloaded = TextClassifier.Load(new MemoryStream(Bytes(model)));

        Assert.Equal(model.Labels, reloaded.Labels);
        foreach (var example in data.Take(60))
        {
            Assert.Equal(model.Predict(example.Text, 9), reloaded.Predict(example.Text, 9));
        }

        Assert.Equal(Bytes(model), Bytes(reloaded));
    }

    [Fact]
    public void Load_FlippedByte_ReportsChecksumMismatch()
    {
        var bytes = Bytes(Model.Value);
        bytes[bytes.Length / 2] ^= 0x40;

        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes)));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedFile_ReportsTruncation()
    {
        var bytes = Bytes(Model.Value);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes[..(bytes.Length - 100)])));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes[..10])));
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream([])));
    }

    [Fact]
    public void Load_OtherFile_SaysItIsNotAModel()
    {
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream("text\tlabel\n"u8.ToArray())));

        Assert.Contains("Not a Hotline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerFormatVersion_NamesBothVersions()
    {
        var bytes = Bytes(Model.Value);
        bytes[4] = 9;

        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes)));
        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => TextClassifier.Load(Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}.bin")));

    [Fact]
    public void Train_OneLabelOnly_IsRefused() =>
        Assert.Throws<ArgumentException>(() => TextClassifier.Train([new LabelledText("停水", "自来水公司"), new LabelledText("水压低", "自来水公司")]));

    [Fact]
    public void Train_ManyLabels_ShrinksTheHashSpaceToBoundTheModel()
    {
        var data = Enumerable.Range(0, 600).Select(i => new LabelledText($"第{i}个单位负责的事项{(char)('甲' + (i % 50))}", $"单位{i % 300}")).ToList();

        var model = TextClassifier.Train(data, new TextClassifierOptions { Features = new NGramSettings(HashBits: 20), Trainer = new TrainerSettings(Epochs: 2) });

        Assert.Equal(300, model.Labels.Count);
        Assert.True((long)model.Model.Dimensions * model.Labels.Count <= TextClassifier.MaxWeights);
        Assert.Equal(16, model.Vectorizer.Settings.HashBits);
    }

    private static byte[] Bytes(TextClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
