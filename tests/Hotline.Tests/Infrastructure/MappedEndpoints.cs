using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Hotline.Tests.Infrastructure;

/// <summary>One method of one endpoint the server maps, keyed as "METHOD /pattern".</summary>
public sealed record MappedEndpoint(string Key, RouteEndpoint Endpoint, string Method)
{
    /// <summary>Every endpoint the running server maps, once per HTTP method.</summary>
    public static IEnumerable<MappedEndpoint> All(AppFixture app)
    {
        var sources = app.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var pattern = endpoint.RoutePattern.RawText!.TrimEnd('/');
                yield return new MappedEndpoint($"{method} {(pattern.StartsWith('/') ? pattern : "/" + pattern)}", endpoint, method);
            }
        }
    }

    /// <summary>
    /// Every way to change data: each POST, PUT, PATCH and DELETE, and a POST to each endpoint that takes any method
    /// (SignalR's negotiation and transports, which <see cref="All"/> lists as GET).
    /// </summary>
    public static IEnumerable<MappedEndpoint> Writes(AppFixture app) => All(app)
        .Select(e => e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is null ? e with { Method = "POST", Key = "POST " + e.Key[(e.Method.Length + 1)..] } : e)
        .Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE");

    /// <summary>A request to the endpoint: every route value 1 (a year 2026), an empty JSON object as the body of a write.</summary>
    public HttpRequestMessage Request()
    {
        var path = new StringBuilder();
        foreach (var segment in Endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { Name: "year" } => "2026",
                    RoutePatternParameterPart => "1",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => string.Empty,
                });
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(Method), path.Length == 0 ? "/" : path.ToString());
        if (Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
