using Hotline.Domain;
using Hotline.Domain.QualityInspection;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.QualityInspection;

/// <summary>The checklists (质检评分表) of the two stages: read by every reader of inspections, replaced whole by the inspecting roles.</summary>
internal static class ChecklistEndpoints
{
    public static RouteGroupBuilder MapChecklists(this RouteGroupBuilder group)
    {
        group.MapGet("/checklists", List).RequireAuthorization(Policies.ReadQualityInspections)
            .WithSummary("The checklist in force for each stage (the defaults until one is set).");
        group.MapPut("/checklists/{stage}", Replace).RequireAuthorization(Policies.InspectQuality)
            .WithSummary($"A new version of a stage's checklist: 1–{Checklist.MaxItems} lines with unique codes, adding up to {Checklist.Total} points. Inspections already scored keep their lines.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ChecklistDto>>> List(HotlineDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ChecklistDto>>([
            await InspectionQueries.ChecklistAsync(db, InspectionStage.Intake, ct),
            await InspectionQueries.ChecklistAsync(db, InspectionStage.Callback, ct),
        ]);

    private static async Task<Ok<ChecklistDto>> Replace(
        [MaxLength(Limits.Reference)] string stage, ChecklistRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var parsed = v.Enum<InspectionStage>(stage, "stage");
        v.ThrowIfInvalid();
        var checklist = Checklist.Create(
            parsed, request.Items?.Select(i => i is null ? null : new ChecklistItem(i.Code ?? string.Empty, i.Name ?? string.Empty, i.MaxPoints)).ToList(),
            user.DisplayName, time.GetUtcNow().UtcDateTime);
        db.Add(checklist);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ChecklistDto(checklist.Stage, checklist.Items, checklist.CreatedAtUtc, checklist.CreatedByName));
    }
}
