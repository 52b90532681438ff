using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Every 429 the server gives: a problem with a stable code, and when to try again both as <c>Retry-After</c> (whole
/// seconds) and as <c>retryAfterSeconds</c> in the body (issue 13, defect 6).
/// </summary>
public static class TooManyRequests
{
    public const string Code = "too_many_requests";

    /// <summary>The answer of every rate limit whose policy does not give its own.</summary>
    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
            WriteAsync(context.HttpContext, RetryAfterOf(context.Lease), Code, "Too many requests; wait and try again.");
    }

    /// <summary>When a refused lease may be tried again; a minute when the limiter does not say.</summary>
    public static TimeSpan RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMinutes(1);

    /// <summary>Writes the 429 problem (from a rate limiter's rejection, outside any endpoint).</summary>
    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter, string code, string title)
    {
        var problem = Problem(http, retryAfter, code, title).ProblemDetails;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>The 429 problem as an endpoint's result; sets <c>Retry-After</c> on the answer.</summary>
    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter, string code, string title)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = title,
            Extensions = { ["code"] = code, ["retryAfterSeconds"] = seconds },
        });
    }
}
