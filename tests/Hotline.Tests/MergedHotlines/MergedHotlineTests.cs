using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.MergedHotlines;

/// <summary>S1 (热线归并) over HTTP on both databases: register, the six-month rule, go-live, never restored, who may.</summary>
public abstract class MergedHotlineTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static int _numbers;

    /// <summary>A number of its own per call (a number is registered once).</summary>
    private static string NewNumber() => $"96{Interlocked.Increment(ref _numbers) + (Environment.ProcessId % 1000 * 100):D6}";

    private async Task<long> UnitId(string code) =>
        (await (await Api.As("admin")).GetAsync("/api/units").ShouldBeOk()).EnumerateArray().Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();

    private async Task<JsonElement> Registered(object body, string user = "manager") =>
        await (await (await Api.As(user)).PostJsonAsync("/api/merged-hotlines", body)).ShouldBe(HttpStatusCode.Created);

    [Fact]
    public async Task ADualNumber_RunsAtMostSixMonths_ThenIsForwarded_AndOnceCancelled_IsNeverRestored()
    {
        var owner = await UnitId("AL-ZJ");
        var number = NewNumber();
        var body = new { number, name = "城建服务热线", ownerUnitId = owner, ownerLevel = "cityDepartment", mode = "dualNumber", since = "2026-01-01", until = "2026-07-02" };
        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync("/api/merged-hotlines", body)).ShouldBeValidationError("until");

        var hotline = await Registered(body with { until = "2026-07-01" });
        Assert.Equal("dualRunning", hotline.GetProperty("state").GetString());
        Assert.Equal("市住房和城乡建设局", hotline.GetProperty("ownerUnitName").GetString());
        var id = hotline.GetProperty("id").GetInt64();

        // The same number again is refused, and so is a move of the end past six months.
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { until = "2026-03-01" })).ShouldBeProblem(HttpStatusCode.Conflict, "merged_hotline.registered");
        await (await manager.PutJsonAsync($"/api/merged-hotlines/{id}/until", new { until = "2026-08-01", version = hotline.GetProperty("version").GetInt64() })).ShouldBeValidationError("until");

        var forwarded = await manager.PostJsonAsync($"/api/merged-hotlines/{id}/go-live", new { outcome = "forward", on = "2026-07-02", version = hotline.GetProperty("version").GetInt64() }).ShouldBeOk();
        Assert.Equal("forwarded", forwarded.GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"/api/merged-hotlines/{id}/go-live", new { outcome = "cancel", on = "2026-09-01", version = hotline.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");
        var cancelled = await manager.PostJsonAsync($"/api/merged-hotlines/{id}/go-live", new { outcome = "cancel", on = "2026-09-01", version = forwarded.GetProperty("version").GetInt64() }).ShouldBeOk();
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"/api/merged-hotlines/{id}/go-live", new { outcome = "forward", on = "2026-10-01", version = cancelled.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "merged_hotline.cancelled");

        // The register still holds it, and the number cannot be registered again.
        var list = await (await Api.As("leader")).GetAsync("/api/merged-hotlines").ShouldBeOk();
        Assert.Equal("cancelled", list.EnumerateArray().Single(h => h.GetProperty("number").GetString() == number).GetProperty("state").GetString());
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { until = "2026-03-01" })).ShouldBeProblem(HttpStatusCode.Conflict, "merged_hotline.registered");
    }

    [Fact]
    public async Task ATransitionPastItsGoLiveDate_IsOverdue_AndASubCentreNamesItsUnit()
    {
        var owner = await UnitId("AL-SJ");
        var whole = await Registered(new { number = NewNumber(), name = "价格举报热线", ownerUnitId = owner, ownerLevel = "national", mode = "whole", since = "2026-02-01", until = "2026-03-01" });
        Assert.Equal("transition", whole.GetProperty("state").GetString());
        Assert.True(whole.GetProperty("overdue").GetBoolean()); // the test clock reads 2026-03-02

        var moved = await (await Api.As("admin")).PutJsonAsync($"/api/merged-hotlines/{whole.GetProperty("id").GetInt64()}/until", new { until = "2026-03-31", version = whole.GetProperty("version").GetInt64() }).ShouldBeOk();
        Assert.False(moved.GetProperty("overdue").GetBoolean());

        var manager = await Api.As("manager");
        var sub = new { number = NewNumber(), name = "消费者投诉举报热线", ownerUnitId = owner, ownerLevel = "national", mode = "subCentre", since = "2026-01-01", subCentreUnitId = owner };
        await (await manager.PostJsonAsync("/api/merged-hotlines", sub)).ShouldBeValidationError("subCentreUnitId");
        var kept = await Registered(sub with { subCentreUnitId = await UnitId("AL-SJ-12315") });
        Assert.Equal("subCentre", kept.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("until").ValueKind);
    }

    [Fact]
    public async Task OnlyTheKeepers_ChangeTheRegister_AndBadInputIsFieldNamed()
    {
        var owner = await UnitId("AL-ZJ");
        var body = new { number = NewNumber(), name = "城建服务热线", ownerUnitId = owner, ownerLevel = "cityDepartment", mode = "whole", since = "2026-01-01", until = "2026-02-01" };
        await (await (await Api.As("supervisor")).PostJsonAsync("/api/merged-hotlines", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("agent")).GetAsync("/api/merged-hotlines")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("supervisor")).GetAsync("/api/merged-hotlines")).ShouldBe(HttpStatusCode.OK);

        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { name = new string('热', 101) })).ShouldBeValidationError("name");
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { number = "123456789012345678901" })).ShouldBeValidationError("number");
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { name = "热线\u0000" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { mode = "merged" })).ShouldBeValidationError("mode");
        await (await manager.PostJsonAsync("/api/merged-hotlines", body with { since = "2026-13-01" })).ShouldBeValidationError("since");
        await (await manager.PostJsonAsync("/api/merged-hotlines/999999/go-live", new { outcome = "cancel", on = "2026-03-01", version = 0 })).ShouldBeProblem(HttpStatusCode.NotFound, "merged_hotline_not_found");
    }
}

public sealed class MergedHotlineTests_Sqlite(SqliteApp app) : MergedHotlineTests(app), IClassFixture<SqliteApp>;

public sealed class MergedHotlineTests_Postgres(PostgresApp app) : MergedHotlineTests(app), IClassFixture<PostgresApp>;
