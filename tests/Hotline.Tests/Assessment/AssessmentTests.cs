using System.Net;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17, the assessment core over HTTP on both databases: the rollups equal a recount after a random mix of lifecycle
/// actions (and after a rebuild), scores in scope, a unit's figures with their formulas, the drill-down to the orders,
/// appeals changing the figures, rule versions, and field-named 400s for bad periods.
/// </summary>
public abstract class AssessmentTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Base = "/api/assessment";
    private const string March = "year=2026&month=3";

    [Fact]
    public async Task Rollups_EqualARecountFromTheOrders_AfterARandomMixOfLifecycleActions_AndAfterARebuild()
    {
        var random = new Random(1701);
        var zj = await Api.UnitId("AL-DC-ZJ");
        var water = await Api.UnitId("AL-WATER");
        var ids = new List<long>();
        for (var i = 0; i < 14; i++)
        {
            if (i == 7)
            {
                App.Time.Set(AppFixture.DefaultNow.AddDays(12)); // later orders on another day; earlier ones now past their deadlines
                Api.SignOutAll();
            }

            var id = await Api.RegisterId(WorkOrderApi.Order(subject: $"测试工单{i}", phone: $"1390000{i:D4}"));
            ids.Add(id);
            var holder = random.Next(2) == 0 ? ("handler", zj, "water", water) : ("water", water, "handler", zj);
            await Api.Act("dispatcher", id, "dispatch", new { leadUnitId = holder.Item2 });
            for (var step = 0; step < 9; step++)
            {
                var user = holder.Item1;
                switch (random.Next(12))
                {
                    case 0: await Api.Act(user, id, "sign"); break;
                    case 1:
                        if ((await Api.Act(user, id, "return", new { reason = "不属本单位职责", basis = "三定方案", suggestedUnitId = holder.Item4 })).IsSuccessStatusCode
                            && random.Next(2) == 0
                            && (await Api.Act("dispatcher", id, "approve-return", new { note = "同意", leadUnitId = holder.Item4 })).IsSuccessStatusCode)
                        {
                            holder = (holder.Item3, holder.Item4, holder.Item1, holder.Item2);
                        }
                        else
                        {
                            await Api.Act("dispatcher", id, "reject-return", new { reason = "属本单位职责" });
                        }

                        break;
                    case 2:
                        await Api.Act(user, id, "request-extension", new { days = 2, reason = "需协调第三方" });
                        await Api.Act("dispatcher", id, random.Next(2) == 0 ? "approve-extension" : "reject-extension", new { note = "同意", reason = "不同意" });
                        break;
                    case 3 or 4:
                        await Api.Act(user, id, "sign");
                        await Api.Act(user, id, "reply", new { result = "已处理", citizenContacted = random.Next(3) > 0, contactMethod = "phone", outcome = random.Next(3) switch { 0 => "explained", 1 => "cannotResolve", _ => "resolved" }, unresolvedReason = "资金未落实" });
                        await Api.Act("dispatcher", id, "accept-reply");
                        break;
                    case 5 or 6:
                        var ratings = new[] { "satisfied", "basicallySatisfied", "unsatisfied" };
                        await Api.Act("callback", id, "callback", new { method = "phone", reached = random.Next(4) > 0, processRating = ratings[random.Next(3)], resultRating = ratings[random.Next(3)] });
                        break;
                    case 7: await Api.Act("callback", id, "redo", new { reason = "结果不满意，请重办" }); break;
                    case 8: await Api.Act("callback", id, "close", new { reason = random.Next(2) == 0 ? "policyCompliant" : "exemptFromCallback", note = "依法依规已答复" }); break;
                    case 9 when ids.Count > 1: await Api.Act("agent", id, "merge", new { targetId = ids[random.Next(ids.Count - 1)] }); break;
                    case 10 when ids.Count > 1: await Api.Act("agent", id, "link-repeat", new { earlierId = ids[random.Next(ids.Count - 1)] }); break;
                    default: await Api.Act("dispatcher", id, "redispatch", new { leadUnitId = holder.Item2, note = "重新派发" }); break;
                }
            }
        }

        await FollowAsync();
        await AssertRollupsEqualARecountAsync();
        Assert.NotNull(await App.Services.GetRequiredService<AssessmentFollower>().RebuildAsync(default));
        await AssertRollupsEqualARecountAsync();
    }

    [Fact]
    public async Task AUnitsScore_ShowsEachFigureWithItsFormula_AndDrillsDownToTheOrdersBehindIt()
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        var before = await UnitAsync("leader", zj);
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await FollowAsync();

        var after = await UnitAsync("leader", zj);
        var onTime = Figure(after, Formulas.OnTimeCompletion);
        Assert.Equal(Figure(before, Formulas.OnTimeCompletion).GetProperty("numerator").GetInt64() + 1, onTime.GetProperty("numerator").GetInt64());
        Assert.Equal("按时办结率", onTime.GetProperty("formula").GetProperty("nameZh").GetString());
        Assert.Contains("已答复", onTime.GetProperty("formula").GetProperty("denominatorZh").GetString());
        Assert.Equal(Formula.CountedInZh, onTime.GetProperty("formula").GetProperty("countedInZh").GetString());
        Assert.Equal(["invalid", "duplicate", "unreasonable", "appealed"], onTime.GetProperty("exclusions").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(Formulas.List.Count, after.GetProperty("figures").GetArrayLength());
        Assert.Equal(30, after.GetProperty("rules").GetProperty("responseWeight").GetInt32());

        var leader = await Api.As("leader");
        var orders = await leader.GetAsync($"{Base}/units/{zj}/orders?formula=on-time-completion&part=numerator&{March}&pageSize=100").ShouldBeOk();
        var order = Assert.Single(orders.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal("138****5678", order.GetProperty("caller").GetProperty("phone").GetString()); // masked as the work-order list masks

        // The city (the subtree's root) includes 住建局's figures; the scores list the units in scope.
        var scores = await leader.GetAsync($"{Base}/scores?{March}").ShouldBeOk();
        var units = scores.GetProperty("units").EnumerateArray().ToList();
        var city = units.Single(u => u.GetProperty("unitCode").GetString() == "AL");
        Assert.True(city.GetProperty("figures").GetProperty("on-time-completion").GetProperty("numerator").GetInt64() >= onTime.GetProperty("numerator").GetInt64());

        // A unit sees its own subtree only; another unit's page is not found.
        var handler2 = await Api.As("handler2");
        await (await handler2.GetAsync($"{Base}/units/{zj}?{March}")).ShouldBe(HttpStatusCode.NotFound);
        await (await handler2.GetAsync($"{Base}/units/{zj}/orders?formula=on-time-completion&{March}")).ShouldBe(HttpStatusCode.NotFound);
        var own = await handler2.GetAsync($"{Base}/scores?{March}").ShouldBeOk();
        Assert.All(own.GetProperty("units").EnumerateArray(), u => Assert.StartsWith("AL-XC-CG", u.GetProperty("unitCode").GetString()));
        await (await (await Api.As("agent")).GetAsync($"{Base}/scores?{March}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnApprovedAppeal_TakesTheOrderOutOfTheFigure_AndTheFigureListsIt()
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        App.Time.Set(AppFixture.DefaultNow.AddDays(30));
        Api.SignOutAll();
        await Api.Ok("handler", id, "reply", new { result = "已处理", citizenContacted = true, contactMethod = "phone", outcome = "resolved" }); // late
        await FollowAsync();
        var number = (await Api.Get("handler", id)).GetProperty("number").GetString()!;
        var before = Figure(await UnitAsync("supervisor", zj), Formulas.OnTimeCompletion);

        var liaison = await Api.As("liaison");
        await (await liaison.PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = "no-such", reason = "x", evidence = "y" })).ShouldBeValidationError("formula");
        await (await liaison.PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = Formulas.OnTimeCompletion, reason = " ", evidence = "y" })).ShouldBeValidationError("reason");
        await (await liaison.PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = Formulas.OnTimeCompletion, reason = new string('理', 501), evidence = "y" })).ShouldBeValidationError("reason");
        await (await liaison.PostJsonAsync($"{Base}/appeals", new { workOrderNumber = "NO-SUCH", formula = Formulas.OnTimeCompletion, reason = "x", evidence = "y" })).ShouldBeValidationError("workOrderNumber");
        await (await (await Api.As("handler2")).PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = Formulas.OnTimeCompletion, reason = "x", evidence = "y" })).ShouldBe(HttpStatusCode.Forbidden);
        var appeal = await (await liaison.PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = Formulas.OnTimeCompletion, reason = "停电导致无法施工", evidence = "供电公司停电通知" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("pending", appeal.GetProperty("state").GetString());

        var supervisor = await Api.As("supervisor");
        var appealId = appeal.GetProperty("id").GetInt64();
        await (await (await Api.As("liaison")).PostJsonAsync($"{Base}/appeals/{appealId}/decision", new { approve = true, note = "x", version = 0 })).ShouldBe(HttpStatusCode.Forbidden);
        await (await supervisor.PostJsonAsync($"{Base}/appeals/{appealId}/decision", new { approve = true, note = "属实", version = appeal.GetProperty("version").GetInt64() + 1 })).ShouldBe(HttpStatusCode.Conflict);
        await (await supervisor.PostJsonAsync($"{Base}/appeals/{appealId}/decision", new { approve = true, note = " ", version = appeal.GetProperty("version").GetInt64() })).ShouldBeValidationError("note");
        var approved = await (await supervisor.PostJsonAsync($"{Base}/appeals/{appealId}/decision", new { approve = true, note = "停电属实", version = appeal.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        await (await supervisor.PostJsonAsync($"{Base}/appeals/{appealId}/decision", new { approve = false, note = "再议", version = approved.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.Conflict);

        var after = await UnitAsync("supervisor", zj);
        var onTime = Figure(after, Formulas.OnTimeCompletion);
        Assert.Equal(before.GetProperty("denominator").GetInt64() - 1, onTime.GetProperty("denominator").GetInt64());
        Assert.Contains(onTime.GetProperty("appeals").EnumerateArray(), a => a.GetProperty("id").GetInt64() == appealId);
        Assert.Empty(Figure(after, Formulas.ResponseRate).GetProperty("appeals").EnumerateArray());
        var excluded = await supervisor.GetAsync($"{Base}/units/{zj}/orders?formula=on-time-completion&part=excluded&{March}&pageSize=100").ShouldBeOk();
        Assert.Contains(excluded.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        var denominator = await supervisor.GetAsync($"{Base}/units/{zj}/orders?formula=on-time-completion&part=denominator&{March}&pageSize=100").ShouldBeOk();
        Assert.DoesNotContain(denominator.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        var listed = await liaison.GetAsync($"{Base}/appeals?state=approved").ShouldBeOk();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == appealId);
    }

    [Fact]
    public async Task RuleVersions_AreAddedByTheCentreManager_FromTomorrow_AndKept()
    {
        var manager = await Api.As("manager");
        var tomorrow = new DateOnly(2026, 3, 3);
        await (await manager.PostJsonAsync($"{Base}/rules", Rules(new DateOnly(2026, 3, 2), 30, 35, 35))).ShouldBeValidationError("effectiveFrom");
        await (await manager.PostJsonAsync($"{Base}/rules", Rules(tomorrow, 30, 30, 30))).ShouldBeValidationError("satisfactionWeight");
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/rules", Rules(tomorrow, 20, 40, 40))).ShouldBe(HttpStatusCode.Forbidden);
        var added = await (await manager.PostJsonAsync($"{Base}/rules", Rules(tomorrow.AddDays(300), 20, 40, 40))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(20, added.GetProperty("rules").GetProperty("responseWeight").GetInt32());
        await (await manager.PostJsonAsync($"{Base}/rules", Rules(tomorrow.AddDays(300), 20, 40, 40))).ShouldBeValidationError("effectiveFrom");
        var versions = await (await Api.As("handler")).GetAsync($"{Base}/rules").ShouldBeOk();
        Assert.Contains(versions.EnumerateArray(), v => v.GetProperty("rules").GetProperty("effectiveFrom").GetString() == "2026-12-28");

        // A period ending after the change is weighted with the new version; one ending before, with the default.
        var december = await (await Api.As("leader")).GetAsync($"{Base}/scores?year=2026&month=12").ShouldBeOk();
        Assert.Equal(20, december.GetProperty("rules").GetProperty("responseWeight").GetInt32());
        var marchScores = await (await Api.As("leader")).GetAsync($"{Base}/scores?{March}").ShouldBeOk();
        Assert.Equal(30, marchScores.GetProperty("rules").GetProperty("responseWeight").GetInt32());
    }

    [Theory]
    [InlineData("", "year")]
    [InlineData("year=2026&month=13", "month")]
    [InlineData("year=1999", "year")]
    [InlineData("year=2026&month=1&quarter=1", "quarter")]
    [InlineData("from=2026-03-31&to=2026-03-01", "to")]
    [InlineData("from=2020-01-01&to=2026-03-01", "to")]
    [InlineData("from=2026-02-30&to=2026-03-01", "from")]
    public async Task BadPeriods_AreFieldNamed400s(string query, string field)
    {
        var leader = await Api.As("leader");
        await (await leader.GetAsync($"{Base}/scores?{query}")).ShouldBeValidationError(field);
        var zj = await Api.UnitId("AL-DC-ZJ");
        await (await leader.GetAsync($"{Base}/units/{zj}?{query}")).ShouldBeValidationError(field);
        await (await leader.GetAsync($"{Base}/units/{zj}/orders?formula=on-time-completion&{query}")).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task DrillDown_RefusesAnUnknownFormula()
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        await (await (await Api.As("leader")).GetAsync($"{Base}/units/{zj}/orders?formula=nope&{March}")).ShouldBeValidationError("formula");
        await (await (await Api.As("leader")).GetAsync($"{Base}/units/{zj}/orders?{March}")).ShouldBeValidationError("formula");
    }

    private static object Rules(DateOnly from, int response, int solve, int satisfaction) => new
    {
        effectiveFrom = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        responseWeight = response,
        solveWeight = solve,
        satisfactionWeight = satisfaction,
        excludeInvalid = true,
        excludeDuplicate = true,
        excludeUnreasonable = true,
        excludeExempt = true,
    };

    [Fact]
    public async Task TheRankingAndTheServiceTargets_ReadTheEngine()
    {
        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync($"{Base}/ranking-settings", new { key = "rankingMinimumOrders", value = 1, effectiveFrom = "2026-03" })).ShouldBe(HttpStatusCode.Created);
        var zj = await Api.UnitId("AL-DC-ZJ");
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await FollowAsync();

        // The ranking's row of 住建局 is the engine's score of 住建局 for March: the same composite and orders assessed.
        var score = (await UnitAsync("leader", zj)).GetProperty("score");
        var ranking = await manager.GetAsync($"{Base}/rankings?month=2026-03").ShouldBeOk();
        var row = ranking.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray())
            .Single(r => r.GetProperty("unitCode").GetString() == "AL-DC-ZJ");
        Assert.True(score.GetProperty("assessedOrders").GetInt64() >= 1);
        Assert.Equal(score.GetProperty("assessedOrders").GetInt64(), row.GetProperty("assessedOrders").GetInt64());
        Assert.Equal(score.GetProperty("composite").GetDecimal(), row.GetProperty("composite").GetDecimal());
        Assert.False(row.GetProperty("tooFewToRank").GetBoolean());

        // The service targets are measured by the engine's completion and callback rates (the connection rate is not yet).
        var targets = await manager.GetAsync($"{Base}/targets?month=2026-03&unitId={zj}").ShouldBeOk();
        var byCode = targets.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        var completion = Figure(await UnitAsync("leader", zj), Formulas.CompletionRate);
        Assert.Equal(completion.GetProperty("denominator").GetInt64(), byCode["completion"].GetProperty("denominator").GetInt64());
        Assert.Equal(JsonValueKind.Number, byCode["completion"].GetProperty("measured").ValueKind);
        Assert.Equal(JsonValueKind.Null, byCode["connection"].GetProperty("measured").ValueKind);
    }

    private async Task FollowAsync() => await App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);

    private async Task<JsonElement> UnitAsync(string user, long unitId) => await (await Api.As(user)).GetAsync($"{Base}/units/{unitId}?{March}").ShouldBeOk();

    private static JsonElement Figure(JsonElement unit, string code) =>
        unit.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("formula").GetProperty("code").GetString() == code);

    /// <summary>Recounts every fact from the orders (the domain's formulas) and every rollup from those facts, and compares both tables exactly.</summary>
    private async Task AssertRollupsEqualARecountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var orders = await db.Set<WorkOrder>().AsNoTracking().ToListAsync();
        var expectedFacts = orders.SelectMany(o => AssessmentFacts.Of(o, AssessmentRules.Default)).ToList();
        var storedFacts = await db.Set<AssessmentFactRow>().AsNoTracking().ToListAsync();
        Assert.Equal(
            expectedFacts.Select(f => $"{f.WorkOrderId}/{f.UnitId}/{f.Day}/{f.OpenDueUtc:O}/{string.Join(",", f.Measures.ToArray())}").Order(),
            storedFacts.Select(f => $"{f.WorkOrderId}/{f.UnitId}/{f.Day}/{f.OpenDueUtc:O}/{string.Join(",", f.Measures.ToArray())}").Order());

        var expected = expectedFacts
            .GroupBy(f => new RollupKey(f.Day, f.UnitId, f.CategoryCode, f.RegionCode, f.Channel, f.RequestType))
            .Select(g => $"{g.Key}/{string.Join(",", g.Aggregate(default(AssessmentMeasures), (acc, f) => acc + f.Measures).ToArray())}")
            .Order().ToList();
        var stored = (await db.Set<AssessmentRollupRow>().AsNoTracking().ToListAsync())
            .Select(r => $"{r.Key}/{string.Join(",", r.Measures.ToArray())}").Order().ToList();
        Assert.Equal(expected, stored);
        Assert.Contains(orders, o => o.ReturnCount > 0 || o.RedoCount > 0 || o.MergedIntoId is not null); // the mix did reach the interesting paths
    }
}

public sealed class AssessmentTests_Sqlite(SqliteApp app) : AssessmentTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentTests_Postgres(PostgresApp app) : AssessmentTests(app), IClassFixture<PostgresApp>;
