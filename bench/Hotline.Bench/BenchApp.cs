using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Bench;

/// <summary>The real server, built as the benchmarks need it: on a PostgreSQL database, quiet logs, cheap password hashing.</summary>
public static class BenchApp
{
    /// <summary>
    /// Builds and initialises (migrates, seeds) the server on <paramref name="connectionString"/>; <paramref name="settings"/>
    /// add to or override the defaults. With <paramref name="start"/> it also listens on a free loopback port.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, bool start = false, bool backgroundJobs = true)
    {
        var builder = HotlineApp.CreateBuilder([], "Development");
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Security:PasswordHashIterations"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            // Log lines go to stderr, so the Markdown a benchmark prints on stdout stays clean.
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (!backgroundJobs)
        {
            // The application's own background services (followers, lights, jobs) off; the host's own (Kestrel) kept.
            foreach (var hosted in builder.Services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                && d.ImplementationType?.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) != true).ToList())
            {
                builder.Services.Remove(hosted);
            }
        }

        var app = HotlineApp.Build(builder);
        await HotlineApp.InitialiseAsync(app);
        if (start)
        {
            await app.StartAsync();
        }

        return app;
    }

    /// <summary>
    /// The session cookie ("name=value") a successful sign-in set; the sign-in sets other cookies too (the device it
    /// came from), so it is picked by name.
    /// </summary>
    public static string SessionCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .First(c => c.StartsWith(Hotline.Infrastructure.Security.AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));

    /// <summary>The demo intake agent as the domain's verbs take it, for a write path driven without HTTP.</summary>
    public static async Task<Actor> AgentAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "agent");
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == user.UnitId);
        return new Actor(user.Id, user.DisplayName, new HashSet<Role> { Role.IntakeAgent }, unit.Id, unit.Name, AccessScope.Platform);
    }
}
