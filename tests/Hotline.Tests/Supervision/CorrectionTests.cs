using System.Net;
using System.Text.Json;
using Hotline.Domain;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Supervision;

/// <summary>
/// Issue 16, correction and accountability (S8): suggestions → the unit corrects → the centre checks → an accountability
/// circular when the unit refuses or falls short; misconduct records counted per unit and code; the parent units' circulars.
/// </summary>
public abstract class CorrectionTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Base = "/api/supervision/corrections";

    [Fact]
    public async Task Correction_AcceptedReportedAndPassed_IsClosed_OnItsOwnTimeline()
    {
        var order = await Api.Get("dispatcher", await Api.Dispatched());
        var number = order.GetProperty("number").GetString()!;
        var issued = await IssueAsync("AL-DC-ZJ", new[] { number });
        Assert.Equal("issued", issued.GetProperty("state").GetString());
        Assert.Equal(number, Assert.Single(issued.GetProperty("orderNumbers").EnumerateArray()).GetString());
        Assert.Equal(["accept", "report", "refuse"], Actions(await GetAsync("handler", issued)));
        Assert.Empty(Actions(await GetAsync("supervisor", issued)));

        var accepted = await PostAsync("liaison", issued, "accept", new { note = "立即整改", version = Version(issued) });
        Assert.Equal("inCorrection", accepted.GetProperty("state").GetString());
        await (await (await Api.As("handler")).PostJsonAsync($"{Base}/{Id(issued)}/report", new { report = "过时", version = Version(issued) })).ShouldBe(HttpStatusCode.Conflict);
        var reported = await PostAsync("handler", accepted, "report", new { report = "已建立退单审核制度并培训", evidence = "制度文件", version = Version(accepted) });
        Assert.Equal("reported", reported.GetProperty("state").GetString());
        Assert.False(reported.GetProperty("reportedLate").GetBoolean());
        Assert.Equal(["check"], Actions(await GetAsync("supervisor", reported)));

        var passed = await PostAsync("supervisor", reported, "check", new { outcome = "passed", note = "整改到位", version = Version(reported) });
        Assert.Equal("passed", passed.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, passed.GetProperty("closedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, passed.GetProperty("circular").ValueKind);

        var timeline = await (await Api.As("handler")).GetAsync($"{Base}/{Id(issued)}/timeline").ShouldBeOk();
        Assert.Equal(["issue", "accept", "report", "check"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("刘洋", timeline[2].GetProperty("actorName").GetString());
        Assert.Equal("Passed", timeline[3].GetProperty("details").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Correction_Refused_LeadsToAnAccountabilityCircular()
    {
        var issued = await IssueAsync("AL-DC-ZJ");
        var refused = await PostAsync("unitlead", issued, "refuse", new { reason = "不属本单位职责", version = Version(issued) });
        Assert.Equal("refused", refused.GetProperty("state").GetString());
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/{Id(issued)}/check", new { outcome = "passed", version = Version(refused) }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "correction_invalid_state");
        Assert.Equal(["issueCircular"], Actions(await GetAsync("manager", refused)));

        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/{Id(issued)}/circular", new { facts = "拒不整改", version = Version(refused) })).ShouldBeValidationError("text");
        var accountable = await PostAsync("supervisor", refused, "circular", new { facts = "东城区住建局拒不整改退单问题", text = "予以全市通报批评", version = Version(refused) });
        Assert.Equal("accountable", accountable.GetProperty("state").GetString());
        var circular = accountable.GetProperty("circular");
        Assert.Equal("东城区住房和城乡建设局", circular.GetProperty("unitName").GetString());
        Assert.Equal("东城区住建局拒不整改退单问题", circular.GetProperty("facts").GetString());
        Assert.Equal("予以全市通报批评", circular.GetProperty("text").GetString());
        Assert.Equal("周涛", circular.GetProperty("issuedByName").GetString());

        var handlerView = await GetAsync("handler", accountable);
        Assert.Equal("予以全市通报批评", handlerView.GetProperty("circular").GetProperty("text").GetString());
        var listed = await (await Api.As("handler")).GetAsync($"{Base}?state=accountable").ShouldBeOk();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), c => Id(c) == Id(issued));
    }

    [Fact]
    public async Task Correction_CheckFallingShort_LeadsToAnAccountabilityCircular()
    {
        var issued = await IssueAsync("AL-DC-ZJ");
        var reported = await PostAsync("handler", issued, "report", new { report = "已口头提醒", version = Version(issued) });
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/{Id(issued)}/check", new { outcome = "fallenShort", version = Version(reported) })).ShouldBeValidationError("note");
        var fallenShort = await PostAsync("supervisor", reported, "check", new { outcome = "fallenShort", note = "未建立制度", version = Version(reported) });
        Assert.Equal("fallenShort", fallenShort.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, fallenShort.GetProperty("closedAt").ValueKind);

        var accountable = await PostAsync("manager", fallenShort, "circular", new { facts = "整改不到位", text = "通报批评", version = Version(fallenShort) });
        Assert.Equal("accountable", accountable.GetProperty("state").GetString());
        var timeline = await (await Api.As("supervisor")).GetAsync($"{Base}/{Id(issued)}/timeline").ShouldBeOk();
        Assert.Equal(["issue", "report", "check", "issueCircular"], timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("FallenShort", timeline[3].GetProperty("details").GetProperty("after").GetString());
    }

    [Fact]
    public async Task Correction_IsSeenOnlyByItsUnitAndTheCentre_AndOnlyItsUnitAnswers()
    {
        var issued = await IssueAsync("AL-DC-ZJ");
        await (await (await Api.As("handler2")).GetAsync($"{Base}/{Id(issued)}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("handler2")).PostJsonAsync($"{Base}/{Id(issued)}/report", new { report = "x", version = Version(issued) })).ShouldBe(HttpStatusCode.NotFound);
        var others = await (await Api.As("handler2")).GetAsync(Base).ShouldBeOk();
        Assert.DoesNotContain(others.GetProperty("items").EnumerateArray(), c => Id(c) == Id(issued));
        Assert.Contains((await (await Api.As("handler")).GetAsync(Base).ShouldBeOk()).GetProperty("items").EnumerateArray(), c => Id(c) == Id(issued));

        // The county office oversees 东城区 and reads it, but does not answer for another unit.
        await (await Api.As("dcoffice")).GetAsync($"{Base}/{Id(issued)}").ShouldBeOk();
        await (await (await Api.As("dcoffice")).PostJsonAsync($"{Base}/{Id(issued)}/refuse", new { reason = "x", version = Version(issued) }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "correction_not_your_unit");
        await (await (await Api.As("handler")).PostJsonAsync($"{Base}/{Id(issued)}/check", new { outcome = "passed", version = Version(issued) })).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadInput_IsAFieldNamed400_AndWritesNothing()
    {
        var supervisor = await Api.As("supervisor");
        var unitId = await Api.UnitId("AL-DC-ZJ");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = new string('改', Limits.MediumText + 1), deadlineWorkingDays = 5 })).ShouldBeValidationError("suggestions");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = "请\u0000整改", deadlineWorkingDays = 5 })).ShouldBeValidationError("suggestions");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = "请整改", deadlineWorkingDays = 0 })).ShouldBeValidationError("deadlineWorkingDays");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = "请整改", deadlineWorkingDays = 5, orderNumbers = new[] { "NO-SUCH-ORDER" } })).ShouldBeValidationError("orderNumbers");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = "请整改", deadlineWorkingDays = 5, noticeId = 999_999 })).ShouldBeValidationError("noticeId");
        await (await supervisor.PostJsonAsync(Base, new { unitId = 999_999, suggestions = "请整改", deadlineWorkingDays = 5 })).ShouldBeValidationError("unitId");

        var issued = await IssueAsync("AL-DC-ZJ");
        var handler = await Api.As("handler");
        await (await handler.PostJsonAsync($"{Base}/{Id(issued)}/refuse", new { reason = new string('拒', Limits.Reason + 1), version = Version(issued) })).ShouldBeValidationError("reason");
        await (await handler.PostJsonAsync($"{Base}/{Id(issued)}/refuse", new { reason = "不\u0000整改", version = Version(issued) })).ShouldBeValidationError("reason");
        await (await handler.PostJsonAsync($"{Base}/{Id(issued)}/report", new { report = "已整改" })).ShouldBeValidationError("version");
        var reported = await PostAsync("handler", issued, "report", new { report = "已整改", version = Version(issued) });
        await (await supervisor.PostJsonAsync($"{Base}/{Id(issued)}/check", new { outcome = "maybe", version = Version(reported) })).ShouldBeValidationError("outcome");
        await (await supervisor.PostJsonAsync(Base, new { unitId, suggestions = "请整改", deadlineWorkingDays = 5, orderNumbers = "not-a-list" })).ShouldBeValidationError("orderNumbers");
        Assert.Equal("reported", (await GetAsync("supervisor", reported)).GetProperty("state").GetString());

        var misconduct = "/api/supervision/misconduct";
        await (await supervisor.PostJsonAsync(misconduct, new { unitId, code = "lazy", sanction = "interview", facts = "x" })).ShouldBeValidationError("code");
        await (await supervisor.PostJsonAsync(misconduct, new { unitId, code = "inaction", sanction = "fine", facts = "x" })).ShouldBeValidationError("sanction");
        await (await supervisor.PostJsonAsync(misconduct, new { unitId, code = "inaction", sanction = "interview", facts = new string('事', Limits.MediumText + 1) })).ShouldBeValidationError("facts");
        await (await supervisor.PostJsonAsync(misconduct, new { unitId, code = "inaction", sanction = "interview", facts = "事实", staffName = "张\u0000三" })).ShouldBeValidationError("staffName");
        await (await supervisor.PostJsonAsync(misconduct, new { unitId, code = "inaction", sanction = "interview", facts = " " })).ShouldBeValidationError("facts");
        await (await supervisor.GetAsync($"{misconduct}/by-unit?from=2026-13-01")).ShouldBeValidationError("from");
        await (await supervisor.PostAsync("/api/supervision/circulars/generate?month=2026-13", null)).ShouldBeValidationError("month");
    }

    [Fact]
    public async Task Misconduct_RecordedWithEachCodeAndSanction_IsCountedPerUnitAndCode()
    {
        App.Time.Set(new DateTimeOffset(2026, 5, 11, 10, 0, 0, TimeSpan.FromHours(8)));
        Api.SignOutAll();
        var supervisor = await Api.As("supervisor");
        var zj = await Api.UnitId("AL-DC-ZJ");
        var codes = new[] { "buckPassing", "falseReporting", "falsification", "inaction", "slowAction", "arbitraryAction", "improperReturn" };
        var sanctions = new[] { "interview", "circular", "publicExposure", "accountability" };
        var i = 0;
        foreach (var code in codes)
        {
            var recorded = await (await supervisor.PostJsonAsync("/api/supervision/misconduct", new
            {
                unitId = zj,
                code,
                sanction = sanctions[i++ % sanctions.Length],
                facts = $"事实 {code}",
                staffName = "刘洋",
            })).ShouldBe(HttpStatusCode.Created);
            Assert.Equal(code, recorded.GetProperty("code").GetString());
        }

        foreach (var sanction in sanctions)
        {
            await (await supervisor.PostJsonAsync("/api/supervision/misconduct", new { unitId = zj, code = "slowAction", sanction, facts = "多次逾期签收" })).ShouldBe(HttpStatusCode.Created);
        }

        await (await supervisor.PostJsonAsync("/api/supervision/misconduct", new { unitId = await Api.UnitId("AL-XC-CG"), code = "inaction", sanction = "interview", facts = "不作为" }))
            .ShouldBe(HttpStatusCode.Created);

        var counts = await supervisor.GetAsync("/api/supervision/misconduct/by-unit?from=2026-05-01&to=2026-05-31").ShouldBeOk();
        var zjRows = counts.EnumerateArray().Where(c => c.GetProperty("unitId").GetInt64() == zj).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), zjRows.Select(c => c.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(5, zjRows.Single(c => c.GetProperty("code").GetString() == "slowAction").GetProperty("count").GetInt32());
        Assert.True(zjRows.Single(c => c.GetProperty("code").GetString() == "inaction").GetProperty("feedsInterviewList").GetBoolean());
        Assert.False(zjRows.Single(c => c.GetProperty("code").GetString() == "buckPassing").GetProperty("feedsInterviewList").GetBoolean());
        Assert.Single(counts.EnumerateArray(), c => c.GetProperty("unitName").GetString() == "西城区城市管理局");
        Assert.Empty((await supervisor.GetAsync("/api/supervision/misconduct/by-unit?from=2026-06-01&to=2026-06-30").ShouldBeOk()).EnumerateArray());

        var leader = await (await Api.As("leader")).GetAsync("/api/supervision/misconduct?code=slowAction").ShouldBeOk();
        Assert.True(leader.GetProperty("total").GetInt32() >= 5);
        await (await (await Api.As("handler")).GetAsync("/api/supervision/misconduct")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ParentCircular_CoversItsSubUnits_AndNotOthers_AndTheParentsUsersReadIt()
    {
        App.Time.Set(new DateTimeOffset(2026, 7, 8, 10, 0, 0, TimeSpan.FromHours(8)));
        Api.SignOutAll();
        var refused = await IssueAsync("AL-DC-ZJ");
        await PostAsync("handler", refused, "refuse", new { reason = "不属本单位职责", version = Version(refused) });
        await IssueAsync("AL-XC-CG");
        var supervisor = await Api.As("supervisor");
        await (await supervisor.PostJsonAsync("/api/supervision/misconduct", new { unitId = await Api.UnitId("AL-DC-DH-01"), code = "inaction", sanction = "interview", facts = "社区不作为" }))
            .ShouldBe(HttpStatusCode.Created);

        var made = await (await supervisor.PostAsync("/api/supervision/circulars/generate?month=2026-07", null)).ShouldBe(HttpStatusCode.OK);
        var dc = made.EnumerateArray().Single(c => c.GetProperty("unitName").GetString() == "东城区人民政府");
        var xc = made.EnumerateArray().Single(c => c.GetProperty("unitName").GetString() == "西城区人民政府");
        Assert.DoesNotContain(made.EnumerateArray(), c => c.GetProperty("unitName").GetString() == "安澜市12345政务服务便民热线中心");

        var dcCircular = await supervisor.GetAsync($"/api/supervision/circulars/{Id(dc)}").ShouldBeOk();
        var rows = dcCircular.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unitName").GetString()!, r => r.GetProperty("figures"));
        Assert.Equal(1, rows["东城区住房和城乡建设局"].GetProperty("correctionsIssued").GetInt32());
        Assert.Equal(1, rows["东城区住房和城乡建设局"].GetProperty("correctionsRefused").GetInt32());
        Assert.Equal(1, rows["东华街道办事处"].GetProperty("misconductRecords").GetInt32());
        Assert.DoesNotContain("西城区城市管理局", rows.Keys);
        Assert.DoesNotContain("东城区12345热线工作机构", rows.Keys);
        Assert.Equal(1, dcCircular.GetProperty("summary").GetProperty("totals").GetProperty("correctionsIssued").GetInt32());
        var xcRows = (await supervisor.GetAsync($"/api/supervision/circulars/{Id(xc)}").ShouldBeOk()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(1, xcRows.Single(r => r.GetProperty("unitName").GetString() == "西城区城市管理局").GetProperty("figures").GetProperty("correctionsIssued").GetInt32());
        Assert.Equal(0, xcRows.Sum(r => r.GetProperty("figures").GetProperty("misconductRecords").GetInt32()));

        // The county office reads its district's circulars (the district's and its streets'), not the other district's; a
        // unit without sub-units has none.
        var dcoffice = await Api.As("dcoffice");
        var mine = (await dcoffice.GetAsync("/api/supervision/circulars?month=2026-07").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(mine, c => Id(c) == Id(dc));
        Assert.Equal(new[] { "东城区人民政府", "东华街道办事处", "新桥街道办事处" }.Order(StringComparer.Ordinal), mine.Select(c => c.GetProperty("unitName").GetString()).Order(StringComparer.Ordinal));
        await (await dcoffice.GetAsync($"/api/supervision/circulars/{Id(xc)}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await Api.As("handler")).GetAsync("/api/supervision/circulars?month=2026-07").ShouldBeOk()).GetProperty("total").GetInt32());
        var print = await dcoffice.GetAsync($"/api/supervision/circulars/{Id(dc)}/print");
        Assert.Equal("text/html", print.Content.Headers.ContentType?.MediaType);
        var html = await print.Content.ReadAsStringAsync();
        Assert.Contains("东城区住房和城乡建设局", html, StringComparison.Ordinal);
        Assert.Contains("2026年7月", html, StringComparison.Ordinal);

        // Generating again refreshes the same circulars; the monthly job adds none for a month already made.
        var again = await (await supervisor.PostAsync("/api/supervision/circulars/generate?month=2026-07", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(made.EnumerateArray().Select(Id).Order(), again.EnumerateArray().Select(Id).Order());
        App.Time.Set(new DateTimeOffset(2026, 8, 1, 0, 30, 0, TimeSpan.FromHours(8)));
        await App.Services.GetRequiredService<CircularJob>().RunOnceAsync(CancellationToken.None);
        Api.SignOutAll();
        var july = await (await Api.As("supervisor")).GetAsync("/api/supervision/circulars?month=2026-07&pageSize=200").ShouldBeOk();
        Assert.Equal(made.GetArrayLength(), july.GetProperty("total").GetInt32());
    }

    private async Task<JsonElement> IssueAsync(string unit, string[]? orderNumbers = null) =>
        await (await (await Api.As("supervisor")).PostJsonAsync(Base, new
        {
            unitId = await Api.UnitId(unit),
            suggestions = "请建立退单审核制度，杜绝不当退单",
            deadlineWorkingDays = 5,
            orderNumbers = orderNumbers ?? [],
        })).ShouldBe(HttpStatusCode.Created);

    private async Task<JsonElement> GetAsync(string user, JsonElement correction) => await (await Api.As(user)).GetAsync($"{Base}/{Id(correction)}").ShouldBeOk();

    private async Task<JsonElement> PostAsync(string user, JsonElement correction, string action, object body) =>
        await (await (await Api.As(user)).PostJsonAsync($"{Base}/{Id(correction)}/{action}", body)).ShouldBe(HttpStatusCode.OK);

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();

    private static List<string?> Actions(JsonElement correction) => correction.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).ToList();
}

public sealed class CorrectionTests_Sqlite(SqliteApp app) : CorrectionTests(app), IClassFixture<SqliteApp>;

public sealed class CorrectionTests_Postgres(PostgresApp app) : CorrectionTests(app), IClassFixture<PostgresApp>;
