using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>What the workbench's queues ask of the API beyond the lifecycle: extension and overdue filters, callback flags, the unit directory.</summary>
public abstract class WorkbenchQueryTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);

    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task List_PendingExtension_ListsOnlyOrdersWhoseExtensionAwaitsADecision()
    {
        var waiting = await _api.Dispatched(WorkOrderApi.Order(subject: "延期待审"));
        var decided = await _api.Dispatched(WorkOrderApi.Order(subject: "延期已批"));
        var none = await _api.Dispatched(WorkOrderApi.Order(subject: "未申请延期"));
        foreach (var id in new[] { waiting, decided, none })
        {
            await _api.Ok("handler", id, "sign");
        }

        await _api.Ok("handler", waiting, "request-extension", new { days = 2, reason = "需协调第三方" });
        await _api.Ok("handler", decided, "request-extension", new { days = 2, reason = "需协调第三方" });
        await _api.Ok("manager", decided, "approve-extension", new { note = "同意" });

        var pending = Ids(await (await _api.As("dispatcher")).GetAsync("/api/work-orders?pendingExtension=true&pageSize=200").ShouldBeOk());
        var notPending = Ids(await (await _api.As("dispatcher")).GetAsync("/api/work-orders?pendingExtension=false&pageSize=200").ShouldBeOk());

        Assert.Contains(waiting, pending);
        Assert.DoesNotContain(decided, pending);
        Assert.DoesNotContain(none, pending);
        Assert.Contains(decided, notPending);
        Assert.DoesNotContain(waiting, notPending);
        var summary = (await (await _api.As("dispatcher")).GetAsync($"/api/work-orders?pendingExtension=true&pageSize=200").ShouldBeOk())
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == waiting);
        Assert.True(summary.GetProperty("hasPendingExtension").GetBoolean());
    }

    [Fact]
    public async Task List_Overdue_ListsOrdersWithAUnitPastTheirHandlingDeadline()
    {
        var late = await _api.Dispatched(WorkOrderApi.Order(subject: "逾期未办"));
        app.Time.Set(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        var fresh = await _api.Dispatched(WorkOrderApi.Order(subject: "新派工单"));

        // The first order was due at the end of Monday 9 March; on Tuesday 10 March it is overdue, the second is not.
        app.Time.Set(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        var overdue = Ids(await (await _api.As("supervisor")).GetAsync("/api/work-orders?overdue=true&pageSize=200").ShouldBeOk());
        var onTime = Ids(await (await _api.As("supervisor")).GetAsync("/api/work-orders?overdue=false&pageSize=200").ShouldBeOk());

        Assert.Contains(late, overdue);
        Assert.DoesNotContain(fresh, overdue);
        Assert.Contains(fresh, onTime);
        Assert.DoesNotContain(late, onTime);
        await (await (await _api.As("supervisor")).GetAsync("/api/work-orders?overdue=maybe")).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Summary_SaysWhenTheCallbackFoundTheCitizenUnsatisfied()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "回访不满意"));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已处理", citizenContacted = false, outcome = "explained" });
        await _api.Ok("dispatcher", id, "accept-reply");
        await _api.Ok("callback", id, "callback", new { reached = true, processRating = "satisfied", resultRating = "unsatisfied" });

        var queue = await (await _api.As("callback")).GetAsync("/api/work-orders?status=awaitingCallback&sort=callbackDue&pageSize=200").ShouldBeOk();

        var row = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        Assert.True(row.GetProperty("callbackUnsatisfied").GetBoolean());
        Assert.False(row.GetProperty("callbackUnreachable").GetBoolean());
    }

    [Fact]
    public async Task UnitDirectory_ListsEveryActiveUnitToAUnitUser_WithoutLiaisons()
    {
        var units = await (await _api.As("handler")).GetAsync("/api/units").ShouldBeOk();
        var directory = await (await _api.As("handler")).GetAsync("/api/units/directory").ShouldBeOk();

        Assert.Single(units.EnumerateArray());
        var codes = directory.EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.Contains("AL-GAS", codes);
        Assert.Contains("AL-XC-CG", codes);
        Assert.All(directory.EnumerateArray(), u => Assert.False(u.TryGetProperty("liaisons", out _)));
        var gas = directory.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "AL-GAS");
        Assert.Equal("安澜燃气有限公司", gas.GetProperty("name").GetString());
        Assert.Equal("utility", gas.GetProperty("kind").GetString());
        await (await app.Anonymous().GetAsync("/api/units/directory")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
}

public sealed class WorkbenchQueryTests_Sqlite(SqliteApp app) : WorkbenchQueryTests(app), IClassFixture<SqliteApp>;

public sealed class WorkbenchQueryTests_Postgres(PostgresApp app) : WorkbenchQueryTests(app), IClassFixture<PostgresApp>;
