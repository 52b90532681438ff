using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Hotline.Features.Assessment.Reports;

/// <summary>
/// Native Word charts (DrawingML chart parts) of a report: a line or a bar chart whose values are cached in the chart and
/// kept in an embedded workbook (Sheet1: labels in A, values in B), so Word draws it without the server and "edit data" opens them.
/// </summary>
public static class ReportCharts
{
    private const uint CategoryAxis = 1;
    private const uint ValueAxis = 2;

    public static void Fill(ChartPart part, ReportChart chart)
    {
        var n = chart.Labels.Count;
        var workbook = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var xlsx = new MemoryStream())
        {
            MiniExcel.SaveAs(xlsx, chart.Labels.Select((l, i) => new Dictionary<string, object> { ["标签"] = l, [chart.SeriesName] = chart.Values[i] }).ToList(), sheetName: "Sheet1");
            xlsx.Position = 0;
            workbook.FeedData(xlsx);
        }

        var last = n + 1;
        var name = new C.SeriesText(new C.StringReference(new C.Formula("Sheet1!$B$1"), new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(chart.SeriesName)) { Index = 0 })));
        var labels = new C.CategoryAxisData(new C.StringReference(
            new C.Formula($"Sheet1!$A$2:$A${last}"),
            new C.StringCache([new C.PointCount { Val = (uint)n }, .. chart.Labels.Select((l, i) => new C.StringPoint(new C.NumericValue(l)) { Index = (uint)i })])));
        var values = new C.Values(new C.NumberReference(
            new C.Formula($"Sheet1!$B$2:$B${last}"),
            new C.NumberingCache([new C.FormatCode("General"), new C.PointCount { Val = (uint)n }, .. chart.Values.Select((v, i) => new C.NumericPoint(new C.NumericValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture))) { Index = (uint)i })])));

        OpenXmlCompositeElement plot = chart.Line
            ? new C.LineChart(
                new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false },
                new C.LineChartSeries(new C.Index { Val = 0 }, new C.Order { Val = 0 }, name, new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None }), labels, values, new C.Smooth { Val = false }),
                new C.ShowMarker { Val = true }, new C.AxisId { Val = CategoryAxis }, new C.AxisId { Val = ValueAxis })
            : new C.BarChart(
                new C.BarDirection { Val = C.BarDirectionValues.Bar }, new C.BarGrouping { Val = C.BarGroupingValues.Clustered }, new C.VaryColors { Val = false },
                new C.BarChartSeries(new C.Index { Val = 0 }, new C.Order { Val = 0 }, name, new C.InvertIfNegative { Val = false }, labels, values),
                new C.GapWidth { Val = 80 }, new C.AxisId { Val = CategoryAxis }, new C.AxisId { Val = ValueAxis });

        var space = new C.ChartSpace(
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                new C.PlotArea(
                    new C.Layout(),
                    plot,
                    new C.CategoryAxis(
                        new C.AxisId { Val = CategoryAxis }, new C.Scaling(new C.Orientation { Val = chart.Line ? C.OrientationValues.MinMax : C.OrientationValues.MaxMin }),
                        new C.Delete { Val = false }, new C.AxisPosition { Val = chart.Line ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = ValueAxis }, new C.Crosses { Val = C.CrossesValues.AutoZero },
                        new C.AutoLabeled { Val = true }, new C.LabelAlignment { Val = C.LabelAlignmentValues.Center }, new C.LabelOffset { Val = 100 }),
                    new C.ValueAxis(
                        new C.AxisId { Val = ValueAxis }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }), new C.Delete { Val = false },
                        new C.AxisPosition { Val = chart.Line ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom }, new C.MajorGridlines(),
                        new C.NumberingFormat { FormatCode = "General", SourceLinked = true }, new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        new C.CrossingAxis { Val = CategoryAxis }, new C.Crosses { Val = C.CrossesValues.AutoZero }, new C.CrossBetween { Val = C.CrossBetweenValues.Between })),
                new C.PlotVisibleOnly { Val = true }),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        part.ChartSpace = space;
    }
}
