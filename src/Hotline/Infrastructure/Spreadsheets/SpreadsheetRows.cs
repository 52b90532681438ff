using System.Globalization;
using MiniExcelLibs;

namespace Hotline.Infrastructure.Spreadsheets;

/// <summary>
/// Reads one sheet of an .xlsx workbook (the first unless named), or a CSV file, whose first row names the columns
/// (MiniExcel). The third party's sampling import and the file-based tools (<c>hotline router|repeats|hotspots</c>) read
/// their files here.
/// </summary>
public static class SpreadsheetRows
{
    /// <summary>
    /// A CSV file's content as UTF-8, which the reader takes: UTF-8 as it is; GBK, as Excel saves "CSV" on a Chinese
    /// Windows, or Big5, decoded (<see cref="TextFileEncoding"/>). Null when the bytes are in none of them.
    /// </summary>
    public static MemoryStream? CsvAsUtf8(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var bytes = new MemoryStream();
        content.CopyTo(bytes);
        var raw = bytes.ToArray();
        if (TextFileEncoding.Detect(raw) is not { } encoding)
        {
            return null;
        }

        if (encoding == TextFileEncoding.Utf8)
        {
            return new MemoryStream(raw);
        }

        using var reader = new StreamReader(new MemoryStream(raw), encoding, detectEncodingFromByteOrderMarks: true);
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd()));
    }

    /// <summary>The sheets of an .xlsx workbook, in the workbook's order (the first is the one read when none is named).</summary>
    public static IReadOnlyList<string> SheetNames(Stream content) => MiniExcel.GetSheetNames(content);

    /// <summary>
    /// The sheets of an .xlsx workbook, in its order, whose header <paramref name="fits"/> (the names as
    /// <paramref name="columnName"/> reads them) and that hold at least one row: a sheet of remarks, a summary or an
    /// empty copy of the template is not among them.
    /// </summary>
    public static IReadOnlyList<string> SheetsHolding(Stream content, Func<IReadOnlyList<string>, bool> fits, Func<string, string> columnName)
    {
        ArgumentNullException.ThrowIfNull(content);
        return [.. SheetNames(content).Where(name =>
        {
            content.Position = 0;
            if (!fits([.. Header(content, ExcelType.XLSX, name).Select(columnName)]))
            {
                return false;
            }

            content.Position = 0;
            return Rows(content, ExcelType.XLSX, columnName, name).Any();
        })];
    }

    /// <summary>The header row's names, in column order; empty when the file has no rows.</summary>
    public static IReadOnlyList<string> Header(Stream content, ExcelType type, string? sheet = null) =>
        MiniExcel.GetColumns(content, useHeaderRow: true, sheetName: sheet, excelType: type)?.Select(c => c ?? string.Empty).ToList() ?? [];

    /// <summary>
    /// The data rows with their row number (the header is row 1; for CSV the record's number, which differs from its line
    /// when a quoted cell holds a line break), each cell as text keyed by <paramref name="columnName"/> of its header (the
    /// first cell wins when two headers give one name). Blank rows are passed over. Lazy: take what you need.
    /// </summary>
    public static IEnumerable<(int Row, IReadOnlyDictionary<string, string?> Cells)> Rows(Stream content, ExcelType type, Func<string, string> columnName, string? sheet = null)
    {
        var row = 1;
        foreach (IDictionary<string, object?> raw in MiniExcel.Query(content, useHeaderRow: true, sheetName: sheet, excelType: type))
        {
            row++;
            var cells = raw.GroupBy(c => columnName(c.Key)).ToDictionary(g => g.Key, g => Text(g.First().Value), StringComparer.Ordinal);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return (row, cells);
        }
    }

    /// <summary>A cell as text: a date as <c>yyyy-MM-dd HH:mm:ss</c>, a number in the invariant culture (188006, not 188006.0).</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
