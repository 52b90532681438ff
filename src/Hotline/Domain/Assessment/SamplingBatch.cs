using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>The format of a sampling file.</summary>
public enum SamplingFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// One import of third-party sampling results (第三方抽样回访, issue 17): who imported which file when, how many rows it held,
/// how many were imported and refused, and the refused rows with their reasons (the reject file).
/// </summary>
public sealed class SamplingBatch
{
    private SamplingBatch()
    {
        FileName = ImportedByName = string.Empty;
    }

    public SamplingBatch(string fileName, SamplingFormat format, DateTime importedAtUtc, long importedByUserId, string importedByName, int totalRows, IReadOnlyList<RejectedRow> rejected)
    {
        FileName = fileName;
        Format = format;
        ImportedAtUtc = importedAtUtc;
        ImportedByUserId = importedByUserId;
        ImportedByName = importedByName;
        TotalRows = totalRows;
        RejectedRows = rejected.Count;
        ImportedRows = totalRows - rejected.Count;
        Rejects = rejected.ToList();
    }

    public long Id { get; private set; }

    /// <summary>The file's name as uploaded, cut to <see cref="Limits.ShortText"/>.</summary>
    public string FileName { get; private set; }

    public SamplingFormat Format { get; private set; }

    public DateTime ImportedAtUtc { get; private set; }

    public long ImportedByUserId { get; private set; }

    public string ImportedByName { get; private set; }

    /// <summary>The data rows of the file (blank rows not counted).</summary>
    public int TotalRows { get; private set; }

    public int ImportedRows { get; private set; }

    public int RejectedRows { get; private set; }

    /// <summary>The refused rows by line, with the reason of each.</summary>
    public List<RejectedRow> Rejects { get; private set; } = [];

    public List<SampledResult> Results { get; private set; } = [];
}

/// <summary>One sampled order's ratings, as the third party recorded them.</summary>
public sealed class SampledResult
{
    private SampledResult()
    {
        WorkOrderNumber = Agency = string.Empty;
    }

    public SampledResult(long workOrderId, SampledRow row)
    {
        WorkOrderId = workOrderId;
        WorkOrderNumber = row.Number;
        SampledAtUtc = row.SampledAtUtc;
        ProcessRating = row.Process;
        ResultRating = row.Result;
        Comment = row.Comment;
        Agency = row.Agency;
    }

    public long Id { get; private set; }

    public long BatchId { get; private set; }

    public long WorkOrderId { get; private set; }

    public string WorkOrderNumber { get; private set; }

    public DateTime SampledAtUtc { get; private set; }

    public Rating ProcessRating { get; private set; }

    public Rating ResultRating { get; private set; }

    public string? Comment { get; private set; }

    public string Agency { get; private set; }
}
