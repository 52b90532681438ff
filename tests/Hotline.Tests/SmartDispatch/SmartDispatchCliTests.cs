using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Infrastructure.Cli;

namespace Hotline.Tests.SmartDispatch;

public sealed partial class SmartDispatchCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RouterTrainThenEval_PrintsTheReportEndingWithMacroF1()
    {
        var model = Path.Combine(_folder, "models", "router.bin");

        var train = await Run("router", "train", "--data", RoutingFixture.Path, "--model", model);
        var eval = await Run("router", "eval", "--model", model, "--data", RoutingFixture.Path);

        Assert.Equal(0, train.Code);
        Assert.Contains("Trained on 248 texts, 9 labels", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(model));
        Assert.Equal(0, eval.Code);
        Assert.Contains("accuracy", eval.Output, StringComparison.Ordinal);
        Assert.Contains("top-3 accuracy", eval.Output, StringComparison.Ordinal);
        Assert.Contains("自来水公司", eval.Output, StringComparison.Ordinal);
        var lines = eval.Output.TrimEnd().Split('\n');
        Assert.Matches(MacroF1Line(), lines[^1]);
    }

    [Fact]
    public async Task RouterPredict_Json_GivesTopSuggestions()
    {
        var model = Path.Combine(_folder, "router.bin");
        await Run("router", "train", "--data", RoutingFixture.Path, "--model", model);

        var predict = await Run("router", "predict", "--model", model, "--top", "2", "--format", "json", "小区停水两天了还没来水");

        Assert.Equal(0, predict.Code);
        var suggestions = JsonDocument.Parse(predict.Output).RootElement[0].GetProperty("suggestions");
        Assert.Equal(2, suggestions.GetArrayLength());
        Assert.Equal("自来水公司", suggestions[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task RouterEval_MissingModel_SaysSoWithExitCode3()
    {
        var result = await Run("router", "eval", "--model", Path.Combine(_folder, "none.bin"), "--data", RoutingFixture.Path);

        Assert.Equal(CliTools.ModelError, result.Code);
        Assert.Contains("No model file at", result.Error, StringComparison.Ordinal);
        Assert.Contains("router train", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouterEval_CorruptModel_SaysSoWithExitCode3()
    {
        var model = Path.Combine(_folder, "router.bin");
        await Run("router", "train", "--data", RoutingFixture.Path, "--model", model);
        var bytes = await File.ReadAllBytesAsync(model);
        bytes[^5] ^= 0xFF;
        await File.WriteAllBytesAsync(model, bytes);

        var result = await Run("router", "eval", "--model", model, "--data", RoutingFixture.Path);

        Assert.Equal(CliTools.ModelError, result.Code);
        Assert.Contains("corrupt", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text\tlabel\n小区停水\t自来水公司\n路灯坏了\n", "labelled.tsv:3: expected 2 tab-separated fields, found 1")]
    [InlineData("words\tlabel\n小区停水\t自来水公司\n", "labelled.tsv:1: the header must name the columns text, label")]
    [InlineData("text\tlabel\n小区停水\t\n", "labelled.tsv:2: the label is empty")]
    [InlineData("", "labelled.tsv: the file is empty")]
    [InlineData("text\tlabel\n", "labelled.tsv: no records after the header")]
    public async Task RouterTrain_MalformedFile_NamesTheLineWithExitCode2(string content, string message)
    {
        var data = Write("labelled.tsv", content);

        var result = await Run("router", "train", "--data", data, "--model", Path.Combine(_folder, "m.bin"));

        Assert.Equal(CliTools.InputError, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "m.bin")));
    }

    [Fact]
    public async Task Tools_MissingDataFile_NameItsFullPathWithExitCode2()
    {
        var missing = Path.Combine(_folder, "missing.tsv");

        var train = await Run("router", "train", "--data", missing, "--model", Path.Combine(_folder, "m.bin"));
        var repeats = await Run("repeats", "--data", missing);

        Assert.Equal(CliTools.InputError, train.Code);
        Assert.Contains($"{missing}: no such file", train.Error, StringComparison.Ordinal);
        Assert.Equal(CliTools.InputError, repeats.Code);
    }

    [Fact]
    public async Task RouterTrain_AFileNeitherUtf8NorGbk_IsRejected()
    {
        var data = Path.Combine(_folder, "binary.tsv");
        await File.WriteAllBytesAsync(data, [.. "text\tlabel\n"u8.ToArray(), 0xD0, 0xA1, 0xFF, 0xFF, 0x09, 0x61, 0x0A]);

        var result = await Run("router", "train", "--data", data, "--model", Path.Combine(_folder, "m.bin"));

        Assert.Equal(CliTools.InputError, result.Code);
        Assert.Contains("binary.tsv:2: the file is neither UTF-8, GBK (GB18030) nor Big5 text", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeats_Json_ListsCandidatesWithScoreAndReasons()
    {
        var data = Write("orders.tsv", """
            place	time	id	phone	text
            东城区	2026-03-01T09:00:00+08:00	A1	13800001111	滨江花园小区3号楼从昨天晚上开始停水，到现在还没有来水，也没有任何通知
            西城区	2026/3/2 10:15:00	A2	13900002222	解放路的路灯坏了两个多月了，晚上一片漆黑
            东城区	2026/3/5 8:00:00	A3	13700003333	滨江花园小区3号楼从昨天晚上开始停水，到现在都没有来水，也没有通知
            南湖区	2026-05-20T09:00:00+08:00	A4	13800001111	上次反映滨江花园小区3号楼停水的事，到现在还是经常停水，也没有通知
            南湖区	2026-05-21T09:00:00+08:00	A5	13800001111	咨询公积金贷款买二手房的条件
            """);

        var result = await Run("repeats", "--data", data, "--format", "json");

        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(5, json.RootElement.GetProperty("orders").GetInt32());
        var pairs = json.RootElement.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(["A3→A1", "A4→A1"], pairs.Select(p => $"{p.GetProperty("id").GetString()}→{p.GetProperty("repeatOf").GetString()}"));
        Assert.Equal(["similar-text", "shared-entity"], pairs[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.InRange(pairs[0].GetProperty("score").GetDouble(), 0.5, 1.0);
        Assert.Equal("2026-03-05T08:00:00+08:00", pairs[0].GetProperty("time").GetString());
        Assert.Equal("2026-03-01T09:00:00+08:00", pairs[0].GetProperty("repeatOfTime").GetString());
        Assert.Equal(["same-caller"], pairs[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("withCandidates").GetInt32());
    }

    [Theory]
    [InlineData("id\ttext\ttime\nA1\t停水\t2026-13-45\n", "orders.tsv:2: the time '2026-13-45' is neither ISO-8601 nor yyyy/M/d H:mm:ss")]
    [InlineData("id\ttext\nA1\t停水\n", "orders.tsv:1: the header must name the columns id, text, time (optional: subject, phone, place, label); missing: time (time: also date, 时间, 日期, 留言时间, 登记时间, 来电时间)")]
    [InlineData("id\ttext\ttime\nA1\t停水\t2026/3/1 8:00:00\nA1\t停电\t2026/3/1 9:00:00\n", "orders.tsv:3: the id 'A1' appears twice")]
    [InlineData("id\ttext\ttime\nA1\t停水\t2026/3/1 8:00:00\textra\n", "orders.tsv:2: expected 3 tab-separated fields, found 4")]
    public async Task RepeatsAndHotSpots_MalformedFile_NameTheLineWithExitCode2(string content, string message)
    {
        var data = Write("orders.tsv", content);

        var repeats = await Run("repeats", "--data", data, "--format", "json");
        var hotSpots = await Run("hotspots", "--data", data, "--top", "5", "--format", "json");

        Assert.Equal(CliTools.InputError, repeats.Code);
        Assert.Contains(message, repeats.Error, StringComparison.Ordinal);
        Assert.Equal(CliTools.InputError, hotSpots.Code);
        Assert.Contains(message, hotSpots.Error, StringComparison.Ordinal);
        Assert.Empty(repeats.Output);
    }

    [Fact]
    public async Task HotSpots_Json_GivesClustersWithSizeWindowPlaceTermsAndIds()
    {
        var lines = new List<string> { "id\ttext\ttime\tplace" };
        var end = new DateTimeOffset(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));
        lines.AddRange(Text.HotSpotDetectorTests.Noise(14).Select(d => $"{d.Id}\t{d.Text}\t{d.Time:O}\t{d.Place}"));
        string[] outage = ["锦绣花园小区停水一天了还没来水", "锦绣花园小区突然停水，没有通知", "锦绣花园小区停水，自来水公司电话打不通", "再次反映锦绣花园小区停水问题"];
        lines.AddRange(outage.Select((t, i) => $"HOT{i}\t{t}\t{end.AddHours(-i * 5):yyyy/M/d H:mm:ss}\t高新区"));
        var data = Write("orders.tsv", string.Join('\n', lines));

        var result = await Run("hotspots", "--data", data, "--top", "3", "--format", "json");

        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Output);
        var clusters = json.RootElement.GetProperty("clusters");
        Assert.InRange(clusters.GetArrayLength(), 1, 3);
        var top = clusters[0];
        Assert.Equal(4, top.GetProperty("size").GetInt32());
        Assert.Equal("高新区", top.GetProperty("place").GetString());
        Assert.Equal(["HOT3", "HOT2", "HOT1", "HOT0"], top.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains(top.GetProperty("terms").EnumerateArray(), t => t.GetString()!.Contains("停水", StringComparison.Ordinal));
        Assert.Equal("2026-07-15T03:00:00+08:00", top.GetProperty("from").GetString());
        Assert.Equal("2026-07-15T18:00:00+08:00", top.GetProperty("to").GetString());
        Assert.True(top.GetProperty("emerging").GetBoolean());
        Assert.True(json.RootElement.GetProperty("compared").GetBoolean());
    }

    [Fact]
    public async Task HotSpots_AFileThatBeginsInsideThePreviousWindow_IsNotCompared_AndSaysSo()
    {
        var end = new DateTimeOffset(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));
        string[] outage = ["锦绣花园小区停水一天了还没来水", "锦绣花园小区突然停水，没有通知", "锦绣花园小区停水，自来水公司电话打不通", "再次反映锦绣花园小区停水问题"];
        var data = Write("orders.tsv", string.Join('\n', outage.Select((t, i) => $"HOT{i}\t{t}\t{end.AddHours(-i * 5):O}\t高新区").Prepend("id\ttext\ttime\tplace")));

        var json = await Run("hotspots", "--data", data, "--format", "json");
        var text = await Run("hotspots", "--data", data);

        Assert.Equal((0, 0), (json.Code, text.Code));
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("compared").GetBoolean());
        var top = document.RootElement.GetProperty("clusters")[0];
        Assert.Equal(4, top.GetProperty("size").GetInt32());
        Assert.Equal((false, JsonValueKind.Null), (top.GetProperty("emerging").GetBoolean(), top.GetProperty("growth").ValueKind));
        Assert.Contains("the orders begin after the previous window starts, so no growth is given and nothing is emerging", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" emerging ", text.Output.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HotSpotsAndRepeats_Dictionary_AddsANameThePatternsCannotSee()
    {
        var end = new DateTimeOffset(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));
        string[] platform = ["善心汇平台爆雷，投资人的钱追不回来，案件进展如何", "我在善心汇投了二十万，本金什么时候能退", "善心汇非法集资案的退赔工作什么时候开始，本金还能退吗", "请问善心汇案件的资产处置和退赔有没有进展"];
        var lines = new List<string> { "id\ttext\ttime\tphone" };
        lines.AddRange(Text.HotSpotDetectorTests.Noise(14).Select(d => $"{d.Id}\t{d.Text}\t{d.Time:O}\t"));
        lines.AddRange(platform.Select((t, i) => $"P{i}\t{t}\t{end.AddHours(-i * 5):O}\t1380000000{i}"));
        var data = Write("orders.tsv", string.Join('\n', lines));
        var names = Write("names.txt", "# the centre's own names\n善心汇\tCompany\n");

        var without = await Run("hotspots", "--data", data, "--format", "json");
        var with = await Run("hotspots", "--data", data, "--dictionary", names, "--format", "json");
        var repeats = await Run("repeats", "--data", data, "--dictionary", names, "--format", "json");
        var missing = await Run("hotspots", "--data", data, "--dictionary", Path.Combine(_folder, "none.txt"));

        using var before = JsonDocument.Parse(without.Output);
        Assert.DoesNotContain(before.RootElement.GetProperty("clusters").EnumerateArray(), c => c.GetProperty("entity").GetString() == "善心汇");
        using var after = JsonDocument.Parse(with.Output);
        var spot = Assert.Single(after.RootElement.GetProperty("clusters").EnumerateArray(), c => c.GetProperty("entity").GetString() == "善心汇");
        Assert.All(spot.GetProperty("ids").EnumerateArray(), id => Assert.StartsWith("P", id.GetString(), StringComparison.Ordinal));
        using var pairs = JsonDocument.Parse(repeats.Output);
        Assert.Contains(pairs.RootElement.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("sharedEntities").EnumerateArray().Any(e => e.GetString() == "善心汇"));
        Assert.Equal(CliTools.InputError, missing.Code);
        Assert.Contains($"{Path.Combine(_folder, "none.txt")}: no such file", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HotSpots_ACategoryColumn_KeepsACompoundsMattersApart_AsTheJobDoes()
    {
        // One compound's four matters in one frame, with a catalogue code (cut to its second level) or a board's own label.
        var end = new DateTimeOffset(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));
        var lines = new List<string> { "id\ttext\ttime\t一级分类" };
        lines.AddRange(Text.HotSpotDetectorTests.Noise(7).Select(d => $"{d.Id}\t{d.Text}\t{d.Time:O}\t"));
        lines.AddRange(Text.HotSpotListsTests.CompoundMatters.SelectMany((m, k) => m.Facts.Select((f, i) =>
            $"M{k}-{i}\t市民来电反映：金沙苑{f}，已持续一周。\t{end.AddHours(-60 + (k * 11) + (i * 3)):O}\t{(k == 0 ? "供水" : m.Matter + "0" + (i + 1))}")));
        var data = Write("orders.tsv", string.Join('\n', lines));

        var result = await Run("hotspots", "--data", data, "--top", "20", "--format", "json");

        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Output);
        var spots = json.RootElement.GetProperty("clusters").EnumerateArray().Where(c => c.GetProperty("entity").GetString() == "金沙苑").ToList();
        Assert.Equal(4, spots.Count);
        Assert.All(spots, s => Assert.Single(s.GetProperty("ids").EnumerateArray().Select(id => id.GetString()![..2]).Distinct()));
    }

    [Fact]
    public async Task HotSpots_TopLimitsTheList()
    {
        var data = Write("orders.tsv", "id\ttext\ttime\tplace\n" + string.Join('\n', Enumerable.Range(0, 12).Select(i => $"X{i}\t{(i < 6 ? "锦绣花园小区停水了" : "人民路路灯坏了没人修")}\t2026-07-15T1{i % 10}:00:00+08:00\t{(i % 2 == 0 ? "东城区" : "西城区")}")));

        var result = await Run("hotspots", "--data", data, "--top", "1", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(4, json.RootElement.GetProperty("hotSpots").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public async Task HotSpots_ListAndPeriod_GiveTheCommonProblemsOrTheEventsOfThePeriod()
    {
        var data = Write("board.tsv", "id\ttext\ttime\tplace\n" + string.Join('\n', Text.HotSpotListsTests.Board().Select(d => $"{d.Id}\t{d.Text}\t{d.Time:O}\t{d.Place}")));

        var common = await Run("hotspots", "--data", data, "--list", "common", "--period", "week", "--format", "json");
        var events = await Run("hotspots", "--data", data, "--period", "Month");
        var day = await Run("hotspots", "--data", data, "--period", "day", "--top", "1");
        var bad = await Run("hotspots", "--data", data, "--period", "fortnight");
        var badList = await Run("hotspots", "--data", data, "--list", "both");

        using var json = JsonDocument.Parse(common.Output);
        Assert.Equal("common", json.RootElement.GetProperty("list").GetString());
        var kindergarten = json.RootElement.GetProperty("clusters").EnumerateArray()
            .Single(c => c.GetProperty("ids").EnumerateArray().Count(i => i.GetString()!.StartsWith("KG", StringComparison.Ordinal)) >= 8);
        Assert.True(kindergarten.GetProperty("places").GetInt32() >= 8);
        Assert.Equal(JsonValueKind.Null, kindergarten.GetProperty("entity").ValueKind);
        // The board does not reach back to the month before: that month is not compared, and the header says so.
        Assert.Contains("hot spots in the last 30 days; the orders begin after the previous window starts", events.Output, StringComparison.Ordinal);
        Assert.Contains("翠湖家园 东城区", events.Output.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("in the last 1 days.", day.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.Code);
        Assert.Contains("--period 'fortnight'", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, badList.Code);
    }

    [Fact]
    public async Task Executable_RunsRouterEvalWithoutADatabase()
    {
        var model = Path.Combine(_folder, "router.bin");
        await Run("router", "train", "--data", RoutingFixture.Path, "--model", model);

        var ok = await Process("router", "eval", "--model", model, "--data", RoutingFixture.Path);
        var missing = await Process("router", "eval", "--model", Path.Combine(_folder, "none.bin"), "--data", RoutingFixture.Path);

        Assert.Equal(0, ok.Code);
        Assert.Matches(MacroF1Line(), ok.Output.TrimEnd().Split('\n')[^1]);
        Assert.Equal(CliTools.ModelError, missing.Code);
        Assert.Contains("No model file", missing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")), "a file-based tool must not create a database");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => ToolRun.InProcess(args);

    /// <summary>Runs the real executable (dotnet Hotline.dll …) in the test's folder, as an operator would.</summary>
    private async Task<(int Code, string Output, string Error)> Process(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hotline.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"^macro-F1 [01]\.\d{4}$")]
    private static partial Regex MacroF1Line();
}
