using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Hotline.Domain.Calendar;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Hotline.Features.Supervision;

/// <summary>A special report as a Word document (OpenXML SDK) and as an HTML page the browser prints (or saves as PDF).</summary>
public static class SpecialReportExport
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The title centred and bold, then one paragraph per line of the body.</summary>
    public static byte[] Docx(string title, string body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var content = new Body();
            content.Append(new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new RunProperties(new Bold(), new FontSize { Val = "36" }), new W.Text(title))));
            foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                content.Append(new Paragraph(new Run(new W.Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document = new Document(content);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A self-contained page: the title, the body line by line, the author and date; printed as A4.</summary>
    public static string Html(string title, string body, string author, DateTime createdAtUtc)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        b.Append("<style>@page{size:A4;margin:25mm 20mm}body{font-family:'FangSong','STFangsong',serif;font-size:16pt;line-height:1.8;max-width:170mm;margin:auto}")
            .Append("h1{font-family:'SimHei','STHeiti',sans-serif;font-size:22pt;text-align:center}p{margin:0;white-space:pre-wrap}.meta{text-align:right;margin-top:2em}</style>");
        b.Append("</head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            b.Append("<p>").Append(line.Length == 0 ? "&nbsp;" : WebUtility.HtmlEncode(line)).Append("</p>");
        }

        var date = ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc))).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);
        b.Append("<p class=\"meta\">").Append(WebUtility.HtmlEncode(author)).Append('　').Append(date).Append("</p></body></html>");
        return b.ToString();
    }
}
