using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Hotline.Tests.Citizens;

/// <summary>Issue 18: the endpoint that reads the development sink's last code exists in Development only.</summary>
public sealed class DevelopmentCodeEndpointTests
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task DevelopmentCodeEndpoint_IsMappedInDevelopmentOnly(string environment, bool mapped)
    {
        var builder = HotlineApp.CreateBuilder([], environment);
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"hotline-test-{Guid.NewGuid():N}.db")}"));
        await using var app = HotlineApp.Build(builder);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("/api/citizen/codes", routes);
        Assert.Equal(mapped, routes.Contains("/api/development/citizen-codes/last"));
    }
}
