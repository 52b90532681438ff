using System.Net;
using System.Text.Json;
using Hotline.Domain.Routing;
using Hotline.Features.Dispatch.Routing;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.SmartDispatch;

/// <summary>A platform with too few closed orders for a model (the demo's first day): suggestions come from the catalogue and the territory, with a warning.</summary>
public abstract class RoutingFallbackTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);

    public async Task InitializeAsync() => await app.Services.GetRequiredService<RouterModelRegistry>().RefreshAsync(default);

    public Task DisposeAsync()
    {
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Suggestions_WithoutAModel_CatalogueThenTerritory_WithAWarningPerModel()
    {
        var suggestions = await (await (await _api.As("agent")).PostJsonAsync("/api/routing/suggestions",
            new { subject = "电梯故障", events = "小区电梯停运两周无人维修", categoryCode = "010101", regionCode = "990102001" })).ShouldBe(HttpStatusCode.OK);

        var units = suggestions.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(2, units.Count);
        Assert.Equal(await _api.UnitId("AL-DC-ZJ"), units[0].GetProperty("unitId").GetInt64());
        Assert.Equal(["catalogue"], units[0].GetProperty("basis").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(JsonValueKind.Number, units[0].GetProperty("catalogueEntryId").ValueKind);
        Assert.Equal(await _api.UnitId("AL-DC-DH"), units[1].GetProperty("unitId").GetInt64());
        Assert.Equal(["territory"], units[1].GetProperty("basis").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(RoutingBlend.TerritoryPrior, units[1].GetProperty("confidence").GetDouble(), 4);
        Assert.Equal(["router.no_model", "router.no_model"], suggestions.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()));
        Assert.Empty(suggestions.GetProperty("categories").EnumerateArray());
    }

    [Fact]
    public async Task Suggestions_ACountysCatalogueLine_ComesBeforeTheCountyGovernment()
    {
        // 0903 environmental sanitation in 990121 (安澜县): the catalogue (09 × 990121) names the county hotline office,
        // the territorial rule the county government.
        var suggestions = await (await (await _api.As("dispatcher")).PostJsonAsync("/api/routing/suggestions",
            new { events = "垃圾好几天没人清运", categoryCode = "090301", regionCode = "990121" })).ShouldBe(HttpStatusCode.OK);

        var ids = suggestions.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt64()).ToList();
        Assert.Equal(await _api.UnitId("AL-AX-HO"), ids[0]);
        Assert.Contains(await _api.UnitId("AL-AX"), ids);
    }

    [Fact]
    public async Task Train_WithTooFewClosedOrders_StoresNothing_AndSaysWhatIsNeeded()
    {
        await new PlantedOrders(app).PlantAsync(PlantedOrders.ClosedFromFixture(25));

        var result = await (await (await _api.As("admin")).PostJsonAsync("/api/routing/models/train", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.All(result.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("stored").ValueKind));
        Assert.Contains("at least 30", result[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<RouterTrainingJob>().RunOnceAsync(default));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<RouterModel>().AnyAsync());
        var models = await (await _api.As("manager")).GetAsync("/api/routing/models").ShouldBeOk();
        Assert.Equal(30, models.GetProperty("training").GetProperty("minLabelledOrders").GetInt32());
        Assert.All(models.GetProperty("loaded").EnumerateArray(), l => Assert.Equal("router.no_model", l.GetProperty("warning").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Dispatch_WithoutAModel_IsRecordedAgainstTheCatalogue()
    {
        var recorder = app.Services.GetRequiredService<RoutingOutcomeRecorder>();
        var id = await _api.RegisterId(WorkOrderApi.Order(subject: "电梯故障", category: "010101"));
        await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-DC-ZJ") });

        await recorder.RunOnceAsync(default);

        await using var scope = app.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<RoutingRecord>().SingleAsync(r => r.WorkOrderId == id);
        Assert.Null(record.ModelVersion);
        Assert.Equal("router.no_model", record.ModelWarning);
        Assert.Equal(1, record.ChosenRank);
        Assert.Equal(record.DispatchedUnitId, record.CatalogueUnitId);
        var report = await (await _api.As("leader")).GetAsync("/api/routing/acceptance").ShouldBeOk();
        var none = report.GetProperty("modelVersions").EnumerateArray().Single(m => m.GetProperty("modelVersion").ValueKind == JsonValueKind.Null);
        Assert.True(none.GetProperty("figures").GetProperty("catalogueChosen").GetInt32() >= 1);
        await (await (await _api.As("handler")).GetAsync("/api/routing/acceptance")).ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class RoutingFallbackTests_Sqlite(SqliteApp app) : RoutingFallbackTests(app), IClassFixture<SqliteApp>;

public sealed class RoutingFallbackTests_Postgres(PostgresApp app) : RoutingFallbackTests(app), IClassFixture<PostgresApp>;
