using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// The one way every table exports to .xlsx (issue 17): the rows are written into the workbook as they are read (one
/// row in memory at a time, MiniExcel's streaming writer) into an owner-only temporary file that is deleted when it is
/// closed, and the file is then streamed with its length, so the workbench can show the download's progress.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most rows one sheet holds (the format's limit is 1,048,576 with the header).</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>
    /// Writes <paramref name="rows"/> (each row column header → value, in column order; the first row names the columns)
    /// and answers the file. The rows may be a synchronous database reader: they are enumerated off the request thread.
    /// </summary>
    public static async Task<FileStreamHttpResult> FileAsync(IEnumerable<IDictionary<string, object?>> rows, string sheetName, string fileName, CancellationToken ct)
    {
        var file = OpenTemporary();
        try
        {
            await Task.Run(() => Write(file, rows, sheetName, ct), ct);
            file.Position = 0;
            return TypedResults.File(file, ContentType, fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the rows as one sheet into <paramref name="stream"/> (also used by the benchmark).</summary>
    public static void Write(Stream stream, IEnumerable<IDictionary<string, object?>> rows, string sheetName, CancellationToken ct = default) =>
        MiniExcelLibs.MiniExcel.SaveAs(stream, Checked(rows, ct), sheetName: sheetName);

    private static IEnumerable<IDictionary<string, object?>> Checked(IEnumerable<IDictionary<string, object?>> rows, CancellationToken ct)
    {
        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            yield return row;
            if (count >= MaxRows)
            {
                yield break;
            }
        }
    }

    private static FileStream OpenTemporary()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-export-{Guid.NewGuid():N}.xlsx");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataFiles.FileMode;
        }

        return new FileStream(path, options);
    }
}
