using System.Globalization;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>One good row of a sampling file, before it is matched to its order.</summary>
public sealed record SampledRow(int Line, string Number, DateTime SampledAtUtc, Rating Process, Rating Result, string? Comment, string Agency);

/// <summary>A row refused, with its line in the file (the header is line 1) and why.</summary>
public sealed record RejectedRow(int Line, string Number, string Reason);

/// <summary>
/// Third-party sampling (第三方抽样回访, S9, issue 17): the template of an import file, the checks of one row, and the
/// sampled satisfaction rates.
/// <para>
/// The template: one header row naming the six columns <see cref="Columns"/> (any order; other columns are ignored),
/// then one row per sampled order: the work-order number; the sampled time (<c>yyyy-MM-dd HH:mm</c>, <c>yyyy-MM-dd HH:mm:ss</c>
/// or <c>yyyy-MM-dd</c>, local time); the process and the result rating (满意, 基本满意 or 不满意); a comment (optional,
/// at most <see cref="Limits.Reason"/> characters); the sampling agency (at most <see cref="Limits.Name"/>). An .xlsx
/// (its one sheet with these columns and rows; other sheets, such as remarks, are passed over) or a CSV (UTF-8 as the
/// template is, or GBK as Excel saves "CSV" on a Chinese Windows, or Big5); at most <see cref="MaxRows"/> rows and
/// <see cref="MaxFileBytes"/> bytes.
/// </para>
/// </summary>
public static class ThirdPartySampling
{
    public const string NumberColumn = "工单编号";
    public const string SampledAtColumn = "抽样时间";
    public const string ProcessColumn = "过程评价";
    public const string ResultColumn = "结果评价";
    public const string CommentColumn = "评价意见";
    public const string AgencyColumn = "抽样机构";

    /// <summary>The template's columns, in the template's order.</summary>
    public static readonly string[] Columns = [NumberColumn, SampledAtColumn, ProcessColumn, ResultColumn, CommentColumn, AgencyColumn];

    /// <summary>The longest work-order number (the orders' column).</summary>
    public const int NumberLength = 32;

    /// <summary>The most rows one file holds.</summary>
    public const int MaxRows = 20_000;

    /// <summary>The largest file accepted.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Who imports: the centre manager and quality inspectors.</summary>
    public static readonly Role[] Importers = [Role.CentreManager, Role.QualityInspector];

    /// <summary>Who reads batches and rates: as assessment (leaders, the centre manager, supervisors platform-wide; units their subtree), and the importers.</summary>
    public static readonly IEnumerable<Role> Readers = new[] { Role.Leader, Role.CentreManager, Role.Supervisor, Role.QualityInspector }.Concat(Roles.Unit);

    /// <summary>Who reads the import batches and their reject files: the importers, leaders and supervisors (a batch spans every unit).</summary>
    public static readonly Role[] BatchReaders = [Role.CentreManager, Role.QualityInspector, Role.Leader, Role.Supervisor];

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d"];

    /// <summary>A header cell as a column name: spaces and a UTF-8 byte-order mark around it removed.</summary>
    public static string ColumnName(string header) => header.Trim().Trim('\uFEFF').Trim();

    /// <summary>The header's missing columns (empty when the file names them all).</summary>
    public static IReadOnlyList<string> MissingColumns(IEnumerable<string> header)
    {
        var names = header.Select(ColumnName).ToHashSet(StringComparer.Ordinal);
        return Columns.Where(c => c != CommentColumn && !names.Contains(c)).ToList();
    }

    /// <summary>Checks one row (cells by column name); a good row or the reasons it is refused, in the template's words.</summary>
    public static (SampledRow? Row, RejectedRow? Rejected) Check(int line, IReadOnlyDictionary<string, string?> cells)
    {
        string Cell(string column) => cells.TryGetValue(column, out var v) ? (v ?? string.Empty).Trim() : string.Empty;
        var number = Cell(NumberColumn);
        var reasons = new List<string>();
        if (number.Length == 0)
        {
            reasons.Add("工单编号为空");
        }
        else if (number.Length > NumberLength)
        {
            reasons.Add($"工单编号超过{NumberLength}个字符");
        }

        DateTime sampledAt = default;
        var time = Cell(SampledAtColumn);
        if (!DateTime.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !Calendar.ChinaTime.IsSupported(DateOnly.FromDateTime(local)))
        {
            reasons.Add("抽样时间应为 yyyy-MM-dd HH:mm");
        }
        else
        {
            sampledAt = Calendar.ChinaTime.StartOfDay(DateOnly.FromDateTime(local)).Add(local.TimeOfDay).UtcDateTime;
        }

        var process = RatingOf(Cell(ProcessColumn));
        if (process is null)
        {
            reasons.Add("过程评价应为满意、基本满意或不满意");
        }

        var result = RatingOf(Cell(ResultColumn));
        if (result is null)
        {
            reasons.Add("结果评价应为满意、基本满意或不满意");
        }

        var comment = Cell(CommentColumn);
        if (comment.Length > Limits.Reason)
        {
            reasons.Add($"评价意见超过{Limits.Reason}个字符");
        }

        var agency = Cell(AgencyColumn);
        if (agency.Length == 0)
        {
            reasons.Add("抽样机构为空");
        }
        else if (agency.Length > Limits.Name)
        {
            reasons.Add($"抽样机构超过{Limits.Name}个字符");
        }

        if (Text.ControlCharacters.HasRefused(comment) || Text.ControlCharacters.HasRefused(agency) || Text.ControlCharacters.HasRefused(number))
        {
            reasons.Add("含有控制字符");
        }

        return reasons.Count > 0
            ? (null, new RejectedRow(line, number.Length > NumberLength ? number[..NumberLength] : number, string.Join("；", reasons)))
            : (new SampledRow(line, number, sampledAt, process!.Value, result!.Value, comment.Length == 0 ? null : comment, agency), null);
    }

    /// <summary>满意 / 基本满意 / 不满意 (or the English names); null for anything else.</summary>
    public static Rating? RatingOf(string text) => text.Trim() switch
    {
        "满意" or "非常满意" => Rating.Satisfied,
        "基本满意" or "比较满意" => Rating.BasicallySatisfied,
        "不满意" or "非常不满意" => Rating.Unsatisfied,
        var other when Enum.TryParse<Rating>(other, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(other, out _) => r,
        _ => null,
    };

    /// <summary>
    /// The satisfaction rate of a set of ratings: (satisfied + basically satisfied) ÷ ratings given; null with none.
    /// The same count for the sampled ratings and the platform's own callbacks (to be unified with the assessment core's
    /// satisfaction formulas after the merge).
    /// </summary>
    public static decimal? SatisfactionRate(IEnumerable<Rating> ratings)
    {
        var (rated, satisfied) = (0, 0);
        foreach (var r in ratings)
        {
            rated++;
            if (r != Rating.Unsatisfied)
            {
                satisfied++;
            }
        }

        return rated == 0 ? null : Math.Round((decimal)satisfied / rated, 4);
    }
}
