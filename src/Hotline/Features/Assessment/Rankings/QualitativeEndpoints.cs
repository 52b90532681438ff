using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Rankings;

public sealed record QualitativeScoreDto(long Id, long UnitId, string UnitName, string Month, QualitativeItem Item, decimal Points, string Reason, DateTimeOffset ScoredAt, string ScoredByName, long Version)
{
    public static QualitativeScoreDto From(QualitativeScore q) => new(q.Id, q.UnitId, q.UnitName, q.Month, q.Item, q.Points, q.Reason, RankingEndpoints.ChinaLocal(q.ScoredAtUtc), q.ScoredByName, q.Version);
}

public sealed record QualitativeScoreRequest(long? UnitId, [property: MaxLength(RankingSnapshotRow.MonthLength)] string? Month, QualitativeItem? Item, decimal? Points, [property: MaxLength(Limits.Reason)] string? Reason);

public sealed record QualitativeChangeRequest(decimal? Points, [property: MaxLength(Limits.Reason)] string? Reason, long? Version);

/// <summary>Qualitative items (S9, issue 17): scored by hand per unit and month with a reason, edited with a version check, listed in scope.</summary>
public static class QualitativeEndpoints
{
    public static RouteGroupBuilder MapQualitative(this RouteGroupBuilder group)
    {
        group.MapGet("/qualitative", List).RequireAuthorization(Policies.ReadRankings).WithSummary("Qualitative scores of a month in the caller's scope.");
        group.MapPost("/qualitative", Create).RequireAuthorization(Policies.ManageRankings).WithSummary("Score one qualitative item of a unit for a month.");
        group.MapPut("/qualitative/{id:long}", Change).RequireAuthorization(Policies.ManageRankings).WithSummary("Change a score (version checked).");
        return group;
    }

    internal static async Task<Ok<List<QualitativeScoreDto>>> List(HotlineDbContext db, CurrentUser user, string? month, long? unitId, CancellationToken ct)
    {
        var key = AssessmentMonth.Parse(month).Key;
        var path = user.Scope.Path;
        var query = db.Set<QualitativeScore>().AsNoTracking().Where(q => q.Month == key && q.UnitPath.StartsWith(path));
        if (unitId is { } u)
        {
            query = query.Where(q => q.UnitId == u);
        }

        var rows = await query.OrderBy(q => q.UnitName).ThenBy(q => q.Item).ThenBy(q => q.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(QualitativeScoreDto.From).ToList());
    }

    private static async Task<Created<QualitativeScoreDto>> Create(QualitativeScoreRequest r, HotlineDbContext db, CurrentUser user, [FromServices] RankingService rankings, CancellationToken ct)
    {
        var unit = r.UnitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.IsActive, ct) : null;
        if (unit is null || !user.Scope.Covers(unit.Path))
        {
            throw ValidationException.For("unitId", "Choose an active unit in your scope.");
        }

        var month = AssessmentMonth.ParseBegun(r.Month, rankings.Today);
        var key = month.Key;
        if (r.Item is { } item && await db.Set<QualitativeScore>().AnyAsync(q => q.UnitId == unit.Id && q.Month == key && q.Item == item, ct))
        {
            throw new DomainException("qualitative_already_scored", "The item is already scored for the unit and month; change that score instead.");
        }

        var score = QualitativeScore.Create(unit.Id, unit.Name, unit.Path, key, r.Item, r.Points, r.Reason, user.ToActor(), rankings.NowUtc);
        db.Add(score);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("qualitative_already_scored", "The item is already scored for the unit and month; change that score instead.");
        }

        return TypedResults.Created($"/api/assessment/qualitative/{score.Id}", QualitativeScoreDto.From(score));
    }

    private static async Task<Ok<QualitativeScoreDto>> Change(long id, QualitativeChangeRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var expected = r.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var score = await db.Set<QualitativeScore>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (score is null || !user.Scope.Covers(score.UnitPath))
        {
            throw new NotFoundException("qualitative_not_found", "No such qualitative score.");
        }

        if (score.Version != expected)
        {
            throw new ConcurrencyConflictException("The score was changed by someone else; reload it.");
        }

        db.ExpectVersion(score, expected);
        score.Change(r.Points, r.Reason, user.ToActor(), time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The score was changed by someone else; reload it.");
        }

        return TypedResults.Ok(QualitativeScoreDto.From(score));
    }
}
