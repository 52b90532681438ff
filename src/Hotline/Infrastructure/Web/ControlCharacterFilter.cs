using System.Buffers;
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

    /// <summary>
    /// Bytes that can carry a refused character in a JSON body: a raw control byte (invalid JSON, but refused here as such)
    /// or DEL, and the backslash that starts a <c>\uXXXX</c> escape. A body without any of them (nearly every request)
    /// is not parsed here at all: the endpoint's binding parses it once.
    /// </summary>
    private static readonly SearchValues<byte> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b), 0x7F, (byte)'\\']);

    /// <summary>The path of the first string (or property name) that holds a refused character; null when none does or the body is not JSON.</summary>
    internal static async Task<string?> FindInJsonAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!MayHoldRefused(bytes.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
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

    /// <summary>Whether the body has a control byte, DEL, or a <c>\u</c> escape (which may spell one); other escapes are harmless.</summary>
    internal static bool MayHoldRefused(ReadOnlySpan<byte> json)
    {
        while (true)
        {
            var at = json.IndexOfAny(Suspect);
            if (at < 0)
            {
                return false;
            }

            if (json[at] != (byte)'\\')
            {
                return true;
            }

            // An escape: "\\" is a backslash and "\"" a quote; only "\u" can encode a control character or a lone surrogate.
            if (at + 1 < json.Length && json[at + 1] == (byte)'u')
            {
                return true;
            }

            json = json[Math.Min(at + 2, json.Length)..];
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
