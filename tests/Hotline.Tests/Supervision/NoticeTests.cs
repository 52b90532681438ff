using System.Net;
using System.Text.Json;
using Hotline.Domain;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Supervision;

/// <summary>
/// Supervision notices (督办单, S8, issue 16) over HTTP: opening on orders or units within the supervisor's scope, the
/// unit's sign and answer, lights and the one automatic reminder on the working-day calendar, rejection counted, the
/// ledger's scope, filters and export, the public listing without personal data, version checks and bad input.
/// </summary>
public abstract class NoticeTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private NoticeApi Notices => new(Api);

    [Fact]
    public async Task Open_OnOrdersOfTwoUnits_MakesOneNoticePerLeadUnit_WithTheOrdersNumbersOnly()
    {
        var zj1 = await Api.Dispatched();
        var zj2 = await Api.Dispatched();
        var cg = await Api.Dispatched(unit: "AL-XC-CG");
        var opened = await Notices.Open(NoticeApi.Terms([zj1, zj2, cg]));
        Assert.Equal(2, opened.Count);
        var zj = opened.Single(n => n.GetProperty("unitName").GetString() == "东城区住房和城乡建设局");
        Assert.Equal(2, zj.GetProperty("orderNumbers").GetArrayLength());
        Assert.Equal("issued", zj.GetProperty("state").GetString());
        Assert.Equal("manual", zj.GetProperty("trigger").GetString());
        Assert.StartsWith("DB20260302-", zj.GetProperty("number").GetString());
        Assert.Single(opened, n => n.GetProperty("orderNumbers").GetArrayLength() == 1);

        // The unit reads it without the caller: no name, phone or address anywhere.
        var seen = await Notices.Get("handler", zj.GetProperty("id").GetInt64());
        var text = seen.GetRawText();
        Assert.DoesNotContain("张三丰", text);
        Assert.DoesNotContain("13812345678", text);
        Assert.DoesNotContain("明珠小区", text);
        Assert.Equal(["sign"], seen.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("open", Assert.Single(seen.GetProperty("timeline").EnumerateArray()).GetProperty("action").GetString());

        // On a unit (a recurring problem): one notice, no orders.
        var onUnit = Assert.Single(await Notices.Open(NoticeApi.Terms(unitIds: [await Api.UnitId("AL-XC-CG")])));
        Assert.Equal(0, onUnit.GetProperty("orderNumbers").GetArrayLength());
    }

    [Fact]
    public async Task Open_ByAUnit_OrOnAnOrderNotYetDispatched_IsRefused()
    {
        // Every supervisor account belongs to the hotline centre, which oversees the whole platform; the aggregate's refusal
        // of a unit or an order outside a narrower scope is pinned in NoticeRulesTests.
        var inside = await Api.Dispatched();
        await (await (await Api.As("handler")).PostJsonAsync(NoticeApi.Base, NoticeApi.Terms([inside]))).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await (await Api.As("leader")).PostJsonAsync(NoticeApi.Base, NoticeApi.Terms([inside]))).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        var undispatched = await Api.RegisterId();
        await (await (await Api.As("supervisor")).PostJsonAsync(NoticeApi.Base, NoticeApi.Terms([inside, undispatched]))).ShouldBeValidationError("workOrderIds");
        await (await (await Api.As("supervisor")).PostJsonAsync(NoticeApi.Base, NoticeApi.Terms([inside], [await Api.UnitId("AL-XC-CG")]))).ShouldBeValidationError("unitIds");
        Assert.Single(await Notices.Open(NoticeApi.Terms([inside]), "manager"));
    }

    [Fact]
    public async Task AnsweredLate_TurnsRed_IsRemindedOnceAutomatically_RejectAndAnswerAgain_Counted_AcceptCloses()
    {
        // Monday 2 March 09:00, three working days: due at the end of Thursday 5 March, yellow from the end of Wednesday.
        var (id, _) = await Notices.OpenOnNewOrder();
        var signed = await Notices.Step("handler", id, "sign");
        Assert.Equal("inHand", signed.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal("刘洋", signed.GetProperty("signedByName").GetString());
        var job = App.Services.GetRequiredService<NoticeLightJob>();

        App.Time.Set(new DateTimeOffset(2026, 3, 5, 10, 0, 0, China));
        Api.SignOutAll();
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal("yellow", (await Notices.Get("supervisor", id)).GetProperty("summary").GetProperty("light").GetString());

        App.Time.Set(new DateTimeOffset(2026, 3, 6, 10, 0, 0, China));
        Api.SignOutAll();
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);
        var red = await Notices.Get("supervisor", id);
        Assert.Equal("red", red.GetProperty("summary").GetProperty("light").GetString());
        Assert.True(red.GetProperty("summary").GetProperty("late").GetBoolean());
        Assert.Equal(1, red.GetProperty("summary").GetProperty("reminderCount").GetInt32());
        Assert.Contains(id, Ids(await Notices.Ledger("supervisor", "&late=true&light=red")));
        Assert.DoesNotContain(id, Ids(await Notices.Ledger("supervisor", "&late=false")));

        var answered = await Notices.Step("handler", id, "answer", new() { ["measures"] = "已约谈物业公司，电梯已修复", ["evidence"] = "维修单照片" });
        Assert.Equal("answered", answered.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(1, answered.GetProperty("summary").GetProperty("lateAnswerCount").GetInt32());
        Assert.Equal(["accept", "reject", "list"], (await Notices.Get("supervisor", id)).GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        var rejected = await Notices.Step("supervisor", id, "reject", new() { ["reason"] = "未附整改前后对比" });
        Assert.Equal("inHand", rejected.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(1, rejected.GetProperty("summary").GetProperty("rejectCount").GetInt32());
        await job.RunOnceAsync(CancellationToken.None);
        await Notices.Step("handler", id, "answer", new() { ["measures"] = "已补充整改前后对比照片" });

        var closed = await Notices.Step("supervisor", id, "accept", new() { ["outcome"] = "整改到位" });
        var summary = closed.GetProperty("summary");
        Assert.Equal("closed", summary.GetProperty("state").GetString());
        Assert.Equal(2, summary.GetProperty("lateAnswerCount").GetInt32());
        Assert.Equal(1, summary.GetProperty("rejectCount").GetInt32());
        var timeline = closed.GetProperty("timeline").EnumerateArray().ToList();
        var reminders = timeline.Where(e => e.GetProperty("action").GetString() == "remind").ToList();
        Assert.Equal("Automatic", Assert.Single(reminders).GetProperty("details").GetProperty("kind").GetString());
        Assert.Equal(
            ["open", "sign", "lightChanged", "lightChanged", "remind", "answer", "reject", "answer", "accept"],
            timeline.Select(e => e.GetProperty("action").GetString()));
        Assert.Empty(closed.GetProperty("availableActions").EnumerateArray());

        var unit = await Api.UnitId("AL-DC-ZJ");
        var figures = (await (await Api.As("supervisor")).GetAsync($"{NoticeApi.Base}/by-unit?from=2026-03-02&to=2026-03-06").ShouldBeOk())
            .EnumerateArray().Single(u => u.GetProperty("unitId").GetInt64() == unit);
        Assert.True(figures.GetProperty("opened").GetInt32() >= 1);
        Assert.True(figures.GetProperty("closed").GetInt32() >= 1);
        Assert.True(figures.GetProperty("answeredLate").GetInt32() >= 1);
        Assert.True(figures.GetProperty("rejections").GetInt32() >= 1);
    }

    [Fact]
    public async Task Listing_NoLaterThanTheNotice_ShownAnonymouslyWithoutPersonalData_DelistRecorded()
    {
        var (id, _) = await Notices.OpenOnNewOrder();
        var number = (await Notices.Get("supervisor", id)).GetProperty("summary").GetProperty("number").GetString();
        var late = new Dictionary<string, object?> { ["publicMatter"] = "明珠小区电梯长期停运问题", ["listingDeadline"] = "2026-03-06", ["inMedia"] = true, ["version"] = await Notices.Version(id) };
        await (await Notices.Act("supervisor", id, "list", late)).ShouldBeValidationError("listingDeadline");

        var listed = await Notices.Step("supervisor", id, "list", new() { ["publicMatter"] = "东城区某小区电梯长期停运问题", ["listingDeadline"] = "2026-03-05", ["inMedia"] = true });
        Assert.True(listed.GetProperty("summary").GetProperty("isListed").GetBoolean());

        var response = await App.Anonymous().GetAsync("/api/public/supervision-listings");
        var body = await response.ShouldBe(HttpStatusCode.OK);
        var text = body.GetRawText();
        var entry = body.EnumerateArray().Single(l => l.GetProperty("number").GetString() == number);
        Assert.Equal("东城区住房和城乡建设局", entry.GetProperty("unitName").GetString());
        Assert.Equal("东城区某小区电梯长期停运问题", entry.GetProperty("matter").GetString());
        Assert.True(entry.GetProperty("inMedia").GetBoolean());
        Assert.Equal("issued", entry.GetProperty("progress").GetString()); // a state code: the public page words it from its locale
        Assert.Equal(
            ["number", "unitName", "matter", "listedAt", "listingDeadline", "progress", "inMedia", "result"],
            entry.EnumerateObject().Select(p => p.Name));
        foreach (var personal in new[] { "张三丰", "13812345678", "明珠小区", "工单超期未办结", "请于期限内整改" })
        {
            Assert.DoesNotContain(personal, text);
        }

        var delisted = await Notices.Step("supervisor", id, "delist", new() { ["reason"] = "单位已整改" });
        Assert.False(delisted.GetProperty("summary").GetProperty("isListed").GetBoolean());
        Assert.Equal("单位已整改", delisted.GetProperty("delistReason").GetString());
        Assert.Equal("delist", delisted.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
        var after = await (await App.Anonymous().GetAsync("/api/public/supervision-listings")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(after.EnumerateArray(), l => l.GetProperty("number").GetString() == number);
    }

    [Fact]
    public async Task TwoAnswers_WithTheSameVersion_OneConflicts()
    {
        var (id, _) = await Notices.OpenOnNewOrder();
        await Notices.Step("handler", id, "sign");
        var version = await Notices.Version(id);
        var handler = await Api.As("handler");
        var liaison = await Api.As("liaison");
        var answers = await Task.WhenAll(
            handler.PostJsonAsync($"{NoticeApi.Base}/{id}/answer", new { measures = "甲方案", version }),
            liaison.PostJsonAsync($"{NoticeApi.Base}/{id}/answer", new { measures = "乙方案", version }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Single((await Notices.Get("supervisor", id)).GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString() == "answer");
        await (await Notices.Act("handler", id, "answer", new { measures = "丙方案" })).ShouldBeValidationError("version");
    }

    [Fact]
    public async Task BadInput_IsAFieldNamed400()
    {
        var order = await Api.Dispatched();
        var supervisor = await Api.As("supervisor");
        await (await supervisor.PostJsonAsync(NoticeApi.Base, new { workOrderIds = new[] { order }, reason = new string('因', Limits.MediumText + 1), demand = "整改", deadlineWorkingDays = 3, method = "document" }))
            .ShouldBeValidationError("reason");
        await (await supervisor.PostJsonAsync(NoticeApi.Base, new { workOrderIds = new[] { order }, reason = "超期\u0000", demand = "整改", deadlineWorkingDays = 3, method = "document" }))
            .ShouldBeValidationError("reason");
        await (await supervisor.PostJsonAsync(NoticeApi.Base, NoticeApi.Terms([order], days: 0))).ShouldBeValidationError("deadlineWorkingDays");
        await (await supervisor.PostJsonAsync(NoticeApi.Base, new { reason = "超期", demand = "整改", deadlineWorkingDays = 3, method = "document" })).ShouldBeValidationError("workOrderIds");
        await (await supervisor.PostJsonAsync(NoticeApi.Base, new { workOrderIds = new[] { order }, reason = "超期", demand = "整改", deadlineWorkingDays = 3 })).ShouldBeValidationError("method");

        var id = Assert.Single(await Notices.Open(NoticeApi.Terms([order]))).GetProperty("id").GetInt64();
        await Notices.Step("handler", id, "sign");
        var version = await Notices.Version(id);
        await (await Notices.Act("handler", id, "answer", new { measures = new string('措', Limits.LongText + 1), version })).ShouldBeValidationError("measures");
        await (await Notices.Act("handler", id, "answer", new { measures = "已\u0000整改", version })).ShouldBeValidationError("measures");
        await (await Notices.Act("handler", id, "answer", new { measures = " ", version })).ShouldBeValidationError("measures");
        await (await supervisor.GetAsync($"{NoticeApi.Base}?state=lost")).ShouldBeValidationError("state");
        await (await supervisor.GetAsync($"{NoticeApi.Base}?from=2026-13-01")).ShouldBeValidationError("from");
        await (await supervisor.GetAsync($"{NoticeApi.Base}?late=maybe")).ShouldBeValidationError("late");
    }

    [Fact]
    public async Task AUnitUser_SeesOnlyItsOwnUnitsNotices_AndCannotActOnAnothers()
    {
        var (zj, _) = await Notices.OpenOnNewOrder();
        var (cg, _) = await Notices.OpenOnNewOrder("AL-XC-CG");
        await (await (await Api.As("handler2")).GetAsync($"{NoticeApi.Base}/{zj}")).ShouldBe(HttpStatusCode.NotFound);
        await (await Notices.Act("handler2", zj, "sign", new { version = await Notices.Version(zj) })).ShouldBe(HttpStatusCode.NotFound);
        var own = Ids(await Notices.Ledger("handler2"));
        Assert.Contains(cg, own);
        Assert.DoesNotContain(zj, own);
        Assert.DoesNotContain(cg, Ids(await Notices.Ledger("handler")));

        // The leader sees both and may not act; the unit may not decide.
        var leader = Ids(await Notices.Ledger("leader"));
        Assert.Contains(zj, leader);
        Assert.Contains(cg, leader);
        Assert.Empty((await Notices.Get("leader", zj)).GetProperty("availableActions").EnumerateArray());
        await (await Notices.Act("leader", zj, "remind", new { text = "请尽快办理", version = await Notices.Version(zj) })).ShouldBe(HttpStatusCode.Forbidden);
        await (await Notices.Act("handler", zj, "remind", new { text = "请尽快办理", version = await Notices.Version(zj) })).ShouldBe(HttpStatusCode.Forbidden);
        var reminded = await Notices.Step("supervisor", zj, "remind", new() { ["text"] = "请尽快签收" });
        Assert.Equal(1, reminded.GetProperty("summary").GetProperty("reminderCount").GetInt32());
    }

    [Fact]
    public async Task Export_IsAWorkbook_WithChineseHeaders_HoldingTheFilteredRows()
    {
        var (id, _) = await Notices.OpenOnNewOrder();
        var number = (await Notices.Get("supervisor", id)).GetProperty("summary").GetProperty("number").GetString()!;
        var response = await (await Api.As("supervisor")).GetAsync($"{NoticeApi.Base}/export?number={number}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(number, row["督办单号"]);
        Assert.Equal("东城区住房和城乡建设局", row["督办对象"]);
        Assert.Equal("待签收", row["状态"]);

        await using var all = new MemoryStream(await (await Api.As("supervisor")).GetByteArrayAsync($"{NoticeApi.Base}/export"));
        Assert.Contains(MiniExcelLibs.MiniExcel.Query(all, useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => Equals(r["督办单号"], number));
    }

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).ToList();
}

public sealed class NoticeTests_Sqlite(SqliteApp app) : NoticeTests(app), IClassFixture<SqliteApp>;

public sealed class NoticeTests_Postgres(PostgresApp app) : NoticeTests(app), IClassFixture<PostgresApp>;
