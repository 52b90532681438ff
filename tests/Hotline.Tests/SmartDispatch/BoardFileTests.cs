using System.Text;
using System.Text.Json;
using Hotline.Infrastructure.Cli;
using Hotline.Infrastructure.Spreadsheets;
using MiniExcelLibs;

namespace Hotline.Tests.SmartDispatch;

/// <summary>
/// The tools read a board as a centre has it: an .xlsx workbook or a CSV file with the columns in Chinese (留言编号, 留言主题,
/// 留言时间, 留言详情 …), date cells, numbers as ids, quoted cells with line breaks; the subject opens the text.
/// </summary>
public sealed class BoardFileTests : IDisposable
{
    private static readonly DateTime End = new(2026, 7, 15, 18, 0, 0);
    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-board-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HotSpots_ReadAWorkbookInChinese_WithDateCellsNumericIdsAndTheSubjectOpeningTheText()
    {
        var rows = Text.HotSpotDetectorTests.Noise(14).Select((d, i) => Row(100000 + i, d.Text[..Math.Min(12, d.Text.Length)], d.Time.ToOffset(ToolInput.ChinaOffset).DateTime, d.Text)).ToList();
        string[] details = ["从早上开始就停水了，到现在还没来水\n\t\t\t", "突然停水，事先没有任何通知，老人孩子没法做饭", "停水一整天了，自来水公司电话一直打不通", "再次反映停水问题，请尽快恢复供水"];
        rows.AddRange(details.Select((t, i) => Row(200000 + i, "枫林绿洲小区停水", End.AddHours(-i * 5), t)));
        var book = Path.Combine(_folder, "board.xlsx");
        MiniExcel.SaveAs(book, rows);

        var result = await ToolRun.InProcess("hotspots", "--data", book, "--top", "3", "--format", "json");

        Assert.True(result.Code == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(rows.Count, json.RootElement.GetProperty("orders").GetInt32());
        var top = json.RootElement.GetProperty("clusters")[0];
        Assert.Equal(["200003", "200002", "200001", "200000"], top.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains("枫林绿洲", top.GetProperty("entity").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-07-15T18:00:00+08:00", top.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Repeats_ReadACsvExport_WithQuotedLineBreaksAndTheSubjectsEntity()
    {
        var csv = Write("board.csv", "\uFEFF编号,标题,内容,时间,电话,点赞数\n"
            + "A1,滨江花园小区3号楼停水,\"从昨天晚上开始停水，\n到现在还没有来水，也没有任何通知\",2026/3/1 9:00:00,13800001111,3\n"
            + "A2,解放路路灯不亮,\"路灯坏了两个多月了，晚上一片漆黑, 出行不便\",2026/3/2 10:15:00,13900002222,0\n"
            + "A3,滨江花园3号楼又停水,\"昨晚开始又停水了，到现在都没来水\",2026/3/5 8:00:00,13700003333,1\n");
        var withoutSubjects = Write("details.tsv", "id\ttext\ttime\nA1\t从昨天晚上开始停水，到现在还没有来水，也没有任何通知\t2026/3/1 9:00:00\nA3\t昨晚开始又停水了，到现在都没来水\t2026/3/5 8:00:00\n");

        var result = await ToolRun.InProcess("repeats", "--data", csv, "--format", "json");
        var details = await ToolRun.InProcess("repeats", "--data", withoutSubjects, "--format", "json");

        Assert.True(result.Code == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(3, json.RootElement.GetProperty("orders").GetInt32());
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("A3", pair.GetProperty("id").GetString());
        Assert.Equal("A1", pair.GetProperty("repeatOf").GetString());
        Assert.Contains(pair.GetProperty("sharedEntities").EnumerateArray(), e => e.GetString()!.Contains("滨江花园", StringComparison.Ordinal));
        using var plain = JsonDocument.Parse(details.Output);
        Assert.DoesNotContain(plain.RootElement.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("sharedEntities").GetArrayLength() > 0);
    }

    [Fact]
    public async Task RouterTrain_ReadsAWorkbookWithTheCategoryColumnInChinese()
    {
        var book = Path.Combine(_folder, "labelled.xlsx");
        MiniExcel.SaveAs(book, RoutingFixture.Load().Select(r => new Dictionary<string, object?> { ["留言详情"] = r.Text, ["一级分类"] = r.Label }).ToList());
        var model = Path.Combine(_folder, "router.bin");

        var train = await ToolRun.InProcess("router", "train", "--data", book, "--model", model);
        var eval = await ToolRun.InProcess("router", "eval", "--model", model, "--data", RoutingFixture.Path);

        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("Trained on 248 texts, 9 labels", train.Output, StringComparison.Ordinal);
        Assert.Equal(0, eval.Code);
    }

    [Fact]
    public async Task AWorkbookOfSeveralSheets_IsReadFromEverySheetHoldingTheBoard_EachByItsOwnHeader_AndTheToolsSayWhich()
    {
        var june = Text.HotSpotDetectorTests.Noise(6).Select((d, i) => Row(300000 + i, "六月留言", End.AddDays(-30).AddHours(-i), d.Text)).ToList();
        // July's sheet names its columns in English and in another order: each sheet is read by its own header.
        var july = Text.HotSpotDetectorTests.Noise(4).Select((d, i) => new Dictionary<string, object?> { ["text"] = d.Text, ["time"] = End.AddHours(-i), ["id"] = 400000 + i }).ToList();
        var remarks = new[] { new Dictionary<string, object?> { ["说明"] = "按月分表，每月一张" } };
        var book = Path.Combine(_folder, "months.xlsx");
        MiniExcel.SaveAs(book, new Dictionary<string, object> { ["2026年6月"] = june, ["说明"] = remarks, ["2026年7月"] = july });
        var single = Path.Combine(_folder, "june.xlsx");
        MiniExcel.SaveAs(single, june);
        var labelled = Path.Combine(_folder, "labelled.xlsx");
        MiniExcel.SaveAs(labelled, new Dictionary<string, object>
        {
            ["训练"] = RoutingFixture.Load().Select(r => new Dictionary<string, object?> { ["留言详情"] = r.Text, ["一级分类"] = r.Label }).ToList(),
            ["说明"] = new[] { new Dictionary<string, object?> { ["说明"] = "分类依据" } },
        });
        var badJuly = july.Select(r => new Dictionary<string, object?>(r)).ToList();
        badJuly[1]["time"] = "上周三";
        var bad = Path.Combine(_folder, "bad.xlsx");
        MiniExcel.SaveAs(bad, new Dictionary<string, object> { ["2026年6月"] = june, ["2026年7月"] = badJuly });

        // Forty days hold both months: June's rows are 30 to 41 days before July's last.
        var both = await ToolRun.InProcess("hotspots", "--data", book, "--window-days", "40", "--format", "json");
        var one = await ToolRun.InProcess("hotspots", "--data", single, "--format", "json");
        var train = await ToolRun.InProcess("router", "train", "--data", labelled, "--model", Path.Combine(_folder, "router.bin"));
        var refused = await ToolRun.InProcess("repeats", "--data", bad);

        Assert.True(both.Code == 0, both.Error);
        using var json = JsonDocument.Parse(both.Output);
        Assert.Equal(june.Count + july.Count, json.RootElement.GetProperty("orders").GetInt32());
        Assert.Contains("note: months.xlsx has 3 sheets; read '2026年6月', '2026年7月'; passed over '说明': without the columns id, text, time, or without rows.", both.Error, StringComparison.Ordinal);
        Assert.True(one.Code == 0, one.Error);
        Assert.DoesNotContain("sheets", one.Error, StringComparison.Ordinal);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("Trained on 248 texts", train.Output, StringComparison.Ordinal);
        Assert.Contains("note: labelled.xlsx has 2 sheets; read '训练'; passed over '说明'", train.Error, StringComparison.Ordinal);
        Assert.Equal(CliTools.InputError, refused.Code);
        Assert.Contains("bad.xlsx (sheet '2026年7月'):3: the time '上周三'", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HotSpots_OnAYearLongBoardWithTheDefaultWeek_SayWhyTheWeekHoldsSoLittle()
    {
        var texts = RoutingFixture.Load().Take(40).ToList();
        var csv = Write("year.csv", "留言编号,留言时间,留言详情\n" + string.Concat(texts.Select((t, i) => $"{i},{End.AddDays(-9 * i):yyyy/M/d H:mm:ss},\"{t.Text}\"\n")));

        var week = await ToolRun.InProcess("hotspots", "--data", csv);
        var year = await ToolRun.InProcess("hotspots", "--data", csv, "--period", "year");

        Assert.Equal(0, week.Code);
        Assert.Contains("note: the last 7 days hold 1 of the file's 40 orders, which go back to 2025-07-29; --window-days 351 covers them.", week.Error, StringComparison.Ordinal);
        Assert.StartsWith("2 orders from", week.Output, StringComparison.Ordinal);
        Assert.Equal(0, year.Code);
        Assert.Empty(year.Error);
    }

    [Theory]
    [InlineData("gbk.csv", 936, "留言编号,留言主题,留言详情,留言时间\nA1,滨江花园小区停水,从昨天晚上开始停水，到现在还没有来水,2026/3/1 9:00:00\nA3,滨江花园又停水,昨晚开始又停水了，到现在都没来水,2026/3/5 8:00:00\n")]
    [InlineData("gbk.tsv", 936, "留言编号\t留言主题\t留言详情\t留言时间\nA1\t滨江花园小区停水\t从昨天晚上开始停水，到现在还没有来水\t2026/3/1 9:00:00\nA3\t滨江花园又停水\t昨晚开始又停水了，到现在都没来水\t2026/3/5 8:00:00\n")]
    [InlineData("big5.csv", 950, "留言編號,留言主題,留言詳情,留言時間\nA1,濱江花園小區停水,從昨天晚上開始停水，到現在還沒有來水,2026/3/1 9:00:00\nA3,濱江花園又停水,昨晚開始又停水了，到現在都沒來水,2026/3/5 8:00:00\n")]
    [InlineData("big5.tsv", 950, "留言編號\t留言主題\t留言詳情\t留言時間\nA1\t濱江花園小區停水\t從昨天晚上開始停水，到現在還沒有來水\t2026/3/1 9:00:00\nA3\t濱江花園又停水\t昨晚開始又停水了，到現在都沒來水\t2026/3/5 8:00:00\n")]
    public async Task Repeats_ReadABoardSavedInGbkAsOnAChineseWindows_OrInBig5WithATraditionalHeader(string name, int codePage, string board)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(codePage).GetBytes(board);
        // Big5 bytes decode as GBK too, without an error, as other characters: only their second bytes tell them apart.
        Assert.True(Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetCharCount(bytes) > 0);
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, bytes);

        var result = await ToolRun.InProcess("repeats", "--data", path, "--format", "json");

        Assert.True(result.Code == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var pair = Assert.Single(json.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("A3", pair.GetProperty("id").GetString());
        Assert.Contains(pair.GetProperty("sharedEntities").EnumerateArray(), e => e.GetString()!.Contains("滨江花园", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("滨江花园小区停水，从昨天晚上开始停水，到现在还没有来水", 936, "GB18030")]
    [InlineData("我未婚單親媽媽，現需回東安上戶，但計生辦要求罰款才能給予上戶，請問按相關法律", 936, "GB18030")]
    [InlineData("濱江花園小區停水，從昨天晚上開始停水，到現在還沒有來水", 950, "big5")]
    [InlineData("滨江花园小区停水", 65001, "utf-8")]
    public void TheEncoding_OfSimplifiedAndTraditionalTextInGbk_AndOfBig5_IsFound(string text, int codePage, string expected)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var found = TextFileEncoding.Detect(Encoding.GetEncoding(codePage).GetBytes(text));

        Assert.Equal(expected, found?.WebName, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARecordsRow_IsNamedByItsNumber_WhenAQuotedCellHoldsALineBreak()
    {
        var csv = Write("board.csv", "编号,内容,时间\nA1,\"第一行\n第二行\",2026/3/1 9:00:00\nA2,停电,2026/3/2 9:00:00\nA3,停气,2026-13-45\n");

        var result = await ToolRun.InProcess("hotspots", "--data", csv, "--format", "json");

        Assert.Equal(CliTools.InputError, result.Code);
        Assert.Contains("board.csv:4: the time '2026-13-45'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("old.xls", "the old binary workbook format is not read")]
    [InlineData("broken.xlsx", "broken.xlsx: the file cannot be read as an .xlsx workbook")]
    [InlineData("twice.csv", "twice.csv:1: the header names column 'phone' twice ('留言用户' and 'phone')")]
    [InlineData("nameless.csv", "nameless.csv:1: the header must name the columns id, text, time (optional: subject, phone, place, label); missing: text (text: also content, details, 内容, 详情, 留言详情")]
    [InlineData("binary.csv", "binary.csv:2: the file is neither UTF-8, GBK (GB18030) nor Big5 text")]
    [InlineData("binary.tsv", "binary.tsv:2: the file is neither UTF-8, GBK (GB18030) nor Big5 text")]
    [InlineData("quoted.tsv", "quoted.tsv:2: expected 3 tab-separated fields, found 4 (quoted cells are read from a .csv or .xlsx file")]
    public async Task UnreadableBoards_SayWhyWithExitCode2(string name, string message)
    {
        var path = Path.Combine(_folder, name);
        switch (name)
        {
            case "old.xls" or "broken.xlsx":
                await File.WriteAllBytesAsync(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3]);
                break;
            case "twice.csv":
                await File.WriteAllTextAsync(path, "编号,内容,时间,留言用户,phone\nA1,停水,2026/3/1 9:00:00,U1,138\n");
                break;
            case "nameless.csv":
                await File.WriteAllTextAsync(path, "编号,正文,时间\nA1,停水,2026/3/1 9:00:00\n");
                break;
            case "binary.csv":
                // 0xFF begins no character in either encoding.
                await File.WriteAllBytesAsync(path, [.. "id,text,time\nA1,"u8.ToArray(), 0xD0, 0xA1, 0xFF, 0xFF, .. ",2026/3/1 9:00:00\n"u8.ToArray()]);
                break;
            case "binary.tsv":
                await File.WriteAllBytesAsync(path, [.. "id\ttext\ttime\nA1\t"u8.ToArray(), 0xD0, 0xA1, 0xFF, 0xFF, .. "\t2026/3/1 9:00:00\n"u8.ToArray()]);
                break;
            default:
                await File.WriteAllTextAsync(path, "id\ttext\ttime\nA1\t\"停水\t三天\"\t2026/3/1 9:00:00\n", Encoding.UTF8);
                break;
        }

        var result = await ToolRun.InProcess("repeats", "--data", path);

        Assert.Equal(CliTools.InputError, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Row(long id, string subject, DateTime time, string details) => new()
    {
        ["留言编号"] = id,
        ["留言用户"] = $"A{id % 977:D6}",
        ["留言主题"] = subject,
        ["留言时间"] = time,
        ["留言详情"] = details,
        ["点赞数"] = 0,
    };

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
