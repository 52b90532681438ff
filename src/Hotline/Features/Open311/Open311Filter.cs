using Hotline.Domain;

namespace Hotline.Features.Open311;

/// <summary>
/// Every Open311 answer's format and every refusal's shape (issue 18): the format is the path's extension (another one
/// is a 404, in XML, the spec's required format); a refusal is the spec's error list, one {code, description} per field
/// for a validation error, the description naming the Open311 field.
/// </summary>
public static class Open311Filter
{
    private const string FormatItem = "open311-format";

    public static Open311Format FormatOf(HttpContext http) =>
        http.Items[FormatItem] as Open311Format? ?? throw new InvalidOperationException("The Open311 filter did not run.");

    public static async ValueTask<object?> Invoke(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Open311Document.FormatOf(http.Request.RouteValues["format"] as string) is not { } format)
        {
            return Open311Document.Errors(Open311Format.Xml, StatusCodes.Status404NotFound, ["The format is json or xml (the path's extension)."]);
        }

        http.Items[FormatItem] = format;
        try
        {
            return await next(context);
        }
        catch (ValidationException e)
        {
            return Open311Document.Errors(format, StatusCodes.Status400BadRequest, e.Errors.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")));
        }
        catch (DomainException e)
        {
            var status = e switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                ForbiddenException => StatusCodes.Status403Forbidden,
                Domain.Citizens.Interception.SubmissionInterceptedException => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            };
            return Open311Document.Errors(format, status, [e.Message]);
        }
    }
}
