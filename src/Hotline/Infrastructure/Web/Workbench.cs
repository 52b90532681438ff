using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Serves the built staff workbench (the Vue SPA in <c>web/</c>). The build of this project copies <c>web/dist</c> into
/// <c>workbench/</c> beside the binary, so the dev run, the tests (whose content root is the test assembly's folder)
/// and a publish all find it at the same relative place. Vite writes a Brotli and a gzip copy of each text asset next
/// to it; the copy the browser accepts is sent with <c>Content-Encoding</c>. Client routes fall back to index.html,
/// but never under <c>/api/</c>, where an unknown path stays a 404 problem.
/// </summary>
public static partial class Workbench
{
    /// <summary>Folder under the content root that holds the built SPA (override with <c>Workbench:Path</c>).</summary>
    public const string DefaultFolder = "workbench";

    /// <summary>The SPA's client routes: any GET path without a file extension.</summary>
    public const string FallbackPattern = "{*path:nonfile}";

    private static readonly string[] ServerPrefixes = ["/api", "/openapi", "/health", "/hubs"];

    public static string RootPath(WebApplication app)
    {
        var configured = app.Configuration["Workbench:Path"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(app.Environment.ContentRootPath, DefaultFolder) : configured, app.Environment.ContentRootPath);
    }

    /// <summary>Static files (hashed assets cached for a year, precompressed copies negotiated); call before authentication.</summary>
    public static WebApplication UseWorkbenchFiles(this WebApplication app)
    {
        var root = RootPath(app);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("The workbench is not built (no {Root}); build src/Hotline with Node.js 20+ on the PATH", root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.Use((context, next) =>
        {
            NegotiateCompressedFile(context, files);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new CompressedAwareContentTypes(),
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                headers.CacheControl = ctx.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                if (ctx.Context.Items.TryGetValue(EncodingKey, out var encoding))
                {
                    headers.ContentEncoding = (string)encoding!;
                    headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                }
            },
        });
        return app;
    }

    /// <summary>The citizen portal's page (a second entry of the same build) and the path it is served under.</summary>
    public const string PortalPage = "portal.html";

    public const string PortalPath = "/portal";

    /// <summary>
    /// index.html for every client route, portal.html for the citizen portal's routes (<c>/portal</c>, <c>/portal/…</c>);
    /// a 404 problem for unknown server paths.
    /// </summary>
    public static void MapWorkbenchFallback(this WebApplication app)
    {
        app.MapPage(FallbackPattern, "index.html").WithOrder(int.MaxValue);
        app.MapPage(PortalPath, PortalPage);
        app.MapPage(PortalPath + "/" + FallbackPattern, PortalPage).WithOrder(int.MaxValue - 1);
    }

    private static RouteHandlerBuilder MapPage(this WebApplication app, string pattern, string page)
    {
        var index = Path.Combine(RootPath(app), page);
        return app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
            {
                var path = context.Request.Path;
                if (ServerPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || !File.Exists(index))
                {
                    return Results.Problem(new ProblemDetails
                    {
                        Status = StatusCodes.Status404NotFound,
                        Title = File.Exists(index) ? "No such resource." : "No such resource (and the workbench is not built).",
                        Extensions = { ["code"] = "not_found" },
                    });
                }

                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(index, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription()
            .AllowAnonymous();
    }

    private const string EncodingKey = "workbench.content-encoding";

    private static void NegotiateCompressedFile(HttpContext context, PhysicalFileProvider files)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var path = context.Request.Path.Value;
        if (string.IsNullOrEmpty(path) || path.EndsWith('/') || !Path.HasExtension(path))
        {
            return;
        }

        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (Accepts(accepted, encoding) && files.GetFileInfo(path + suffix).Exists)
            {
                context.Request.Path = path + suffix;
                context.Items[EncodingKey] = encoding;
                return;
            }
        }
    }

    private static bool Accepts(string acceptEncoding, string encoding) =>
        AcceptPattern().Matches(acceptEncoding).Any(m =>
            string.Equals(m.Groups["name"].Value, encoding, StringComparison.OrdinalIgnoreCase) && m.Groups["q"].Value is not ("0" or "0.0" or "0.00" or "0.000"));

    [GeneratedRegex(@"(?<name>[A-Za-z0-9*-]+)\s*(;\s*q\s*=\s*(?<q>[0-9.]+))?")]
    private static partial Regex AcceptPattern();

    /// <summary>Gives <c>app.js.br</c> the content type of <c>app.js</c>.</summary>
    private sealed class CompressedAwareContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _inner = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal))
            {
                subpath = subpath[..^3];
            }

            return _inner.TryGetContentType(subpath, out contentType!);
        }
    }
}
