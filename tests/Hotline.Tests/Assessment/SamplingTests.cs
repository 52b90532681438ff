using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Assessment;

/// <summary>Issue 17: the checks of one sampling row and the satisfaction rate, with worked examples.</summary>
public sealed class SamplingRulesTests
{
    private static Dictionary<string, string?> Cells(string number = "AL1", string time = "2026-03-02 15:00", string process = "满意", string result = "不满意", string? comment = "好", string agency = "调查公司") => new()
    {
        ["工单编号"] = number,
        ["抽样时间"] = time,
        ["过程评价"] = process,
        ["结果评价"] = result,
        ["评价意见"] = comment,
        ["抽样机构"] = agency,
    };

    [Fact]
    public void AGoodRow_IsReadInLocalTime()
    {
        var (row, rejected) = ThirdPartySampling.Check(2, Cells());
        Assert.Null(rejected);
        Assert.Equal(new DateTime(2026, 3, 2, 7, 0, 0, DateTimeKind.Utc), row!.SampledAtUtc);
        Assert.Equal((Rating.Satisfied, Rating.Unsatisfied), (row.Process, row.Result));
    }

    [Fact]
    public void ABadRow_GivesEveryReason()
    {
        var (row, rejected) = ThirdPartySampling.Check(7, Cells(number: "", time: "昨天", process: "还行", agency: ""));
        Assert.Null(row);
        Assert.Equal(7, rejected!.Line);
        Assert.Equal("工单编号为空；抽样时间应为 yyyy-MM-dd HH:mm；过程评价应为满意、基本满意或不满意；抽样机构为空", rejected.Reason);
    }

    [Fact]
    public void TheRate_CountsSatisfiedAndBasicallySatisfied_OverTheRatingsGiven()
    {
        Assert.Equal(0.6667m, ThirdPartySampling.SatisfactionRate([Rating.Satisfied, Rating.BasicallySatisfied, Rating.Unsatisfied]));
        Assert.Null(ThirdPartySampling.SatisfactionRate([]));
        Assert.Equal(["工单编号", "抽样机构"], ThirdPartySampling.MissingColumns(["\uFEFF抽样时间", " 过程评价", "结果评价"]).Where(c => c is "工单编号" or "抽样机构"));
    }
}

/// <summary>Issue 17: importing third-party sampling over HTTP on both databases: mixed, fully bad and malformed files in both formats, roles, the rates.</summary>
public abstract class SamplingTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Header = "工单编号,抽样时间,过程评价,结果评价,评价意见,抽样机构";

    private static MultipartFormDataContent File(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")).ToArray();

    private static byte[] Xlsx(params string[][] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => ThirdPartySampling.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => (object?)x.Item2)).ToList());
        return stream.ToArray();
    }

    /// <summary>
    /// A workbook of several named sheets; each is rows under the template's header (none: the header alone), or a column
    /// of remarks when it is text.
    /// </summary>
    private static byte[] Workbook(params (string Sheet, object Rows)[] sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (sheet, rows) in sheets)
        {
            var table = new System.Data.DataTable(sheet);
            foreach (var column in rows is string ? ["说明"] : ThirdPartySampling.Columns)
            {
                table.Columns.Add(column, typeof(string));
            }

            foreach (var row in rows is string remark ? [[remark]] : (string[][])rows)
            {
                table.Rows.Add(row);
            }

            book[sheet] = table;
        }

        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, book);
        return stream.ToArray();
    }

    private async Task<HttpResponseMessage> Upload(string user, string name, byte[] bytes) =>
        await (await Api.As(user)).PostAsync("/api/assessment/sampling/batches", File(name, bytes));

    private async Task<(long Id, string Number)> ClosedOrder(string rating = "satisfied")
    {
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await Api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = rating, comment = "回访" });
        return (id, (await Api.Get("dispatcher", id)).GetProperty("number").GetString()!);
    }

    private async Task<int> BatchCount() => (await (await Api.As("manager")).GetAsync("/api/assessment/sampling/batches").ShouldBeOk()).GetArrayLength();

    [Fact]
    public async Task AMixedCsv_ImportsTheGoodRows_AndSkipsTheBadOnesIntoTheRejectFile()
    {
        var (_, a) = await ClosedOrder();
        var (_, b) = await ClosedOrder("unsatisfied");
        App.Time.Set(AppFixture.DefaultNow.AddHours(8));

        var response = await Upload("inspector", "抽样结果.csv", Csv(
            Header,
            $"{a},2026-03-02 15:00,满意,不满意,办理及时,某某调查公司",
            $"{b},2026-03-02 15:10,基本满意,满意,,某某调查公司",
            "NO-SUCH-ORDER,2026-03-02 15:00,满意,满意,,某某调查公司",
            $"{a},2026-03-02 15:20,满意,满意,,某某调查公司",
            $"{b},2026-03-02,还行,满意,,",
            ",,,,,",
            "FUTURE-1,2026-03-09 09:00,满意,满意,,某某调查公司"));

        var result = await response.ShouldBe(HttpStatusCode.Created);
        var batch = result.GetProperty("batch");
        Assert.Equal((6, 2, 4), (batch.GetProperty("totalRows").GetInt32(), batch.GetProperty("importedRows").GetInt32(), batch.GetProperty("rejectedRows").GetInt32()));
        Assert.Equal("csv", batch.GetProperty("format").GetString());
        Assert.Equal("孙丽", batch.GetProperty("importedBy").GetString());
        var rejects = result.GetProperty("firstRejects").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("reason").GetString())).ToList();
        Assert.Equal([4, 5, 6, 8], rejects.Select(r => r.Item1));
        Assert.Equal("工单编号不存在或不在本单位范围内", rejects[0].Item2);
        Assert.Equal("与第2行的工单编号重复", rejects[1].Item2);
        Assert.Contains("过程评价", rejects[2].Item2, StringComparison.Ordinal);
        Assert.Equal("抽样时间晚于当前时间", rejects[3].Item2);

        var file = await (await Api.As("manager")).GetAsync($"/api/assessment/sampling/batches/{batch.GetProperty("id").GetInt64()}/rejects");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var lines = (await file.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("行号,工单编号,原因", lines[0]);
        Assert.Equal("4,NO-SUCH-ORDER,工单编号不存在或不在本单位范围内", lines[1]);
        Assert.Equal(5, lines.Length);

        // The same order again, in a later file: refused, naming the batch that holds it.
        var again = await (await Upload("manager", "again.csv", Csv(Header, $"{a},2026-03-02 16:00,满意,满意,,某某调查公司"))).ShouldBe(HttpStatusCode.Created);
        Assert.StartsWith("该工单已在第", again.GetProperty("firstRejects")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The rates: sampled beside the platform's own callbacks for the same unit.
        var rates = await (await Api.As("leader")).GetAsync("/api/assessment/sampling/rates?from=2026-03-02&to=2026-03-02").ShouldBeOk();
        var unit = rates.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitName").GetString() == "东城区住房和城乡建设局");
        Assert.True(unit.GetProperty("sampled").GetInt32() >= 2);
        Assert.True(unit.GetProperty("calledBack").GetInt32() >= 2);
        Assert.InRange(unit.GetProperty("sampledResultRate").GetDecimal(), 0m, 1m);
    }

    [Fact]
    public async Task AMixedXlsx_IsReadTheSameWay()
    {
        var (_, a) = await ClosedOrder();
        App.Time.Set(AppFixture.DefaultNow.AddHours(8));

        var result = await (await Upload("manager", "sampling.xlsx", Xlsx(
            [a, "2026-03-02 15:00", "满意", "基本满意", "好", "某某调查公司"],
            ["NO-SUCH-ORDER", "2026-03-02 15:00", "满意", "满意", "", "某某调查公司"]))).ShouldBe(HttpStatusCode.Created);

        Assert.Equal((2, 1, 1), (result.GetProperty("batch").GetProperty("totalRows").GetInt32(), result.GetProperty("batch").GetProperty("importedRows").GetInt32(), result.GetProperty("batch").GetProperty("rejectedRows").GetInt32()));
        Assert.Equal("xlsx", result.GetProperty("batch").GetProperty("format").GetString());
        Assert.Equal(3, result.GetProperty("firstRejects")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task AWorkbook_IsReadFromItsOneSheetOfResults_AndResultsOnTwoSheetsAreRefused()
    {
        var (_, a) = await ClosedOrder();
        var (_, b) = await ClosedOrder();
        App.Time.Set(AppFixture.DefaultNow.AddHours(8));
        var before = await BatchCount();

        // Results on two sheets (one per month, say): refused as a whole, naming both, so none is left out unseen.
        var twoMonths = await (await Upload("manager", "months.xlsx", Workbook(
            ("三月", new[] { new[] { a, "2026-03-02 15:00", "满意", "满意", "", "某某调查公司" } }),
            ("四月", new[] { new[] { b, "2026-03-02 15:10", "满意", "满意", "", "某某调查公司" } })))).ShouldBe(HttpStatusCode.BadRequest);
        var message = twoMonths.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("三月", message, StringComparison.Ordinal);
        Assert.Contains("四月", message, StringComparison.Ordinal);
        Assert.Equal(before, await BatchCount());

        // A sheet of remarks first and an empty copy of the template last: the one sheet of results is read.
        var result = await (await Upload("manager", "remarks.xlsx", Workbook(
            ("填表说明", "评价按满意、基本满意、不满意填写"),
            ("抽样结果", new[] { new[] { a, "2026-03-02 15:00", "满意", "满意", "", "某某调查公司" }, new[] { b, "2026-03-02 15:10", "基本满意", "满意", "", "某某调查公司" } }),
            ("空白模板", Array.Empty<string[]>())))).ShouldBe(HttpStatusCode.Created);
        var batch = result.GetProperty("batch");
        Assert.Equal((2, 2, 0), (batch.GetProperty("totalRows").GetInt32(), batch.GetProperty("importedRows").GetInt32(), batch.GetProperty("rejectedRows").GetInt32()));
    }

    [Fact]
    public async Task ACsvSavedInGbk_IsRead_AndBytesOfNoEncodingAreRefused()
    {
        var (_, a) = await ClosedOrder();
        App.Time.Set(AppFixture.DefaultNow.AddHours(8));
        var before = await BatchCount();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        // As Excel saves "CSV" on a Chinese Windows: GBK, no byte-order mark.
        var gbk = Encoding.GetEncoding(936).GetBytes(string.Join("\r\n", Header, $"{a},2026-03-02 15:00,满意,基本满意,回复及时,某某调查公司") + "\r\n");
        var result = await (await Upload("manager", "抽样结果.csv", gbk)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal((1, 1), (result.GetProperty("batch").GetProperty("totalRows").GetInt32(), result.GetProperty("batch").GetProperty("importedRows").GetInt32()));

        // 0xFF begins no character in UTF-8, GBK or Big5.
        var binary = await (await Upload("manager", "x.csv", [.. Encoding.UTF8.GetBytes(Header + "\r\n"), 0xFF, 0xFF, 0x41])).ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("CSV UTF-8", binary.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await BatchCount());
    }

    [Theory]
    [InlineData("bad.csv")]
    [InlineData("bad.xlsx")]
    public async Task AFullyBadFile_ImportsNothing_AndListsEveryRow(string name)
    {
        App.Time.Set(AppFixture.DefaultNow.AddHours(8));
        var bytes = name.EndsWith(".csv", StringComparison.Ordinal)
            ? Csv(Header, "X1,2026-03-02 15:00,满意,满意,,公司", "X2,bad,满意,满意,,公司")
            : Xlsx(["X1", "2026-03-02 15:00", "满意", "满意", "", "公司"], ["X2", "bad", "满意", "满意", "", "公司"]);

        var result = await (await Upload("manager", name, bytes)).ShouldBe(HttpStatusCode.Created);

        Assert.Equal((2, 0, 2), (result.GetProperty("batch").GetProperty("totalRows").GetInt32(), result.GetProperty("batch").GetProperty("importedRows").GetInt32(), result.GetProperty("batch").GetProperty("rejectedRows").GetInt32()));
    }

    [Fact]
    public async Task AMalformedFile_IsAFieldNamedProblem_AndLeavesNothing()
    {
        var before = await BatchCount();

        await (await Upload("manager", "x.csv", Csv("编号,时间", "A,B"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Upload("manager", "x.txt", Csv(Header))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Upload("manager", "x.xlsx", Encoding.UTF8.GetBytes("not a workbook"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var json = await (await Api.As("manager")).PostJsonAsync("/api/assessment/sampling/batches", new { file = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("\"file\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(before, await BatchCount());
    }

    [Fact]
    public async Task Roles_UnitsReadTheirRatesButNeitherImportNorSeeBatches()
    {
        await (await Upload("handler", "x.csv", Csv(Header))).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("handler")).GetAsync("/api/assessment/sampling/batches")).ShouldBe(HttpStatusCode.Forbidden);
        var rates = await (await Api.As("handler2")).GetAsync("/api/assessment/sampling/rates?from=2026-03-01&to=2026-03-31").ShouldBeOk();
        Assert.DoesNotContain(rates.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitName").GetString() == "东城区住房和城乡建设局");
        await (await (await Api.As("manager")).GetAsync("/api/assessment/sampling/rates?from=2026-03-31&to=2026-03-01")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("csv", "text/csv")]
    public async Task TheTemplate_NamesTheColumns(string format, string type)
    {
        var response = await (await Api.As("inspector")).GetAsync($"/api/assessment/sampling/template?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using var stream = new MemoryStream(bytes);
        var columns = MiniExcelLibs.MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: format == "csv" ? MiniExcelLibs.ExcelType.CSV : MiniExcelLibs.ExcelType.XLSX).Select(ThirdPartySampling.ColumnName);
        Assert.Equal(ThirdPartySampling.Columns, columns);
    }
}

public sealed class SamplingTests_Sqlite(SqliteApp app) : SamplingTests(app), IClassFixture<SqliteApp>;

public sealed class SamplingTests_Postgres(PostgresApp app) : SamplingTests(app), IClassFixture<PostgresApp>;
