using System.Net;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Assessment;

/// <summary>Issue 17 (S9): the rules of counting agent performance, with worked examples.</summary>
public sealed class AgentPerformanceRulesTests
{
    private static readonly DateTime At = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static AgentEntry E(WorkOrderAction action, long? actor, string name = "王芳", long? registeredBy = null, params (string, string?)[] facts) =>
        new(action, actor, name, At, registeredBy, registeredBy is null ? null : "王芳", facts.ToDictionary(f => f.Item1, f => f.Item2));

    [Fact]
    public void WorkedExample_EachEntryCreditsOneAgent()
    {
        var rows = AgentPerformance.Count(
        [
            E(WorkOrderAction.Register, 1), E(WorkOrderAction.Register, 1), E(WorkOrderAction.Register, 1), E(WorkOrderAction.Register, 1),
            E(WorkOrderAction.AnswerDirectly, 1), E(WorkOrderAction.HandleDirectly, 1), E(WorkOrderAction.RejectAtIntake, 1),
            // two send-backs by the dispatcher (7) of orders agent 1 registered: they count for agent 1, not the dispatcher
            E(WorkOrderAction.SendBack, 7, "赵敏", registeredBy: 1), E(WorkOrderAction.SendBack, 7, "赵敏", registeredBy: 1),
            // the callback agent (5): reached and satisfied, reached and basically satisfied, reached with one rating unsatisfied, not reached twice
            E(WorkOrderAction.Callback, 5, "陈静", null, ("reached", "true"), ("processRating", "Satisfied"), ("resultRating", "Satisfied")),
            E(WorkOrderAction.Callback, 5, "陈静", null, ("reached", "true"), ("processRating", "BasicallySatisfied"), ("resultRating", "BasicallySatisfied")),
            E(WorkOrderAction.Callback, 5, "陈静", null, ("reached", "true"), ("processRating", "Satisfied"), ("resultRating", "Unsatisfied")),
            E(WorkOrderAction.Callback, 5, "陈静", null, ("reached", "false")),
            E(WorkOrderAction.Callback, 5, "陈静", null, ("reached", "false"), ("unreachable", "true")),
            // the system's entries credit nobody
            E(WorkOrderAction.Register, null, "系统"),
        ]);

        Assert.Equal(2, rows.Count);
        var agent = Assert.Single(rows, r => r.UserId == 1);
        Assert.Equal(new AgentFigures(1, "王芳", 4, 1, 1, 1, 2, 0, 0, 0, 0, 0), agent);
        var callback = Assert.Single(rows, r => r.UserId == 5);
        Assert.Equal(new AgentFigures(5, "陈静", 0, 0, 0, 0, 0, 5, 3, 2, 1, 2), callback);
        Assert.Null(callback.QualityScore);
        Assert.Equal(callback.CallbacksMade, callback.CallbacksReached + callback.CallbacksUnreachable);
        Assert.Equal(callback.CallbacksReached, callback.CallbacksSatisfied + callback.CallbacksUnsatisfied);
    }

    [Fact]
    public void ASendBackOfAnOrderWithoutAnAgent_CreditsNobody_AndNoEntriesMeanNoRows()
    {
        Assert.Empty(AgentPerformance.Count([E(WorkOrderAction.SendBack, 7, "赵敏")]));
        Assert.Empty(AgentPerformance.Count([]));
    }
}

/// <summary>Issue 17: agent performance over HTTP on both databases: the figures move with the actions, scope by role, the export, bad periods.</summary>
public abstract class AgentPerformanceTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Day = "from=2026-03-02&to=2026-03-02";

    private async Task<JsonElement> Report(string user, string query = Day) =>
        await (await Api.As(user)).GetAsync($"/api/assessment/agents?{query}").ShouldBeOk();

    private static JsonElement? Row(JsonElement report, string name) =>
        report.GetProperty("rows").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("name").GetString() == name);

    private static int Figure(JsonElement report, string name, string figure) => Row(report, name) is { } r ? r.GetProperty(figure).GetInt32() : 0;

    [Fact]
    public async Task Figures_MoveWithTheAgentsActions()
    {
        var before = await Report("teamlead");

        await Api.Register(WorkOrderApi.Order(outcome: new { kind = "answerDirectly", answer = "可通过12345网站查询。" }));
        await Api.Register(WorkOrderApi.Order(outcome: new { kind = "reject", reason = "procedureNotEnded", note = "信访复查中，请按原渠道反映" }));
        var sentBack = await Api.RegisterId();
        await Api.Ok("dispatcher", sentBack, "send-back", new { reason = "correction", note = "地址不清" });
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await Api.Ok("callback", id, "callback", new { method = "phone", reached = false, comment = "无人接听" });
        await Api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "unsatisfied", comment = "仍未修好" });

        var after = await Report("teamlead");
        Assert.False(after.GetProperty("ownRowOnly").GetBoolean());
        Assert.Equal(4, Figure(after, "王芳", "registered") - Figure(before, "王芳", "registered"));
        Assert.Equal(1, Figure(after, "王芳", "answeredDirectly") - Figure(before, "王芳", "answeredDirectly"));
        Assert.Equal(1, Figure(after, "王芳", "notAccepted") - Figure(before, "王芳", "notAccepted"));
        Assert.Equal(1, Figure(after, "王芳", "sendBacksReceived") - Figure(before, "王芳", "sendBacksReceived"));
        Assert.Equal(0, Figure(after, "赵敏", "sendBacksReceived") - Figure(before, "赵敏", "sendBacksReceived"));
        Assert.Equal(2, Figure(after, "陈静", "callbacksMade") - Figure(before, "陈静", "callbacksMade"));
        Assert.Equal(1, Figure(after, "陈静", "callbacksReached") - Figure(before, "陈静", "callbacksReached"));
        Assert.Equal(1, Figure(after, "陈静", "callbacksUnreachable") - Figure(before, "陈静", "callbacksUnreachable"));
        Assert.Equal(1, Figure(after, "陈静", "callbacksUnsatisfied") - Figure(before, "陈静", "callbacksUnsatisfied"));
        Assert.Equal(JsonValueKind.Null, Row(after, "陈静")!.Value.GetProperty("qualityScore").ValueKind);

        // Another day holds none of it.
        Assert.Equal(0, Figure(await Report("teamlead", "from=2026-03-03&to=2026-03-31"), "王芳", "registered"));
    }

    [Fact]
    public async Task AnAgent_ReadsTheirOwnRowOnly()
    {
        await Api.RegisterId();
        await Api.Dispatched();

        var own = await Report("agent");

        Assert.True(own.GetProperty("ownRowOnly").GetBoolean());
        Assert.All(own.GetProperty("rows").EnumerateArray(), r => Assert.Equal("王芳", r.GetProperty("name").GetString()));
        Assert.NotNull(Row(own, "王芳"));
        Assert.NotNull(Row(await Report("manager"), "王芳"));
    }

    [Fact]
    public async Task ARoleOutsideTheCentresReaders_IsRefused()
    {
        await (await (await Api.As("handler")).GetAsync($"/api/assessment/agents?{Day}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("dispatcher")).GetAsync($"/api/assessment/agents?{Day}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2026-03-02", "to")]
    [InlineData("from=2026-03-02&to=2026-02-01", "to")]
    [InlineData("from=2026-3-2&to=2026-03-02", "from")]
    [InlineData("from=2020-01-01&to=2026-03-02", "to")]
    public async Task ABadPeriod_IsAFieldNamedProblem(string query, string field)
    {
        var response = await (await Api.As("manager")).GetAsync($"/api/assessment/agents?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IsAWorkbookOfTheSameRows()
    {
        await Api.RegisterId();
        var report = await Report("manager");

        var response = await (await Api.As("manager")).GetAsync($"/api/assessment/agents/export?{Day}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(report.GetProperty("rows").GetArrayLength(), rows.Count);
        var agent = Assert.Single(rows, r => Equals(r["坐席"], "王芳"));
        Assert.Equal((double)Figure(report, "王芳", "registered"), Convert.ToDouble(agent["登记工单"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("未测评", agent["质检得分"]);
    }
}

public sealed class AgentPerformanceTests_Sqlite(SqliteApp app) : AgentPerformanceTests(app), IClassFixture<SqliteApp>;

public sealed class AgentPerformanceTests_Postgres(PostgresApp app) : AgentPerformanceTests(app), IClassFixture<PostgresApp>;
