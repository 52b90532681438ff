using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.SmartDispatch;

/// <summary>
/// Early warnings in a centre's first fortnight: the week before holds no orders because the history begins inside it, so a
/// warning claims no growth (and nothing is an emerging issue) until the previous week lies within the history.
/// </summary>
public abstract class EarlyWarningHistoryTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task AWarningOfTheCentresFirstWeek_IsNotCompared_AndOneOfAWeekTheHistoryCovers_Is()
    {
        // The centre's first orders: a compound's water cut twelve times and a gas smell six times, all within the last 35 hours.
        var now = AppFixture.DefaultNow;
        var water = HotSpotJobTests.WaterCut.Select((t, i) => new PlantedOrder("停水", t, "080101", "990102002001", $"1360000{i:D4}", now.AddHours(-2 - (i * 3))));
        var gas = HotSpotJobTests.GasSmell.Select((t, i) => new PlantedOrder("燃气味", t, "080301", "990103001001", $"1350000{i:D4}", now.AddHours(-1 - (i * 5))));
        await new PlantedOrders(App).PlantAsync(water.Concat(gas).OrderBy(o => o.RegisteredAt));

        var run = await (await (await Api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.True(run.GetProperty("warningsRaised").GetInt32() >= 1);
        var first = await Warnings();
        var cut = first.Single(w => w.GetProperty("regionCode").GetString() == "990102002");
        Assert.Equal("hotSpot", cut.GetProperty("kind").GetString());
        Assert.False(cut.GetProperty("compared").GetBoolean());
        Assert.Equal(JsonValueKind.Null, cut.GetProperty("growth").ValueKind);
        Assert.Contains("not compared", cut.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Six reports of a gas smell would be an emerging issue against an empty week the history covers; here they are not.
        Assert.DoesNotContain(first, w => w.GetProperty("kind").GetString() == "emergingIssue");

        // Two weeks on, the previous week lies within the history: a new burst's warning is compared, and new.
        App.Time.Set(now.AddDays(14));
        Api.SignOutAll(); // the sessions of two weeks ago have expired
        var later = HotSpotJobTests.WaterCut.Select((t, i) => new PlantedOrder("停水", t, "080101", "990102002001", $"1361000{i:D4}", now.AddDays(14).AddHours(-2 - (i * 3))));
        await new PlantedOrders(App).PlantAsync(later);
        await (await (await Api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);

        var again = (await Warnings()).Where(w => w.GetProperty("regionCode").GetString() == "990102002").ToList();
        var burst = again.Single(w => w.GetProperty("id").GetInt64() != cut.GetProperty("id").GetInt64());
        Assert.True(burst.GetProperty("compared").GetBoolean());
        Assert.Equal(0, burst.GetProperty("previousSize").GetInt32());
        Assert.Contains("none in the previous one", burst.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(again.Single(w => w.GetProperty("id").GetInt64() == cut.GetProperty("id").GetInt64()).GetProperty("compared").GetBoolean());
    }

    private async Task<List<JsonElement>> Warnings() =>
        (await (await Api.As("supervisor")).GetAsync("/api/early-warnings").ShouldBeOk()).EnumerateArray().ToList();
}

public sealed class EarlyWarningHistoryTests_Sqlite(SqliteApp app) : EarlyWarningHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class EarlyWarningHistoryTests_Postgres(PostgresApp app) : EarlyWarningHistoryTests(app), IClassFixture<PostgresApp>;
