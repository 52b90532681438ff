using System.Text.Json;
using Hotline.Seeding;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.QualityInspection;

/// <summary>
/// The demo city's orders credit the demo accounts they name, so that the demo agent reads her own figures and quality
/// inspections: two of her calls scored (one with deductions and their notes), one waiting for the inspector (S14).
/// The fixture seeds no demo orders; this class seeds them once into its own database.
/// </summary>
public abstract class DemoInspectionTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task TheDemoAgent_ReadsHerOwnInspections_AndHerQualityScore()
    {
        await DemoWorkOrders.SeedAsync(App.Services, default);

        var own = await (await Api.As("agent")).GetAsync("/api/quality-inspections").ShouldBeOk();
        Assert.Equal(2, own.GetProperty("total").GetInt32());
        var scores = own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDecimal()).Order().ToArray();
        Assert.Equal([92m, 100m], scores);
        Assert.Contains(own.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("items").EnumerateArray()), l => l.GetProperty("note").ValueKind == JsonValueKind.String);

        var all = await (await Api.As("inspector")).GetAsync("/api/quality-inspections?state=pending").ShouldBeOk();
        Assert.Equal(1, all.GetProperty("total").GetInt32());

        // Her own row of agent performance holds the demo's registrations and the mean of the two scores.
        var today = AppFixture.DefaultNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await (await Api.As("agent")).GetAsync($"/api/assessment/agents?from={today}&to={today}").ShouldBeOk();
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal("王芳", row.GetProperty("name").GetString());
        Assert.Equal(11, row.GetProperty("registered").GetInt32());
        Assert.Equal(96m, row.GetProperty("qualityScore").GetDecimal());
    }
}

public sealed class DemoInspectionTests_Sqlite(SqliteApp app) : DemoInspectionTests(app), IClassFixture<SqliteApp>;

public sealed class DemoInspectionTests_Postgres(PostgresApp app) : DemoInspectionTests(app), IClassFixture<PostgresApp>;
