using System.Globalization;
using System.Net;
using System.Text;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Authorisation;

/// <summary>Issue 17: the records the assessment operations act on (interview proposals, qualitative scores, circulations, sampling batches).</summary>
internal static class AssessmentTargets
{
    private static readonly Actor Manager = new(0, "矩阵测试", new HashSet<Role> { Role.CentreManager }, 0, "热线中心", AccessScope.Platform);

    private static int _months;

    /// <summary>A month of its own, long ago (closed): "2001-01", "2001-02", ….</summary>
    public static string Month(int n) => $"{2000 + (n / 12) % 26:D4}-{(n % 12) + 1:D2}";

    public static TargetKind Interview(InterviewState stage) => new($"interview {stage}", async (w, unit) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var id = w.UnitId(unit);
        var u = await db.Units.AsNoTracking().SingleAsync(x => x.Id == id);
        var now = w.App.Time.GetUtcNow().UtcDateTime;
        var proposal = InterviewProposal.Propose(new InterviewCandidate(u.Id, u.Name, u.Path, InterviewReason.InactionOrSlowAction, "矩阵测试"), Month(Interlocked.Increment(ref _months)), now);
        if (stage == InterviewState.Confirmed)
        {
            proposal.Confirm(Manager, now);
        }

        db.Add(proposal);
        await db.SaveChangesAsync();
        return new Target(proposal.Id.ToString(CultureInfo.InvariantCulture), proposal.Version);
    });

    public static readonly TargetKind Qualitative = new("qualitative score", async (w, unit) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var id = w.UnitId(unit);
        var u = await db.Units.AsNoTracking().SingleAsync(x => x.Id == id);
        var score = QualitativeScore.Create(u.Id, u.Name, u.Path, Month(Interlocked.Increment(ref _months)), QualitativeItem.Improvement, 1, "矩阵测试", Manager, w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(score);
        await db.SaveChangesAsync();
        return new Target(score.Id.ToString(CultureInfo.InvariantCulture), score.Version);
    });

    /// <summary>A saved analysis report on the unit's subtree.</summary>
    public static readonly TargetKind Report = new("analysis report", async (w, unit) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var id = w.UnitId(unit);
        var u = await db.Units.AsNoTracking().SingleAsync(x => x.Id == id);
        var texts = Enum.GetValues<Hotline.Domain.Analytics.ReportSection>().ToDictionary(s => s, _ => (string?)"矩阵测试");
        var report = Hotline.Domain.Analytics.AnalysisReport.Create("矩阵测试专报", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), u.Id, u.Path, u.Name, texts, Manager, w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(report);
        await db.SaveChangesAsync();
        return new Target(report.Id.ToString(CultureInfo.InvariantCulture), report.Version);
    });

    /// <summary>A circulated month (the path names the month).</summary>
    public static readonly TargetKind Circulated = new("circulation", async (w, _) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var circulation = Circulation.Create(Month(Interlocked.Increment(ref _months) + 200), true, [], Manager, w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(circulation);
        await db.SaveChangesAsync();
        return new Target(circulation.Month);
    });

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
