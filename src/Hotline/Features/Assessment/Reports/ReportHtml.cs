using System.Globalization;
using System.Net;
using System.Text;
using Hotline.Domain.Analytics;

namespace Hotline.Features.Assessment.Reports;

/// <summary>
/// The analysis report as a printable page: one self-contained HTML document (an inline style sheet with print rules, SVG
/// charts drawn from the figures, no script and nothing fetched), which the server's Content Security Policy allows as is.
/// </summary>
public static class ReportHtml
{
    private const int Width = 640;
    private const int Height = 240;

    private const string Style = """
        body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:800px;margin:24px auto;color:#222;line-height:1.7}
        h1{text-align:center;font-size:24px}h2{font-size:18px;border-bottom:1px solid #999;margin-top:28px}
        .period{text-align:center;color:#555}.caption{font-weight:bold;margin:12px 0 4px}
        table{border-collapse:collapse;width:100%;margin-bottom:8px;font-size:13px}th,td{border:1px solid #999;padding:3px 6px;text-align:left}
        th{background:#eee}figure{margin:8px 0;text-align:center}svg text{font-size:10px;fill:#444}
        .hint{color:#888;font-size:12px;text-align:right}
        @media print{.hint{display:none}body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}}
        @page{size:A4;margin:20mm}
        """;

    public static string Write(string title, ReportFigures figures, IReadOnlyDictionary<ReportSection, string> texts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<p class=\"hint\">打印：Ctrl+P</p>");
        html.Append("<h1>").Append(E(title)).Append("</h1><p class=\"period\">")
            .Append(E($"{ReportDrafts.PeriodName(figures.From, figures.To)}（{figures.From:yyyy-MM-dd} 至 {figures.To:yyyy-MM-dd}） · {figures.ScopeName}")).Append("</p>");
        foreach (var part in ReportLayout.Parts(figures, texts))
        {
            html.Append("<section id=\"").Append(part.Section.ToString().ToLowerInvariant()).Append("\"><h2>").Append(E(part.Heading)).Append("</h2>");
            foreach (var line in part.Text.Split('\n'))
            {
                html.Append("<p>").Append(E(line)).Append("</p>");
            }

            foreach (var chart in part.Charts.Where(c => c.Labels.Count > 0))
            {
                html.Append("<figure>").Append(chart.Line ? LineSvg(chart) : BarSvg(chart)).Append("<figcaption>").Append(E(chart.Caption)).Append("</figcaption></figure>");
            }

            foreach (var table in part.Tables)
            {
                html.Append("<div class=\"caption\">").Append(E(table.Caption)).Append("</div>");
                if (table.Rows.Count == 0)
                {
                    html.Append("<p>（无）</p>");
                    continue;
                }

                html.Append("<table><thead><tr>");
                foreach (var head in table.Heads)
                {
                    html.Append("<th>").Append(E(head)).Append("</th>");
                }

                html.Append("</tr></thead><tbody>");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    foreach (var cell in row)
                    {
                        html.Append("<td>").Append(E(cell)).Append("</td>");
                    }

                    html.Append("</tr>");
                }

                html.Append("</tbody></table>");
            }

            html.Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string LineSvg(ReportChart chart)
    {
        const int left = 40, bottom = 24, top = 10;
        var max = Math.Max(1, chart.Values.Max());
        var n = chart.Values.Count;
        double X(int i) => left + (n == 1 ? 0 : i * (double)(Width - left - 10) / (n - 1));
        double Y(long v) => top + ((Height - top - bottom) * (1 - ((double)v / max)));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(chart.Caption)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{Height - bottom}\" x2=\"{Width}\" y2=\"{Height - bottom}\" stroke=\"#999\"/><text x=\"2\" y=\"{top + 8}\">{max}</text><text x=\"2\" y=\"{Height - bottom}\">0</text>");
        svg.Append("<polyline fill=\"none\" stroke=\"#409eff\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', chart.Values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}"))).Append("\"/>");
        var step = Math.Max(1, n / 8);
        for (var i = 0; i < n; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - 6}\" text-anchor=\"middle\">{E(chart.Labels[i])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string BarSvg(ReportChart chart)
    {
        const int left = 150, row = 22;
        var max = Math.Max(1, chart.Values.Max());
        var height = (chart.Values.Count * row) + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{E(chart.Caption)}\">");
        for (var i = 0; i < chart.Values.Count; i++)
        {
            var w = (Width - left - 60) * (double)chart.Values[i] / max;
            var y = (i * row) + 2;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(chart.Labels[i])}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{row - 8}\" fill=\"#409eff\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w + 4:0.#}\" y=\"{y + 14}\">{chart.Values[i]}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
