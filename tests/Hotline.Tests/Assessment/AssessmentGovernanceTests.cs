using System.Net;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Supervision;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17, governance: the rule versions' timeline (the days each governs, the one in force). The supervision counts as assessment figures on both databases, worked examples: the notices issued to a unit
/// and the misconduct records of a unit counted in the local day they were issued or recorded, summed over the subtree,
/// scoped like every figure, out of the composite and of appeals, with a drill-down to the ledger's entries.
/// </summary>
public abstract class AssessmentGovernanceTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Base = "/api/assessment";
    private const string March = "year=2026&month=3";

    [Fact]
    public void ThePeriodsDays_AreAHalfOpenUtcRange_OnTheLocalCalendar()
    {
        var (from, to) = SupervisionCounts.Bounds(AssessmentPeriod.Month(2026, 3));
        Assert.Equal(new DateTime(2026, 2, 28, 16, 0, 0, DateTimeKind.Utc), from);
        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), to);
        var f = Formulas.Evaluate(default, 0, new SupervisionTally(2, 1));
        Assert.Equal(2, f[Formulas.SupervisionNotices].Numerator);
        Assert.Equal(1, f[Formulas.MisconductRecords].Numerator);
        Assert.Null(f[Formulas.SupervisionNotices].Rate);
        Assert.False(Formulas.IsKnown(Formulas.SupervisionNotices)); // not a code an appeal may name
    }

    [Fact]
    public async Task NoticesAndMisconductRecords_CountForTheUnitAndItsParents_InTheDayTheyWereIssued_OutOfTheComposite()
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        var city = await Api.UnitId("AL");
        var before = await UnitAsync("leader", zj, March);
        var cityBefore = await UnitAsync("leader", city, March);
        var notices = new NoticeApi(Api);
        var (first, _) = await notices.OpenOnNewOrder();
        var (second, _) = await notices.OpenOnNewOrder();
        var supervisor = await Api.As("supervisor");
        await (await supervisor.PostJsonAsync("/api/supervision/misconduct", new { unitId = zj, code = "slowAction", sanction = "interview", facts = "多次超期未办结" })).ShouldBe(HttpStatusCode.Created);

        var after = await UnitAsync("leader", zj, March);
        Assert.Equal(Count(before, Formulas.SupervisionNotices) + 2, Count(after, Formulas.SupervisionNotices));
        Assert.Equal(Count(before, Formulas.MisconductRecords) + 1, Count(after, Formulas.MisconductRecords));
        Assert.Equal(Count(cityBefore, Formulas.SupervisionNotices) + 2, Count(await UnitAsync("leader", city, March), Formulas.SupervisionNotices));
        var figure = Figure(after, Formulas.SupervisionNotices);
        Assert.Equal("督办单数", figure.GetProperty("formula").GetProperty("nameZh").GetString());
        Assert.Equal("supervisionLedger", figure.GetProperty("formula").GetProperty("source").GetString());
        Assert.Contains("签发日", figure.GetProperty("formula").GetProperty("countedInZh").GetString());
        Assert.Empty(figure.GetProperty("exclusions").EnumerateArray());
        Assert.Equal(before.GetProperty("score").GetProperty("composite").ToString(), after.GetProperty("score").GetProperty("composite").ToString()); // informational

        // The scores table carries the figure; another month does not count March's notices.
        var scores = await (await Api.As("leader")).GetAsync($"{Base}/scores?{March}").ShouldBeOk();
        var row = scores.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetInt64() == zj);
        Assert.Equal(Count(after, Formulas.SupervisionNotices), row.GetProperty("figures").GetProperty(Formulas.SupervisionNotices).GetProperty("numerator").GetInt64());
        Assert.Equal(0, Count(await UnitAsync("leader", zj, "year=2026&month=4"), Formulas.SupervisionNotices));

        // The drill-down lists the notices (and the records, without their facts or staff).
        var ledger = await (await Api.As("leader")).GetAsync($"{Base}/units/{zj}/ledger?formula=supervision-notices&{March}&pageSize=100").ShouldBeOk();
        Assert.Equal(Count(after, Formulas.SupervisionNotices), ledger.GetProperty("total").GetInt64());
        Assert.Contains(ledger.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetInt64() == first);
        Assert.Contains(ledger.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetInt64() == second);
        var records = await (await Api.As("handler")).GetAsync($"{Base}/units/{zj}/ledger?formula=misconduct-records&{March}").ShouldBeOk();
        var record = Assert.Single(records.GetProperty("items").EnumerateArray(), r => r.GetProperty("code").GetString() == "slowAction");
        Assert.False(record.TryGetProperty("facts", out _));

        // The ledger exports as a workbook: every entry of the drill-down, the same numbers, no facts of a record.
        var workbook = await (await Api.As("leader")).GetAsync($"{Base}/units/{zj}/ledger/export?formula=supervision-notices&{March}");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType?.MediaType);
        await using (var stream = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(ledger.GetProperty("total").GetInt64(), rows.Count);
            Assert.Equal(
                ledger.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("noticeNumber").GetString()).Order(StringComparer.Ordinal),
                rows.Select(r => r["督办单号"]?.ToString()).Order(StringComparer.Ordinal));
        }

        await (await (await Api.As("handler2")).GetAsync($"{Base}/units/{zj}/ledger/export?formula=supervision-notices&{March}")).ShouldBe(HttpStatusCode.NotFound);
        var recordBook = await (await Api.As("handler")).GetAsync($"{Base}/units/{zj}/ledger/export?formula=misconduct-records&{March}");
        await using (var stream = new MemoryStream(await recordBook.Content.ReadAsByteArrayAsync()))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(rows, r => r["情形"]?.ToString() == "慢作为");
            Assert.DoesNotContain(rows, r => r.Values.Any(v => v?.ToString()?.Contains("多次超期", StringComparison.Ordinal) == true));
        }
    }

    [Fact]
    public async Task TheLedgerDrillDown_IsScoped_AndRefusesOtherFormulas_AndAppealsCannotNameIt()
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        var leader = await Api.As("leader");
        await (await (await Api.As("handler2")).GetAsync($"{Base}/units/{zj}/ledger?formula=supervision-notices&{March}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("agent")).GetAsync($"{Base}/units/{zj}/ledger?formula=supervision-notices&{March}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await leader.GetAsync($"{Base}/units/{zj}/ledger?formula=on-time-completion&{March}")).ShouldBeValidationError("formula");
        await (await leader.GetAsync($"{Base}/units/{zj}/ledger?formula=supervision-notices&year=2026&month=13")).ShouldBeValidationError("month");
        await (await leader.GetAsync($"{Base}/units/{zj}/orders?formula=supervision-notices&{March}")).ShouldBeValidationError("formula");
        var id = await Api.Dispatched();
        var number = (await Api.Get("handler", id)).GetProperty("number").GetString()!;
        await (await (await Api.As("liaison")).PostJsonAsync($"{Base}/appeals", new { workOrderNumber = number, formula = Formulas.SupervisionNotices, reason = "x", evidence = "y" }))
            .ShouldBeValidationError("formula");
    }

    [Fact]
    public async Task RuleVersions_ListTheDaysEachGoverns_AndTheOneInForce_WithTheDefaultLast()
    {
        var manager = await Api.As("manager");
        var first = new DateOnly(2026, 6, 1);
        foreach (var day in new[] { first, first.AddMonths(3) })
        {
            await (await manager.PostJsonAsync($"{Base}/rules", new
            {
                effectiveFrom = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                responseWeight = 20,
                solveWeight = 40,
                satisfactionWeight = 40,
                excludeInvalid = true,
                excludeDuplicate = true,
                excludeUnreasonable = true,
                excludeExempt = false,
            })).ShouldBe(HttpStatusCode.OK);
        }

        var versions = (await (await Api.As("supervisor")).GetAsync($"{Base}/rules").ShouldBeOk()).EnumerateArray().ToList();
        var june = versions.Single(v => v.GetProperty("rules").GetProperty("effectiveFrom").GetString() == "2026-06-01");
        Assert.Equal("2026-08-31", june.GetProperty("governsUntil").GetString());
        Assert.False(june.GetProperty("inForce").GetBoolean());
        var september = versions.Single(v => v.GetProperty("rules").GetProperty("effectiveFrom").GetString() == "2026-09-01");
        Assert.Equal(JsonValueKind.Null, september.GetProperty("governsUntil").ValueKind);
        var standing = versions[^1];
        Assert.Equal(0, standing.GetProperty("id").GetInt64());
        Assert.Equal("2026-05-31", standing.GetProperty("governsUntil").GetString());
        Assert.True(standing.GetProperty("inForce").GetBoolean()); // today is 2026-03-02
        Assert.Single(versions, v => v.GetProperty("inForce").GetBoolean());
    }

    private async Task<JsonElement> UnitAsync(string user, long unitId, string period) => await (await Api.As(user)).GetAsync($"{Base}/units/{unitId}?{period}").ShouldBeOk();

    private static JsonElement Figure(JsonElement unit, string code) =>
        unit.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("formula").GetProperty("code").GetString() == code);

    private static long Count(JsonElement unit, string code) => Figure(unit, code).GetProperty("numerator").GetInt64();
}

public sealed class AssessmentGovernanceTests_Sqlite(SqliteApp app) : AssessmentGovernanceTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentGovernanceTests_Postgres(PostgresApp app) : AssessmentGovernanceTests(app), IClassFixture<PostgresApp>;
