using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Reports;

/// <summary>Each section's text of a report (a request may leave a section out when editing: it keeps its text).</summary>
public sealed record ReportTexts(
    [property: MaxLength(Limits.LongText)] string? Volume, [property: MaxLength(Limits.LongText)] string? Categories,
    [property: MaxLength(Limits.LongText)] string? Regions, [property: MaxLength(Limits.LongText)] string? HotSpots,
    [property: MaxLength(Limits.LongText)] string? Rates, [property: MaxLength(Limits.LongText)] string? Rankings,
    [property: MaxLength(Limits.LongText)] string? Interviews)
{
    public static ReportTexts From(IReadOnlyDictionary<ReportSection, string> t) => new(
        t[ReportSection.Volume], t[ReportSection.Categories], t[ReportSection.Regions], t[ReportSection.HotSpots], t[ReportSection.Rates], t[ReportSection.Rankings],
        t[ReportSection.Interviews]);

    public IReadOnlyDictionary<ReportSection, string?> BySection() => new Dictionary<ReportSection, string?>
    {
        [ReportSection.Volume] = Volume,
        [ReportSection.Categories] = Categories,
        [ReportSection.Regions] = Regions,
        [ReportSection.HotSpots] = HotSpots,
        [ReportSection.Rates] = Rates,
        [ReportSection.Rankings] = Rankings,
        [ReportSection.Interviews] = Interviews,
    };
}

/// <summary>A report generated for a period and scope: the figures, the default title and the generated text of each section.</summary>
public sealed record ReportDraftDto(long? ScopeUnitId, string ScopeName, string Title, ReportTexts Sections, ReportFigures Figures);

public sealed record SavedReportSummary(long Id, string Title, DateOnly From, DateOnly To, long? ScopeUnitId, string ScopeName, DateTimeOffset SavedAt, string SavedByName, long Version);

/// <summary>A saved report: its edited title and texts, who saved it and when, and the figures of its period and scope read now.</summary>
public sealed record SavedReportDto(
    long Id, string Title, DateOnly From, DateOnly To, long? ScopeUnitId, string ScopeName, ReportTexts Sections, DateTimeOffset CreatedAt, string CreatedByName,
    DateTimeOffset SavedAt, string SavedByName, long Version, ReportFigures Figures);

/// <summary>A new saved report: the period (as <c>/api/assessment/scores</c> takes it), the unit whose subtree it covers (none: the caller's scope), title and texts.</summary>
public sealed record CreateReportRequest(
    int? Year, int? Month, int? Quarter, [property: MaxLength(10)] string? From, [property: MaxLength(10)] string? To, long? UnitId,
    [property: MaxLength(Limits.ShortText)] string? Title, ReportTexts? Sections);

/// <summary>An edit of a saved report: title and texts, against the version the editor saw.</summary>
public sealed record EditReportRequest([property: MaxLength(Limits.ShortText)] string? Title, ReportTexts? Sections, long? Version);

/// <summary>
/// The analysis report (分析专报) and the leaders' regular briefing (issue 17, S11): the figures and generated drafts of a
/// period and scope, saved edited reports (versioned), and the prints: .docx with native charts and a printable HTML page.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/reports").WithTags("Assessment");
        group.MapGet("/draft", Draft).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("The figures and generated text of a period's report on the caller's scope or a unit's subtree.");
        group.MapGet("/draft/docx", DraftDocx).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("The generated report as a Word document.");
        group.MapGet("/draft/html", DraftHtml).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("The generated report as a printable page.");
        group.MapGet(string.Empty, List).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("The saved reports in the caller's scope, latest first.");
        group.MapGet("/{id:long}", Get).RequireAuthorization(Policies.ReadAnalysisReports);
        group.MapPost(string.Empty, Create).RequireAuthorization(Policies.WriteAnalysisReports).WithSummary("Save an edited report.");
        group.MapPut("/{id:long}", Edit).RequireAuthorization(Policies.WriteAnalysisReports).WithSummary("Save a report's edited title and texts (409 when it changed since).");
        group.MapGet("/{id:long}/docx", SavedDocx).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("A saved report as a Word document.");
        group.MapGet("/{id:long}/html", SavedHtml).RequireAuthorization(Policies.ReadAnalysisReports).WithSummary("A saved report as a printable page.");
        return app;
    }

    private static async Task<Ok<ReportDraftDto>> Draft(
        ReportQueries queries, CurrentUser user, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, long? unitId, CancellationToken ct)
    {
        var (scope, figures) = await GenerateAsync(queries, user, year, month, quarter, from, to, unitId, ct);
        return TypedResults.Ok(new ReportDraftDto(scope.UnitId, scope.Name, ReportDrafts.Title(figures), ReportTexts.From(ReportDrafts.Write(figures)), figures));
    }

    private static async Task<FileContentHttpResult> DraftDocx(
        ReportQueries queries, CurrentUser user, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, long? unitId, CancellationToken ct)
    {
        var (_, figures) = await GenerateAsync(queries, user, year, month, quarter, from, to, unitId, ct);
        return Docx(ReportDrafts.Title(figures), figures, ReportDrafts.Write(figures));
    }

    private static async Task<ContentHttpResult> DraftHtml(
        ReportQueries queries, CurrentUser user, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, long? unitId, CancellationToken ct)
    {
        var (_, figures) = await GenerateAsync(queries, user, year, month, quarter, from, to, unitId, ct);
        return Html(ReportDrafts.Title(figures), figures, ReportDrafts.Write(figures));
    }

    private static async Task<Ok<List<SavedReportSummary>>> List(HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var prefix = user.Scope.Path;
        var reports = await db.Set<AnalysisReport>().AsNoTracking().Where(r => r.ScopePath.StartsWith(prefix))
            .OrderByDescending(r => r.SavedAtUtc).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(reports.Select(r => new SavedReportSummary(
            r.Id, r.Title, r.PeriodFrom, r.PeriodTo, r.ScopeUnitId, r.ScopeName, Local(r.SavedAtUtc), r.SavedByName, r.Version)).ToList());
    }

    private static async Task<Ok<SavedReportDto>> Get(long id, HotlineDbContext db, ReportQueries queries, CurrentUser user, CancellationToken ct)
    {
        var report = await FindAsync(db.Set<AnalysisReport>().AsNoTracking(), id, user, ct);
        return TypedResults.Ok(await DtoAsync(report, queries, user, ct));
    }

    private static async Task<Created<SavedReportDto>> Create(CreateReportRequest r, HotlineDbContext db, ReportQueries queries, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var period = PeriodChoice.Parse(r.Year, r.Month, r.Quarter, r.From, r.To);
        var actor = user.ToActor();
        var scope = await queries.ScopeAsync(actor, r.UnitId, ct);
        var report = AnalysisReport.Create(
            r.Title, period.From, period.To, scope.UnitId, scope.Path, scope.Name, r.Sections?.BySection() ?? new Dictionary<ReportSection, string?>(), actor, time.GetUtcNow().UtcDateTime);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/assessment/reports/{report.Id}", await DtoAsync(report, queries, user, ct));
    }

    private static async Task<Ok<SavedReportDto>> Edit(long id, EditReportRequest r, HotlineDbContext db, ReportQueries queries, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var expected = r.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var report = await FindAsync(db.Set<AnalysisReport>(), id, user, ct);
        if (report.Version != expected)
        {
            throw new ConcurrencyConflictException("The report was saved by someone else since you loaded it; reload it.");
        }

        db.ExpectVersion(report, expected);
        report.Edit(r.Title, r.Sections?.BySection() ?? new Dictionary<ReportSection, string?>(), user.ToActor(), time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The report was saved by someone else since you loaded it; reload it.");
        }

        return TypedResults.Ok(await DtoAsync(report, queries, user, ct));
    }

    private static async Task<FileContentHttpResult> SavedDocx(long id, HotlineDbContext db, ReportQueries queries, CurrentUser user, CancellationToken ct)
    {
        var report = await FindAsync(db.Set<AnalysisReport>().AsNoTracking(), id, user, ct);
        return Docx(report.Title, await FiguresAsync(report, queries, user, ct), report.Texts());
    }

    private static async Task<ContentHttpResult> SavedHtml(long id, HotlineDbContext db, ReportQueries queries, CurrentUser user, CancellationToken ct)
    {
        var report = await FindAsync(db.Set<AnalysisReport>().AsNoTracking(), id, user, ct);
        return Html(report.Title, await FiguresAsync(report, queries, user, ct), report.Texts());
    }

    private static async Task<(ReportScope, ReportFigures)> GenerateAsync(
        ReportQueries queries, CurrentUser user, int? year, int? month, int? quarter, string? from, string? to, long? unitId, CancellationToken ct)
    {
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var actor = user.ToActor();
        var scope = await queries.ScopeAsync(actor, unitId, ct);
        return (scope, await queries.FiguresAsync(actor, scope, period, ct));
    }

    private static Task<ReportFigures> FiguresAsync(AnalysisReport report, ReportQueries queries, CurrentUser user, CancellationToken ct) =>
        queries.FiguresAsync(user.ToActor(), new ReportScope(report.ScopeUnitId, report.ScopePath, report.ScopeName), AssessmentPeriod.Range(report.PeriodFrom, report.PeriodTo), ct);

    private static async Task<SavedReportDto> DtoAsync(AnalysisReport r, ReportQueries queries, CurrentUser user, CancellationToken ct) => new(
        r.Id, r.Title, r.PeriodFrom, r.PeriodTo, r.ScopeUnitId, r.ScopeName, ReportTexts.From(r.Texts()), Local(r.CreatedAtUtc), r.CreatedByName, Local(r.SavedAtUtc),
        r.SavedByName, r.Version, await FiguresAsync(r, queries, user, ct));

    /// <summary>A saved report the caller's scope covers (404 otherwise).</summary>
    private static async Task<AnalysisReport> FindAsync(IQueryable<AnalysisReport> reports, long id, CurrentUser user, CancellationToken ct) =>
        await reports.SingleOrDefaultAsync(r => r.Id == id, ct) is { } report && user.Scope.Covers(report.ScopePath)
            ? report
            : throw new NotFoundException("analysis_report.not_found", "No such report in your scope.");

    private static FileContentHttpResult Docx(string title, ReportFigures figures, IReadOnlyDictionary<ReportSection, string> texts) =>
        TypedResults.File(ReportDocx.Write(title, figures, texts), ReportDocx.ContentType, $"analysis-report-{figures.From:yyyyMMdd}-{figures.To:yyyyMMdd}.docx");

    private static ContentHttpResult Html(string title, ReportFigures figures, IReadOnlyDictionary<ReportSection, string> texts) =>
        TypedResults.Content(ReportHtml.Write(title, figures, texts), "text/html; charset=utf-8");

    private static DateTimeOffset Local(DateTime utc) => Rankings.RankingEndpoints.ChinaLocal(utc);
}

public static class ReportServices
{
    public static IServiceCollection AddAssessmentReports(this IServiceCollection services) => services.AddScoped<ReportQueries>();
}
