using System.Net;
using System.Text.Json;
using Hotline.Domain.Chat;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Chat;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Chat;

/// <summary>
/// Issue 18, online customer service finished: one conversation makes one work order however often it is sent, the
/// transcript goes with the order (the order's scope on the workbench, the citizen's own tracking on the portal), and
/// conversations nobody writes in are closed by the idle sweep.
/// </summary>
public abstract class ChatOrderTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Register_TwiceAtOnce_MakesOneOrder_AndTheOtherGets409()
    {
        var (_, id, phone, agent, version) = await TakenAsync("小区门口的路灯不亮了");

        var both = await Task.WhenAll(
            agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(version)),
            agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(version)));

        Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, both.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await OrdersOfAsync(phone));
        await using var scope = App.Services.CreateAsyncScope();
        var conversation = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.NotNull(conversation.WorkOrderId);
        Assert.Null(conversation.RegistrationClaimedAtUtc);
    }

    /// <summary>
    /// The race the claim closes, held open: another registration (another node, a second click) has claimed the
    /// conversation and not yet linked its order. A register sent now with the current version is refused, and makes no
    /// order; once that claim has lapsed (its node stopped), the conversation can be registered.
    /// </summary>
    [Fact]
    public async Task Register_WhileAnotherRegistrationHoldsTheClaim_IsRefused_UntilTheClaimLapses()
    {
        var (_, id, phone, agent, _) = await TakenAsync("小区的健身器材坏了很久");
        await HoldClaimAsync(id, App.Time.GetUtcNow().UtcDateTime);

        var current = (await agent.GetAsync($"/api/chat/conversations/{id}").ShouldBeOk()).GetProperty("version").GetInt64();
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(current))).ShouldBeProblem(HttpStatusCode.Conflict, "chat.registering");
        Assert.Equal(0, await OrdersOfAsync(phone));

        await HoldClaimAsync(id, App.Time.GetUtcNow().UtcDateTime - ChatRules.RegistrationClaimLifetime - TimeSpan.FromSeconds(1));
        current = (await agent.GetAsync($"/api/chat/conversations/{id}").ShouldBeOk()).GetProperty("version").GetInt64();
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(current))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await OrdersOfAsync(phone));
    }

    [Fact]
    public async Task Register_RefusedByTheRegistration_ReleasesTheClaim_SoTheNextTryRegisters()
    {
        var (_, id, phone, agent, version) = await TakenAsync("楼道里堆满了杂物");
        var refused = await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", Acceptance(version, demand: null));
        var problem = await refused.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("demand", out _), problem.ToString());

        var now = await (await agent.GetAsync($"/api/chat/conversations/{id}")).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(now.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await OrdersOfAsync(phone));
    }

    [Fact]
    public async Task OrderTranscript_FollowsTheOrdersScope_AndMasksTheCallersPhone()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var (_, id, _, agent, version) = await TakenAsync($"我家水管漏水，电话{phone}", phone, n);
        var orderId = (await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(version))).ShouldBe(HttpStatusCode.Created))
            .GetProperty("workOrderId").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await (await Api.As("handler")).GetAsync($"/api/work-orders/{orderId}/chat")).StatusCode); // not dispatched yet

        await Api.Ok("dispatcher", orderId, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        var seen = await (await Api.As("handler")).GetAsync($"/api/work-orders/{orderId}/chat").ShouldBeOk();
        var texts = seen.EnumerateArray().Single().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.StartsWith("我家水管漏水，电话", StringComparison.Ordinal) && t.Contains(Masking.Phone(phone)!, StringComparison.Ordinal));
        Assert.DoesNotContain(phone, seen.ToString(), StringComparison.Ordinal);
        Assert.Equal(Masking.Phone(phone), seen.EnumerateArray().Single().GetProperty("phoneMasked").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await (await Api.As("handler2")).GetAsync($"/api/work-orders/{orderId}/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Api.As("water")).GetAsync($"/api/work-orders/{orderId}/chat")).StatusCode);
        Assert.Single((await (await Api.As("manager")).GetAsync($"/api/work-orders/{orderId}/chat").ShouldBeOk()).EnumerateArray());
    }

    [Fact]
    public async Task OrderTranscript_OfAConfidentialCaller_IsNotShownToTheUnit()
    {
        var (_, id, _, agent, version) = await TakenAsync("我要实名举报某单位违规收费");
        var confidential = Acceptance(version, confidential: true);
        var orderId = (await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", confidential)).ShouldBe(HttpStatusCode.Created))
            .GetProperty("workOrderId").GetInt64();
        await Api.Ok("dispatcher", orderId, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });

        Assert.Empty((await (await Api.As("handler")).GetAsync($"/api/work-orders/{orderId}/chat").ShouldBeOk()).EnumerateArray());
        Assert.Single((await agent.GetAsync($"/api/work-orders/{orderId}/chat").ShouldBeOk()).EnumerateArray());
    }

    [Fact]
    public async Task Tracking_ShowsTheCitizenTheChat_WithoutStaffNamesNotesOrServiceLines()
    {
        var (client, id, _, agent, _) = await TakenAsync("社区医院周末是否开门？");
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "您好，我帮您登记后转卫健部门答复。" })).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/reveal", new { reason = "核实来电人" })).ShouldBe(HttpStatusCode.OK);
        var version = (await (await agent.GetAsync($"/api/chat/conversations/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        var number = (await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(version))).ShouldBe(HttpStatusCode.Created))
            .GetProperty("workOrderNumber").GetString()!;

        var progress = await (await client.GetAsync($"/api/citizen/submissions/{number}")).ShouldBe(HttpStatusCode.OK);
        var chat = progress.GetProperty("chat").EnumerateArray().ToList();
        Assert.Contains(chat, l => l.GetProperty("sender").GetString() == "citizen" && l.GetProperty("text").GetString() == "社区医院周末是否开门？");
        Assert.Contains(chat, l => l.GetProperty("sender").GetString() == "agent" && l.GetProperty("text").GetString() == "您好，我帮您登记后转卫健部门答复。");
        Assert.All(chat, l => Assert.Contains(l.GetProperty("sender").GetString(), new[] { "citizen", "assistant", "agent" }));
        Assert.DoesNotContain("王芳", progress.ToString(), StringComparison.Ordinal); // the agent's name, in the reveal's note
        Assert.DoesNotContain("核实来电人", progress.ToString(), StringComparison.Ordinal);

        var stranger = _citizen.Client(CitizenApi.NewCitizen().N);
        var (strangerPhone, _) = CitizenApi.NewCitizen();
        await _citizen.Verify(stranger, strangerPhone, "track");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/citizen/submissions/{number}")).StatusCode);
    }

    [Fact]
    public async Task IdleSweep_ClosesWhatNobodyWroteIn_WithTheReason_ButLeavesTheQueueAndTheLively()
    {
        var sweep = App.Services.GetRequiredService<ChatIdleJob>();
        var (assistantClient, assistantId) = await StartAsync(_citizen.Client(CitizenApi.NewCitizen().N));
        await WriteAsync(assistantClient, assistantId, "申请公积金贷款需要什么条件？");
        var (withAgentClient, withAgentId, _, _, _) = await TakenAsync("噪音扰民怎么办");
        var (queuedClient, queuedId) = await QueuedAsync();
        var (livelyClient, livelyId) = await StartAsync(_citizen.Client(CitizenApi.NewCitizen().N));

        App.Time.Advance(TimeSpan.FromMinutes(29));
        await WriteAsync(livelyClient, livelyId, "你好");
        Assert.Equal(0, await sweep.RunOnceAsync(default));
        App.Time.Advance(TimeSpan.FromMinutes(2));
        await sweep.RunOnceAsync(default); // (the hosted loop may have closed some of them first: the states below tell)

        foreach (var (client, id) in new[] { (assistantClient, assistantId), (withAgentClient, withAgentId) })
        {
            var view = await GetAsync(client, id);
            Assert.Equal("closed", view.GetProperty("state").GetString());
            Assert.Equal(ChatTexts.IdleClosed, view.GetProperty("messages").EnumerateArray().Last().GetProperty("text").GetString());
        }

        Assert.Equal("queued", (await GetAsync(queuedClient, queuedId)).GetProperty("state").GetString());
        Assert.Equal("assistant", (await GetAsync(livelyClient, livelyId)).GetProperty("state").GetString());
        await using var scope = App.Services.CreateAsyncScope();
        var reasons = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<Conversation>().AsNoTracking()
            .Where(c => c.Id == assistantId || c.Id == withAgentId).Select(c => c.CloseReason).ToListAsync();
        Assert.All(reasons, r => Assert.Equal(ConversationCloseReason.Idle, r));
        await DrainAsync(await Api.As("agent"));
    }

    private static object Acceptance(long version, string? demand = "请尽快处理。", bool confidential = false) => new
    {
        requestType = "complaint",
        categoryCode = "010101",
        urgency = "normal",
        caller = new { name = (string?)null, phone = (string?)null, isAnonymous = false, isConfidential = confidential },
        location = new { regionCode = "990102001", street = "东华街道", address = "明珠小区3栋" },
        subject = "网上客服登记",
        events = "市民在线反映的问题。",
        demand,
        outcome = new { kind = "dispatch" },
        version,
    };

    /// <summary>A registration elsewhere claims the conversation at <paramref name="atUtc"/> (as its agent) and is still running.</summary>
    private async Task HoldClaimAsync(long id, DateTime atUtc)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var conversation = await db.Set<Conversation>().SingleAsync(c => c.Id == id);
        conversation.ReleaseRegistration();
        conversation.ClaimForRegistration(conversation.AgentUserId!.Value, atUtc);
        await db.SaveChangesAsync();
    }

    private async Task<int> OrdersOfAsync(string phone)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrder>().CountAsync(w => w.CallerPhone == phone);
    }

    /// <summary>A verified citizen asks <paramref name="question"/>, asks for a person, and the agent takes the conversation.</summary>
    private async Task<(HttpClient Client, long Id, string Phone, HttpClient Agent, long Version)> TakenAsync(string question, string? phone = null, int? n = null)
    {
        var agent = await Api.As("agent");
        await DrainAsync(agent);
        if (phone is null || n is null)
        {
            (phone, var fresh) = CitizenApi.NewCitizen();
            n = fresh;
        }

        var client = _citizen.Client(n.Value);
        await _citizen.Verify(client, phone, "track");
        var (_, id) = await StartAsync(client);
        if ((await WriteAsync(client, id, question)).GetProperty("state").GetString() == "assistant")
        {
            await (await client.PostJsonAsync($"/api/citizen/chat/{id}/handover", new { })).ShouldBe(HttpStatusCode.OK);
        }

        var taken = await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, taken.GetProperty("id").GetInt64());
        return (client, id, phone, agent, taken.GetProperty("version").GetInt64());
    }

    private async Task<(HttpClient Client, long Id)> QueuedAsync()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone, "track");
        var (_, id) = await StartAsync(client);
        Assert.Equal("queued", (await WriteAsync(client, id, "转人工")).GetProperty("state").GetString());
        return (client, id);
    }

    private static async Task DrainAsync(HttpClient agent)
    {
        var queue = await (await agent.GetAsync("/api/chat/queue")).ShouldBe(HttpStatusCode.OK);
        foreach (var _ in queue.GetProperty("queued").EnumerateArray())
        {
            var taken = await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
            await (await agent.PostJsonAsync($"/api/chat/conversations/{taken.GetProperty("id").GetInt64()}/close", new { version = taken.GetProperty("version").GetInt64() }))
                .ShouldBe(HttpStatusCode.OK);
        }
    }

    private static async Task<(HttpClient Client, long Id)> StartAsync(HttpClient client)
    {
        var started = await (await client.PostJsonAsync("/api/citizen/chat", new { })).ShouldBe(HttpStatusCode.Created);
        client.DefaultRequestHeaders.Add("X-Chat-Key", started.GetProperty("key").GetString());
        return (client, started.GetProperty("conversation").GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> WriteAsync(HttpClient client, long id, string text) =>
        await (await client.PostJsonAsync($"/api/citizen/chat/{id}/messages", new { text })).ShouldBe(HttpStatusCode.OK);

    private static async Task<JsonElement> GetAsync(HttpClient client, long id) =>
        await (await client.GetAsync($"/api/citizen/chat/{id}")).ShouldBe(HttpStatusCode.OK);
}

public sealed class ChatOrderTests_Sqlite(SqliteApp app) : ChatOrderTests(app), IClassFixture<SqliteApp>;

public sealed class ChatOrderTests_Postgres(PostgresApp app) : ChatOrderTests(app), IClassFixture<PostgresApp>;
