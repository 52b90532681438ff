using System.Threading.RateLimiting;
using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Messaging;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens;

public sealed class CitizenApiOptions
{
    public const string Section = "Citizens";

    /// <summary>Requests per minute through one channel key (an app's whole user base shares it).</summary>
    public int RequestsPerKeyPerMinute { get; set; } = 6000;

    /// <summary>Requests per minute from one client address without a key (the web portal).</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 60;
}

/// <summary>A phone whose last development code a test wants; POST, so the number stays out of URLs and logs.</summary>
public sealed record DevelopmentCodeRequest([property: MaxLength(Limits.Phone)] string? Phone);

public sealed record DevelopmentCode(string? Code);

public static class CitizenServices
{
    /// <summary>The citizen API, the online intake queue and the channel keys (issue 18).</summary>
    public static IServiceCollection AddCitizens(this IServiceCollection services)
    {
        services.AddOptions<CitizenApiOptions>().BindConfiguration(CitizenApiOptions.Section);
        services.AddSingleton<CitizenAccess>();
        services.AddOptions<Domain.Citizens.Interception.InterceptionOptions>().BindConfiguration(Domain.Citizens.Interception.InterceptionOptions.Section);
        services.AddOptions<Domain.Citizens.MailboxOptions>().BindConfiguration(Domain.Citizens.MailboxOptions.Section);
        services.AddScoped<SubmissionPath>();
        services.AddSingletonHostedService<CitizenCodeSweepJob>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(CitizenEndpoints.RateLimit, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptionsMonitor<CitizenApiOptions>>().CurrentValue;
            // Per key when the request carries one (a wrong key is refused by the filter after this), else per address.
            var key = http.Request.Headers[CitizenAccess.KeyHeader].ToString();
            return string.IsNullOrEmpty(key)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress.Of(http), _ => Window(options.RequestsPerAddressPerMinute))
                : RateLimitPartition.GetFixedWindowLimiter("key:" + CitizenRules.Hash(key), _ => Window(options.RequestsPerKeyPerMinute));
        }));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(MailboxEndpoints.RateLimit, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptionsMonitor<Domain.Citizens.MailboxOptions>>().CurrentValue.ListingRequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter("mailbox:" + ClientAddress.Of(http), _ => Window(perMinute));
        }));
        return services;
    }

    /// <summary>The citizen API, the queue, the keys; in Development only, the test endpoint that reads the last code sent to a phone.</summary>
    public static IEndpointRouteBuilder MapCitizens(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        app.MapCitizenApi();
        app.MapOnlineIntake();
        app.MapChannelKeys();
        app.MapInterceptions();
        app.MapMailbox();
        Ratings.FollowUpEndpoints.MapServiceRatingFollowUp(app); // issue 18, 好差评
        if (environment.IsDevelopment())
        {
            app.MapPost("/api/development/citizen-codes/last", (DevelopmentCodeRequest request, DevelopmentCitizenMessageSink sink) =>
                    TypedResults.Ok(new DevelopmentCode(request.Phone is null ? null : sink.LastCodeFor(CitizenRules.NormalisePhone(request.Phone)))))
                .WithTags("Development").AllowAnonymous().WithSummary("Development only: the last one-time code the development sink kept for a phone.");
        }

        return app;
    }

    private static FixedWindowRateLimiterOptions Window(int perMinute) => new() { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1) };
}
