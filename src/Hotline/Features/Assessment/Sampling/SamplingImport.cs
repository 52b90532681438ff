using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Spreadsheets;
using Hotline.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Hotline.Features.Assessment.Sampling;

/// <summary>What an import answers: the batch as listed, and the first refused rows (all of them are in the reject file).</summary>
public sealed record SamplingImportResult(SamplingBatchView Batch, IReadOnlyList<RejectedRow> FirstRejects);

/// <summary>A batch as listed: who imported which file when, and its counts.</summary>
public sealed record SamplingBatchView(long Id, string FileName, SamplingFormat Format, DateTimeOffset ImportedAt, string ImportedBy, int TotalRows, int ImportedRows, int RejectedRows)
{
    public static SamplingBatchView From(SamplingBatch b) => new(
        b.Id, b.FileName, b.Format, WorkOrders.WorkOrderDto.Local(b.ImportedAtUtc), b.ImportedByName, b.TotalRows, b.ImportedRows, b.RejectedRows);
}

/// <summary>
/// Reads a sampling file (.xlsx or CSV, <see cref="ThirdPartySampling"/>'s template), checks every row, maps the numbers to
/// the orders in the importer's scope, and saves the batch with its good rows in one transaction (one <c>SaveChanges</c>):
/// a failure leaves nothing. Refused rows are skipped into the batch's reject list with the reason per line.
/// </summary>
public sealed class SamplingImport(HotlineDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>How many refused rows the import's answer shows (the reject file holds them all).</summary>
    public const int ShownRejects = 50;

    public async Task<SamplingImportResult> ImportAsync(string fileName, Stream content, CancellationToken ct)
    {
        var format = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".xlsx" => SamplingFormat.Xlsx,
            ".csv" => SamplingFormat.Csv,
            _ => throw ValidationException.For("file", "Upload an .xlsx or .csv file made from the template."),
        };
        var rows = Read(content, format);
        var now = time.GetUtcNow().UtcDateTime;
        var rejected = new List<RejectedRow>();
        var good = new List<SampledRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, cells) in rows)
        {
            var (row, refused) = ThirdPartySampling.Check(line, cells);
            if (refused is not null)
            {
                rejected.Add(refused);
            }
            else if (lines.TryGetValue(row!.Number, out var first))
            {
                rejected.Add(new RejectedRow(line, row.Number, $"与第{first}行的工单编号重复"));
            }
            else if (row.SampledAtUtc > now)
            {
                rejected.Add(new RejectedRow(line, row.Number, "抽样时间晚于当前时间"));
            }
            else
            {
                lines[row.Number] = line;
                good.Add(row);
            }
        }

        var orders = await OrdersAsync(good.Select(r => r.Number).ToList(), ct);
        var sampled = await db.Set<SampledResult>().AsNoTracking()
            .Where(s => orders.Values.Select(o => o.Id).Contains(s.WorkOrderId)).Select(s => new { s.WorkOrderId, s.BatchId }).ToListAsync(ct);
        var sampledIn = sampled.ToDictionary(s => s.WorkOrderId, s => s.BatchId);
        var results = new List<SampledResult>();
        foreach (var row in good)
        {
            if (!orders.TryGetValue(row.Number, out var order))
            {
                rejected.Add(new RejectedRow(row.Line, row.Number, "工单编号不存在或不在本单位范围内"));
            }
            else if (sampledIn.TryGetValue(order.Id, out var batch))
            {
                rejected.Add(new RejectedRow(row.Line, row.Number, $"该工单已在第{batch}批导入抽样结果"));
            }
            else if (row.SampledAtUtc < order.RegisteredAtUtc)
            {
                rejected.Add(new RejectedRow(row.Line, row.Number, "抽样时间早于工单登记时间"));
            }
            else
            {
                results.Add(new SampledResult(order.Id, row));
            }
        }

        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        var name = Path.GetFileName(fileName);
        var saved = new SamplingBatch(name.Length > Domain.Limits.ShortText ? name[..Domain.Limits.ShortText] : name, format, now, user.Id, user.DisplayName, rows.Count, rejected);
        saved.Results.AddRange(results);
        db.Add(saved);
        await db.SaveChangesAsync(ct);
        return new SamplingImportResult(SamplingBatchView.From(saved), rejected.Take(ShownRejects).ToList());
    }

    /// <summary>The orders with these numbers the importer may see (their lead unit in scope, or any for a platform-wide scope).</summary>
    private async Task<Dictionary<string, (long Id, DateTime RegisteredAtUtc)>> OrdersAsync(List<string> numbers, CancellationToken ct)
    {
        var found = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        var scope = user.Scope;
        foreach (var chunk in numbers.Chunk(500))
        {
            var query = db.Set<WorkOrder>().AsNoTracking().Where(w => chunk.Contains(w.Number));
            if (!scope.IsPlatformWide)
            {
                var path = scope.Path;
                query = query.Where(w => w.LeadUnitPath != null && w.LeadUnitPath.StartsWith(path));
            }

            foreach (var o in await query.Select(w => new { w.Number, w.Id, w.RegisteredAtUtc }).ToListAsync(ct))
            {
                found[o.Number] = (o.Id, o.RegisteredAtUtc);
            }
        }

        return found;
    }

    /// <summary>
    /// The data rows by line (the header is line 1); blank rows are passed over. Refuses a file without the template's
    /// columns or with too many rows. A workbook is read from its one sheet with the template's columns and rows, so a
    /// sheet of remarks beside it does no harm; results spread over several such sheets are refused, never read in part.
    /// </summary>
    private static List<(int Line, IReadOnlyDictionary<string, string?> Cells)> Read(Stream content, SamplingFormat format)
    {
        var type = format == SamplingFormat.Xlsx ? ExcelType.XLSX : ExcelType.CSV;
        if (format == SamplingFormat.Csv)
        {
            content = SpreadsheetRows.CsvAsUtf8(content)
                ?? throw ValidationException.For("file", "The CSV file is neither UTF-8, GBK nor Big5 text; save it as \"CSV UTF-8\".");
        }

        List<(int Line, IReadOnlyDictionary<string, string?> Cells)> rows;
        try
        {
            var sheet = format == SamplingFormat.Xlsx ? SheetToRead(content) : null;
            content.Position = 0;
            var missing = ThirdPartySampling.MissingColumns(SpreadsheetRows.Header(content, type, sheet));
            if (missing.Count > 0)
            {
                throw ValidationException.For("file", $"The header row lacks the template's columns: {string.Join(", ", missing)}.");
            }

            content.Position = 0;
            rows = [.. SpreadsheetRows.Rows(content, type, ThirdPartySampling.ColumnName, sheet).Take(ThirdPartySampling.MaxRows + 1)];
        }
        catch (ValidationException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ValidationException.For("file", $"The file cannot be read as {(format == SamplingFormat.Xlsx ? ".xlsx" : "CSV")}.");
        }

        return rows.Count > ThirdPartySampling.MaxRows
            ? throw ValidationException.For("file", $"A file holds at most {ThirdPartySampling.MaxRows} rows.")
            : rows;
    }

    /// <summary>
    /// The sheet of a workbook that holds the results: the first when it is the only sheet; otherwise the one sheet whose
    /// header has the template's columns and that has a row under it (the first sheet when none has). Two or more such
    /// sheets are refused, naming them.
    /// </summary>
    private static string? SheetToRead(Stream content)
    {
        if (SpreadsheetRows.SheetNames(content).Count <= 1)
        {
            return null;
        }

        var filled = SpreadsheetRows.SheetsHolding(content, header => ThirdPartySampling.MissingColumns(header).Count == 0, ThirdPartySampling.ColumnName);
        return filled.Count switch
        {
            0 => null,
            1 => filled[0],
            _ => throw ValidationException.For("file", $"The workbook has results on {filled.Count} sheets ({string.Join(", ", filled)}); put them on one sheet, or upload each sheet as its own file."),
        };
    }
}
