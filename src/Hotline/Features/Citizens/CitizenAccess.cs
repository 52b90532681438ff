using System.Globalization;
using System.Security.Cryptography;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Citizens;

/// <summary>The channel a citizen's request came through: a keyed channel, or the web portal without a key.</summary>
public sealed record CitizenChannel(Channel Channel, long? KeyId, string? KeyName);

/// <summary>
/// Who is calling the citizen API (issue 18): the channel, from the API key in <see cref="KeyHeader"/> (hashed and looked
/// up; a rotated key works through its grace period; no key means the web portal), and the verified phone, from the
/// citizen token in <see cref="TokenHeader"/>. Tokens are the data-protection key ring's: the phone and the expiry,
/// encrypted and signed, checked against the server's clock; nothing to store, nothing to sweep.
/// </summary>
public sealed class CitizenAccess(IDataProtectionProvider protection, TimeProvider time)
{
    public const string KeyHeader = "X-Api-Key";

    public const string TokenHeader = "X-Citizen-Token";

    private const string ChannelItem = "citizen-channel";

    private readonly IDataProtector _tokens = protection.CreateProtector("Hotline.Citizens.Token.v1");

    public CitizenTokenDto IssueToken(string phone)
    {
        var expires = time.GetUtcNow() + CitizenRules.TokenLifetime;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{expires.UtcTicks}|{CitizenRules.NormalisePhone(phone)}");
        return new CitizenTokenDto(_tokens.Protect(payload), Domain.Calendar.ChinaTime.ToLocal(expires));
    }

    /// <summary>The verified phone of the request's token, or null when it has none, a forged one or an expired one.</summary>
    public string? PhoneOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = http.Request.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _tokens.Unprotect(token).Split('|', 2);
            var expires = new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero);
            return time.GetUtcNow() < expires ? parts[1] : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The channel the filter resolved for this request.</summary>
    public static CitizenChannel ChannelOf(HttpContext http) =>
        http.Items[ChannelItem] as CitizenChannel ?? throw new InvalidOperationException("The citizen channel filter did not run.");

    /// <summary>The endpoint filter of the citizen API: resolves the channel from the key, or refuses with 401.</summary>
    public static async ValueTask<object?> ChannelFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            http.Items[ChannelItem] = new CitizenChannel(Channel.Web, null, null);
            return await NextAsync(context, next);
        }

        var channel = await KeyChannelAsync(presented, http.RequestServices.GetRequiredService<HotlineDbContext>(),
            http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
        if (channel is null)
        {
            return Unauthorized("channel_key.invalid", "The API key is unknown, revoked or past its grace period.");
        }

        http.Items[ChannelItem] = channel;
        return await NextAsync(context, next);
    }

    /// <summary>The channel of a presented API key, or null when it is unknown, revoked or past its grace period.</summary>
    public static async Task<CitizenChannel?> KeyChannelAsync(string presented, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (presented.Length is 0 or > 200)
        {
            return null;
        }

        var hash = CitizenRules.Hash(presented);
        var now = time.GetUtcNow().UtcDateTime;
        var key = await db.Set<ChannelKey>().AsNoTracking().Where(k => k.KeyHash == hash || k.PreviousKeyHash == hash).FirstOrDefaultAsync(ct);
        return key is not null && key.Accepts(hash, now) ? new CitizenChannel(key.Channel, key.Id, key.Name) : null;
    }

    private static async ValueTask<object?> NextAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (CitizenTokenRequiredException e)
        {
            return Unauthorized("citizen.token_required", e.Message);
        }
    }

    /// <summary>The verified phone, or a 401 the citizen's app answers by asking for a code.</summary>
    public string RequirePhone(HttpContext http) =>
        PhoneOf(http) ?? throw new CitizenTokenRequiredException();

    public static IResult Unauthorized(string code, string title) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = title,
        Extensions = { ["code"] = code },
    });
}

/// <summary>A citizen operation without a valid citizen token: answered 401 by the citizen API's filter.</summary>
public sealed class CitizenTokenRequiredException() : Exception("Verify the phone with a one-time code first.");
