using System.Net;
using System.Text.Json;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Chat;

/// <summary>
/// Issue 18: the assistant's hand-over rate (<c>GET /api/chat/handover-rates</c>) counts each conversation once, on the
/// China day it started, with why it went to a person (asked for one, or the assistant was not confident), and a day
/// without conversations is a zero rate, not a gap.
/// </summary>
public abstract class HandoverRateTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    /// <summary>23:59 on 6 April 2026, China time: the last minute of a day that no other test of this class uses.</summary>
    private static readonly DateTimeOffset LastMinute = new(2026, 4, 6, 23, 59, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task HandoverRate_CountsEachConversationOnItsChinaDay_WithItsReason()
    {
        App.Time.Set(LastMinute);
        await StartAsync("申请公积金贷款需要什么条件？"); // answered: not handed over
        await StartAsync("我家的猫昨天跑丢了，橘色的，谁能帮我找找？"); // not confident
        await StartAsync("转人工"); // asked for a person
        await StartAsync(null); // opened, nothing asked: a conversation, not a hand-over
        var notConfidentTwice = await StartAsync("养狗要办狗证吗，在哪里办？");
        await WriteAsync(notConfidentTwice, "出国留学的学历认证去哪里办？"); // a second question does not count the conversation again

        App.Time.Set(LastMinute.AddMinutes(2)); // 00:01 the next day in China, still 6 April in UTC
        await StartAsync("快递丢件了，快递公司不赔怎么办？");

        var manager = await Api.As("manager");
        var days = (await (await manager.GetAsync("/api/chat/handover-rates?from=2026-04-05&to=2026-04-07")).ShouldBe(HttpStatusCode.OK))
            .EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!);
        Assert.Equal(3, days.Count);
        Expect(days["2026-04-05"], conversations: 0, requested: 0, notConfident: 0, rate: 0);
        Expect(days["2026-04-06"], conversations: 5, requested: 1, notConfident: 2, rate: 0.6);
        Expect(days["2026-04-07"], conversations: 1, requested: 0, notConfident: 1, rate: 1);
    }

    [Fact]
    public async Task HandoverRate_IsReadByTheCentresFigureReadersOnly()
    {
        App.Time.Set(LastMinute);
        foreach (var reader in new[] { "manager", "teamlead" })
        {
            await (await (await Api.As(reader)).GetAsync("/api/chat/handover-rates?from=2026-04-06&to=2026-04-06")).ShouldBe(HttpStatusCode.OK);
        }

        foreach (var other in new[] { "agent", "handler", "dispatcher" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await Api.As(other)).GetAsync("/api/chat/handover-rates")).StatusCode);
        }
    }

    private static void Expect(JsonElement day, int conversations, int requested, int notConfident, double rate)
    {
        Assert.Equal(conversations, day.GetProperty("conversations").GetInt32());
        Assert.Equal(requested, day.GetProperty("requested").GetInt32());
        Assert.Equal(notConfident, day.GetProperty("notConfident").GetInt32());
        Assert.Equal(requested + notConfident, day.GetProperty("handedOver").GetInt32());
        Assert.Equal(rate, day.GetProperty("rate").GetDouble(), 4);
    }

    /// <summary>A new citizen opens a conversation and, when <paramref name="question"/> is given, asks it.</summary>
    private async Task<(HttpClient Client, long Id)> StartAsync(string? question)
    {
        var client = _citizen.Client(CitizenApi.NewCitizen().N);
        var started = await (await client.PostJsonAsync("/api/citizen/chat", new { })).ShouldBe(HttpStatusCode.Created);
        client.DefaultRequestHeaders.Add("X-Chat-Key", started.GetProperty("key").GetString());
        var conversation = (client, started.GetProperty("conversation").GetProperty("id").GetInt64());
        if (question is not null)
        {
            await WriteAsync(conversation, question);
        }

        return conversation;
    }

    private static async Task WriteAsync((HttpClient Client, long Id) conversation, string text) =>
        await (await conversation.Client.PostJsonAsync($"/api/citizen/chat/{conversation.Id}/messages", new { text })).ShouldBe(HttpStatusCode.OK);
}

public sealed class HandoverRateTests_Sqlite(SqliteApp app) : HandoverRateTests(app), IClassFixture<SqliteApp>;

public sealed class HandoverRateTests_Postgres(PostgresApp app) : HandoverRateTests(app), IClassFixture<PostgresApp>;
