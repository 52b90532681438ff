using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Hotline.Domain.Analytics;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Hotline.Features.Assessment.Reports;

/// <summary>The analysis report as a Word document (OpenXML SDK): title, period, each section's text, native charts and tables.</summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const long ChartWidth = 5_760_000; // 16 cm in EMU
    private const long ChartHeight = 2_880_000; // 8 cm

    public static byte[] Write(string title, ReportFigures figures, IReadOnlyDictionary<ReportSection, string> texts)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Text(title, size: 36, bold: true, center: true));
            body.Append(Text($"{ReportDrafts.PeriodName(figures.From, figures.To)}（{figures.From:yyyy-MM-dd} 至 {figures.To:yyyy-MM-dd}） · {figures.ScopeName}", size: 24, center: true));
            uint drawing = 0;
            foreach (var part in ReportLayout.Parts(figures, texts))
            {
                body.Append(Text(part.Heading, size: 28, bold: true));
                foreach (var line in part.Text.Split('\n'))
                {
                    body.Append(Text(line, size: 24));
                }

                foreach (var chart in part.Charts.Where(c => c.Labels.Count > 0))
                {
                    var chartPart = main.AddNewPart<ChartPart>();
                    ReportCharts.Fill(chartPart, chart);
                    body.Append(Text(chart.Caption, size: 21, center: true));
                    body.Append(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(Chart(main.GetIdOfPart(chartPart), ++drawing))));
                }

                foreach (var table in part.Tables)
                {
                    body.Append(Text(table.Caption, size: 21, bold: true));
                    body.Append(table.Rows.Count == 0 ? Text("（无）", size: 21) : Table(table));
                }
            }

            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1440, Right = 1440 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Text(string text, int size, bool bold = false, bool center = false)
    {
        var run = new RunProperties(new RunFonts { EastAsia = "SimSun", Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            run.Append(new Bold());
        }

        run.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var paragraph = new Paragraph(new Run(run, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }

        return paragraph;
    }

    private static Table Table(ReportTable table)
    {
        static BorderType Line<T>()
            where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Color = "808080" };
        var result = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(), Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>())),
            new TableGrid(table.Heads.Select(_ => new GridColumn { Width = (9000 / table.Heads.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        result.Append(Row(table.Heads, head: true));
        foreach (var row in table.Rows)
        {
            result.Append(Row(row, head: false));
        }

        return result;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool head) =>
        new(cells.Select(c => new TableCell(Text(c, size: 21, bold: head))));

    private static Drawing Chart(string relationshipId, uint id) => new(
        new DW.Inline(
            new DW.Extent { Cx = ChartWidth, Cy = ChartHeight },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"Chart {id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = relationshipId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        });
}
