using Microsoft.Net.Http.Headers;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// The security headers every answer carries (API JSON, problems, the workbench's page and assets, health), set when
/// the answer starts so that an answer rewritten by the exception handler keeps them. docs/decisions.md gives the
/// reasons for each value. HSTS is added outside Development by <c>UseHsts</c>, and only over https.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What the built workbench (Vue, Element Plus, ECharts, SignalR) needs and nothing more: scripts and styles from
    /// the server only (inline style attributes for Element Plus's positioning), images from the server or generated
    /// in the page, calls and the live-updates socket to the same origin ('self' covers ws/wss of the same host in
    /// CSP Level 3), no plugins, no framing, no foreign form targets or base URLs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Browser features the workbench never uses, denied to it and to anything it could embed.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), fullscreen=(self)";

    /// <summary>
    /// The citizen portal may ask for the phone's position (the place of a request, with the citizen's consent in the
    /// browser's own prompt); everything else stays denied.
    /// </summary>
    public const string PortalPermissionsPolicy =
        "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), serial=(), bluetooth=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), fullscreen=(self)";

    /// <summary>Full referrer to the server itself (an Origin/Referer check keeps working), nothing to other sites.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Adds the headers to every answer; call first in the pipeline.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = context.Request.Path.StartsWithSegments(Workbench.PortalPath, StringComparison.OrdinalIgnoreCase)
                    ? PortalPermissionsPolicy
                    : PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
