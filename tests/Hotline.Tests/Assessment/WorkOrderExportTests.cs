using System.Net;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17: the work-order list's export is a workbook holding exactly the list's rows (its filters, scope and sort),
/// the caller masked as the list masks it (a unit never sees a confidential order's caller), no more columns than the
/// sheet declares, and the list's field-named errors for bad filters.
/// </summary>
public abstract class WorkOrderExportTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static async Task<List<IDictionary<string, object?>>> Sheet(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Content.Headers.ContentLength);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private async Task<List<string>> ListedNumbers(string user, string filters)
    {
        var listed = await (await Api.As(user)).GetAsync($"/api/work-orders?pageSize=200&{filters}").ShouldBeOk();
        return listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToList();
    }

    [Fact]
    public async Task Export_HoldsTheListsRows_InTheListsOrder_WithChineseHeaders_AndTheCallerMasked()
    {
        var subject = $"导出测试{Guid.NewGuid():N}"[..12];
        var first = await Api.Register(WorkOrderApi.Order(subject: subject, phone: "13911112222", callerName: "欧阳娜娜"));
        var second = await Api.Register(WorkOrderApi.Order(subject: subject, phone: "13933334444", category: "0201"));
        var day = first.GetProperty("registeredAt").GetString()![..10];
        var filters = $"from={day}&to={day}&categoryCode=0101";

        var rows = await Sheet(await (await Api.As("supervisor")).GetAsync($"/api/work-orders/export?{filters}"));

        Assert.Equal(await ListedNumbers("supervisor", filters), rows.Select(r => (string)r["工单编号"]!).ToList());
        var row = Assert.Single(rows, r => Equals(r["工单编号"], first.GetProperty("number").GetString()));
        Assert.DoesNotContain(rows, r => Equals(r["工单编号"], second.GetProperty("number").GetString()));
        Assert.Equal("139****2222", row["联系电话"]);
        Assert.Equal("欧***", row["来电人"]);
        Assert.Equal(subject, row["标题"]);
        Assert.Equal("投诉", row["诉求类型"]);
        Assert.Equal("12345电话", row["受理渠道"]);
        Assert.Equal("待派单", row["状态"]);
        Assert.Equal(
            ["工单编号", "登记时间", "受理渠道", "诉求类型", "紧急程度", "分类编码", "标题", "来电人", "联系电话", "区域编码", "承办单位", "状态", "预警灯", "办理期限", "回访期限"],
            row.Keys.ToList());
        Assert.DoesNotContain(rows, r => r.Values.Any(v => v is string s && (s.Contains("13911112222", StringComparison.Ordinal) || s.Contains("欧阳娜娜", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Export_ToAUnit_HoldsItsSubtreeOnly_AndNeverAConfidentialCaller()
    {
        var mine = await Api.Dispatched(WorkOrderApi.Order(confidential: true, phone: "13955556666"), "AL-DC-ZJ");
        var elsewhere = await Api.Dispatched(unit: "AL-XC-CG");
        var mineNumber = (await Api.Get("dispatcher", mine)).GetProperty("number").GetString();
        var elsewhereNumber = (await Api.Get("dispatcher", elsewhere)).GetProperty("number").GetString();

        var rows = await Sheet(await (await Api.As("handler")).GetAsync("/api/work-orders/export"));

        var row = Assert.Single(rows, r => Equals(r["工单编号"], mineNumber));
        Assert.Equal("（保密）", row["来电人"]);
        Assert.True(row["联系电话"] is null or "");
        Assert.DoesNotContain(rows, r => Equals(r["工单编号"], elsewhereNumber));
        var listed = await ListedNumbers("handler", "");
        Assert.Equal(listed, rows.Select(r => (string)r["工单编号"]!).Take(listed.Count));

        var county = await Sheet(await (await Api.As("dcoffice")).GetAsync("/api/work-orders/export"));
        Assert.Contains(county, r => Equals(r["工单编号"], mineNumber));
        Assert.DoesNotContain(county, r => Equals(r["工单编号"], elsewhereNumber));
    }

    [Fact]
    public async Task Export_WithBadFilters_IsTheListsFieldNamedProblem()
    {
        var client = await Api.As("supervisor");
        var response = await client.GetAsync("/api/work-orders/export?status=nonsense&from=2026-13-01&sort=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\"", body, StringComparison.Ordinal);
        Assert.Contains("\"from\"", body, StringComparison.Ordinal);
        Assert.Contains("\"sort\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithNoRowsAtAll_IsStillAWorkbook()
    {
        var response = await (await Api.As("supervisor")).GetAsync("/api/work-orders/export?number=NO-SUCH-NUMBER");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await Sheet(response));
    }
}

public sealed class WorkOrderExportTests_Sqlite(SqliteApp app) : WorkOrderExportTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderExportTests_Postgres(PostgresApp app) : WorkOrderExportTests(app), IClassFixture<PostgresApp>;
