using System.Net;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Dates at the ends of the calendar (issue 13): a filter or a committed date outside the range the platform reasons about
/// is a field error, never a 500 from a day's start or end that cannot be represented.
/// </summary>
public abstract class FarDateTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Theory]
    [InlineData("/api/work-orders?from=0001-01-01", "from")]
    [InlineData("/api/work-orders?to=9999-12-31", "to")]
    [InlineData("/api/work-orders/search?q=电梯&from=0001-01-01", "from")]
    [InlineData("/api/work-orders/search?q=电梯&to=9999-12-31", "to")]
    [InlineData("/api/work-orders?from=1989-12-31", "from")]
    [InlineData("/api/work-orders?to=2200-01-01", "to")]
    public async Task ListAndSearch_DateOutsideTheSupportedRange_Is400NamingTheField(string url, string field)
    {
        var client = await Api.As("dispatcher");
        await (await client.GetAsync(url)).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task ListAndSearch_DatesAtTheEndsOfTheRange_Answer()
    {
        var client = await Api.As("dispatcher");
        await client.GetAsync("/api/work-orders?from=1990-01-01&to=2199-12-31").ShouldBeOk();
        await client.GetAsync("/api/work-orders/search?q=电梯&from=1990-01-01&to=2199-12-31").ShouldBeOk();
    }

    [Theory]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("to=9999-12-31", "to")]
    public async Task RoutingAcceptance_FarDate_Is400NamingTheField(string query, string field)
    {
        var client = await Api.As("manager");
        await (await client.GetAsync("/api/routing/acceptance?" + query)).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task ProgressReport_CommittedDateAtTheEndOfTheCalendar_Is400NamingTheField()
    {
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await (await Api.Act("handler", id, "progress-report", new { text = "配件在途", committedDate = "9999-12-31" })).ShouldBeValidationError("committedDate");
    }
}

public sealed class FarDateTests_Sqlite(SqliteApp app) : FarDateTests(app), IClassFixture<SqliteApp>;

public sealed class FarDateTests_Postgres(PostgresApp app) : FarDateTests(app), IClassFixture<PostgresApp>;
