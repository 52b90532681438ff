using System.Globalization;

namespace Hotline.Infrastructure.Cli;

/// <summary>A file the tools cannot read, with the 1-based line at fault (0 when the whole file is at fault).</summary>
public sealed class InputFormatException(string path, int line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>One order as the repeat and hot-spot tools read it.</summary>
public sealed record OrderRow(int Line, string Id, string Text, DateTimeOffset Time, string? Phone, string? Place);

/// <summary>
/// Reads the tools' input: UTF-8 (a byte-order mark is allowed), tab-separated, one header row naming the columns
/// (any order, case-insensitive), one record per line, no quoting (a text holds no tab or line break). Blank lines are
/// skipped. Times are ISO-8601 (with or without an offset) or yyyy/M/d H:mm:ss; a time without an offset is
/// Asia/Shanghai time (UTC+8, which has no daylight saving).
/// </summary>
public static class TsvInput
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] LocalFormats =
    [
        "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Reads <c>text, label</c> rows (other columns are ignored).</summary>
    public static List<Text.LabelledText> ReadLabelled(string path)
    {
        var rows = new List<Text.LabelledText>();
        foreach (var (line, fields, columns) in Records(path, ["text", "label"], []))
        {
            var text = fields[columns["text"]];
            var label = fields[columns["label"]].Trim();
            if (label.Length == 0)
            {
                throw new InputFormatException(path, line, "the label is empty");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new InputFormatException(path, line, "the text is empty");
            }

            rows.Add(new Text.LabelledText(text, label));
        }

        return rows.Count > 0 ? rows : throw new InputFormatException(path, 0, "no records after the header");
    }

    /// <summary>Reads <c>id, text, time[, phone][, place]</c> rows; ids must be unique.</summary>
    public static List<OrderRow> ReadOrders(string path)
    {
        var rows = new List<OrderRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields, columns) in Records(path, ["id", "text", "time"], ["phone", "place"]))
        {
            var id = fields[columns["id"]].Trim();
            if (id.Length == 0)
            {
                throw new InputFormatException(path, line, "the id is empty");
            }

            if (!ids.Add(id))
            {
                throw new InputFormatException(path, line, $"the id '{id}' appears twice");
            }

            var rawTime = fields[columns["time"]].Trim();
            if (!TryParseTime(rawTime, out var time))
            {
                throw new InputFormatException(path, line, $"the time '{rawTime}' is neither ISO-8601 nor yyyy/M/d H:mm:ss");
            }

            rows.Add(new OrderRow(line, id, fields[columns["text"]], time, Optional(fields, columns, "phone"), Optional(fields, columns, "place")));
        }

        return rows.Count > 0 ? rows : throw new InputFormatException(path, 0, "no records after the header");
    }

    public static bool TryParseTime(string value, out DateTimeOffset time)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces;
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || HasNumericOffset(value);
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out time))
        {
            return true;
        }

        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, styles, out var local))
        {
            time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaOffset);
            return true;
        }

        time = default;
        return false;
    }

    private static bool HasNumericOffset(string value)
    {
        var t = value.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return false;
        }

        var tail = value.AsSpan(t);
        return tail.Contains('+') || tail.Contains('-');
    }

    private static string? Optional(string[] fields, Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var at) && fields[at].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The lines of a UTF-8 file (a byte-order mark is allowed) with their 1-based numbers; a missing file or a line that is
    /// not UTF-8 is an <see cref="InputFormatException"/> naming it. The tools' data files and their <c>--dictionary</c>.
    /// </summary>
    public static IEnumerable<(int Number, string Text)> Lines(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFormatException(Path.GetFullPath(path), 0, "no such file");
        }

        // Invalid bytes decode to U+FFFD, which is then reported with its line (a throwing decoder cannot say where).
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Contains('\uFFFD', StringComparison.Ordinal))
            {
                throw new InputFormatException(path, lineNumber, "the file is not valid UTF-8 (save it as UTF-8, not GBK)");
            }

            yield return (lineNumber, line);
        }
    }

    private static IEnumerable<(int Line, string[] Fields, Dictionary<string, int> Columns)> Records(string path, string[] required, string[] optional)
    {
        Dictionary<string, int>? columns = null;
        foreach (var (lineNumber, line) in Lines(path))
        {
            if (columns is null)
            {
                columns = ParseHeader(path, line, required, optional);
                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != columns.Count)
            {
                throw new InputFormatException(path, lineNumber, $"expected {columns.Count} tab-separated fields, found {fields.Length}");
            }

            yield return (lineNumber, fields, columns);
        }

        if (columns is null)
        {
            throw new InputFormatException(path, 0, "the file is empty (a header row is required)");
        }
    }

    private static Dictionary<string, int> ParseHeader(string path, string line, string[] required, string[] optional)
    {
        var names = line.Split('\t').Select(n => n.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!columns.TryAdd(names[i], i))
            {
                throw new InputFormatException(path, 1, $"the header names column '{names[i]}' twice");
            }
        }

        var missing = required.Where(r => !columns.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputFormatException(path, 1, $"the header must name the columns {string.Join(", ", required)}{(optional.Length > 0 ? $" (optional: {string.Join(", ", optional)})" : string.Empty)}; missing: {string.Join(", ", missing)}");
        }

        return columns;
    }
}
