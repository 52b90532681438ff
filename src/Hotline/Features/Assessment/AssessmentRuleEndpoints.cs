using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment;

/// <summary>
/// A version of the rules with the days it governs (<see cref="GovernsUntil"/> null: still open) and whether it is in force
/// today; id 0 is the default in force before any version was recorded.
/// </summary>
public sealed record RuleVersionDto(long Id, RulesDto Rules, DateTimeOffset CreatedAt, string CreatedByName, DateOnly? GovernsUntil = null, bool InForce = false);

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

    private static async Task<Ok<List<RuleVersionDto>>> List(HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var versions = await db.Set<AssessmentRuleVersion>().AsNoTracking().OrderByDescending(v => v.EffectiveFrom).ToListAsync(ct);
        var days = versions.Select(v => v.EffectiveFrom).Append(AssessmentRules.Default.EffectiveFrom).ToList();
        var inForce = AssessmentRules.InForce(versions.Select(v => v.Rules), ChinaTime.LocalDate(time.GetUtcNow())).EffectiveFrom;
        var rows = versions.Select(v => From(v) with { GovernsUntil = AssessmentRules.GovernsUntil(v.EffectiveFrom, days), InForce = v.EffectiveFrom == inForce }).ToList();
        rows.Add(new RuleVersionDto(
            0, RulesDto.From(AssessmentRules.Default), WorkOrders.WorkOrderDto.Local(DateTime.UnixEpoch), string.Empty,
            AssessmentRules.GovernsUntil(AssessmentRules.Default.EffectiveFrom, days), inForce == AssessmentRules.Default.EffectiveFrom));
        return TypedResults.Ok(rows);
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
