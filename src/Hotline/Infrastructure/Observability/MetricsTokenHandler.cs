using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Observability;

/// <summary>
/// Signs in a Prometheus scraper that sends <c>Authorization: Bearer {Observability:MetricsToken}</c>. Only the
/// metrics policy names this scheme, so the token opens <c>/metrics</c> and nothing else. The token is compared as a
/// SHA-256 digest in constant time (neither its content nor its length shows in the timing).
/// </summary>
public sealed class MetricsTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, IOptions<ObservabilityOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "metrics-token";

    /// <summary>The claim the scraper's principal carries; no staff role.</summary>
    public const string ScraperClaim = "hotline:metrics-scraper";

    private readonly byte[]? _expected = settings.Value.MetricsToken is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        const string bearer = "Bearer ";
        var header = Request.Headers.Authorization.ToString();
        if (_expected is null || !header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[bearer.Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(given, _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The metrics token does not match."));
        }

        var identity = new ClaimsIdentity([new Claim(ScraperClaim, "true")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Says how to authenticate; the cookie scheme, challenged after this one, writes the 401 problem.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
