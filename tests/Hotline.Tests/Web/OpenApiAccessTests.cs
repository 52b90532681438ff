using System.Net;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Web;

/// <summary>
/// Outside Development the OpenAPI document is for signed-in staff only (issue 13, item 10); Development keeps it
/// anonymous for the workbench's type generation (OpenApiSnapshotTests).
/// </summary>
public abstract class OpenApiAccessTests(DatabaseProvider provider)
{
    private const string ProductionPassword = "Production-Pass-13";

    [Fact]
    public async Task Production_OpenApiDocument_NeedsASignedInStaffMember()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        await SeedWithChangedPasswordsAsync(cs);
        await using var prod = Build(cs, "Production");
        await HotlineApp.InitialiseAsync(prod); // passes: no account keeps the default password
        await prod.StartAsync();
        var address = new Uri(prod.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var anonymous = new HttpClient { BaseAddress = address };
        using var refused = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var staff = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
        using var login = await staff.PostJsonAsync("/api/auth/login", new { userName = "agent", password = ProductionPassword });
        await login.ShouldBe(HttpStatusCode.OK);
        using var document = await staff.GetAsync("/openapi/v1.json");
        var body = await document.ShouldBe(HttpStatusCode.OK);
        Assert.True(body.TryGetProperty("paths", out _));

        await prod.StopAsync();
    }

    [Fact]
    public async Task Development_OpenApiDocument_IsAnonymous()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        await using var dev = Build(cs, "Development");
        await HotlineApp.InitialiseAsync(dev);
        await dev.StartAsync();
        var address = new Uri(dev.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var anonymous = new HttpClient { BaseAddress = address };
        using var document = await anonymous.GetAsync("/openapi/v1.json");
        await document.ShouldBe(HttpStatusCode.OK);

        await dev.StopAsync();
    }

    /// <summary>Seeds the demo platform as Development does, then gives every account a password of its own, as an operator must.</summary>
    private async Task SeedWithChangedPasswordsAsync(string connectionString)
    {
        await using var dev = Build(connectionString, "Development");
        await HotlineApp.InitialiseAsync(dev);
        await using var scope = dev.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        foreach (var user in db.Users.ToList())
        {
            user.SetPassword(hasher.HashPassword(user, ProductionPassword));
        }

        await db.SaveChangesAsync();
    }

    private WebApplication Build(string connectionString, string environment)
    {
        var builder = HotlineApp.CreateBuilder([], environment);
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(provider, connectionString));
        builder.Services.Replace(ServiceDescriptor.Singleton(TimeProvider.System));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return HotlineApp.Build(builder);
    }
}

public sealed class OpenApiAccessTests_Sqlite() : OpenApiAccessTests(DatabaseProvider.Sqlite);

public sealed class OpenApiAccessTests_Postgres() : OpenApiAccessTests(DatabaseProvider.Postgres);
