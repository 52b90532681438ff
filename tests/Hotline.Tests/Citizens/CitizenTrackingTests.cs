using System.Net;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Citizens;

/// <summary>
/// Issue 18, the portal's screens: a request is tracked by its submission number or by the number of the work order it
/// became, and an order registered by staff is tracked by the phone it was registered for (the SMS links carry the order's
/// number); the places a citizen chooses from come from an anonymous list of the territorial units' regions.
/// </summary>
public abstract class CitizenTrackingTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Track_ByTheWorkOrdersNumber_OfAnAcceptedSubmission_ShowsTheSameProgress_ToItsPhoneOnly()
    {
        var (client, _, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var orderNumber = accepted.GetProperty("workOrderNumber").GetString()!;

        var byOrder = await CitizenApi.Track(client, orderNumber);
        var bySubmission = await CitizenApi.Track(client, number);
        Assert.Equal(bySubmission.ToString(), byOrder.ToString());
        Assert.Equal(number, byOrder.GetProperty("number").GetString());

        var (otherPhone, n) = CitizenApi.NewCitizen();
        var other = _citizen.Client(n);
        await _citizen.Verify(other, otherPhone, "track");
        await (await other.GetAsync($"/api/citizen/submissions/{orderNumber}")).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
    }

    [Fact]
    public async Task Track_AnOrderRegisteredByStaff_ForThisPhone_AndRateItOnline_OthersGetTheSame404()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: phone));
        var orderNumber = (await Api.Get("agent", id)).GetProperty("number").GetString()!;
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone, "track");

        var progress = await CitizenApi.Track(client, orderNumber);
        Assert.Equal(orderNumber, progress.GetProperty("number").GetString());
        Assert.Equal("dispatched", progress.GetProperty("stage").GetString());
        Assert.Equal(["accepted", "dispatched"], progress.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.DoesNotContain("张三丰", progress.ToString(), StringComparison.Ordinal);

        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply", new { note = "答复合格" });
        Assert.True((await CitizenApi.Track(client, orderNumber)).GetProperty("canRate").GetBoolean());
        var rated = await (await client.PostJsonAsync($"/api/citizen/submissions/{orderNumber}/rating", new { processRating = "satisfied", resultRating = "satisfied" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", rated.GetProperty("stage").GetString());

        var (otherPhone, m) = CitizenApi.NewCitizen();
        var other = _citizen.Client(m);
        await _citizen.Verify(other, otherPhone, "track");
        var theirs = await (await other.GetAsync($"/api/citizen/submissions/{orderNumber}")).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
        var missing = await (await other.GetAsync("/api/citizen/submissions/W202603029999999999")).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
        Assert.Equal(missing.GetProperty("title").GetString(), theirs.GetProperty("title").GetString());
        await (await other.PostJsonAsync($"/api/citizen/submissions/{orderNumber}/rating", new { processRating = "unsatisfied", resultRating = "unsatisfied" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
    }

    [Fact]
    public async Task Notices_OfTheCitizensArea_AreTheCitizenVisibleNotices_OfThatRegion()
    {
        var client = App.Anonymous();
        var notices = await (await client.GetAsync("/api/portal/knowledge?kind=notice&regionCode=990102001&pageSize=50")).ShouldBe(HttpStatusCode.OK);
        var items = notices.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("title").GetString() == "东华街道部分区域计划停水通知");
        Assert.DoesNotContain(items, i => i.GetProperty("title").GetString() == "西湖街道二次供水设施清洗停水公告");
        Assert.All(items, i => Assert.Equal("knowledge.notice", i.GetProperty("kind").GetString()));
        await (await client.GetAsync("/api/portal/knowledge?kind=everything")).ShouldBeValidationError("kind");
    }

    [Fact]
    public async Task Regions_AreTheTerritorialUnitsPlaces_ToStreetLevel_WithoutSignIn()
    {
        var regions = await (await App.Anonymous().GetAsync("/api/citizen/regions")).ShouldBe(HttpStatusCode.OK);
        var items = regions.EnumerateArray().Select(r => (Code: r.GetProperty("regionCode").GetString()!, Kind: r.GetProperty("kind").GetString()!)).ToList();
        Assert.Contains(items, r => r.Code == "990102001" && r.Kind == "street");
        Assert.Contains(items, r => r.Code == "990102" && r.Kind == "district");
        Assert.All(items, r => Assert.Contains(r.Kind, new[] { "city", "district", "street" }));
    }
}

public sealed class CitizenTrackingTests_Sqlite(SqliteApp app) : CitizenTrackingTests(app), IClassFixture<SqliteApp>;

public sealed class CitizenTrackingTests_Postgres(PostgresApp app) : CitizenTrackingTests(app), IClassFixture<PostgresApp>;
