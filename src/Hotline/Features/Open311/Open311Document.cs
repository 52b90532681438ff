using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Hotline.Features.Open311;

/// <summary>The two formats of GeoReport v2, chosen by the path's extension.</summary>
public enum Open311Format
{
    Json,
    Xml,
}

/// <summary>An element of a GeoReport v2 answer: an object (named fields, in order) or a list of items.</summary>
public abstract record Open311Node;

/// <summary>Named fields in the spec's order; a value is a string, number, bool, date, null or another node.</summary>
public sealed record Open311Object(IReadOnlyList<(string Name, object? Value)> Fields) : Open311Node;

/// <summary>A list: a JSON array; in XML, an element holding one <see cref="ItemName"/> element per item.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items) : Open311Node;

/// <summary>
/// Writes one GeoReport v2 answer in either format from the same tree (issue 18), so that the JSON and the XML can never
/// say different things: JSON arrays and objects; XML with the spec's names and nesting (<c>&lt;services&gt;&lt;service&gt;</c>),
/// UTF-8 with its declaration. Dates are ISO 8601 with the China offset; empty values are empty strings / empty elements.
/// </summary>
public static class Open311Document
{
    public static Open311Format? FormatOf(string? extension) => extension?.ToLowerInvariant() switch
    {
        "json" => Open311Format.Json,
        "xml" => Open311Format.Xml,
        _ => null,
    };

    /// <param name="root">The XML root element's name (JSON has none).</param>
    public static IResult Result(Open311Format format, string root, Open311Node node, int status = StatusCodes.Status200OK) => format switch
    {
        Open311Format.Json => Results.Text(Json(node), "application/json; charset=utf-8", Encoding.UTF8, status),
        Open311Format.Xml => Results.Text(Xml(root, node), "text/xml; charset=utf-8", Encoding.UTF8, status),
    };

    /// <summary>The spec's error answer: a list of {code, description}.</summary>
    public static IResult Errors(Open311Format format, int status, IEnumerable<string> descriptions) =>
        Result(format, "errors", new Open311List("error", descriptions.Select(d => (object?)new Open311Object([("code", status), ("description", d)])).ToList()), status);

    public static string Date(DateTime utc) =>
        Domain.Calendar.ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Json(Open311Node node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Xml(string root, Open311Node node)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), Element(root, node));
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return builder.ToString();
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Open311Object o:
                writer.WriteStartObject();
                foreach (var (name, field) in o.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, field);
                }

                writer.WriteEndObject();
                break;
            case Open311List l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            default:
                throw new InvalidOperationException($"No Open311 value of type {value.GetType().Name}.");
        }
    }

    private static XElement Element(string name, object? value) => value switch
    {
        null => new XElement(name),
        Open311Object o => new XElement(name, o.Fields.Select(f => Element(f.Name, f.Value))),
        Open311List l => new XElement(name, l.Items.Select(i => Element(l.ItemName, i))),
        string s => new XElement(name, s),
        bool b => new XElement(name, b ? "true" : "false"),
        int i => new XElement(name, i.ToString(CultureInfo.InvariantCulture)),
        double d => new XElement(name, d.ToString("R", CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"No Open311 value of type {value.GetType().Name}."),
    };

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
