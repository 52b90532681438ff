using System.Globalization;
using System.Text;
using Hotline.Infrastructure.Spreadsheets;

namespace Hotline.Infrastructure.Cli;

/// <summary>A file the tools cannot read, with the 1-based line at fault (0 when the whole file is at fault).</summary>
public sealed class InputFormatException(string path, int line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>
/// One order as the repeat and hot-spot tools read it: its subject, when the file has one, opens its text; its category
/// (a catalogue code or a board's own label: the <c>label</c> column, also read as category, 一级分类 …) when the file has one.
/// </summary>
public sealed record OrderRow(string Id, string Text, DateTimeOffset Time, string? Phone, string? Place, string? Category = null);

/// <summary>
/// Reads the tools' input (<see cref="ToolRecords"/>: tab-separated UTF-8, or an .xlsx workbook or a CSV file) with one
/// header row naming the columns in any order (<see cref="ToolColumns"/>: English or Chinese names). An optional subject
/// column opens the text, "subject。text", as the server reads an order's subject before its events. Times are ISO-8601
/// (with or without an offset), yyyy/M/d H:mm:ss or a workbook's date cell; a time without an offset is Asia/Shanghai
/// time (UTC+8, which has no daylight saving).
/// </summary>
public static class ToolInput
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] LocalFormats =
    [
        "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Reads <c>text, label[, subject]</c> rows (other columns are ignored); <paramref name="notes"/> hears what was left unread.</summary>
    public static List<Text.LabelledText> ReadLabelled(string path, TextWriter? notes = null)
    {
        var rows = new List<Text.LabelledText>();
        foreach (var (source, line, cells) in ToolRecords.Read(path, [ToolColumns.Text, ToolColumns.Label], [ToolColumns.Subject], notes))
        {
            var label = cells[ToolColumns.Label].Trim();
            if (label.Length == 0)
            {
                throw new InputFormatException(source, line, "the label is empty");
            }

            rows.Add(new Text.LabelledText(TextOf(source, line, cells, required: true), label));
        }

        return rows.Count > 0 ? rows : throw new InputFormatException(path, 0, "no records after the header");
    }

    /// <summary>Reads <c>id, text, time[, subject][, phone][, place][, label]</c> rows; ids must be unique; <paramref name="notes"/> hears what was left unread.</summary>
    public static List<OrderRow> ReadOrders(string path, TextWriter? notes = null)
    {
        var rows = new List<OrderRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string[] optional = [ToolColumns.Subject, ToolColumns.Phone, ToolColumns.Place, ToolColumns.Label];
        foreach (var (source, line, cells) in ToolRecords.Read(path, [ToolColumns.Id, ToolColumns.Text, ToolColumns.Time], optional, notes))
        {
            var id = cells[ToolColumns.Id].Trim();
            if (id.Length == 0)
            {
                throw new InputFormatException(source, line, "the id is empty");
            }

            if (!ids.Add(id))
            {
                throw new InputFormatException(source, line, $"the id '{id}' appears twice");
            }

            var rawTime = cells[ToolColumns.Time].Trim();
            if (!TryParseTime(rawTime, out var time))
            {
                throw new InputFormatException(source, line, $"the time '{rawTime}' is neither ISO-8601 nor yyyy/M/d H:mm:ss");
            }

            rows.Add(new OrderRow(id, TextOf(source, line, cells, required: false), time, Optional(cells, ToolColumns.Phone), Optional(cells, ToolColumns.Place), Optional(cells, ToolColumns.Label)));
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

    /// <summary>The text, opened by the subject when the row has one; a training row with neither is refused.</summary>
    private static string TextOf(string path, int line, IReadOnlyDictionary<string, string> cells, bool required)
    {
        var text = cells[ToolColumns.Text];
        var subject = Optional(cells, ToolColumns.Subject);
        if (required && string.IsNullOrWhiteSpace(text) && subject is null)
        {
            throw new InputFormatException(path, line, "the text is empty");
        }

        return subject is null ? text : string.IsNullOrWhiteSpace(text) ? subject : string.Concat(subject, "。", text);
    }

    private static string? Optional(IReadOnlyDictionary<string, string> cells, string column) =>
        cells.TryGetValue(column, out var value) && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A missing input file is an <see cref="InputFormatException"/> naming its full path.</summary>
    internal static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFormatException(Path.GetFullPath(path), 0, "no such file");
        }
    }

    /// <summary>
    /// The lines of a text file with their 1-based numbers: UTF-8 (a byte-order mark is allowed), or GBK / GB18030 — what
    /// Excel and Notepad save as "CSV" or "text" on a Chinese Windows — or Big5 (<see cref="TextFileEncoding"/>). A missing
    /// file, or a line of a file in none of them, is an <see cref="InputFormatException"/> naming it. The tools' data files
    /// and their <c>--dictionary</c>.
    /// </summary>
    public static IEnumerable<(int Number, string Text)> Lines(string path)
    {
        // Invalid bytes decode to U+FFFD, which is then reported with its line (a throwing decoder cannot say where).
        using var reader = new StringReader(ReadText(path));
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Contains('\uFFFD', StringComparison.Ordinal))
            {
                throw new InputFormatException(path, lineNumber, NotText);
            }

            yield return (lineNumber, line);
        }
    }

    internal const string NotText = "the file is neither UTF-8, GBK (GB18030) nor Big5 text (save it as UTF-8)";

    /// <summary>
    /// A text file's content, read once in the encoding <see cref="TextFileEncoding"/> finds; a file in none is read as
    /// UTF-8, bytes that are not becoming U+FFFD for the caller to report where they are. A byte-order mark is honoured.
    /// </summary>
    internal static string ReadText(string path)
    {
        RequireFile(path);
        var bytes = File.ReadAllBytes(path);
        var encoding = TextFileEncoding.Detect(bytes) ?? TextFileEncoding.Utf8;
        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
