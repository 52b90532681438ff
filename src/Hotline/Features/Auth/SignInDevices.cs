using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Hotline.Features.Auth;

/// <summary>
/// The browsers that have signed in to an account before (a device cookie, as OWASP describes): the owner's browser is
/// throttled only by its own failures, so nobody can keep an account's owner out by failing on purpose (issue 13,
/// defect 7). The cookie holds, encrypted and signed, up to ten user names with a random device id each (a seat shared
/// by shifts knows all of them); it goes only to <c>/api/auth</c> and lives 180 days from the last sign-in.
/// </summary>
public sealed class SignInDevices(IDataProtectionProvider protection)
{
    public const string CookieName = "hotline.device";

    public const string CookiePath = "/api/auth";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private const int MaxAccounts = 10;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Hotline.SignIn.Devices").ToTimeLimitedDataProtector();

    /// <summary>The device id of <paramref name="userName"/> in this browser; null when it has not signed in to that account here.</summary>
    public string? DeviceOf(HttpContext http, string userName) => Read(http).FirstOrDefault(e => e.UserName == userName)?.DeviceId;

    /// <summary>Remembers, after the right password, that this browser is one of the account's own.</summary>
    public void Remember(HttpContext http, string userName)
    {
        var entries = Read(http);
        var device = entries.FirstOrDefault(e => e.UserName == userName)?.DeviceId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var kept = entries.Where(e => e.UserName != userName).Prepend(new Entry(userName, device)).Take(MaxAccounts).ToList();
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(kept), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    private List<Entry> Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<Entry>>(_protector.Unprotect(value)) ?? [];
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            // Expired, forged, or from a key ring that is gone: the browser is a stranger again.
            return [];
        }
    }

    private sealed record Entry(string UserName, string DeviceId);
}
