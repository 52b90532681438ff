using System.Net;
using System.Text.Json;
using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Features.CitizenMessages;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Citizens;

/// <summary>Issue 18: the interception of internet submissions, its review, and the mayor's mailbox with its publication.</summary>
public abstract class MailboxAndInterceptionTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    /// <summary>A submission with that description and no demand: the rules read the description and the demand together.</summary>
    private static object Bare(string description) => new
    {
        requestType = "complaint",
        categoryCode = "0101",
        regionCode = "990102001",
        address = "明珠小区3栋2单元",
        description,
        isAnonymous = false,
        isConfidential = false,
    };

    private async Task<(HttpClient Client, string Phone)> VerifiedAsync()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone);
        return (client, phone);
    }

    private static object Letter(string letter = "市长您好，我叫李明，电话13812345678，住幸福小区3栋2单元501室。楼下烧烤店每晚吵到两点，多次反映无果。", bool consent = true, string? category = null, bool place = true) => new
    {
        title = "烧烤店夜间噪音扰民",
        requestType = "complaint",
        categoryCode = category,
        regionCode = place ? "990102001" : null,
        address = place ? "幸福小区3栋" : null,
        letter,
        demand = "请有关部门整治夜间噪音。",
        citizenName = "李明",
        isAnonymous = false,
        isConfidential = false,
        consentToPublish = consent,
    };

    private static async Task<JsonElement> Intercepted(HttpResponseMessage response, string rule)
    {
        var problem = await response.ShouldBeProblem((HttpStatusCode)422, "submission.intercepted");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    private async Task<long> AcceptedAsync(string number, object? outcome = null)
    {
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64(), outcome)))
            .ShouldBe(HttpStatusCode.Created);
        return accepted.GetProperty("workOrderId").GetInt64();
    }

    private async Task ClosedWithReplyAsync(HttpClient client, string number, long id)
    {
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "经核查，烧烤店已整改，夜间营业至22点。已电话联系李明先生（13812345678）告知。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "satisfied" })).ShouldBe(HttpStatusCode.OK);
    }

    private async Task<long> SubmissionIdAsync(string number)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<Submission>().Where(s => s.Number == number).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task Abusive_IsStopped_WithTheMessage_Recorded_AndCounted()
    {
        var (client, phone) = await VerifiedAsync();
        var problem = await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("物业经理就是个傻 . 逼，电梯坏了两周不修。")), "abusive");
        Assert.Contains("不文明用语", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        var agent = await Api.As("agent");
        var list = await (await agent.GetAsync("/api/interceptions?rule=abusive&pageSize=200")).ShouldBe(HttpStatusCode.OK);
        var item = list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("excerpt").GetString()!.Contains("物业经理就是个傻", StringComparison.Ordinal));
        Assert.Equal(phone[..3] + "****" + phone[^4..], item.GetProperty("maskedPhone").GetString());
        var opened = await (await agent.GetAsync($"/api/interceptions/{item.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("电梯坏了两周不修", opened.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone, opened.ToString(), StringComparison.Ordinal);

        var counts = await (await agent.GetAsync("/api/interceptions/counts")).ShouldBe(HttpStatusCode.OK);
        Assert.True(counts.GetProperty("totals").GetProperty("abusive").GetInt32() >= 1);
        await (await agent.GetAsync("/api/interceptions/counts?from=2026-13-01")).ShouldBeValidationError("from");
        await (await agent.GetAsync("/api/interceptions/counts?from=2026-03-01&to=2026-02-01")).ShouldBeValidationError("to");
        await (await agent.GetAsync("/api/interceptions?rule=rude")).ShouldBeValidationError("rule");
        await (await (await Api.As("handler")).GetAsync("/api/interceptions")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NearMisses_Pass_AndContentFreeIsStopped()
    {
        var (client, _) = await VerifiedAsync();
        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", Bare("哈哈哈哈哈哈哈哈哈哈哈哈")), "content_free");
        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", Bare("？？？？。。。。1234567")), "content_free");
        await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("傻瓜相机在商场被偷了，请派出所调查监控。"))).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/api/citizen/submissions", Bare("路灯不亮了，请修理。。"))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Flood_TheSixthInAnHourIsStopped_AndResubmittedTextWithinMinutes()
    {
        var (client, _) = await VerifiedAsync();
        await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("小区东门路灯坏了一周，晚上很黑。"))).ShouldBe(HttpStatusCode.Created);
        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("小区东门 路灯坏了一周！晚上很黑")), "resubmitted");
        for (var i = 0; i < 4; i++)
        {
            await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission($"第{"一二三四"[i]}件事：小区西门的{"井盖树木水管围墙"[(i * 2)..((i * 2) + 2)]}坏了需要处理。"))).ShouldBe(HttpStatusCode.Created);
        }

        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("楼下的垃圾桶三天没有清运，气味很大。")), "flood");
    }

    [Fact]
    public async Task Resubmission_AfterTheWindow_Passes()
    {
        var (client, _) = await VerifiedAsync();
        await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("公交站台的顶棚漏雨，等车的人都淋湿了。"))).ShouldBe(HttpStatusCode.Created);
        App.Time.Advance(TimeSpan.FromMinutes(11));
        await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission("公交站台的顶棚漏雨，等车的人都淋湿了。"))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task WordList_IsEditedByAdministrators_AndMatchedNormalised()
    {
        var admin = await Api.As("admin");
        var added = await (await admin.PostJsonAsync("/api/interception-words", new { word = "黑心物业" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/interception-words", new { word = "黑 心 物 业" })).ShouldBeValidationError("word");
        await (await admin.PostJsonAsync("/api/interception-words", new { word = "！！" })).ShouldBeValidationError("word");
        var words = await (await admin.GetAsync("/api/interception-words")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(words.EnumerateArray(), w => w.GetProperty("word").GetString() == "傻逼"); // the starter list
        await (await (await Api.As("agent")).PostJsonAsync("/api/interception-words", new { word = "坏人" })).ShouldBe(HttpStatusCode.Forbidden);

        var (client, _) = await VerifiedAsync();
        const string text = "这家黑·心·物·业乱收停车费，一个月涨了三次。";
        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission(text)), "abusive");
        await (await admin.DeleteAsync($"/api/interception-words/{added.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.NoContent);
        await (await client.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission(text))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Release_PutsAFalsePositiveIntoTheQueue_OnceWithAReason()
    {
        var (client, _) = await VerifiedAsync();
        await Intercepted(await client.PostJsonAsync("/api/citizen/submissions", Bare("路灯不亮！！！！！！！")), "content_free");
        var agent = await Api.As("agent");
        var item = (await (await agent.GetAsync("/api/interceptions?rule=contentFree&pageSize=200")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("excerpt").GetString()!.StartsWith("路灯不亮", StringComparison.Ordinal));
        var id = item.GetProperty("id").GetInt64();
        var version = item.GetProperty("version").GetInt64();
        await (await agent.PostJsonAsync($"/api/interceptions/{id}/release", new { version })).ShouldBeValidationError("reason");
        var released = await (await agent.PostJsonAsync($"/api/interceptions/{id}/release", new { reason = "路灯确实不亮，诉求明确", version })).ShouldBe(HttpStatusCode.OK);
        var number = released.GetProperty("releasedAs").GetString()!;
        Assert.Equal("web", (await CitizenApi.Queued(agent, number)).GetProperty("channel").GetString());
        Assert.Equal("queued", (await CitizenApi.Track(client, number)).GetProperty("stage").GetString());
        await (await agent.PostJsonAsync($"/api/interceptions/{id}/release", new { reason = "再次", version })).ShouldBe(HttpStatusCode.Conflict);
        await (await agent.PostJsonAsync($"/api/interceptions/{id}/release", new { reason = "再次", version = released.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Letter_GoesToTheQueue_BecomesAMailboxOrder_WithTheMailboxDeadline()
    {
        var (client, _) = await VerifiedAsync();
        var created = await (await client.PostJsonAsync("/api/citizen/mailbox/letters", Letter())).ShouldBe(HttpStatusCode.Created);
        var number = created.GetProperty("number").GetString()!;
        var agent = await Api.As("agent");
        Assert.Equal("mayorMailbox", (await CitizenApi.Queued(agent, number)).GetProperty("channel").GetString());
        var id = await AcceptedAsync(number);
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        var order = await Api.Get("handler", id);
        Assert.Equal("mayorMailbox", order.GetProperty("channel").GetString());
        Assert.Equal(15, order.GetProperty("clocks").GetProperty("workingDaysLeft").GetInt32());

        await (await client.PostJsonAsync("/api/citizen/mailbox/letters", Letter())).ShouldBe((HttpStatusCode)422); // the same letter again
        var (other, _) = await VerifiedAsync();
        var placeless = await (await other.PostJsonAsync("/api/citizen/mailbox/letters", Letter("建议在人民公园增设公共厕所和饮水点，方便老人和孩子。", place: false))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("mayorMailbox", (await CitizenApi.Queued(agent, placeless.GetProperty("number").GetString()!)).GetProperty("channel").GetString());
        var invalid = await (await other.PostJsonAsync("/api/citizen/mailbox/letters", new { requestType = "suggestion", letter = "短" })).ShouldBeValidationError("title");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("letter", out _));
        await Intercepted(await other.PostJsonAsync("/api/citizen/mailbox/letters", Letter("城管就是一群王八蛋，天天在街上赶人，请市长管一管。")), "abusive");
    }

    [Fact]
    public async Task Publish_OnlyClosedWithConsent_WithoutPersonalData_ListedAnonymously_AndUnpublished()
    {
        var (client, _) = await VerifiedAsync();
        var number = (await (await client.PostJsonAsync("/api/citizen/mailbox/letters", Letter())).ShouldBe(HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var id = await AcceptedAsync(number);
        var submissionId = await SubmissionIdAsync(number);
        var manager = await Api.As("manager");
        await (await manager.GetAsync($"/api/mailbox/letters/{submissionId}/proposal")).ShouldBeProblem(HttpStatusCode.Conflict, "letter.not_closed");
        await ClosedWithReplyAsync(client, number, id);

        var proposal = await (await manager.GetAsync($"/api/mailbox/letters/{submissionId}/proposal")).ShouldBe(HttpStatusCode.OK);
        var text = proposal.ToString();
        foreach (var secret in new[] { "李明", "13812345678", "501", "3栋" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Contains("烧烤店", proposal.GetProperty("letter").GetString(), StringComparison.Ordinal);
        var edited = proposal.GetProperty("letter").GetString() + "（已编辑）";
        await (await (await Api.As("handler")).PostJsonAsync($"/api/mailbox/letters/{submissionId}/publish", new { title = "t", letter = "l", reply = "r" })).ShouldBe(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync($"/api/mailbox/letters/{submissionId}/publish", new { title = "烧烤店夜间噪音扰民", letter = "", reply = "r" })).ShouldBeValidationError("letter");
        var published = await (await manager.PostJsonAsync($"/api/mailbox/letters/{submissionId}/publish",
            new { title = proposal.GetProperty("title").GetString(), letter = edited, reply = proposal.GetProperty("reply").GetString() })).ShouldBe(HttpStatusCode.OK);
        Assert.True(published.GetProperty("isPublished").GetBoolean());

        var anonymous = App.Anonymous();
        var listing = await (await anonymous.GetAsync("/api/portal/mailbox/letters?pageSize=100")).ShouldBe(HttpStatusCode.OK);
        var shown = listing.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("letter").GetString() == edited);
        Assert.DoesNotContain("13812345678", listing.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, listing.ToString(), StringComparison.Ordinal);
        await (await anonymous.GetAsync($"/api/portal/mailbox/letters/{shown.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.OK);

        var letters = await (await manager.GetAsync("/api/mailbox/letters?pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.True(letters.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("number").GetString() == number).GetProperty("isPublished").GetBoolean());

        var version = published.GetProperty("version").GetInt64();
        await (await manager.PostJsonAsync($"/api/mailbox/letters/{submissionId}/unpublish", new { version = version - 1 })).ShouldBe(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync($"/api/mailbox/letters/{submissionId}/unpublish", new { version })).ShouldBe(HttpStatusCode.OK);
        var after = await (await anonymous.GetAsync("/api/portal/mailbox/letters?pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), l => l.GetProperty("letter").GetString() == edited);
        await (await anonymous.GetAsync($"/api/portal/mailbox/letters/{shown.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AcceptedReply_SendsTheCallbackLinkOnce_WithTheSubmissionsNumber()
    {
        var follower = App.Services.GetRequiredService<CitizenMessageFollower>();
        var (client, phone) = await VerifiedAsync();
        var number = (await (await client.PostJsonAsync("/api/citizen/submissions", Bare("小区南门的路灯坏了一个月，晚上出行很不方便。"))).ShouldBe(HttpStatusCode.Created))
            .GetProperty("number").GetString()!;
        var id = await AcceptedAsync(number);
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "路灯已修复。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await follower.RunOnceAsync(default);
        await follower.RunOnceAsync(default);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var message = await db.Set<CitizenMessage>().AsNoTracking().SingleAsync(m => m.WorkOrderId == id && m.Kind == CitizenMessageKind.CallbackLink);
        Assert.Equal(phone, message.Recipient);
        Assert.EndsWith($"/portal/track/{number}", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("路灯已修复", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_IsRefusedWithoutTheCitizensConsent()
    {
        var (client, _) = await VerifiedAsync();
        var number = (await (await client.PostJsonAsync("/api/citizen/mailbox/letters", Letter("市长您好，人民路的红绿灯时间太短，老人过马路很危险。", consent: false))).ShouldBe(HttpStatusCode.Created))
            .GetProperty("number").GetString()!;
        var id = await AcceptedAsync(number);
        await ClosedWithReplyAsync(client, number, id);
        var submissionId = await SubmissionIdAsync(number);
        var manager = await Api.As("manager");
        await (await manager.GetAsync($"/api/mailbox/letters/{submissionId}/proposal")).ShouldBeProblem(HttpStatusCode.Conflict, "letter.no_consent");
        await (await manager.PostJsonAsync($"/api/mailbox/letters/{submissionId}/publish", new { title = "红绿灯", letter = "红绿灯时间太短", reply = "已调整" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "letter.no_consent");
    }
}

public sealed class MailboxAndInterceptionTests_Sqlite(SqliteApp app) : MailboxAndInterceptionTests(app), IClassFixture<SqliteApp>;

public sealed class MailboxAndInterceptionTests_Postgres(PostgresApp app) : MailboxAndInterceptionTests(app), IClassFixture<PostgresApp>;
