using Microsoft.AspNetCore.Mvc;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Refuses a state-changing request (POST, PUT, PATCH, DELETE, and a WebSocket handshake) that a browser sends on behalf
/// of another site (issue 13, defect 8): its <c>Origin</c>, or without one its <c>Sec-Fetch-Site</c> or <c>Referer</c>, must
/// name the server itself or an origin listed in <c>Security:AllowedOrigins</c>. A request with none of the three is
/// not a browser's (every browser that can run the workbench sends <c>Origin</c> on a cross-origin write) and passes:
/// a script holds its own cookie. docs/decisions.md ("Cross-site requests") gives the reasons.
/// </summary>
public static class OriginCheck
{
    public const string Setting = "Security:AllowedOrigins";

    public const string Code = "request.cross_origin";

    /// <summary>Adds the check; call it before rate limits and authentication, so a refused request costs nothing.</summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var allowed = SettingList.Read(configuration, Setting)
            .Select(o => OriginOf(o) ?? throw new StartupRefusedException($"{Setting}: '{o}' is not an origin such as https://hotline.example.gov.cn."))
            .ToHashSet(StringComparer.Ordinal);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OriginCheck));
        return app.Use(async (context, next) =>
        {
            if (!IsCrossSite(context.Request, allowed))
            {
                await next(context);
                return;
            }

            logger.LogWarning("Refused a cross-site {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Requests from other sites may not change anything here.",
                    Extensions = { ["code"] = Code },
                },
            });
        });
    }

    internal static bool IsCrossSite(HttpRequest request, IReadOnlySet<string> allowed)
    {
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method);
        // A WebSocket handshake is a GET that opens a channel for writes (HTTP/2 opens one with CONNECT, which is checked anyway).
        if (safe && !request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var headers = request.Headers;
        if (headers.Origin.Count > 0)
        {
            return !IsAllowed(OriginOf(headers.Origin.ToString()), request, allowed);
        }

        if (headers["Sec-Fetch-Site"].Count > 0)
        {
            return headers["Sec-Fetch-Site"].ToString() is not ("same-origin" or "none");
        }

        if (headers.Referer.Count > 0)
        {
            return !IsAllowed(OriginOf(headers.Referer.ToString()), request, allowed);
        }

        return false;
    }

    private static bool IsAllowed(string? origin, HttpRequest request, IReadOnlySet<string> allowed) =>
        origin is not null && (allowed.Contains(origin) || origin == OriginOf($"{request.Scheme}://{request.Host.Value}"));

    /// <summary>"scheme://host:port" in lower case with the port spelled out; null for "null", a non-http URL or garbage.</summary>
    internal static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}"
            : null;
}
