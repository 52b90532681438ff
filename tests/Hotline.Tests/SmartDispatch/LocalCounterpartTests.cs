using System.Net;
using System.Text.Json;
using Hotline.Features.Dispatch.Routing;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.SmartDispatch;

/// <summary>
/// Issue 14, item 11, "属地管理优先": the catalogue names a city department (施工扰民 0105 → 市住建局); a place in a district
/// with a department of the same function (东城区住建局) gets that department first.
/// </summary>
public abstract class LocalCounterpartTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);

    public async Task InitializeAsync() => await app.Services.GetRequiredService<RouterModelRegistry>().RefreshAsync(default);

    public Task DisposeAsync()
    {
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ConstructionNoiseInDongcheng_ProposesDongchengsHousingBureauFirst_ThenTheCitys_ThenTheDistrict()
    {
        var units = await SuggestAsync("990102");

        Assert.Equal([await _api.UnitId("AL-DC-ZJ"), await _api.UnitId("AL-ZJ"), await _api.UnitId("AL-DC")], units.Select(u => u.GetProperty("unitId").GetInt64()));
        Assert.Equal(["catalogue", "territory", "localCounterpart"], units[0].GetProperty("basis").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(RoutingBlend.Confidence(null, RoutingBlend.CataloguePrior, RoutingBlend.TerritoryPrior), units[0].GetProperty("confidence").GetDouble(), 4);
        Assert.Equal(units[1].GetProperty("catalogueEntryId").GetInt64(), units[0].GetProperty("catalogueEntryId").GetInt64());
    }

    [Fact]
    public async Task AStreetOfXicheng_FindsXichengsHousingBureau()
    {
        var units = await SuggestAsync("990103001");

        Assert.Equal(await _api.UnitId("AL-XC-ZJ"), units[0].GetProperty("unitId").GetInt64());
        Assert.Equal(await _api.UnitId("AL-ZJ"), units[1].GetProperty("unitId").GetInt64());
    }

    [Fact]
    public async Task ACountyWithoutThatDepartment_OrNoPlace_KeepsTheCityDepartmentFirst()
    {
        var county = await SuggestAsync("990121");
        var nowhere = await SuggestAsync(null);

        Assert.Equal(await _api.UnitId("AL-ZJ"), county[0].GetProperty("unitId").GetInt64());
        Assert.DoesNotContain(county, u => u.GetProperty("basis").EnumerateArray().Any(b => b.GetString() == "localCounterpart"));
        Assert.Equal([await _api.UnitId("AL-ZJ")], nowhere.Select(u => u.GetProperty("unitId").GetInt64()));
    }

    [Fact]
    public void TheFunctionOfADepartment_IsTheLastSegmentOfItsCode()
    {
        Assert.Equal("ZJ", LocalCounterpart.FunctionOf("AL-ZJ"));
        Assert.Equal("ZJ", LocalCounterpart.FunctionOf("AL-DC-ZJ"));
        Assert.Equal("HB", LocalCounterpart.FunctionOf("HB"));
    }

    private async Task<List<JsonElement>> SuggestAsync(string? regionCode)
    {
        var body = await (await (await _api.As("agent")).PostJsonAsync("/api/routing/suggestions",
            new { subject = "夜间施工噪音扰民", events = "工地每天夜间施工到凌晨两点", categoryCode = "010501", regionCode })).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("units").EnumerateArray().ToList();
    }
}

public sealed class LocalCounterpartTests_Sqlite(SqliteApp app) : LocalCounterpartTests(app), IClassFixture<SqliteApp>;

public sealed class LocalCounterpartTests_Postgres(PostgresApp app) : LocalCounterpartTests(app), IClassFixture<PostgresApp>;
