using System.Threading.RateLimiting;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Auth;

/// <summary>How many sign-in attempts a minute one client address, and one account, may make (each server node counts its own).</summary>
public sealed class SignInLimitOptions
{
    /// <summary><c>Security:LoginAttemptsPerMinute</c>: per client address (the trusted proxies' word decides which).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;

    /// <summary>
    /// <c>Security:LoginAttemptsPerAccountPerMinute</c>: per user name, known or not, from all browsers but the account's
    /// own (each of which has a limit of its own), so that many addresses together cannot try one account fast.
    /// </summary>
    public int LoginAttemptsPerAccountPerMinute { get; set; } = 10;
}

/// <summary>Sign-in's limits, throttles and known browsers (issue 13, defects 6 and 7); <see cref="AuthEndpoints"/> applies them.</summary>
public static class SignInLimits
{
    public const string TooManyAttemptsCode = "auth.too_many_attempts";

    public const string TooManyAttemptsTitle = "Too many sign-in attempts; wait and try again.";

    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInLimitOptions>().Bind(configuration.GetSection("Security")).PostConfigure(o =>
            Refuse(o.LoginAttemptsPerMinute < 1 || o.LoginAttemptsPerAccountPerMinute < 1, "Security:LoginAttemptsPerMinute and Security:LoginAttemptsPerAccountPerMinute must be at least 1."));
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section)).PostConfigure(o =>
            Refuse(!ValidRules(o), $"{SignInThrottleOptions.Section}: FreeFailures, FirstDelaySeconds, MaxDelayMinutes and ForgetAfterHours must be at least 1, and the longest delay at least the first."));
        services.AddScoped<SignInThrottles>();
        services.AddSingleton<SignInDevices>();
        services.AddSingleton<AccountAttemptLimiter>();
        services.AddScoped<SignInGuard>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, AddressAttemptLimit>(AuthEndpoints.LoginRateLimit));
        return services;
    }

    /// <summary>Reads the settings now, so that a wrong one refuses the start with its message (<see cref="StartupRefusedException"/>).</summary>
    public static void CheckSettings(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<SignInLimitOptions>>().Value;
        _ = services.GetRequiredService<IOptions<SignInThrottleOptions>>().Value;
    }

    private static void Refuse(bool wrong, string message)
    {
        if (wrong)
        {
            throw new StartupRefusedException(message);
        }
    }

    private static bool ValidRules(SignInThrottleOptions options) => Enum.GetValues<SignInThrottleScope>().Select(options.RuleFor)
        .All(r => r.FreeFailures >= 1 && r.FirstDelay >= TimeSpan.FromSeconds(1) && r.MaxDelay >= r.FirstDelay && r.ForgetAfter >= TimeSpan.FromHours(1));

    /// <summary>The login endpoint's limit per client address, checked before the body is read; its 429 is recorded.</summary>
    private sealed class AddressAttemptLimit(IOptions<SignInLimitOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
        {
            var http = context.HttpContext;
            var retryAfter = TooManyRequests.RetryAfterOf(context.Lease);
            var address = ClientAddress.Of(http);
            await http.RequestServices.GetRequiredService<SignInThrottles>().RecordLimitAsync(SignInThrottleScope.Address, address, null, address, retryAfter, ct);
            await TooManyRequests.WriteAsync(http, retryAfter, TooManyAttemptsCode, TooManyAttemptsTitle);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
            ClientAddress.Of(httpContext),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) });
    }
}

/// <summary>The limit per account (<see cref="SignInLimitOptions.LoginAttemptsPerAccountPerMinute"/>), checked once the user name is read.</summary>
public sealed class AccountAttemptLimiter(IOptions<SignInLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.LoginAttemptsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <summary>Takes one attempt of <paramref name="key"/>'s minute; how long to wait when none is left.</summary>
    public TimeSpan? TryTake(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : TooManyRequests.RetryAfterOf(lease);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>One sign-in attempt's way past the limits and throttles, and what its outcome leaves behind.</summary>
public sealed class SignInGuard(SignInThrottles throttles, SignInDevices devices, AccountAttemptLimiter limiter)
{
    public SignInAttempt Begin(HttpContext http, string userName) => new(userName, ClientAddress.Of(http), devices.DeviceOf(http, userName));

    /// <summary>How long the attempt must wait before its password is even looked at; null when it may go ahead.</summary>
    public async Task<TimeSpan?> WaitAsync(SignInAttempt attempt, CancellationToken ct)
    {
        if (limiter.TryTake(attempt.LimitKey) is { } wait)
        {
            var scope = attempt.DeviceId is null ? SignInThrottleScope.Account : SignInThrottleScope.Device;
            await throttles.RecordLimitAsync(scope, attempt.LimitKey, attempt.UserName, attempt.Address, wait, ct);
            return wait;
        }

        return await throttles.RetryAfterAsync(attempt, ct);
    }

    public Task FailedAsync(SignInAttempt attempt, User? account, CancellationToken ct) => throttles.RecordFailureAsync(attempt, account, ct);

    public async Task SucceededAsync(HttpContext http, SignInAttempt attempt, CancellationToken ct)
    {
        await throttles.RecordSuccessAsync(attempt, ct);
        devices.Remember(http, attempt.UserName);
    }
}
