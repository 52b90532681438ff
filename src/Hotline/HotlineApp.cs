using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Domain.Organisation;
using Hotline.Features.Analytics;
using Hotline.Features.Assessment;
using Hotline.Features.Assessment.Agents;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Features.Assessment.Rankings;
using Hotline.Features.Assessment.Reports;
using Hotline.Features.Assessment.Sampling;
using Hotline.Features.Attachments;
using Hotline.Features.Auth;
using Hotline.Features.Calendar;
using Hotline.Features.Callback;
using Hotline.Features.Cases;
using Hotline.Features.Chat;
using Hotline.Features.CitizenMessages;
using Hotline.Features.Citizens;
using Hotline.Features.Dispatch;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.Emergencies;
using Hotline.Features.Handling;
using Hotline.Features.Home;
using Hotline.Features.Intake;
using Hotline.Features.Knowledge;
using Hotline.Features.LiveUpdates;
using Hotline.Features.MergedHotlines;
using Hotline.Features.Notifications;
using Hotline.Features.Open311;
using Hotline.Features.Organisation;
using Hotline.Features.Portal;
using Hotline.Features.QualityInspection;
using Hotline.Features.Search;
using Hotline.Features.Supervision;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.KeyRing;
using Hotline.Infrastructure.Observability;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Hotline.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline;

/// <summary>Composition of the server: services, pipeline and start-up checks. Tests build it exactly as production does.</summary>
public static class HotlineApp
{
    /// <summary>Where the server listens when neither ASPNETCORE_URLS, --urls nor Urls says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder CreateBuilder(string[] args, string? environment = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            // Named, not taken from the entry assembly, so that a test host ("testhost") serves the same OpenAPI document.
            ApplicationName = typeof(HotlineApp).Assembly.GetName().Name,
            // appsettings.json and the SPA are copied beside the binary; the current directory only anchors data/.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The default address is set here rather than in appsettings.json: there it would outrank ASPNETCORE_URLS,
        // which the host reads before the JSON file.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        ConfigureServices(builder);
        return builder;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // Logs, metrics, traces and health checks (Infrastructure/Observability).
        builder.AddHotlineObservability();

        // Kestrel names itself on no answer, its own bare error answers included (issue 13, item 5).
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        services.AddSingleton(TimeProvider.System);
        services.AddHotlineDatabase(configuration);
        services.AddHotlineSecurity(configuration);
        services.AddKeyRing(configuration);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.AddOpenApi(o => o.AddRequestLimits());
        services.AddRateLimiter(TooManyRequests.Configure);
        services.AddTrustedProxies(configuration);
        services.AddSignIn(configuration);

        services.AddSingleton<CalendarService>();
        services.AddHostedService<CalendarRefreshJob>();
        services.AddHotlineSearch();
        services.AddKnowledge(configuration);
        services.AddWorkOrders(configuration);
        services.Configure<ReplyOptions>(configuration.GetSection(ReplyOptions.Section)); // issue 15: who answers the citizen
        services.AddIntake();
        services.AddDispatch(configuration);
        services.AddSupervision();
        services.AddSupervisionCorrection(); // issue 16, correction and accountability
        services.AddAssessmentRankings(); // issue 17, rankings, interview list, targets, qualitative items, circulation
        services.AddLiveUpdates();
        services.AddNotifications();
        services.AddEmergencies();
        services.AddSampling(); // issue 17
        services.AddCitizenMessages(builder.Environment);
        services.AddAnalytics(configuration);
        services.AddAssessment(); // issue 17, assessment
        services.AddScoped<DashboardQueries>(); // issue 17: the one query class behind the dashboards
        services.AddSingleton<DashboardReadOptions>(); // issue 17: the dashboards read the pre-aggregated counts unless told to count the orders
        services.AddScoped<ScoreTrendQueries>(); // issue 17: on-time and satisfaction trends
        services.AddAssessmentReports(); // issue 17, analysis report
        services.AddCitizens(); // issue 18, the citizens' own channels
        services.AddOpen311(); // issue 18, Open311 GeoReport v2
        services.AddAttachments(); // issue 18, attachments (its options read when first needed)
        services.AddChat(); // issue 18, online customer service and the intelligent assistant
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        KeyRingSetup.ProtectKeyRing(builder);
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on https answers only (and never for localhost).
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWorkbenchFiles();
        app.UseOriginCheck();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseControlCharacterFilter();

        // The API document is for staff outside Development (issue 13, item 10); the workbench's build reads it in Development.
        var openApi = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            openApi.AllowAnonymous();
        }
        else
        {
            openApi.RequireAuthorization(Policies.Staff);
        }

        app.MapHotlineObservability();

        // Every API route has its request held to the declared text limits (RequestLimits, issue 13).
        var api = app.MapLimitedGroup();
        api.MapAuth();
        api.MapUnits();
        api.MapUsers();
        api.MapCalendar();
        api.MapSearch();
        api.MapKnowledge();
        api.MapPortalKnowledge();

        // The life of an order, capability by capability (the OpenAPI document lists them in this order).
        api.MapWorkOrders();
        api.MapIntake();
        api.MapDispatch();
        api.MapEmergencyEndpoints();
        api.MapHandling();
        api.MapAttachments(); // issue 18
        api.MapCallback();
        api.MapCases(); // issue 15, hard cases and disputes
        api.MapReminders();
        api.MapCatalogue();
        api.MapSupervision();
        api.MapCorrections().MapMisconduct().MapCirculars(); // issue 16, correction and accountability
        api.MapEscalation(); // issue 16: escalation, special reports, convening multi-unit cases
        api.MapAssessmentRankings(); // issue 17, rankings and what follows from them
        api.MapHome();
        api.MapNotifications();
        api.MapRouting();
        api.MapRepeatCandidates();
        api.MapHotSpots();
        api.MapAssessment(); // issue 17, assessment
        api.MapAgentPerformance(); // issue 17
        api.MapSampling();
        api.MapQualityInspection(); // S14, 质检
        api.MapMergedHotlines(); // S1, 热线归并
        api.MapDashboards(); // issue 17
        api.MapDashboardTrendsAndExports().MapAssessmentExports().MapRankingTableExports(); // issue 17: trends, every table to .xlsx
        api.MapAssessmentReports(); // issue 17, analysis report
        api.MapCitizens(app.Environment); // issue 18: the citizen API, the online intake queue, channel keys
        api.MapOpen311(); // issue 18: Open311 GeoReport v2 at /open311/v2
        api.MapChat(); // issue 18: online customer service
        app.MapLiveUpdates();
        app.MapChatHubs();
        app.MapWorkbenchFallback();
        return app;
    }

    /// <summary>Migrations, reference data, first-start demo data and the production safety checks.</summary>
    public static async Task InitialiseAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Hotline.Startup");
        // The key-ring certificate first: without it outside Development nothing else need run (issue 13, item 12).
        services.GetRequiredService<KeyRingCertificates>().EnsureAvailable();
        if (options.MigrateOnStart)
        {
            await DatabaseSetup.MigrateAsync(services, cancellationToken);
        }

        if (options.Provider == DatabaseProvider.Sqlite && DataFiles.LooseModeWarning(DatabaseSetup.SqliteFile(options.ConnectionString)) is { } loose)
        {
            logger.LogWarning("Data files: {Warning}", loose);
        }

        if (!app.Environment.IsDevelopment())
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var defaults = await db.Users.Where(u => u.IsActive && u.HasDefaultPassword).Select(u => u.UserName).ToListAsync(cancellationToken);
            if (defaults.Count > 0)
            {
                throw new StartupRefusedException(
                    $"Refusing to start in {app.Environment.EnvironmentName}: these accounts still have the seeded default password: {string.Join(", ", defaults)}. " +
                    "Change them (hotline user set-password) or deactivate them first.");
            }
        }

        await services.GetRequiredService<CalendarService>().ReloadAsync(cancellationToken);
        await services.GetRequiredService<WorkOrderClocks>().ReloadAsync(cancellationToken);
        await services.GetRequiredService<CategoryDirectory>().ReloadAsync(cancellationToken);

        var seedDemo = app.Configuration.GetValue("Seed:DemoOnFirstStart", app.Environment.IsDevelopment());
        if (app.Environment.IsDevelopment() && seedDemo)
        {
            if (await DemoData.SeedAsync(services, cancellationToken))
            {
                logger.LogInformation("Seeded the demo platform (安澜市): {Units} units, {Users} accounts", DemoData.Units.Length, DemoData.Accounts.Length);
            }

            if (app.Configuration.GetValue("Seed:DemoWorkOrders", true))
            {
                await DemoWorkOrders.SeedAsync(services, cancellationToken);
            }
        }
    }

    /// <summary>The exit code of a refused start (README, "Demo accounts"): the message is on standard error.</summary>
    public const int RefusedExitCode = 3;

    /// <summary>Runs the server until it stops; returns the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication? app = null;
        try
        {
            // Building reads the security settings too (trusted proxies, allowed origins, sign-in limits).
            app = Build(CreateBuilder(args));
            await InitialiseAsync(app);
        }
        catch (StartupRefusedException refusal)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await Console.Error.WriteLineAsync(refusal.Message);
            return RefusedExitCode;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hotline.Startup");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                logger.LogInformation("Hotline 12345 is listening on {Url}", url);
            }

            if (app.Environment.IsDevelopment())
            {
                // The demo password is in the README, not in the log (issue 13, item 14).
                logger.LogInformation("Development: sign in as one of the demo accounts the README lists (admin, agent, …)");
            }
        });
        await app.RunAsync();
        return 0;
    }
}
