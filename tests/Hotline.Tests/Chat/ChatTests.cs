using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hotline.Tests.Chat;

/// <summary>Issue 18: online customer service and the intelligent assistant, over HTTP and the hubs.</summary>
public abstract class ChatTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Assistant_AnswersAnAnswerableQuestion_WithThePassageAndItsCitation()
    {
        var (client, id) = await StartAsync();
        var view = await WriteAsync(client, id, "申请公积金贷款需要什么条件？");
        var answer = view.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal("assistant", answer.GetProperty("sender").GetString());
        Assert.Equal("住房公积金贷款申请条件", answer.GetProperty("articleTitle").GetString());
        Assert.Equal($"/portal/knowledge/{answer.GetProperty("articleId").GetInt64()}", answer.GetProperty("articleLink").GetString());
        Assert.Contains("连续足额缴存住房公积金满6个月", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("assistant", view.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("handoverReason").ValueKind);
    }

    [Fact]
    public async Task Assistant_HandsOverAnUnanswerableQuestion_AskingForThePhoneFirst()
    {
        var (client, id) = await StartAsync();
        var view = await WriteAsync(client, id, "我家的猫昨天跑丢了，橘色的，谁能帮我找找？");
        Assert.Equal("notConfident", view.GetProperty("handoverReason").GetString());
        Assert.True(view.GetProperty("needsVerifiedPhone").GetBoolean());
        Assert.Equal("assistant", view.GetProperty("state").GetString());
        Assert.DoesNotContain(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("articleId").ValueKind != JsonValueKind.Null);

        var (phone, n) = CitizenApi.NewCitizen();
        await _citizen.Verify(client, phone, "track");
        var queued = await (await client.PostJsonAsync($"/api/citizen/chat/{id}/handover", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("queued", queued.GetProperty("state").GetString());
        Assert.Equal("notConfident", queued.GetProperty("handoverReason").GetString());
        Assert.True(queued.GetProperty("position").GetInt32() >= 1);
        _ = n;
    }

    [Fact]
    public async Task Handover_OnRequest_WithAVerifiedPhone_QueuesAtOnce()
    {
        var (client, id) = await VerifiedStartAsync();
        var view = await WriteAsync(client, id, "转人工");
        Assert.Equal("queued", view.GetProperty("state").GetString());
        Assert.Equal("requested", view.GetProperty("handoverReason").GetString());
    }

    [Fact]
    public async Task Handover_WithoutAToken_Is401()
    {
        var (client, id) = await StartAsync();
        var refused = await client.PostJsonAsync($"/api/citizen/chat/{id}/handover", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("citizen.token_required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_ListsOldestFirst_WithPositions_AndTheCitizenSeesTheirs()
    {
        var (first, firstId) = await QueuedAsync();
        var (second, secondId) = await QueuedAsync();
        var agent = await Api.As("agent");
        var queue = await (await agent.GetAsync("/api/chat/queue")).ShouldBe(HttpStatusCode.OK);
        var rows = queue.GetProperty("queued").EnumerateArray().ToList();
        var a = rows.Single(r => r.GetProperty("id").GetInt64() == firstId).GetProperty("position").GetInt32();
        var b = rows.Single(r => r.GetProperty("id").GetInt64() == secondId).GetProperty("position").GetInt32();
        Assert.Equal(a + 1, b);
        Assert.Contains("****", rows[0].GetProperty("phoneMasked").GetString(), StringComparison.Ordinal);
        Assert.Equal(a, (await GetAsync(first, firstId)).GetProperty("position").GetInt32());
        Assert.Equal(b, (await GetAsync(second, secondId)).GetProperty("position").GetInt32());
        await DrainAsync(agent);
    }

    [Fact]
    public async Task Agent_TakesTheNext_Answers_AndAnotherAgentCannotReadIt()
    {
        var agent = await Api.As("agent");
        await DrainAsync(agent);
        var (client, id) = await QueuedAsync();
        await (await agent.PostJsonAsync("/api/chat/availability", new { availability = "online" })).ShouldBe(HttpStatusCode.OK);
        Assert.True((await GetAsync(client, id)).GetProperty("agentsOnline").GetInt32() >= 1);
        var taken = await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, taken.GetProperty("id").GetInt64());
        Assert.Equal("withAgent", (await GetAsync(client, id)).GetProperty("state").GetString());

        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "您好，请讲。" })).ShouldBe(HttpStatusCode.OK);
        var articleId = await ArticleIdAsync("住房公积金贷款申请条件");
        var cited = await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/messages", new { articleId })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("住房公积金贷款申请条件", cited.GetProperty("messages").EnumerateArray().Last().GetProperty("articleTitle").GetString());
        var seen = (await GetAsync(client, id)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("您好，请讲。", seen);

        var other = await Api.As("teamlead");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/chat/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "x" })).StatusCode);
        var otherCentre = await Api.As("dcoffice");
        Assert.Contains((await otherCentre.GetAsync($"/api/chat/conversations/{id}")).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        var stranger = _citizen.Client(CitizenApi.NewCitizen().N);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/citizen/chat/{id}")).StatusCode);
    }

    [Fact]
    public async Task TurnIntoOrder_RegistersTheOrderWithTheVerifiedPhone_AndKeepsTheTranscript()
    {
        var agent = await Api.As("agent");
        await DrainAsync(agent);
        var (client, id) = await QueuedAsync();
        var taken = await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/reveal", new { reason = "核实身份" })).ShouldBe(HttpStatusCode.OK);
        var current = await (await agent.GetAsync($"/api/chat/conversations/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(current.GetProperty("messages").EnumerateArray(), m => m.GetProperty("sender").GetString() == "note");
        var history = await (await agent.GetAsync($"/api/chat/conversations/{id}/history")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("****", history.GetProperty("phone").GetString(), StringComparison.Ordinal);

        var registered = await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(current.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var orderId = registered.GetProperty("workOrderId").GetInt64();
        var order = await Api.Get("agent", orderId);
        Assert.Equal("web", order.GetProperty("channel").GetString());
        var transcript = await (await agent.GetAsync($"/api/work-orders/{orderId}/chat")).ShouldBe(HttpStatusCode.OK);
        var lines = transcript.EnumerateArray().Single().GetProperty("messages").EnumerateArray().ToList();
        Assert.Contains(lines, m => m.GetProperty("text").GetString() == "转人工");
        Assert.DoesNotContain(lines, m => m.GetProperty("sender").GetString() == "note");
        var citizenView = await GetAsync(client, id);
        Assert.Equal(registered.GetProperty("workOrderNumber").GetString(), citizenView.GetProperty("workOrderNumber").GetString());
        Assert.DoesNotContain(citizenView.GetProperty("messages").EnumerateArray(), m => m.GetProperty("sender").GetString() == "note");

        var again = await agent.PostJsonAsync($"/api/chat/conversations/{id}/work-order", CitizenApi.Acceptance(registered.GetProperty("conversation").GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stale = await agent.PostJsonAsync($"/api/chat/conversations/{id}/close", new { version = taken.GetProperty("version").GetInt64() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/close", new { version = registered.GetProperty("conversation").GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", (await GetAsync(client, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task BadInput_IsAFieldNamedProblem_NeverA500()
    {
        var (client, id) = await StartAsync();
        await ShouldBeFieldProblem(await client.PostJsonAsync($"/api/citizen/chat/{id}/messages", new { text = "  " }), "text");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync($"/api/citizen/chat/{id}/messages", new { text = new string('问', 2001) })).StatusCode);
        var agent = await Api.As("agent");
        await ShouldBeFieldProblem(await agent.PostJsonAsync("/api/chat/availability", new { availability = (string?)null }), "availability");
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostJsonAsync("/api/chat/availability", new { availability = "asleep" })).StatusCode);
        var manager = await Api.As("manager");
        await ShouldBeFieldProblem(await manager.GetAsync("/api/chat/handover-rates?from=2026-13-01"), "from");
        await ShouldBeFieldProblem(await manager.GetAsync("/api/chat/handover-rates?from=2026-03-05&to=2026-03-01"), "to");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Api.As("handler")).GetAsync("/api/chat/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _citizen.Client(1).PostJsonAsync($"/api/citizen/chat/{id}/messages", new { text = "你好" })).StatusCode);
    }

    [Fact]
    public async Task HandoverRate_CountsTheDaysConversations_AndWhyTheyWentToAPerson()
    {
        var manager = await Api.As("manager");
        var before = await RateTodayAsync(manager);
        var (answered, answeredId) = await StartAsync();
        await WriteAsync(answered, answeredId, "申请公积金贷款需要什么条件？");
        var (requested, requestedId) = await StartAsync();
        await WriteAsync(requested, requestedId, "转人工");
        var after = await RateTodayAsync(manager);
        Assert.Equal(before.GetProperty("conversations").GetInt32() + 2, after.GetProperty("conversations").GetInt32());
        Assert.Equal(before.GetProperty("requested").GetInt32() + 1, after.GetProperty("requested").GetInt32());
        Assert.Equal(before.GetProperty("notConfident").GetInt32(), after.GetProperty("notConfident").GetInt32());
    }

    [Fact]
    public async Task Hubs_TellTheCitizenAndTheAgentLive_AndATicketIsUsedOnce()
    {
        var agent = await Api.As("agent");
        await DrainAsync(agent);
        var (client, id) = await QueuedAsync();
        var ticket = (await (await client.PostJsonAsync($"/api/citizen/chat/{id}/ticket", new { })).ShouldBe(HttpStatusCode.OK)).GetProperty("ticket").GetString()!;
        var heard = Channel.CreateUnbounded<long>();
        await using var citizenHub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseAddress, "/hubs/chat?ticket=" + Uri.EscapeDataString(ticket))).Build();
        citizenHub.On<long>("conversationChanged", changed => heard.Writer.TryWrite(changed));
        await citizenHub.StartAsync();

        // Joined: the hub tells the new connection to reload once (the client's start can return before the server has
        // added it to the conversation's group; a reply saved in that moment would otherwise reach no one).
        Assert.Equal(id, await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "您好" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        await using var reused = new HubConnectionBuilder().WithUrl(new Uri(App.BaseAddress, "/hubs/chat?ticket=" + Uri.EscapeDataString(ticket))).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reused.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        try
        {
            await reused.StartAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            // refused outright: as good as closed
        }

        Assert.NotEqual(HubConnectionState.Connected, reused.State);
    }

    private static async Task<JsonElement> RateTodayAsync(HttpClient manager)
    {
        var today = AppFixture.DefaultNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var days = await (await manager.GetAsync($"/api/chat/handover-rates?from={today}&to={today}")).ShouldBe(HttpStatusCode.OK);
        return days.EnumerateArray().Single();
    }

    private static async Task ShouldBeFieldProblem(HttpResponseMessage response, string field)
    {
        var body = await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}: {body}");
    }

    private async Task<long> ArticleIdAsync(string title)
    {
        var found = await (await App.Anonymous().GetAsync("/api/portal/knowledge?q=" + Uri.EscapeDataString(title))).ShouldBe(HttpStatusCode.OK);
        return found.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == title).GetProperty("entityId").GetInt64();
    }

    private static async Task DrainAsync(HttpClient agent)
    {
        var queue = await (await agent.GetAsync("/api/chat/queue")).ShouldBe(HttpStatusCode.OK);
        foreach (var _ in queue.GetProperty("queued").EnumerateArray())
        {
            var taken = await (await agent.PostJsonAsync("/api/chat/take-next", new { })).ShouldBe(HttpStatusCode.OK);
            await (await agent.PostJsonAsync($"/api/chat/conversations/{taken.GetProperty("id").GetInt64()}/close", new { version = taken.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        }
    }

    private async Task<(HttpClient Client, long Id)> StartAsync(HttpClient? client = null)
    {
        client ??= _citizen.Client(CitizenApi.NewCitizen().N);
        var started = await (await client.PostJsonAsync("/api/citizen/chat", new { })).ShouldBe(HttpStatusCode.Created);
        client.DefaultRequestHeaders.Add("X-Chat-Key", started.GetProperty("key").GetString());
        return (client, started.GetProperty("conversation").GetProperty("id").GetInt64());
    }

    private async Task<(HttpClient Client, long Id)> VerifiedStartAsync()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone, "track");
        return await StartAsync(client);
    }

    private async Task<(HttpClient Client, long Id)> QueuedAsync()
    {
        var (client, id) = await VerifiedStartAsync();
        Assert.Equal("queued", (await WriteAsync(client, id, "转人工")).GetProperty("state").GetString());
        return (client, id);
    }

    private static async Task<JsonElement> WriteAsync(HttpClient client, long id, string text) =>
        await (await client.PostJsonAsync($"/api/citizen/chat/{id}/messages", new { text })).ShouldBe(HttpStatusCode.OK);

    private static async Task<JsonElement> GetAsync(HttpClient client, long id) =>
        await (await client.GetAsync($"/api/citizen/chat/{id}")).ShouldBe(HttpStatusCode.OK);
}

public sealed class ChatTests_Sqlite(SqliteApp app) : ChatTests(app), IClassFixture<SqliteApp>;

public sealed class ChatTests_Postgres(PostgresApp app) : ChatTests(app), IClassFixture<PostgresApp>;
