using System.Net;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Supervision;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Citizens;

/// <summary>
/// Issue 18: the public 好差评 of a closed order's service (once, own order only, a comment for 差评), the centre's
/// follow-up of 差评, the two assessment figures with a worked example, and the public listing's result and paging.
/// </summary>
public abstract class ServiceRatingTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    private NoticeApi Notices => new(Api);

    /// <summary>An order registered for a fresh phone, handled by 东城区住建局, rated satisfied online (closed); the citizen's client and the order's number.</summary>
    private async Task<(HttpClient Client, string Number, long Id)> ClosedOrder()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: phone));
        var number = (await Api.Get("agent", id)).GetProperty("number").GetString()!;
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply", new { note = "答复合格" });
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone, "track");
        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "satisfied" })).ShouldBe(HttpStatusCode.OK);
        return (client, number, id);
    }

    private static Task<HttpResponseMessage> Rate(HttpClient client, string number, string? grade, string? comment = null) =>
        client.PostJsonAsync($"/api/citizen/submissions/{number}/service-rating", new { grade, comment });

    [Fact]
    public async Task Rating_OnlyForAClosedOwnOrder_Once_AndTheTrackingShowsIt()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: phone));
        var open = (await Api.Get("agent", id)).GetProperty("number").GetString()!;
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone, "track");
        Assert.False((await CitizenApi.Track(client, open)).GetProperty("canRateService").GetBoolean());
        await (await Rate(client, open, "satisfied")).ShouldBeProblem(HttpStatusCode.Conflict, "service_rating.not_closed");

        var (mine, number, _) = await ClosedOrder();
        Assert.True((await CitizenApi.Track(mine, number)).GetProperty("canRateService").GetBoolean());
        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/service-rating", new { grade = "satisfied" })).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");

        var given = await (await Rate(mine, number, "verySatisfied", "办得很快")).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("verySatisfied", given.GetProperty("grade").GetString());
        Assert.Equal(JsonValueKind.Null, given.GetProperty("followUpDue").ValueKind);
        await (await Rate(mine, number, "unsatisfied", "再评一次")).ShouldBeProblem(HttpStatusCode.Conflict, "service_rating.already_given");

        var tracked = await CitizenApi.Track(mine, number);
        Assert.False(tracked.GetProperty("canRateService").GetBoolean());
        Assert.Equal("verySatisfied", tracked.GetProperty("serviceRating").GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Rating_BadInput_IsAFieldNamedProblem_AndABadRatingNeedsAComment()
    {
        var (client, number, _) = await ClosedOrder();
        await (await Rate(client, number, null)).ShouldBeValidationError("grade");
        await (await Rate(client, number, "terrible")).ShouldBeValidationError("grade");
        await (await Rate(client, number, "veryUnsatisfied")).ShouldBeValidationError("comment");
        await (await Rate(client, number, "unsatisfied", "   ")).ShouldBeValidationError("comment");
        await (await Rate(client, number, "unsatisfied", new string('差', 501))).ShouldBeValidationError("comment");
        await (await App.Anonymous().PostJsonAsync($"/api/citizen/submissions/{number}/service-rating", new { grade = "satisfied" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "citizen.token_required");

        var bad = await (await Rate(client, number, "unsatisfied", "答复敷衍，问题没有解决")).ShouldBe(HttpStatusCode.Created);
        Assert.StartsWith("2026-03-09T", bad.GetProperty("followUpDue").GetString(), StringComparison.Ordinal); // 5 working days after Monday 2 March
    }

    [Fact]
    public async Task BadRating_LandsInTheCentresList_AndItsFollowUpIsRecordedOnce_WithTheVersion()
    {
        var (client, number, _) = await ClosedOrder();
        await (await Rate(client, number, "veryUnsatisfied", "电梯又坏了，没人管")).ShouldBe(HttpStatusCode.Created);

        var callback = await Api.As("callback");
        var pending = await (await callback.GetAsync("/api/service-ratings/bad?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workOrderNumber").GetString() == number);
        Assert.Equal("东城区住房和城乡建设局", item.GetProperty("unitName").GetString());
        Assert.Equal("电梯又坏了，没人管", item.GetProperty("comment").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain("张三丰", pending.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", pending.GetRawText(), StringComparison.Ordinal);
        await (await callback.GetAsync("/api/service-ratings/bad?state=everything")).ShouldBeValidationError("state");

        var path = $"/api/service-ratings/{item.GetProperty("id").GetInt64()}/follow-up";
        var version = item.GetProperty("version").GetInt64();
        await (await callback.PostJsonAsync(path, new { outcome = "rectified", note = "已回访" })).ShouldBeValidationError("version");
        await (await callback.PostJsonAsync(path, new { outcome = "rectified", version })).ShouldBeValidationError("note");
        await (await callback.PostJsonAsync(path, new { note = "已回访", version })).ShouldBeValidationError("outcome");
        await (await callback.PostJsonAsync(path, new { outcome = "rectified", note = new string('回', 501), version })).ShouldBeValidationError("note");
        await (await callback.PostJsonAsync(path, new { outcome = "rectified", note = "已回访", version = version + 7 })).ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");

        App.Time.Advance(TimeSpan.FromDays(1));
        Api.SignOutAll(); // the staff session does not outlive a day of the test clock
        callback = await Api.As("callback");
        var done = await (await callback.PostJsonAsync(path, new { outcome = "rectified", note = "已督促住建局再次维修，市民确认电梯恢复", version })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("rectified", done.GetProperty("outcome").GetString());
        Assert.Equal("陈静", done.GetProperty("followedUpByName").GetString());
        Assert.True(done.GetProperty("inTime").GetBoolean());
        await (await callback.PostJsonAsync(path, new { outcome = "explained", note = "再记一次", version = done.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "service_rating.followed_up");

        var after = await (await callback.GetAsync("/api/service-ratings/bad?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("workOrderNumber").GetString() == number);
        var history = await (await callback.GetAsync("/api/service-ratings/bad?state=done&pageSize=200")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(history.GetProperty("items").EnumerateArray(), i => i.GetProperty("workOrderNumber").GetString() == number);

        // a unit's own staff follow up nothing
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Api.As("handler")).GetAsync("/api/service-ratings/bad")).StatusCode);
    }

    [Fact]
    public async Task Assessment_GoodRatingRate_AndBadRatingFollowUpRate_WorkedExample()
    {
        var unit = await Api.UnitId("AL-DC-ZJ");
        async Task<(long Num, long Den)> Figure(string code)
        {
            var page = await (await (await Api.As("manager")).GetAsync($"/api/assessment/units/{unit}?year=2026&month=3")).ShouldBe(HttpStatusCode.OK);
            var figure = page.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("formula").GetProperty("code").GetString() == code);
            Assert.Equal("serviceRatings", figure.GetProperty("formula").GetProperty("source").GetString());
            return (figure.GetProperty("numerator").GetInt64(), figure.GetProperty("denominator").GetInt64());
        }

        var good0 = await Figure(Formulas.GoodRatingRate);
        var follow0 = await Figure(Formulas.BadRatingFollowUpRate);
        var tenth = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
        App.Time.Set(tenth); // the same figure after 9 March, before this test's ratings (earlier tests' 差评 may count by then)
        Api.SignOutAll(); // a staff session does not outlive days of the test clock
        var followLate0 = await Figure(Formulas.BadRatingFollowUpRate);
        App.Time.Set(AppFixture.DefaultNow);
        Api.SignOutAll();

        // three orders of the unit rated on 2 March: 满意, 基本满意, 差评 (the last followed up the next day, in time)
        var (a, an, _) = await ClosedOrder();
        var (b, bn, _) = await ClosedOrder();
        var (c, cn, _) = await ClosedOrder();
        var (d, dn, _) = await ClosedOrder();
        await (await Rate(a, an, "satisfied")).ShouldBe(HttpStatusCode.Created);
        await (await Rate(b, bn, "basicallySatisfied")).ShouldBe(HttpStatusCode.Created);
        await (await Rate(c, cn, "unsatisfied", "处理太慢")).ShouldBe(HttpStatusCode.Created);
        await (await Rate(d, dn, "veryUnsatisfied", "根本没解决")).ShouldBe(HttpStatusCode.Created);

        // 好评率: 2 good of 4 rated; 差评整改率: neither 差评 is counted while its 5 working days run
        Assert.Equal((good0.Num + 2, good0.Den + 4), await Figure(Formulas.GoodRatingRate));
        Assert.Equal(follow0, await Figure(Formulas.BadRatingFollowUpRate));

        var callback = await Api.As("callback");
        var list = await (await callback.GetAsync("/api/service-ratings/bad?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        var cItem = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workOrderNumber").GetString() == cn);
        await (await callback.PostJsonAsync($"/api/service-ratings/{cItem.GetProperty("id").GetInt64()}/follow-up", new { outcome = "explained", note = "已向市民解释处理进度", version = cItem.GetProperty("version").GetInt64() }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal((follow0.Num + 1, follow0.Den + 1), await Figure(Formulas.BadRatingFollowUpRate));

        // after the deadline (end of 9 March) the 差评 not followed up counts against the unit: 1 of 2
        App.Time.Set(tenth);
        Api.SignOutAll();
        callback = await Api.As("callback");
        Assert.Equal((followLate0.Num + 1, followLate0.Den + 2), await Figure(Formulas.BadRatingFollowUpRate));
        var overdue = await (await callback.GetAsync("/api/service-ratings/bad?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        Assert.True(overdue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("workOrderNumber").GetString() == dn).GetProperty("overdue").GetBoolean());

        // the drill-down lists the rated orders behind the figure
        var drill = await (await (await Api.As("manager")).GetAsync($"/api/assessment/units/{unit}/orders?year=2026&month=3&formula={Formulas.BadRatingFollowUpRate}&part=denominator&pageSize=200"))
            .ShouldBe(HttpStatusCode.OK);
        var numbers = drill.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()).ToList();
        Assert.Contains(cn, numbers);
        Assert.Contains(dn, numbers);
        Assert.DoesNotContain(an, numbers);
    }

    [Fact]
    public void Formulas_ServiceRatings_WorkedExample()
    {
        // 8 rated: 6 good; 3 差评, of which 2 count (one still inside its 5 working days), 1 followed up in time
        var f = Formulas.Evaluate(default, 0, default, new ServiceRatingTally(Rated: 8, Good: 6, BadCounted: 2, BadFollowedUpInTime: 1));
        Assert.Equal((6L, 8L, 0.75m), f[Formulas.GoodRatingRate]);
        Assert.Equal((1L, 2L, 0.5m), f[Formulas.BadRatingFollowUpRate]);
        Assert.Equal((0L, 0L, null), Formulas.Evaluate(default, 0)[Formulas.GoodRatingRate]);
    }

    [Fact]
    public async Task PublicListing_ShowsThePublishedResult_OnceClosed_AndPages()
    {
        var (id, _) = await Notices.OpenOnNewOrder();
        var number = (await Notices.Get("supervisor", id)).GetProperty("summary").GetProperty("number").GetString();
        await Notices.Step("supervisor", id, "list", new() { ["publicMatter"] = "东城区某小区电梯长期停运问题", ["listingDeadline"] = "2026-03-05", ["inMedia"] = false });
        await Notices.Step("handler", id, "sign");
        await Notices.Step("handler", id, "answer", new() { ["measures"] = "已约谈物业公司，电梯已修复" });
        var tooLong = new Dictionary<string, object?> { ["publicResult"] = new string('整', 2001), ["version"] = await Notices.Version(id) };
        await (await Notices.Act("supervisor", id, "accept", tooLong)).ShouldBeValidationError("publicResult");
        await Notices.Step("supervisor", id, "accept", new() { ["outcome"] = "内部：整改到位", ["publicResult"] = "电梯已修复并通过检验，物业公司已建立日常维保制度。" });

        var listings = await (await App.Anonymous().GetAsync("/api/public/supervision-listings")).ShouldBe(HttpStatusCode.OK);
        var entry = listings.EnumerateArray().Single(l => l.GetProperty("number").GetString() == number);
        Assert.Equal("closed", entry.GetProperty("progress").GetString());
        Assert.Equal("电梯已修复并通过检验，物业公司已建立日常维保制度。", entry.GetProperty("result").GetString());
        Assert.DoesNotContain("内部：整改到位", listings.GetRawText(), StringComparison.Ordinal);

        var first = await (await App.Anonymous().GetAsync("/api/public/supervision-listings?page=1&pageSize=1")).ShouldBe(HttpStatusCode.OK);
        Assert.Single(first.EnumerateArray());
        await (await App.Anonymous().GetAsync("/api/public/supervision-listings?page=999999")).ShouldBeValidationError("page");

        // a notice never listed publishes no result
        var (other, _) = await Notices.OpenOnNewOrder();
        await Notices.Step("handler", other, "sign");
        await Notices.Step("handler", other, "answer", new() { ["measures"] = "已整改" });
        var unlisted = new Dictionary<string, object?> { ["publicResult"] = "已整改", ["version"] = await Notices.Version(other) };
        await (await Notices.Act("supervisor", other, "accept", unlisted)).ShouldBeValidationError("publicResult");
    }
}

public sealed class ServiceRatingTests_Sqlite(SqliteApp app) : ServiceRatingTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceRatingTests_Postgres(PostgresApp app) : ServiceRatingTests(app), IClassFixture<PostgresApp>;
