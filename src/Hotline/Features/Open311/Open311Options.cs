using Hotline.Domain;

namespace Hotline.Features.Open311;

/// <summary>Open311's settings (section <c>Open311</c>).</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>The version of this implementation's answers, as discovery states it.</summary>
    public const string Changeset = "2026-12-05T00:00:00+08:00";

    /// <summary>The jurisdiction this server answers for (the city's division code); a request naming another is refused.</summary>
    public string JurisdictionId { get; set; } = "990100";

    /// <summary>Who a developer asks, as discovery states it.</summary>
    public string Contact { get; set; } = "12345政务服务便民热线 · 请联系热线管理员";

    /// <summary>How a developer gets an api_key, as discovery states it.</summary>
    public string KeyService { get; set; } = "向热线管理员申请渠道密钥（api_key）";

    /// <summary>The public base address (scheme and host) when the server sits behind a proxy; otherwise the request's own.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Requests per minute through one api_key.</summary>
    public int RequestsPerKeyPerMinute { get; set; } = 6000;

    /// <summary>Requests per minute from one client address without a key in the header or query.</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 60;

    /// <summary>A request that names a jurisdiction must name this one.</summary>
    public void CheckJurisdiction(string? jurisdictionId)
    {
        if (!string.IsNullOrWhiteSpace(jurisdictionId) && !string.Equals(jurisdictionId.Trim(), JurisdictionId, StringComparison.Ordinal))
        {
            throw ValidationException.For("jurisdiction_id", $"jurisdiction_id {jurisdictionId.Trim()} is not served here.");
        }
    }
}
