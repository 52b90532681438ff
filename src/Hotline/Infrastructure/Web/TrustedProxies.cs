using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Whose word the server takes for the client's address and scheme (issue 13, defect 6). <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are read only from the proxies listed in <c>Security:TrustedProxies</c> (addresses or CIDR
/// networks, none by default): ASP.NET Core's own default trusts any loopback peer, so a client on the same machine
/// could name any address it liked and count against nobody's limit.
/// </summary>
public static class TrustedProxies
{
    public const string Setting = "Security:TrustedProxies";

    /// <summary>Reads the list when the options are first asked for, so that every configuration source is in.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in SettingList.Read(configuration, Setting))
            {
                o.KnownIPNetworks.Add(Parse(entry));
            }

            // Through a chain of listed proxies to the first address that is not one; an unlisted hop ends the walk.
            o.ForwardLimit = null;
        });

    /// <summary>Applies the forwarded headers of trusted proxies; a malformed list refuses the start here, with its message.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.UseForwardedHeaders(app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value);

    private static System.Net.IPNetwork Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        return System.Net.IPNetwork.TryParse(entry, out var network)
            ? network
            : throw new StartupRefusedException($"{Setting}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
    }
}

/// <summary>The client as limits and throttles count it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The client's address after the trusted proxies' word; an IPv6 client by its /64 network, since one machine is
    /// given a whole /64 and could otherwise take a fresh address for every attempt.
    /// </summary>
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

/// <summary>A setting that lists values: an array in JSON (<c>Key:0</c>, <c>Key:1</c>) or one string separated by commas.</summary>
internal static class SettingList
{
    public static IReadOnlyList<string> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        IEnumerable<string> values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value).OfType<string>();
        return [.. values.SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
