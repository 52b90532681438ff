using Hotline.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Shows in the OpenAPI document the limit <see cref="RequestLimits"/> gives a query-string or path value that declares
/// none (<see cref="Limits.QueryValue"/>), so that the document states every text limit the server enforces.
/// </summary>
public static class RequestLimitsDocument
{
    public static OpenApiOptions AddRequestLimits(this OpenApiOptions options) => options.AddOperationTransformer((operation, _, _) =>
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter.In is ParameterLocation.Query or ParameterLocation.Path && parameter.Schema is OpenApiSchema schema)
            {
                Describe(schema.Type == JsonSchemaType.Array ? schema.Items as OpenApiSchema : schema);
            }
        }

        return Task.CompletedTask;
    });

    private static void Describe(OpenApiSchema? schema)
    {
        if (schema is { Type: JsonSchemaType.String, MaxLength: null, Format: null, Pattern: null } && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = Limits.QueryValue;
        }
    }
}
