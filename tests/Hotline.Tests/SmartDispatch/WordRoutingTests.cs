using Hotline.Text;

namespace Hotline.Tests.SmartDispatch;

/// <summary>
/// Routing with the issue-19 features (character 1–2-grams and dictionary words) on the shipped fixture, the model file
/// format that carries them (version 2), and models stored by the issue-6 code (version 1).
/// </summary>
public sealed class WordRoutingTests
{
    /// <summary>Characters and words, with a smaller hash space (as the server uses for a small training set).</summary>
    private static readonly TextClassifierOptions Options = new() { Features = new NGramSettings(HashBits: 16, WordOrder: 1), Neighbours = null };

    private static readonly Lazy<TextClassifier> Model = new(() => TextClassifier.Train(RoutingFixture.Load(), Options));

    private static string OldModelPath => Path.Combine(AppContext.BaseDirectory, "SmartDispatch", "Fixtures", "router-model-v1.bin");

    [Fact]
    public void TheProductDefaults_StayCharacters_AndWordsAreAnOption()
    {
        Assert.Equal(0, new TextClassifierOptions().Features.WordOrder);
        Assert.Equal(2, new TextClassifierOptions().Features.MaxOrder);
        Assert.Equal(1, Model.Value.Vectorizer.Settings.WordOrder);
    }

    [Theory]
    [InlineData("小区里已经两天没有自来水了，做饭洗澡都成问题，什么时候恢复供水？", "自来水公司")]
    [InlineData("公司拖欠我们三个月工资，老板一直躲着不见，请劳动监察帮我们讨薪", "人力资源和社会保障局")]
    [InlineData("孩子今年上小学，户口在本片区却被告知学位已满，要去很远的学校报到", "教育局")]
    [InlineData("在一家餐馆吃饭后全家腹泻，怀疑菜品不新鲜，请市场监管部门查一查这家店", "市场监督管理局")]
    [InlineData("街口的流动摊贩每天占道经营，垃圾乱扔，行人只能走机动车道", "城市管理局")]
    [InlineData("化工厂的烟囱晚上冒黑烟，附近居民闻到刺鼻的气味，窗户都不敢开", "生态环境局")]
    [InlineData("这条线路的公交车发车间隔太长，等了四十分钟还没来，希望增加班次", "交通运输局")]
    [InlineData("社区卫生院的医生看病敷衍，药费收得还比别处贵", "卫生健康委员会")]
    [InlineData("楼道墙面开裂渗水，物业和开发商互相推诿，房子才交付一年", "住房和城乡建设局")]
    public void Predict_AClearText_SuggestsItsDepartmentFirst(string text, string unit)
    {
        Assert.Equal(unit, Model.Value.Predict(text, 3)[0].Label);
    }

    [Theory]
    [InlineData("楼下饭店的油烟直排进我家窗户，而且他们的桌椅摆到了人行道上", "生态环境局", "城市管理局")]
    [InlineData("小区停水好几天了，物业说是供水管道老化，要等开发商来修", "自来水公司", "住房和城乡建设局")]
    [InlineData("学校门口的早餐店卫生很差，孩子吃了肚子疼", "市场监督管理局", "教育局")]
    public void Predict_AMixedText_KeepsBothDepartmentsInTheTopThree(string text, string one, string other)
    {
        var top3 = Model.Value.Predict(text, 3).Select(s => s.Label).ToList();

        Assert.Contains(one, top3);
        Assert.Contains(other, top3);
    }

    [Fact]
    public void AWordModel_RoundTripsThroughFormatVersion2()
    {
        using var buffer = new MemoryStream();
        Model.Value.Save(buffer);
        var bytes = buffer.ToArray();

        Assert.Equal(2, BitConverter.ToUInt16(bytes, 4));
        var reloaded = TextClassifier.Load(new MemoryStream(bytes));
        Assert.Equal(Model.Value.Vectorizer.Settings, reloaded.Vectorizer.Settings);
        foreach (var text in RoutingFixture.Load().Take(40).Select(t => t.Text))
        {
            Assert.Equal(Model.Value.Predict(text, 3), reloaded.Predict(text, 3));
        }

        using var again = new MemoryStream();
        reloaded.Save(again);
        Assert.Equal(bytes, again.ToArray());
    }

    [Fact]
    public void ACharacterOnlyModel_IsStillWrittenAsVersion1()
    {
        var model = TextClassifier.Train(RoutingFixture.Load().Take(80).ToList(), RoutingFixture.SmallOptions with { Neighbours = null });
        using var buffer = new MemoryStream();
        model.Save(buffer);

        Assert.Equal(1, BitConverter.ToUInt16(buffer.ToArray(), 4));
        Assert.Equal(1, model.WrittenVersion);
    }

    [Fact]
    public void AModelStoredByTheIssue6Code_LoadsAndRoutes()
    {
        // Written by the code before word features (commit ef4e05f), characters only, 2^10 buckets.
        var old = TextClassifier.Load(OldModelPath);

        Assert.Equal(0, old.Vectorizer.Settings.WordOrder);
        Assert.Equal(9, old.Labels.Count);
        Assert.Equal("自来水公司", old.Predict("小区停水了，一直没有来水", 3)[0].Label);
    }

    [Fact]
    public void AModelOfANewerFormat_IsRefusedWithAMessage()
    {
        using var buffer = new MemoryStream();
        Model.Value.Save(buffer);
        var bytes = buffer.ToArray();
        BitConverter.GetBytes((ushort)(TextClassifier.FormatVersion + 1)).CopyTo(bytes, 4);

        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes)));
        Assert.Contains($"format version {TextClassifier.FormatVersion + 1}", error.Message, StringComparison.Ordinal);
    }
}
