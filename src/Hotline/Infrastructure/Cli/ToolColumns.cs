using Hotline.Text;

namespace Hotline.Infrastructure.Cli;

/// <summary>
/// The columns the file-based tools read, and the other names a header may give them: the English names of the README,
/// and the Chinese ones a centre's export or a public message board uses (留言编号, 留言主题, 留言时间, 留言详情, 留言用户,
/// 一级分类 …). Names are compared trimmed, case-insensitive and with traditional characters read as simplified (a Big5
/// board's 留言編號 is 留言编号).
/// </summary>
public static class ToolColumns
{
    public const string Id = "id";
    public const string Text = "text";
    public const string Subject = "subject";
    public const string Time = "time";
    public const string Phone = "phone";
    public const string Place = "place";
    public const string Label = "label";

    private static readonly (string Column, string[] Names)[] Names =
    [
        (Id, ["编号", "工单编号", "留言编号", "工单号"]),
        (Text, ["content", "details", "内容", "详情", "留言详情", "留言内容", "诉求内容", "来电内容", "反映内容"]),
        (Subject, ["title", "主题", "标题", "留言主题", "工单标题"]),
        (Time, ["date", "时间", "日期", "留言时间", "登记时间", "来电时间"]),
        (Phone, ["caller", "电话", "来电号码", "联系电话", "留言用户"]),
        (Place, ["地点", "区域", "所属区域"]),
        (Label, ["category", "分类", "类别", "一级分类", "一级标签"]),
    ];

    private static readonly Dictionary<string, string> ByName = Names
        .SelectMany(n => n.Names.Prepend(n.Column).Select(name => (name, n.Column)))
        .ToDictionary(p => p.name, p => p.Column, StringComparer.OrdinalIgnoreCase);

    /// <summary>The tool's name of a header cell, or the header itself (trimmed, lower case) when the tools do not read it.</summary>
    public static string Of(string header)
    {
        var name = header.Trim().Trim('\uFEFF').Trim();
        return ByName.TryGetValue(name, out var column) || ByName.TryGetValue(TextNormalizer.Normalize(name), out column)
            ? column : name.ToLowerInvariant();
    }

    /// <summary>The other names a header may give a column, for the message that says it is missing.</summary>
    public static IReadOnlyList<string> OtherNames(string column) =>
        Names.FirstOrDefault(n => n.Column == column).Names ?? [];
}
