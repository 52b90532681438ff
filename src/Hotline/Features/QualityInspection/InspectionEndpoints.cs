using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Notifications;
using Hotline.Domain.QualityInspection;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.QualityInspection;

/// <summary>
/// Quality inspection (质检, S14): a quality inspector draws a sample of the intake calls or callbacks of a period, listens to
/// each and scores it against the stage's checklist; the agents' quality scores follow (agent performance). Readers see the
/// inspections of the agents in their scope; an intake or callback agent their own scored ones, with every deduction's note.
/// </summary>
public static class InspectionEndpoints
{
    public static IEndpointRouteBuilder MapQualityInspection(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/quality-inspections").WithTags("Quality inspection");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadQualityInspections)
            .WithSummary("The inspections the caller may read, newest contact first; filters: stage, state, agentId, from and to (contact dates, local).");
        group.MapGet("/export", Export).RequireAuthorization(Policies.ReadQualityInspections)
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType)
            .WithSummary("The same inspections (the same filters, at most 10,000) as an .xlsx workbook.");
        group.MapGet("/{id:long}", Get).RequireAuthorization(Policies.ReadQualityInspections)
            .WithSummary("One inspection with the checklist lines it is scored against.");
        group.MapPost("/draws", Draw).RequireAuthorization(Policies.InspectQuality)
            .WithSummary($"Draws a sample: up to perAgent (1–{InspectionSampling.MaxPerAgent}) contacts of each agent in scope, at random, of the stage (intake: phone orders' registration calls; callback: callbacks that reached the citizen) dated from–to (at most {InspectionSampling.MaxDays} days), none inspected before.");
        group.MapPost("/{id:long}/score", Score).RequireAuthorization(Policies.InspectQuality)
            .WithSummary("Scores an inspection, or corrects its score: every checklist line once, a deduction with its note; a fatal error with its reason scores 0.");
        group.MapChecklists();
        return app;
    }

    private static async Task<Ok<Paged<InspectionDto>>> List(
        HotlineDbContext db, CurrentUser user, [MaxLength(Limits.Reference)] string? stage, [MaxLength(Limits.Reference)] string? state, long? agentId,
        [MaxLength(Limits.Reference)] string? from, [MaxLength(Limits.Reference)] string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = Filtered(db, user, stage, state, agentId, from, to);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.ContactAtUtc).ThenByDescending(i => i.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<InspectionDto>([.. rows.Select(InspectionDto.From)], total, number, size));
    }

    private static async Task<FileStreamHttpResult> Export(
        HotlineDbContext db, CurrentUser user, [MaxLength(Limits.Reference)] string? stage, [MaxLength(Limits.Reference)] string? state, long? agentId,
        [MaxLength(Limits.Reference)] string? from, [MaxLength(Limits.Reference)] string? to, CancellationToken ct)
    {
        var rows = await Filtered(db, user, stage, state, agentId, from, to).OrderByDescending(i => i.ContactAtUtc).ThenByDescending(i => i.Id).Take(10_000).ToListAsync(ct);
        static string Local(DateTime? utc) => utc is { } u ? ChinaTime.ToLocal(new DateTimeOffset(u, TimeSpan.Zero)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty;
        var sheet = rows.Select(i => new Dictionary<string, object?>
        {
            ["工单编号"] = i.WorkOrderNumber,
            ["环节"] = i.Stage == InspectionStage.Intake ? "受理" : "回访",
            ["坐席"] = i.AgentName,
            ["通话时间"] = Local(i.ContactAtUtc),
            ["录音编号"] = i.RecordingId ?? string.Empty,
            ["状态"] = i.State == InspectionState.Scored ? "已评分" : "待评分",
            ["得分"] = i.Score,
            ["致命差错"] = i.FatalError ? i.FatalReason : string.Empty,
            ["扣分项"] = string.Join("；", i.Items.Where(s => s.Points < s.MaxPoints).Select(s => $"{s.Name} -{s.MaxPoints - s.Points}：{s.Note}")),
            ["评语"] = i.Comment ?? string.Empty,
            ["质检员"] = i.ScoredByName ?? string.Empty,
            ["评分时间"] = Local(i.ScoredAtUtc),
        });
        return await XlsxExport.FileAsync(sheet, "质检记录", "quality-inspections.xlsx", ct);
    }

    private static IQueryable<Inspection> Filtered(HotlineDbContext db, CurrentUser user, string? stage, string? state, long? agentId, string? from, string? to)
    {
        var v = new Validation();
        var s = v.Enum<InspectionStage>(stage, "stage");
        var st = v.Enum<InspectionState>(state, "state");
        var start = v.Date(from, "from", required: false);
        var end = v.Date(to, "to", required: false);
        v.ThrowIfInvalid();
        var query = InspectionQueries.Readable(db, user);
        if (s is { } stageValue)
        {
            query = query.Where(i => i.Stage == stageValue);
        }

        if (st is { } stateValue)
        {
            query = query.Where(i => i.State == stateValue);
        }

        if (agentId is { } agent)
        {
            query = query.Where(i => i.AgentUserId == agent);
        }

        if (start is { } f)
        {
            var fromUtc = ChinaTime.StartOfDay(f).UtcDateTime;
            query = query.Where(i => i.ContactAtUtc >= fromUtc);
        }

        if (end is { } t)
        {
            var toUtc = ChinaTime.StartOfDay(t.AddDays(1)).UtcDateTime;
            query = query.Where(i => i.ContactAtUtc < toUtc);
        }

        return query;
    }

    private static async Task<Ok<InspectionDto>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var inspection = await InspectionQueries.Readable(db, user).FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException("quality_inspection_not_found", "No such inspection.");
        var inForce = await InspectionQueries.ChecklistAsync(db, inspection.Stage, ct);
        return TypedResults.Ok(InspectionDto.From(inspection) with { Checklist = inspection.LinesToScore(inForce.Items) });
    }

    private static async Task<Created<DrawResult>> Draw(DrawRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var stage = v.Require(!string.IsNullOrWhiteSpace(request.Stage), "stage", "Choose the stage: intake or callback.").Enum<InspectionStage>(request.Stage, "stage");
        var from = v.Date(request.From, "from");
        var to = v.Date(request.To, "to");
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber + 1 > InspectionSampling.MaxDays))
        {
            v.Add("to", $"The period ends on or after its start and covers at most {InspectionSampling.MaxDays} days.");
        }

        v.ThrowIfInvalid();
        var contacts = await InspectionQueries.ContactsAsync(db, user, stage!.Value, from!.Value, to!.Value, ct);
        var inspected = await InspectionQueries.InspectedAsync(db, [.. contacts.Select(c => c.EventId)], ct);
        var drawn = InspectionSampling.Draw(contacts, inspected, request.PerAgent, Random.Shared);
        var now = time.GetUtcNow().UtcDateTime;
        var inspections = drawn.Select(c => Inspection.Draw(c, user.DisplayName, now)).ToList();
        db.AddRange(inspections);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Another draw took one of these contacts at the same moment (one inspection per timeline entry): nothing was kept.
            throw new ConcurrencyConflictException("Another draw took some of these contacts at the same time; nothing was drawn. Draw again.");
        }

        return TypedResults.Created((string?)null, new DrawResult(inspections.Count, [.. inspections.Select(InspectionDto.From)]));
    }

    private static async Task<Ok<InspectionDto>> Score(long id, ScoreRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var path = user.Scope.Path;
        var inspection = await db.Set<Inspection>().FirstOrDefaultAsync(i => i.Id == id && i.AgentUnitPath.StartsWith(path), ct)
            ?? throw new NotFoundException("quality_inspection_not_found", "No such inspection.");
        db.ExpectVersion(inspection, request.Version);
        var inForce = await InspectionQueries.ChecklistAsync(db, inspection.Stage, ct);
        var lines = inspection.LinesToScore(inForce.Items);
        inspection.Record(
            lines, request.Items?.Select(i => i is null ? null : new ItemScoreInput(i.Code, i.Points, i.Note)).ToList(), request.FatalError, request.FatalReason, request.Comment,
            user.ToActor(), time.GetUtcNow().UtcDateTime);
        db.Add(QualityNotices.Scored(inspection, time.GetUtcNow().UtcDateTime)); // the agent is told, in the same save
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(InspectionDto.From(inspection) with { Checklist = lines });
    }
}
