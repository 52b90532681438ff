using System.Text;
using Hotline.Infrastructure.Spreadsheets;
using MiniExcelLibs;

namespace Hotline.Infrastructure.Cli;

/// <summary>
/// The records of a tool's input file, each with the columns the tool reads (<see cref="ToolColumns"/>' names; a missing
/// optional column is absent, an empty cell is ""), and where an error names it: the file (with the sheet, in a workbook
/// of several) and the number.
/// <list type="bullet">
/// <item>An <c>.xlsx</c> workbook or a <c>.csv</c> file (comma-separated, quoted cells may hold commas and line breaks;
/// UTF-8, GBK or Big5), as a centre exports a board from its spreadsheet: the number is the row's (the header is row 1).
/// A workbook of several sheets (a board split by month or district) is read from every sheet whose header names the
/// required columns and that holds rows, in the workbook's order, each by its own header; <c>notes</c> hears which
/// sheets were read and which passed over.</item>
/// <item>Any other name: UTF-8 (a byte-order mark is allowed), GBK or Big5, tab-separated, one record per line, no
/// quoting (a text holds no tab or line break), blank lines skipped: the number is the line's.</item>
/// </list>
/// </summary>
public static class ToolRecords
{
    public static IEnumerable<ToolRecord> Read(string path, string[] required, string[] optional, TextWriter? notes = null)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => Spreadsheet(path, ExcelType.XLSX, required, optional, notes),
            ".csv" => Spreadsheet(path, ExcelType.CSV, required, optional, null),
            ".xls" or ".et" => throw new InputFormatException(path, 0, "the old binary workbook format is not read: save it as .xlsx, .csv or UTF-8 tab-separated text"),
            _ => TabSeparated(path, required, optional),
        };
    }

    private static IEnumerable<ToolRecord> TabSeparated(string path, string[] required, string[] optional)
    {
        List<(string Column, int At)>? columns = null;
        var width = 0;
        foreach (var (lineNumber, line) in ToolInput.Lines(path))
        {
            if (columns is null)
            {
                var header = line.Split('\t');
                (columns, width) = (Columns(path, header, required, optional), header.Length);
                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != width)
            {
                var hint = line.Contains('"', StringComparison.Ordinal) ? " (quoted cells are read from a .csv or .xlsx file, not from tab-separated text)" : string.Empty;
                throw new InputFormatException(path, lineNumber, $"expected {width} tab-separated fields, found {fields.Length}{hint}");
            }

            yield return new ToolRecord(path, lineNumber, columns.ToDictionary(c => c.Column, c => fields[c.At], StringComparer.Ordinal));
        }

        if (columns is null)
        {
            throw new InputFormatException(path, 0, "the file is empty (a header row is required)");
        }
    }

    private static IEnumerable<ToolRecord> Spreadsheet(string path, ExcelType type, string[] required, string[] optional, TextWriter? notes)
    {
        ToolInput.RequireFile(path);
        var kind = type == ExcelType.XLSX ? "an .xlsx workbook" : "a CSV file";
        // A CSV is decoded by the tools' own rule (UTF-8; GBK as Excel saves "CSV" on a Chinese Windows; Big5) and handed
        // to the reader as UTF-8.
        using Stream content = type == ExcelType.CSV ? new MemoryStream(Encoding.UTF8.GetBytes(ToolInput.ReadText(path))) : File.OpenRead(path);
        IReadOnlyList<string?> sheets = [null];
        try
        {
            sheets = type == ExcelType.XLSX ? SheetsToRead(path, content, required, notes) : sheets;
        }
        catch (Exception e) when (e is not OperationCanceledException and not InputFormatException)
        {
            throw new InputFormatException(path, 0, $"the file cannot be read as {kind}");
        }

        foreach (var sheet in sheets)
        {
            var source = sheet is null ? path : $"{path} (sheet '{sheet}')";
            foreach (var record in SheetRecords(source, content, type, sheet, kind, required, optional))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// The sheets to read: every sheet that holds the board (its header names the required columns and rows follow), or
    /// the first (null) when the workbook has one sheet or none holds it, so that its header says what is missing.
    /// </summary>
    private static IReadOnlyList<string?> SheetsToRead(string path, Stream content, string[] required, TextWriter? notes)
    {
        var names = SpreadsheetRows.SheetNames(content);
        if (names.Count <= 1)
        {
            return [null];
        }

        var holding = SpreadsheetRows.SheetsHolding(content, header => required.All(header.Contains), ToolColumns.Of);
        if (holding.Count == 0)
        {
            return [null];
        }

        var passedOver = names.Except(holding, StringComparer.Ordinal).ToList();
        notes?.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"note: {Path.GetFileName(path)} has {names.Count} sheets; read {Quoted(holding)}{(passedOver.Count > 0 ? $"; passed over {Quoted(passedOver)}: without the columns {string.Join(", ", required)}, or without rows" : string.Empty)}."));
        return [.. holding];
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static IEnumerable<ToolRecord> SheetRecords(string source, Stream content, ExcelType type, string? sheet, string kind, string[] required, string[] optional)
    {
        IReadOnlyList<string> header;
        try
        {
            content.Position = 0;
            header = SpreadsheetRows.Header(content, type, sheet);
        }
        catch (Exception e) when (e is not OperationCanceledException and not InputFormatException)
        {
            throw new InputFormatException(source, 0, $"the file cannot be read as {kind}");
        }

        if (header.Count == 0)
        {
            throw new InputFormatException(source, 0, "the file is empty (a header row is required)");
        }

        var read = Columns(source, [.. header], required, optional).Select(c => c.Column).ToList();
        content.Position = 0;
        using var rows = SpreadsheetRows.Rows(content, type, ToolColumns.Of, sheet).GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not InputFormatException)
            {
                throw new InputFormatException(source, 0, $"the file cannot be read as {kind}");
            }

            var (row, cells) = rows.Current;
            var record = read.ToDictionary(c => c, c => cells.TryGetValue(c, out var v) ? v ?? string.Empty : string.Empty, StringComparer.Ordinal);
            if (record.Values.Any(v => v.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                throw new InputFormatException(source, row, ToolInput.NotText);
            }

            yield return new ToolRecord(source, row, record);
        }
    }

    /// <summary>
    /// The columns the tool reads, with their positions in the header (other columns are ignored). Refuses a header that
    /// gives one column twice or lacks a required one, naming the other names it could have used.
    /// </summary>
    private static List<(string Column, int At)> Columns(string path, string[] header, string[] required, string[] optional)
    {
        var columns = new List<(string Column, int At)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var column = ToolColumns.Of(header[i]);
            if (!required.Contains(column) && !optional.Contains(column))
            {
                continue;
            }

            if (!seen.TryAdd(column, header[i].Trim()))
            {
                throw new InputFormatException(path, 1, $"the header names column '{column}' twice ('{seen[column]}' and '{header[i].Trim()}')");
            }

            columns.Add((column, i));
        }

        var missing = required.Where(r => !seen.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
        {
            var names = string.Join("; ", missing.Select(m => $"{m}: also {string.Join(", ", ToolColumns.OtherNames(m))}"));
            throw new InputFormatException(path, 1, $"the header must name the columns {string.Join(", ", required)}{(optional.Length > 0 ? $" (optional: {string.Join(", ", optional)})" : string.Empty)}; missing: {string.Join(", ", missing)} ({names})");
        }

        return columns;
    }
}

/// <summary>One record of a tool's input: where an error names it (the file, with its sheet in a workbook of several), its number, its cells.</summary>
public sealed record ToolRecord(string Source, int Line, IReadOnlyDictionary<string, string> Cells);
