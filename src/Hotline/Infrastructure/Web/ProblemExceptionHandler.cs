using System.Text.Json;
using Hotline.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Turns exceptions into RFC 9457 problem details with a stable <c>code</c>: rule broken → 409, validation → 400 naming
/// the field, not found → 404, stale version → 409. Anything else is a 500 that reveals nothing but a trace id.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Map(Exception exception)
    {
        switch (exception)
        {
            case ValidationException v:
                return WithCode(new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value)) { Status = 400, Title = v.Message }, v.Code);
            case NotFoundException n:
                return WithCode(new ProblemDetails { Status = 404, Title = n.Message }, n.Code);
            case ForbiddenException f:
                return WithCode(new ProblemDetails { Status = 403, Title = f.Message }, f.Code);
            case Domain.Citizens.Interception.SubmissionInterceptedException i:
                return WithCode(new ProblemDetails { Status = 422, Title = i.Message, Extensions = { ["rule"] = Domain.Citizens.Interception.InterceptionRules.Code(i.Rule) } }, i.Code);
            case DomainException d:
                return WithCode(new ProblemDetails { Status = 409, Title = d.Message }, d.Code);
            case DbUpdateConcurrencyException:
                return WithCode(new ProblemDetails { Status = 409, Title = "Someone else changed this record first; reload it and try again." }, "concurrency_conflict");
            case BadHttpRequestException bad when FindJsonException(bad) is { } json:
                var field = JsonPathToField(json.Path);
                return WithCode(
                    new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["The value is not valid here."] }) { Status = 400, Title = "The request body is not valid JSON for this request." },
                    "validation_failed");
            case BadHttpRequestException bad:
                return WithCode(new ProblemDetails { Status = bad.StatusCode, Title = bad.Message }, "bad_request");
            default:
                return WithCode(new ProblemDetails { Status = 500, Title = "An unexpected error occurred." }, "internal_error");
        }
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>"$.caller.phone" → "caller.phone"; "$" or unknown → "body".</summary>
    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static ProblemDetails WithCode(ProblemDetails problem, string code)
    {
        problem.Extensions["code"] = code;
        return problem;
    }
}
