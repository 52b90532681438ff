using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>HTTP helpers for work-order tests: real requests as the demo accounts make them.</summary>
internal sealed class WorkOrderApi(AppFixture app)
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task<HttpClient> As(string userName)
    {
        if (!_clients.TryGetValue(userName, out var client))
        {
            _clients[userName] = client = await app.SignInAsync(userName);
        }

        return client;
    }

    /// <summary>Forgets the signed-in clients, e.g. after the test clock jumped past the session lifetime.</summary>
    public void SignOutAll() => _clients.Clear();

    public static object Order(string subject = "电梯故障", string phone = "13812345678", string region = "990102001", string category = "010101",
        string urgency = "normal", bool confidential = false, string channel = "phone", object? outcome = null, string? provincialReference = null, string callerName = "张三丰") => new
        {
            channel,
            requestType = "complaint",
            categoryCode = category,
            urgency,
            caller = new { name = callerName, phone, isAnonymous = false, isConfidential = confidential },
            location = new { regionCode = region, street = "东华街道", address = "明珠小区3栋2单元" },
            subject,
            events = "小区3栋电梯停运两周，多次找物业无人处理，老人上下楼困难。",
            demand = "请尽快督促物业修复电梯。",
            partyInvolved = "明珠物业服务有限公司",
            provincialReference,
            outcome = outcome ?? new { kind = "dispatch" },
        };

    public async Task<JsonElement> Register(object? order = null, string agent = "agent") =>
        await (await (await As(agent)).PostJsonAsync("/api/work-orders", order ?? Order())).ShouldBe(HttpStatusCode.Created);

    public async Task<long> RegisterId(object? order = null) => (await Register(order)).GetProperty("id").GetInt64();

    public async Task<HttpResponseMessage> Act(string user, long id, string action, object? body = null) =>
        await (await As(user)).PostJsonAsync($"/api/work-orders/{id}/{action}", body ?? new { });

    public async Task<JsonElement> Ok(string user, long id, string action, object? body = null) =>
        await (await Act(user, id, action, body)).ShouldBe(HttpStatusCode.OK);

    public async Task<JsonElement> Get(string user, long id) => await (await As(user)).GetAsync($"/api/work-orders/{id}").ShouldBeOk();

    public async Task<JsonElement> Timeline(string user, long id) => await (await As(user)).GetAsync($"/api/work-orders/{id}/timeline").ShouldBeOk();

    public async Task<long> UnitId(string code)
    {
        var units = await (await As("admin")).GetAsync("/api/units").ShouldBeOk();
        return units.EnumerateArray().Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();
    }

    /// <summary>Registers and dispatches to 东城区住建局 (the demo handler's unit); returns the id.</summary>
    public async Task<long> Dispatched(object? order = null, string unit = "AL-DC-ZJ")
    {
        var id = await RegisterId(order);
        await Ok("dispatcher", id, "dispatch", new { leadUnitId = await UnitId(unit) });
        return id;
    }
}
