using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotline.Tests.MalformedInput;

/// <summary>One malformed request: what it changes (for the failure message), its path and query, and its body as sent.</summary>
internal sealed record Mutant(string What, string PathAndQuery, string? Body, string ContentType = "application/json");

/// <summary>
/// Bad requests generated from one operation of the OpenAPI document and a valid request for it: each path parameter
/// and each query parameter replaced by bad values, each property of the body (and of the objects inside it) made
/// null, missing, of the wrong type, empty, 1 MB long, holding NUL, out of range; unknown fields; bodies that are not
/// an object or not JSON at all.
/// </summary>
internal static partial class Mutations
{
    /// <summary>
    /// Bad ids and numbers for a path parameter: the route constraint or the lookup must refuse each. A control character
    /// (%01: the application's filter answers); not NUL, which Kestrel refuses in a request target with its own bare 400
    /// before any application code runs.
    /// </summary>
    private static readonly string[] BadPathValues = ["0", "-1", "99999999999999999999", "abc", "%01", new('9', 300)];

    /// <summary>Bad query values; the longest stays under Kestrel's 8 KB request line, which refuses longer ones itself.</summary>
    private static readonly string[] BadQueryValues = ["", "abc", "-1", "99999999999999999999", "0001-01-01", "9999-12-31T23:59:59Z", "%00", new('a', 3000)];

    /// <summary>ASCII, so that the request is 1 MB on the wire too (a CJK character is three bytes, or six escaped).</summary>
    private static readonly string Megabyte = new('x', 1024 * 1024);

    /// <summary>Long enough to pass no limit, short enough that the many places it goes keep the suite quick.</summary>
    private static readonly string Long = new('x', 64 * 1024);

    public static IEnumerable<Mutant> For(string pathTemplate, JsonElement operation, JsonElement schemas, string targetValue, string validQuery, JsonNode? validBody)
    {
        var path = Parameter().Replace(pathTemplate, targetValue, 1);
        var body = validBody?.ToJsonString();
        if (pathTemplate.Contains('{', StringComparison.Ordinal))
        {
            foreach (var bad in BadPathValues)
            {
                yield return new($"path parameter = {Short(bad)}", Parameter().Replace(pathTemplate, bad, 1) + validQuery, body);
            }
        }

        foreach (var name in QueryParameters(operation))
        {
            foreach (var bad in BadQueryValues)
            {
                var query = (validQuery.Length == 0 ? "?" : validQuery + "&") + $"{name}={(bad == "%00" ? bad : Uri.EscapeDataString(bad))}";
                yield return new($"query {name} = {Short(bad)}", path + query, body);
            }
        }

        yield return new("an unknown query parameter with NUL", path + (validQuery.Length == 0 ? "?" : validQuery + "&") + "zz=%00", body);

        if (!operation.TryGetProperty("requestBody", out var requestBody)
            || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            yield break;
        }

        var target = path + validQuery;
        var schema = Resolve(json.GetProperty("schema"), schemas);
        var baseBody = validBody as JsonObject ?? new JsonObject();
        foreach (var whole in new[] { string.Empty, "{", "[]", "null", "\"text\"", "12", "{\"a\":" })
        {
            yield return new($"body {Short(whole)}", target, whole);
        }

        yield return new("body as text/plain", target, baseBody.ToJsonString(), "text/plain");
        var unknown = (JsonObject)baseBody.DeepClone();
        unknown["zzUnknown"] = Long;
        yield return new("an unknown field of 64 K characters", target, unknown.ToJsonString());

        foreach (var mutant in ForObject(schema, schemas, baseBody, [], depth: 0))
        {
            yield return mutant with { PathAndQuery = target };
        }
    }

    private static IEnumerable<Mutant> ForObject(JsonElement schema, JsonElement schemas, JsonObject root, string[] at, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var propertySchema = Resolve(property.Value, schemas);
            string[] here = [.. at, property.Name];
            var field = string.Join('.', here);
            yield return Set(root, here, null, $"{field} = null", remove: false);
            yield return Set(root, here, null, $"{field} missing", remove: true);
            foreach (var (value, what) in BadValues(propertySchema))
            {
                yield return Set(root, here, value, $"{field} = {what}", remove: false);
            }

            if (depth < 2 && Types(propertySchema).Contains("object"))
            {
                foreach (var nested in ForObject(propertySchema, schemas, root, here, depth + 1))
                {
                    yield return nested;
                }
            }

            if (depth < 2 && Types(propertySchema).Contains("array") && propertySchema.TryGetProperty("items", out var items)
                && Resolve(items, schemas) is var itemSchema && Types(itemSchema).Contains("object"))
            {
                foreach (var (value, what) in BadValues(itemSchema).Append((new JsonObject(), "{}")))
                {
                    yield return Set(root, here, new JsonArray(value), $"{field} = [{what}]", remove: false);
                }
            }
        }
    }

    /// <summary>Values of the wrong type or out of range for a property of this schema.</summary>
    private static IEnumerable<(JsonNode Value, string What)> BadValues(JsonElement schema)
    {
        var types = Types(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var isEnum = schema.TryGetProperty("enum", out _);
        if (types.Contains("string") && !types.Contains("integer") && !types.Contains("number"))
        {
            yield return (12345, "a number");
            yield return (new JsonObject(), "an object");
            yield return (string.Empty, "empty");
            yield return ("\u0000x", "NUL");
            if (format is "date" or "date-time")
            {
                yield return ("0001-01-01T00:00:00Z", "the first date");
                yield return ("9999-12-31T23:59:59+14:00", "the last date");
                yield return ("31/02/2026", "not a date");
            }
            else if (isEnum)
            {
                yield return ("noSuchValue", "an unknown name");
                yield return ("1", "a number as text");
            }
            else
            {
                yield return (Megabyte, "1 MB");
            }
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("abc", "text");
            yield return (-1, "-1");
            yield return (0, "0");
            yield return (JsonNode.Parse("99999999999999999999")!, "beyond 64 bits");
            yield return (1.5, "a fraction");
            yield return (JsonNode.Parse("1e300")!, "1e300");
        }

        if (types.Contains("boolean"))
        {
            yield return ("yes", "text");
            yield return (1, "a number");
        }

        if (types.Contains("array"))
        {
            yield return (new JsonObject(), "an object");
            yield return (new JsonArray((JsonNode?)null), "[null]");
            yield return (new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode?)i)]), "1000 numbers");
            yield return (new JsonArray(Long), "[64 K characters]");
        }

        if (types.Contains("object"))
        {
            yield return ("x", "text");
            yield return (new JsonArray(), "an array");
        }
    }

    private static Mutant Set(JsonObject root, string[] at, JsonNode? value, string what, bool remove)
    {
        var copy = (JsonObject)root.DeepClone();
        var node = copy;
        foreach (var step in at[..^1])
        {
            if (node[step] is not JsonObject next)
            {
                node[step] = next = new JsonObject();
            }

            node = next;
        }

        if (remove)
        {
            node.Remove(at[^1]);
        }
        else
        {
            node[at[^1]] = value?.DeepClone();
        }

        return new(what, string.Empty, copy.ToJsonString());
    }

    private static IEnumerable<string> QueryParameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)
            : [];

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }

        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(key, out var alternatives))
            {
                var chosen = alternatives.EnumerateArray().FirstOrDefault(a => !(a.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
                return chosen.ValueKind == JsonValueKind.Undefined ? schema : Resolve(chosen, schemas);
            }
        }

        return schema;
    }

    private static string[] Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? (schema.TryGetProperty("properties", out _) ? ["object"] : [])
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static string Short(string value) => value.Length > 20 ? $"{value.Length} characters" : JsonSerializer.Serialize(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex Parameter();
}
