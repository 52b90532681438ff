using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// The county hotline office (demo account <c>dcoffice</c>, 东城区12345热线工作机构): it sees its county's orders and
/// re-dispatches them inside the county, but acts as the unit only on the orders it holds itself (docs/decisions.md).
/// </summary>
public abstract class CountyOfficeTests(AppFixture app) : WorkOrderHttpTests(app)
{
    /// <summary>What the holding unit does, with a valid body each, and the status the order must be in for it.</summary>
    public static TheoryData<string, string> HolderActions() => new()
    {
        { "sign", "dispatched" },
        { "return", "inProgress" },
        { "request-extension", "inProgress" },
        { "progress-report", "inProgress" },
        { "reply", "inProgress" },
        { "reveal-caller", "inProgress" },
    };

    [Theory]
    [MemberData(nameof(HolderActions))]
    public async Task CountyOffice_OnAnOrderHeldByACountyUnit_IsRefusedTheHoldersAction(string action, string status)
    {
        var id = await OrderHeldBy("AL-DC-ZJ", signed: status == "inProgress");
        var before = await Api.Get("dispatcher", id);

        var refused = await Api.Act("dcoffice", id, action, await BodyFor(action));

        await refused.ShouldBeProblem(HttpStatusCode.Forbidden, action == "reveal-caller" ? "work_order.reveal_not_allowed" : "work_order.not_holder");
        var after = await Api.Get("dispatcher", id);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(status, after.GetProperty("status").GetString());
        Assert.DoesNotContain((await Api.Timeline("dispatcher", id)).EnumerateArray(), e => e.GetProperty("actorName").GetString()!.StartsWith("东城区热线工作机构", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CountyOffice_AsACoUnitsCounty_IsRefusedTheCoUnitsReply()
    {
        var id = await Api.RegisterId();
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ"), coUnitIds = new[] { await Api.UnitId("AL-DC-DH") } });

        await (await Api.Act("dcoffice", id, "co-reply", new { text = "街道已协调" })).ShouldBeProblem(HttpStatusCode.Forbidden, "work_order.not_co_unit");
    }

    [Fact]
    public async Task CountyOffice_SeesTheOrdersOfItsCounty_AndIsOfferedOnlyTheRedispatch()
    {
        var dispatched = await OrderHeldBy("AL-DC-ZJ", signed: false);
        var inProgress = await OrderHeldBy("AL-DC-ZJ", signed: true);
        var elsewhere = await OrderHeldBy("AL-XC-CG", signed: false);

        Assert.Equal(["redispatch"], Actions(await Api.Get("dcoffice", dispatched)));
        Assert.Equal(["redispatch"], Actions(await Api.Get("dcoffice", inProgress)));
        await (await Api.As("dcoffice")).GetAsync($"/api/work-orders/{inProgress}/timeline").ShouldBeOk();
        var listed = await (await Api.As("dcoffice")).GetAsync("/api/work-orders?pageSize=200").ShouldBeOk();
        var ids = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(dispatched, ids);
        Assert.Contains(inProgress, ids);
        Assert.DoesNotContain(elsewhere, ids);
        await (await (await Api.As("dcoffice")).GetAsync($"/api/work-orders/{elsewhere}")).ShouldBeProblem(HttpStatusCode.NotFound, "work_order.not_found");
    }

    [Fact]
    public async Task CountyOffice_RedispatchesAnOrderHeldByACountyUnit_ToAnotherUnitOfTheCounty()
    {
        var id = await OrderHeldBy("AL-DC-ZJ", signed: true);
        var due = (await Api.Get("dispatcher", id)).GetProperty("clocks").GetProperty("handlingDue").GetString();

        var passed = await Api.Ok("dcoffice", id, "redispatch", new { leadUnitId = await Api.UnitId("AL-DC-DH"), note = "属地街道办理" });

        Assert.Equal("东华街道办事处", passed.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal("dispatched", passed.GetProperty("status").GetString());
        Assert.Equal(due, passed.GetProperty("clocks").GetProperty("handlingDue").GetString());
    }

    [Fact]
    public async Task CountyOffice_HoldingTheOrderItself_SignsReportsRepliesAndRevealsAsTheHolder()
    {
        var id = await OrderHeldBy("AL-DC-HO", signed: false);
        Assert.Equal(["redispatch", "sign", "return", "reveal-caller"], Actions(await Api.Get("dcoffice", id)));

        await Api.Ok("dcoffice", id, "sign");
        await Api.Ok("dcoffice", id, "progress-report", await BodyFor("progress-report"));
        var revealed = await (await Api.Act("dcoffice", id, "reveal-caller", await BodyFor("reveal-caller"))).ShouldBe(HttpStatusCode.OK);
        var replied = await Api.Ok("dcoffice", id, "reply", await BodyFor("reply"));

        Assert.Equal("13812345678", revealed.GetProperty("phone").GetString());
        Assert.Equal("replied", replied.GetProperty("status").GetString());
    }

    /// <summary>An order dispatched to <paramref name="unit"/> and, when <paramref name="signed"/>, signed for by a user of that unit.</summary>
    private async Task<long> OrderHeldBy(string unit, bool signed)
    {
        var id = await Api.Dispatched(unit: unit);
        if (signed)
        {
            await Api.Ok(unit == "AL-DC-ZJ" ? "handler" : "dcoffice", id, "sign");
        }

        return id;
    }

    private async Task<object> BodyFor(string action) => action switch
    {
        "sign" => new { },
        "return" => new { reason = "不属本单位职责", basis = "职责清单", suggestedUnitId = await Api.UnitId("AL-DC-DH") },
        "request-extension" => new { days = 2, reason = "需协调维保公司" },
        "progress-report" => new { text = "已联系物业", committedDate = "2026-03-06" },
        "reply" => new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" },
        "reveal-caller" => new { reason = "联系市民核实地址" },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static List<string?> Actions(JsonElement order) => order.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).ToList();
}

public sealed class CountyOfficeTests_Sqlite(SqliteApp app) : CountyOfficeTests(app), IClassFixture<SqliteApp>;

public sealed class CountyOfficeTests_Postgres(PostgresApp app) : CountyOfficeTests(app), IClassFixture<PostgresApp>;
