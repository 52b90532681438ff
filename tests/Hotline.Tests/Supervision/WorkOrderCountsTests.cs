using System.Net;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Supervision;

/// <summary>
/// One definition of each count (issue 14): the home page, the wallboard and the supervision page show the same
/// numbers, each number is the total of the list its link opens, in the caller's own scope, and the stages add up to
/// the open orders.
/// </summary>
public abstract class WorkOrderCountsTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string OpenStatuses = "awaitingDispatch,sentBackToIntake,dispatched,inProgress,returned,replied,awaitingCallback";

    /// <summary>Each count of the home page and the list query its link opens (the workbench's tabs use the same queries).</summary>
    private static readonly (string Count, string Query)[] Links =
    [
        ("open", $"status={OpenStatuses}"),
        ("awaitingDispatch", "status=awaitingDispatch"),
        ("sentBackToIntake", "status=sentBackToIntake"),
        ("toSign", "status=dispatched"),
        ("inProgress", "status=inProgress"),
        ("returnsToReview", "status=returned"),
        ("repliesToReview", "status=replied"),
        ("awaitingCallback", "status=awaitingCallback"),
        ("dueToday", "dueToday=true"),
        ("yellow", "light=yellow&status=dispatched,inProgress"),
        ("red", "light=red&status=dispatched,inProgress"),
        ("overdue", "overdue=true"),
    ];

    private static readonly string[] Stages = ["awaitingDispatch", "sentBackToIntake", "toSign", "inProgress", "returnsToReview", "repliesToReview", "awaitingCallback"];

    [Fact]
    public async Task EveryCount_IsTheTotalOfTheListItLinksTo_InEachCallersScope_AndTheStagesAddUpToTheOpenOrders()
    {
        await OrdersInEveryStageAsync();

        var seen = new Dictionary<string, JsonElement>();
        foreach (var user in new[] { "supervisor", "leader", "manager", "dispatcher", "handler", "dcoffice", "agent" })
        {
            var client = await Api.As(user);
            var home = await client.GetAsync("/api/home").ShouldBeOk();
            var counts = home.GetProperty("counts");
            seen[user] = counts;
            foreach (var (count, query) in Links)
            {
                var list = await client.GetAsync($"/api/work-orders?{query}&pageSize=1").ShouldBeOk();
                Assert.True(
                    list.GetProperty("total").GetInt32() == counts.GetProperty(count).GetInt32(),
                    $"{user}: {count} is {counts.GetProperty(count).GetInt32()}, its list ({query}) has {list.GetProperty("total").GetInt32()}");
            }

            var pending = await client.GetAsync("/api/work-orders?status=inProgress&pendingExtension=true&pageSize=1").ShouldBeOk();
            Assert.Equal(pending.GetProperty("total").GetInt32(), home.GetProperty("pendingExtensions").GetInt32());
            Assert.Equal(counts.GetProperty("open").GetInt32(), Stages.Sum(s => counts.GetProperty(s).GetInt32()));
        }

        // The orders made above are seen: every stage holds one, and the clock has made some due today, yellow and red.
        var all = seen["supervisor"];
        Assert.All(Stages, s => Assert.True(all.GetProperty(s).GetInt32() >= 1, $"no order counted as {s}"));
        Assert.True(all.GetProperty("dueToday").GetInt32() >= 1);
        Assert.True(all.GetProperty("overdue").GetInt32() >= 1);
        Assert.True(all.GetProperty("red").GetInt32() >= 1);

        // A unit handler counts its unit's orders only: the order with 西城区城管局 is not among its orders to sign.
        Assert.True(seen["handler"].GetProperty("toSign").GetInt32() < all.GetProperty("toSign").GetInt32());
        Assert.Equal(0, seen["handler"].GetProperty("awaitingDispatch").GetInt32());
    }

    [Fact]
    public async Task TheWallboard_ShowsTheHomePagesCounts_ItsTilesAddUp_AndItsUnitsAddUpToTheOrdersWithUnits()
    {
        await OrdersInEveryStageAsync();

        foreach (var user in new[] { "supervisor", "manager", "leader" })
        {
            var client = await Api.As(user);
            var counts = (await client.GetAsync("/api/home").ShouldBeOk()).GetProperty("counts");
            var board = (await client.GetAsync("/api/supervision/wallboard").ShouldBeOk()).Deserialize<Wallboard>(AppFixture.Json)!;
            Assert.Equal(counts.GetProperty("open").GetInt32(), board.Open);
            Assert.Equal(board.Open, board.AwaitingDispatch + board.SentBackToIntake + board.WithUnits + board.AtCentreReview + board.AwaitingCallback);
            Assert.Equal(counts.GetProperty("toSign").GetInt32() + counts.GetProperty("inProgress").GetInt32(), board.WithUnits);
            Assert.Equal(counts.GetProperty("red").GetInt32(), board.Red);
            Assert.Equal(counts.GetProperty("yellow").GetInt32(), board.Yellow);
            Assert.Equal(counts.GetProperty("dueToday").GetInt32(), board.DueToday);
            Assert.Equal(counts.GetProperty("overdue").GetInt32(), board.Overdue);
            Assert.Equal(board.WithUnits, board.ByUnit.Sum(u => u.Open));
            Assert.Equal(board.Red, board.ByUnit.Sum(u => u.Red));
            Assert.Equal(board.Overdue, board.ByUnit.Sum(u => u.Overdue));
            Assert.Equal(board.DueToday, board.ByUnit.Sum(u => u.DueToday));
        }
    }

    [Fact]
    public async Task HeadlineAndLatestHotSpots_AreForThoseWhoOversee_AndSupervisorsAndLeadersMayRunTheAnalysis()
    {
        await Api.RegisterId();

        var handler = await (await Api.As("handler")).GetAsync("/api/home").ShouldBeOk();
        Assert.Equal(JsonValueKind.Null, handler.GetProperty("headline").ValueKind);
        Assert.Equal(JsonValueKind.Null, handler.GetProperty("hotSpots").ValueKind);

        var leader = await (await Api.As("leader")).GetAsync("/api/home").ShouldBeOk();
        var headline = leader.GetProperty("headline");
        Assert.True(headline.GetProperty("registeredToday").GetInt32() >= 1);
        Assert.Equal(leader.GetProperty("counts").GetProperty("open").GetInt32(), headline.GetProperty("open").GetInt32());

        await (await (await Api.As("handler")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("supervisor")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);
        var after = await (await Api.As("leader")).GetAsync("/api/home").ShouldBeOk();
        Assert.Equal(JsonValueKind.Object, after.GetProperty("hotSpots").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await (await Api.As("handler")).GetAsync("/api/home").ShouldBeOk()).GetProperty("hotSpots").ValueKind);
    }

    /// <summary>One order in each stage on 2 March; then the clock moves to the morning of 9 March, when orders dispatched on the 2nd are due.</summary>
    private async Task OrdersInEveryStageAsync()
    {
        await Api.RegisterId();
        var sentBack = await Api.RegisterId();
        await Api.Ok("dispatcher", sentBack, "send-back", new { reason = "correction", note = "地址不全，请核实后重新提交" });
        await Api.Dispatched();
        await Api.Dispatched(unit: "AL-XC-CG");
        var inProgress = await Api.Dispatched();
        await Api.Ok("handler", inProgress, "sign");
        await Api.Ok("handler", inProgress, "request-extension", new { days = 2, reason = "需协调维保公司" });
        var returned = await Api.Dispatched();
        await Api.Ok("handler", returned, "return", new { reason = "不属本单位", basis = "职责清单", suggestedUnitId = await Api.UnitId("AL-DC-DH") });
        var replied = await Api.Dispatched();
        await Api.Ok("handler", replied, "sign");
        await Api.Ok("handler", replied, "reply", new { result = "已通知物业修复", citizenContacted = false, outcome = "explained" });
        var callback = await Api.Dispatched();
        await Api.Ok("handler", callback, "sign");
        await Api.Ok("handler", callback, "reply", new { result = "已通知物业修复", citizenContacted = false, outcome = "explained" });
        await Api.Ok("dispatcher", callback, "accept-reply");

        // A week later one order is overdue and red (dispatched on 24 February), and those of 2 March are due today.
        App.Time.Set(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.FromHours(8)));
        Api.SignOutAll();
        var late = await Api.Dispatched();
        await Api.Ok("handler", late, "sign");
        App.Time.Set(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Api.SignOutAll();
        await App.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);
    }
}

public sealed class WorkOrderCountsTests_Sqlite(SqliteApp app) : WorkOrderCountsTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderCountsTests_Postgres(PostgresApp app) : WorkOrderCountsTests(app), IClassFixture<PostgresApp>;
