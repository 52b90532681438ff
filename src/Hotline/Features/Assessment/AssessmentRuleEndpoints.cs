using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment;

public sealed record RuleVersionDto(long Id, RulesDto Rules, DateTimeOffset CreatedAt, string CreatedByName);

public sealed record NewRuleVersionRequest(
    DateOnly EffectiveFrom, int ResponseWeight, int SolveWeight, int SatisfactionWeight, bool ExcludeInvalid, bool ExcludeDuplicate, bool ExcludeUnreasonable, bool ExcludeExempt);

/// <summary>
/// The versions of the assessment rules: listed for every reader, a new version added by the centre manager (never an
/// edit). A version takes effect on a future day, so the orders already counted keep the switches they were computed with.
/// </summary>
public static class AssessmentRuleEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentRules(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/rules").WithTags("Assessment");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadAssessment);
        group.MapPost("/", Add).RequireAuthorization(Policies.ManageAssessmentRules);
        return app;
    }

    private static async Task<Ok<List<RuleVersionDto>>> List(HotlineDbContext db, CancellationToken ct)
    {
        var versions = await db.Set<AssessmentRuleVersion>().AsNoTracking().OrderByDescending(v => v.EffectiveFrom).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(From).ToList());
    }

    private static async Task<Ok<RuleVersionDto>> Add(NewRuleVersionRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rules = new AssessmentRules(
            request.EffectiveFrom, request.ResponseWeight, request.SolveWeight, request.SatisfactionWeight,
            request.ExcludeInvalid, request.ExcludeDuplicate, request.ExcludeUnreasonable, request.ExcludeExempt).Validated();
        var existing = await db.Set<AssessmentRuleVersion>().AsNoTracking().Select(v => v.EffectiveFrom).ToListAsync(ct);
        AssessmentRules.CheckNewVersion(rules.EffectiveFrom, ChinaTime.LocalDate(now), existing);
        var version = new AssessmentRuleVersion
        {
            EffectiveFrom = rules.EffectiveFrom,
            ResponseWeight = rules.ResponseWeight,
            SolveWeight = rules.SolveWeight,
            SatisfactionWeight = rules.SatisfactionWeight,
            ExcludeInvalid = rules.ExcludeInvalid,
            ExcludeDuplicate = rules.ExcludeDuplicate,
            ExcludeUnreasonable = rules.ExcludeUnreasonable,
            ExcludeExempt = rules.ExcludeExempt,
            CreatedAtUtc = now.UtcDateTime,
            CreatedByName = user.DisplayName,
        };
        db.Add(version);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(From(version));
    }

    private static RuleVersionDto From(AssessmentRuleVersion v) => new(v.Id, RulesDto.From(v.Rules), WorkOrders.WorkOrderDto.Local(v.CreatedAtUtc), v.CreatedByName);
}
