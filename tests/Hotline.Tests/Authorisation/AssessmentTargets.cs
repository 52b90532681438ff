using System.Net;
using System.Text;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Authorisation;

/// <summary>Issue 17: the records the assessment operations act on.</summary>
internal static class AssessmentTargets
{
    /// <summary>A sampling batch imported by the centre manager (one refused row, so it has a reject file).</summary>
    public static readonly TargetKind SamplingBatch = new("sampling batch", async (w, _) =>
    {
        var manager = await w.As("manager");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("工单编号,抽样时间,过程评价,结果评价,评价意见,抽样机构\r\nNO-SUCH,2026-03-01 10:00,满意,满意,,矩阵测试\r\n")), "file", "matrix.csv");
        var created = await (await manager.PostAsync("/api/assessment/sampling/batches", form)).ShouldBe(HttpStatusCode.Created);
        return new Target(created.GetProperty("batch").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    /// <summary>An import is multipart; the matrix sends JSON, which an allowed role is told is not a file.</summary>
    public static readonly Accepted NotMultipart = new(HttpStatusCode.BadRequest, "validation_failed", "the matrix sends JSON; an import is a multipart upload, refused before anything is written");
}
