using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Clocks;

/// <summary>
/// The clocks of issue 15 over HTTP: the dispatch window from the deadline rules (Henan's defaults, as the demo seeds
/// them) with its light, automatic reminder and notification to the dispatchers; the callback's target and limit with the
/// callback agents told; the progress report's committed date reminded to the unit; the hops in the order.
/// </summary>
public abstract class ClockHttpTests(AppFixture app) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly WorkOrderApi _api = new(app);

    public async Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);

        // The tests' platform starts without the demo's deadline rules (Seed:DemoDeadlineRules); these tests add them as
        // the demo seeds them, through the admin's screen.
        var admin = await _api.As("admin");
        var rules = await admin.GetAsync("/api/deadline-rules").ShouldBeOk();
        if (!rules.EnumerateArray().Any(r => r.GetProperty("dispatchMinutes").ValueKind == JsonValueKind.Number))
        {
            foreach (var rule in Hotline.Domain.Dispatch.DeadlineRule.HenanDefaults())
            {
                await (await admin.PostJsonAsync("/api/deadline-rules", new
                {
                    requestType = rule.RequestType is { } type ? JsonNamingPolicy.CamelCase.ConvertName(type.ToString()) : null,
                    categoryCode = rule.CategoryCode,
                    handlingWorkingDays = rule.HandlingWorkingDays,
                    callbackWorkingDays = rule.CallbackWorkingDays,
                    dispatchMinutes = rule.DispatchMinutes,
                })).ShouldBe(HttpStatusCode.Created);
            }
        }
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DispatchDeadline_ComplaintInHenan_AtOnce()
    {
        // A complaint registered Monday 2 March 09:00: dispatch at once, within 30 minutes; yellow at half the window.
        var registered = await _api.Register();
        var id = registered.GetProperty("id").GetInt64();
        var number = registered.GetProperty("number").GetString();
        var clocks = registered.GetProperty("clocks");
        Assert.Equal("2026-03-02T09:30:00+08:00", clocks.GetProperty("dispatchDue").GetString());
        Assert.Equal("2026-03-02T09:15:00+08:00", clocks.GetProperty("dispatchWarnAt").GetString());
        Assert.Equal("dispatch", clocks.GetProperty("running").GetString());

        await ClockAtAsync(new DateTimeOffset(2026, 3, 2, 9, 16, 0, China));
        Assert.Equal("yellow", (await _api.Get("dispatcher", id)).GetProperty("light").GetString());
        Assert.Empty(await NotificationsOfAsync("dispatcher", number));

        await ClockAtAsync(new DateTimeOffset(2026, 3, 2, 9, 31, 0, China));
        var order = await _api.Get("dispatcher", id);
        Assert.Equal("red", order.GetProperty("light").GetString());
        var reminder = Assert.Single(order.GetProperty("reminders").EnumerateArray());
        Assert.Equal(0, reminder.GetProperty("unitId").GetInt64());
        Assert.Contains("派单时限", reminder.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The dispatch queue filtered by its light finds it; the units' yellow and red do not count it.
        var queue = await (await _api.As("dispatcher")).GetAsync("/api/work-orders?status=awaitingDispatch&light=red&pageSize=100").ShouldBeOk();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);

        var told = Assert.Single(await NotificationsOfAsync("dispatcher", number));
        Assert.Equal("dispatchOverdue", told.GetProperty("kind").GetString());
        Assert.True(told.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.Empty(await NotificationsOfAsync("handler", number));
        Assert.Empty(await NotificationsOfAsync("callback", number));

        // Dispatched: the light shows the handling clock now, and it is not lit.
        var dispatched = await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-DC-ZJ") });
        Assert.Equal("none", dispatched.GetProperty("light").GetString());
        Assert.Equal("handling", dispatched.GetProperty("clocks").GetProperty("running").GetString());
        Assert.Equal(JsonValueKind.Null, dispatched.GetProperty("clocks").GetProperty("dispatchDue").ValueKind);
    }

    [Fact]
    public async Task DeadlineRules_DispatchWindow_EditedByTheAdmin_RefusedByField()
    {
        var admin = await _api.As("admin");
        await (await admin.PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 3, dispatchWorkingDays = 1, dispatchMinutes = 30 }))
            .ShouldBeValidationError("dispatchMinutes");
        await (await admin.PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 3, dispatchMinutes = 600 }))
            .ShouldBeValidationError("dispatchMinutes");
        await (await admin.PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 3, dispatchWorkingDays = 9 }))
            .ShouldBeValidationError("dispatchWorkingDays");
        await (await admin.PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 5 }))
            .ShouldBeValidationError("callbackWorkingDays");
        await (await (await _api.As("dispatcher")).PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 3 }))
            .ShouldBe(HttpStatusCode.Forbidden);

        var rule = await (await admin.PostJsonAsync("/api/deadline-rules", new { requestType = "suggestion", handlingWorkingDays = 5, callbackWorkingDays = 3, dispatchWorkingDays = 2 }))
            .ShouldBe(HttpStatusCode.Created);
        var ruleId = rule.GetProperty("id").GetInt64();
        try
        {
            Assert.Equal(2, rule.GetProperty("dispatchWorkingDays").GetInt32());
            var suggestion = await _api.Register(Suggestion());
            Assert.Equal("2026-03-04T23:59:59+08:00", suggestion.GetProperty("clocks").GetProperty("dispatchDue").GetString());

            var edited = await (await admin.PutJsonAsync($"/api/deadline-rules/{ruleId}", new
            {
                requestType = "suggestion",
                handlingWorkingDays = 5,
                callbackWorkingDays = 3,
                dispatchMinutes = 60,
                version = rule.GetProperty("version").GetInt64(),
            })).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(60, edited.GetProperty("dispatchMinutes").GetInt32());
            Assert.Equal(JsonValueKind.Null, edited.GetProperty("dispatchWorkingDays").ValueKind);
            var atOnce = await _api.Register(Suggestion());
            Assert.Equal("2026-03-02T10:00:00+08:00", atOnce.GetProperty("clocks").GetProperty("dispatchDue").GetString());
        }
        finally
        {
            await (await admin.DeleteAsync($"/api/deadline-rules/{ruleId}")).ShouldBe(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task Callback_DueNextWorkingDay_AtMostThree()
    {
        // Accepted on Friday 9 October 2026, after the National Day holiday: the target is the make-up Saturday 10
        // October, the limit three working days (10, 12, 13 October).
        app.Time.Set(new DateTimeOffset(2026, 10, 9, 9, 0, 0, China));
        _api.SignOutAll();
        var id = await AcceptedAsync();
        var order = await _api.Get("callback", id);
        var number = order.GetProperty("number").GetString();
        var clocks = order.GetProperty("clocks");
        Assert.Equal("2026-10-10T23:59:59+08:00", clocks.GetProperty("callbackTarget").GetString());
        Assert.Equal("2026-10-13T23:59:59+08:00", clocks.GetProperty("callbackDue").GetString());
        Assert.Equal("callback", clocks.GetProperty("running").GetString());

        await ClockAtAsync(new DateTimeOffset(2026, 10, 11, 9, 0, 0, China));
        var queue = await (await _api.As("callback")).GetAsync("/api/work-orders?status=awaitingCallback&light=yellow&pageSize=100").ShouldBeOk();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Empty(await NotificationsOfAsync("handler", number)); // the callback clock's yellow is not the unit's

        await ClockAtAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, China));
        Assert.Equal("red", (await _api.Get("callback", id)).GetProperty("light").GetString());
        var told = Assert.Single(await NotificationsOfAsync("callback", number));
        Assert.Equal("callbackOverdue", told.GetProperty("kind").GetString());
        Assert.Empty(await NotificationsOfAsync("dispatcher", number));

        // The callback reached the citizen: the clock and its light go out.
        var closed = await _api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied" });
        Assert.Equal("none", closed.GetProperty("light").GetString());
    }

    [Fact]
    public async Task ProgressReport_CommittedDatePassed_Reminds()
    {
        var id = await _api.Dispatched();
        await _api.Ok("handler", id, "sign");
        var reported = await _api.Ok("handler", id, "progress-report", new { text = "已联系维保公司，配件在途", committedDate = "2026-03-03" });
        var number = reported.GetProperty("number").GetString();
        Assert.Equal("2026-03-03T23:59:59+08:00", reported.GetProperty("clocks").GetProperty("progressDue").GetString());

        await ClockAtAsync(new DateTimeOffset(2026, 3, 3, 23, 0, 0, China));
        Assert.Empty((await _api.Get("handler", id)).GetProperty("reminders").EnumerateArray());

        await ClockAtAsync(new DateTimeOffset(2026, 3, 4, 9, 0, 0, China));
        var order = await _api.Get("handler", id);
        var reminder = Assert.Single(order.GetProperty("reminders").EnumerateArray());
        Assert.Contains("2026-03-03", reminder.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", order.GetProperty("light").GetString());
        var told = Assert.Single(await NotificationsOfAsync("handler", number));
        Assert.Equal("progressReportOverdue", told.GetProperty("kind").GetString());
        Assert.Empty(await NotificationsOfAsync("handler2", number));

        // Reminded once; a new report commits to a new date.
        await ClockAtAsync(new DateTimeOffset(2026, 3, 4, 10, 0, 0, China));
        Assert.Single((await _api.Get("handler", id)).GetProperty("reminders").EnumerateArray());
        var again = await _api.Ok("handler", id, "progress-report", new { text = "配件已到，明日安装", committedDate = "2026-03-05" });
        Assert.Equal("2026-03-05T23:59:59+08:00", again.GetProperty("clocks").GetProperty("progressDue").GetString());
    }

    [Fact]
    public async Task Hops_CountEachPassToAnotherUnit_InTheOrder()
    {
        var id = await _api.Dispatched();
        Assert.Equal(1, (await _api.Get("dispatcher", id)).GetProperty("counts").GetProperty("hops").GetInt32());

        var water = await _api.UnitId("AL-WATER");
        await _api.Ok("handler", id, "return", new { reason = "供水问题不属住建局职责", basis = "住建局三定方案", suggestedUnitId = water });
        var passed = await _api.Ok("dispatcher", id, "approve-return", new { note = "同意退回", leadUnitId = water });

        Assert.Equal(2, passed.GetProperty("counts").GetProperty("hops").GetInt32());
    }

    private static object Suggestion() => new
    {
        channel = "phone",
        requestType = "suggestion",
        categoryCode = "0903",
        urgency = "normal",
        caller = new { name = "李四", phone = "13912345678", isAnonymous = false, isConfidential = false },
        location = new { regionCode = "990102001", street = "东华街道", address = "明珠小区" },
        subject = "建议增设垃圾分类点",
        events = "小区只有一个垃圾点，距离较远。",
        demand = "建议增设垃圾分类投放点。",
        outcome = new { kind = "dispatch" },
    };

    /// <summary>Registered, dispatched, signed, replied and the reply accepted at the server's current time.</summary>
    private async Task<long> AcceptedAsync()
    {
        var id = await _api.Dispatched();
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已督促物业更换电梯主板，电梯恢复运行", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await _api.Ok("dispatcher", id, "accept-reply");
        return id;
    }

    private Task ClockAtAsync(DateTimeOffset at) => _api.ClockAtAsync(app, at);

    private Task<List<JsonElement>> NotificationsOfAsync(string user, string? number) => _api.NotificationsOfAsync(user, number);
}

public sealed class ClockHttpTests_Sqlite(SqliteApp app) : ClockHttpTests(app), IClassFixture<SqliteApp>;

public sealed class ClockHttpTests_Postgres(PostgresApp app) : ClockHttpTests(app), IClassFixture<PostgresApp>;
