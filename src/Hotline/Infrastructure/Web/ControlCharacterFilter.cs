using System.Buffers;
using System.Buffers.Text;
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

        if (request.HasJsonContentType() && request.ContentLength is not 0 && await FindInBodyAsync(request, context.RequestAborted) is { } field)
        {
            throw ValidationException.For(field, Message);
        }

        await next(context);
    });

    /// <summary>
    /// The largest body looked at where the server holds it. Every JSON body of this API is far smaller (the longest text
    /// field, an article's 20,000 characters, is 120 KB even with every character escaped); a larger or unsized one is
    /// buffered as a stream, which spills to a temporary file instead of holding it all in memory.
    /// </summary>
    private const int PeekLimit = 1024 * 1024;

    /// <summary>The path of the first field of the body that holds a refused character, the body left for the binding to read.</summary>
    private static async Task<string?> FindInBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > 0 and <= PeekLimit)
        {
            // Read, examined, not consumed: the binding reads the same bytes again, with no copy and no buffering stream.
            var reader = request.BodyReader;
            var result = await reader.ReadAtLeastAsync((int)request.ContentLength.Value, ct);
            try
            {
                return FindInJson(result.Buffer);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }

        request.EnableBuffering();
        var found = await FindInJsonAsync(request.Body, ct);
        request.Body.Position = 0;
        return found;
    }

    /// <summary>
    /// Bytes that can carry a refused character in a JSON body: a raw control byte (invalid JSON, but refused here as such)
    /// or DEL, and the backslash that starts an escape. A body without any of them is not parsed here at all: the
    /// endpoint's binding parses it once.
    /// </summary>
    private static readonly SearchValues<byte> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b), 0x7F, (byte)'\\']);

    /// <summary>The path of the first string (or property name) that holds a refused character; null when none does or the body is not JSON.</summary>
    internal static async Task<string?> FindInJsonAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        return FindInJson(new ReadOnlySequence<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string? FindInJson(ReadOnlySequence<byte> bytes)
    {
        if (!MayHoldRefused(bytes))
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

    private static bool MayHoldRefused(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return MayHoldRefused(bytes.FirstSpan);
        }

        // An escape may straddle two segments: the body is scanned whole.
        var whole = ArrayPool<byte>.Shared.Rent((int)bytes.Length);
        try
        {
            bytes.CopyTo(whole);
            return MayHoldRefused(whole.AsSpan(0, (int)bytes.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }

    /// <summary>
    /// Whether the body has a control byte, DEL, or a <c>\u</c> escape that spells a control character, DEL or a surrogate
    /// (a lone one is refused; a pair, an emoji written as escapes, is parsed to tell). Escapes of other characters, such
    /// as the Chinese text of a client that escapes everything beyond ASCII, are harmless and need no parse.
    /// </summary>
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

            // "\\" is a backslash and "\"" a quote; only "\u" can encode a refused character.
            if (at + 1 < json.Length && json[at + 1] == (byte)'u')
            {
                if (at + 6 > json.Length || !Utf8Parser.TryParse(json.Slice(at + 2, 4), out ushort code, out var used, 'X') || used != 4
                    || code < 0x20 || code == 0x7F || code is >= 0xD800 and <= 0xDFFF)
                {
                    return true;
                }

                json = json[(at + 6)..];
                continue;
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
