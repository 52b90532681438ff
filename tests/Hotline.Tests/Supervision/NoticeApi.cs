using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Supervision;

/// <summary>HTTP helpers for supervision notices (issue 16).</summary>
internal sealed class NoticeApi(WorkOrderApi api)
{
    public const string Base = "/api/supervision/notices";

    public static object Terms(IEnumerable<long>? workOrderIds = null, IEnumerable<long>? unitIds = null, int days = 3, string reason = "工单超期未办结", string demand = "请于期限内整改并书面答复") => new
    {
        workOrderIds,
        unitIds,
        reason,
        demand,
        deadlineWorkingDays = days,
        method = "document",
    };

    public async Task<List<JsonElement>> Open(object terms, string user = "supervisor")
    {
        var opened = await (await (await api.As(user)).PostJsonAsync(Base, terms)).ShouldBe(HttpStatusCode.OK);
        return opened.GetProperty("notices").EnumerateArray().ToList();
    }

    /// <summary>A notice on one freshly dispatched order of <paramref name="unit"/>; returns (notice id, order id).</summary>
    public async Task<(long Notice, long Order)> OpenOnNewOrder(string unit = "AL-DC-ZJ", int days = 3)
    {
        var order = await api.Dispatched(unit: unit);
        var notice = Assert.Single(await Open(Terms([order], days: days)));
        return (notice.GetProperty("id").GetInt64(), order);
    }

    public async Task<JsonElement> Get(string user, long id) => await (await api.As(user)).GetAsync($"{Base}/{id}").ShouldBeOk();

    public async Task<long> Version(long id) => (await Get("supervisor", id)).GetProperty("summary").GetProperty("version").GetInt64();

    public async Task<HttpResponseMessage> Act(string user, long id, string action, object body) =>
        await (await api.As(user)).PostJsonAsync($"{Base}/{id}/{action}", body);

    /// <summary>Takes the step with the notice's current version; the notice as the answer shows it.</summary>
    public async Task<JsonElement> Step(string user, long id, string action, Dictionary<string, object?>? body = null)
    {
        var request = new Dictionary<string, object?>(body ?? []) { ["version"] = await Version(id) };
        return await (await Act(user, id, action, request)).ShouldBe(HttpStatusCode.OK);
    }

    public async Task<JsonElement> Ledger(string user, string query = "") => await (await api.As(user)).GetAsync($"{Base}?pageSize=200{query}").ShouldBeOk();
}
