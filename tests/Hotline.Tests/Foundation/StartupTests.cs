using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Foundation;

public abstract class StartupTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Production_WithSeededDefaultPasswords_RefusesToStart()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        // Seed the demo platform as Development would, then try to start the same database as Production.
        await using (var dev = await BuildAsync(cs, "Development"))
        {
            await HotlineApp.InitialiseAsync(dev);
        }

        await using var prod = await BuildAsync(cs, "Production");
        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => HotlineApp.InitialiseAsync(prod));
        Assert.Contains("default password", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_FirstStart_SeedsDemoWorkOrdersInEveryStage()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        var builder = HotlineApp.CreateBuilder([], "Development");
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(provider, cs));
        builder.Configuration.AddInMemoryCollection([new("Seed:DemoWorkOrders", "true")]);
        await using var app = HotlineApp.Build(builder);
        await HotlineApp.InitialiseAsync(app);
        await HotlineApp.InitialiseAsync(app); // a second start adds nothing

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var statuses = db.Set<Hotline.Domain.WorkOrders.WorkOrder>().Select(w => w.Status).ToList();
        Assert.Equal(11, statuses.Count);
        Assert.Equal(7, statuses.Distinct().Count());
        Assert.True(db.Set<Hotline.Domain.WorkOrders.WorkOrderEvent>().Count() > statuses.Count);
    }

    [Fact]
    public async Task Production_OnEmptyDatabase_MigratesButSeedsNoDemoAccounts()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        await using var prod = await BuildAsync(cs, "Production");
        await HotlineApp.InitialiseAsync(prod);

        await using var scope = prod.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        Assert.Equal(0, db.Users.Count());
        Assert.Equal(3, db.CalendarYears.Count());
    }

    [Fact]
    public async Task Cli_MigrateSeedAndSetPassword_WorkAgainstTheConfiguredDatabase()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        var (code, output) = await RunCliAsync(cs, "migrate");
        Assert.True(code == 0, output);
        Assert.Contains("up to date", output, StringComparison.Ordinal);

        (code, output) = await RunCliAsync(cs, "seed");
        Assert.True(code == 0, output);
        Assert.Contains("Seeded", output, StringComparison.Ordinal);

        (code, output) = await RunCliAsync(cs, "user", "set-password", "--user-name", "admin", "--password", "weak");
        Assert.Equal(2, code);

        (code, output) = await RunCliAsync(cs, "user", "set-password", "--user-name", "admin", "--password", "New-Admin-Pass-1");
        Assert.True(code == 0, output);

        await using var scope = (await BuildAsync(cs, "Production")).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        Assert.False(db.Users.Single(u => u.UserName == "admin").HasDefaultPassword);
        Assert.True(db.Users.Single(u => u.UserName == "agent").HasDefaultPassword);
    }

    private static Task<WebApplication> BuildAsync(string connectionString, string environment)
    {
        var builder = HotlineApp.CreateBuilder([], environment);
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(provider: ProviderOf(connectionString), connectionString));
        builder.Services.Replace(ServiceDescriptor.Singleton(TimeProvider.System));
        return Task.FromResult(HotlineApp.Build(builder));
    }

    private static DatabaseProvider ProviderOf(string connectionString) =>
        connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>Runs the real executable (the same binary as the server) with the database given through the environment.</summary>
    private Task<(int Code, string Output)> RunCliAsync(string connectionString, params string[] args) =>
        HotlineProcess.RunWithDatabaseAsync(provider, connectionString, null, args);
}

public sealed class StartupTests_Sqlite() : StartupTests(DatabaseProvider.Sqlite);

public sealed class StartupTests_Postgres() : StartupTests(DatabaseProvider.Postgres);
