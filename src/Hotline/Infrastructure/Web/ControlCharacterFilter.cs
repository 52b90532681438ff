using System.Text.Json;
using Hotline.Domain;
using Hotline.Text;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// Refuses, with a 400 naming the field, any request whose path, query string or JSON body holds a character that no
/// field accepts (<see cref="ControlCharacters"/>): one rule at the door for every endpoint, on both databases, instead
/// of a check in each (issue 13). Runs after authorisation, so an anonymous caller learns nothing from it.
/// </summary>
public static class ControlCharacterFilter
{
    private const string Message = "Remove control characters (such as NUL) from this field.";

    public static IApplicationBuilder UseControlCharacterFilter(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (ControlCharacters.HasRefused(request.Path.Value))
        {
            throw ValidationException.For("path", Message);
        }

        foreach (var (key, values) in request.Query)
        {
            if (ControlCharacters.HasRefused(key))
            {
                throw ValidationException.For("query", Message);
            }

            if (values.Any(v => ControlCharacters.HasRefused(v)))
            {
                throw ValidationException.For(key, Message);
            }
        }

        if (request.HasJsonContentType() && request.ContentLength is not 0)
        {
            request.EnableBuffering();
            if (await FindInJsonAsync(request.Body, context.RequestAborted) is { } field)
            {
                throw ValidationException.For(field, Message);
            }

            request.Body.Position = 0;
        }

        await next(context);
    });

    /// <summary>The path of the first string (or property name) that holds a refused character; null when none does or the body is not JSON.</summary>
    internal static async Task<string?> FindInJsonAsync(Stream body, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, ct);
        }
        catch (JsonException)
        {
            // Malformed JSON is the endpoint's binding's to refuse, with its own message.
            return null;
        }

        using (document)
        {
            return Find(document.RootElement, string.Empty);
        }
    }

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ControlCharacters.HasRefused(element.GetString()) ? Field(path) : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ControlCharacters.HasRefused(property.Name))
                    {
                        return Field(path);
                    }

                    if (Find(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Field(string path) => path.Length == 0 ? "body" : path;
}
