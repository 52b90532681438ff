using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Rankings;

public sealed record CirculationRequest([property: MaxLength(RankingSnapshotRow.MonthLength)] string? Month);

/// <summary>A circulation as the user may read it: its rows in the user's scope only (a unit reads its own result).</summary>
public sealed record CirculationDto(long Id, string Month, DateTimeOffset CirculatedAt, string CirculatedByName, IReadOnlyList<CirculatedRow> Rows);

public sealed record CirculationSummaryDto(long Id, string Month, DateTimeOffset CirculatedAt, string CirculatedByName, int Units);

/// <summary>One service target against its measured value: met, missed, or not measured (null).</summary>
public sealed record ServiceTargetDto(string Code, decimal Target, decimal? Measured, long Numerator, long Denominator, bool? Met, bool Measurable);

public sealed record ServiceTargetsDto(long UnitId, string UnitName, string From, string To, IReadOnlyList<ServiceTargetDto> Targets);

/// <summary>Circulating the month's results to the units (frozen), reading them, and the service targets ("三个100%") against the figures.</summary>
public static class CirculationEndpoints
{
    public static RouteGroupBuilder MapCirculations(this RouteGroupBuilder group)
    {
        group.MapPost("/circulations", Circulate).RequireAuthorization(Policies.ManageRankings).WithSummary("Circulate an ended month's results to the units (once; frozen).");
        group.MapGet("/circulations", List).RequireAuthorization(Policies.ReadRankings).WithSummary("What was circulated, when and by whom.");
        group.MapGet("/circulations/{month}", Get).RequireAuthorization(Policies.ReadRankings).WithSummary("A month's circulated results in the caller's scope.");
        group.MapGet("/targets", Targets).RequireAuthorization(Policies.ReadRankings).WithSummary("The service targets against the measured figures for a period and a unit (its subtree).");
        return group;
    }

    private static async Task<Created<CirculationDto>> Circulate(CirculationRequest r, HotlineDbContext db, CurrentUser user, [FromServices] ResultSheet sheet, [FromServices] RankingService rankings, CancellationToken ct)
    {
        var month = AssessmentMonth.ParseBegun(r.Month, rankings.Today);
        var key = month.Key;
        if (await db.Set<Circulation>().AnyAsync(c => c.Month == key, ct))
        {
            throw new DomainException("circulation_already_made", "The month's results were circulated already; a circulation is never changed.");
        }

        var closed = month.IsClosed(rankings.Today);
        var rows = closed ? await sheet.RowsAsync(month, ct) : [];
        var circulation = Circulation.Create(key, closed, rows, user.ToActor(), rankings.NowUtc);
        db.Add(circulation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("circulation_already_made", "The month's results were circulated already; a circulation is never changed.");
        }

        return TypedResults.Created($"/api/assessment/circulations/{key}", Dto(circulation, user.Scope));
    }

    private static async Task<Ok<List<CirculationSummaryDto>>> List(HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var all = await db.Set<Circulation>().AsNoTracking().OrderByDescending(c => c.Month).ToListAsync(ct);
        return TypedResults.Ok(all.Select(c => new CirculationSummaryDto(c.Id, c.Month, RankingEndpoints.ChinaLocal(c.CirculatedAtUtc), c.CirculatedByName, c.Rows.Count(row => user.Scope.Covers(row.UnitPath)))).ToList());
    }

    internal static async Task<Ok<CirculationDto>> Get(string month, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var key = AssessmentMonth.Parse(month).Key;
        var circulation = await db.Set<Circulation>().AsNoTracking().SingleOrDefaultAsync(c => c.Month == key, ct)
            ?? throw new NotFoundException("circulation_not_found", "The month's results have not been circulated.");
        return TypedResults.Ok(Dto(circulation, user.Scope));
    }

    internal static async Task<Ok<ServiceTargetsDto>> Targets(
        HotlineDbContext db, CurrentUser user, [FromServices] RankingService rankings, [FromServices] IUnitScores scores, string? month, string? from, string? to, long? unitId, CancellationToken ct)
    {
        var period = TargetPeriod(month, from, to);
        var scopePath = user.Scope.Path;
        var unit = unitId is { } id ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
            : scopePath == AccessScope.Platform.Path ? await db.Units.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
            : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Path == scopePath, ct);
        if (unit is null || !user.Scope.Covers(unit.Path))
        {
            throw ValidationException.For("unitId", "Choose a unit in your scope.");
        }

        var score = (await scores.ForPeriodAsync(user.Scope, period, ct)).FirstOrDefault(s => s.UnitId == unit.Id);
        var month0 = AssessmentMonth.Of(period.From);
        var targets = new List<ServiceTargetDto>();
        foreach (var t in ServiceTargets.All)
        {
            var target = await rankings.SettingAsync(t.Setting, month0, ct);
            var figure = t.FigureCode is { } c && score is not null && score.Figures.TryGetValue(c, out var f) ? f : null;
            var measured = ServiceTargets.Percent(figure?.Rate);
            targets.Add(new ServiceTargetDto(t.Code, target, measured, figure?.Numerator ?? 0, figure?.Denominator ?? 0, ServiceTargets.Met(measured, target), t.FigureCode is not null));
        }

        return TypedResults.Ok(new ServiceTargetsDto(unit.Id, unit.Name, period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), targets));
    }

    private static AssessmentPeriod TargetPeriod(string? month, string? from, string? to)
    {
        if (month is not null)
        {
            return AssessmentMonth.Parse(month).Period;
        }

        return AssessmentPeriod.Range(Day(from, "from"), Day(to, "to"));
    }

    private static DateOnly Day(string? text, string field) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? d
            : throw ValidationException.For(field, "Give a month (month=yyyy-MM) or a range (from, to as yyyy-MM-dd).");

    private static CirculationDto Dto(Circulation c, AccessScope scope) =>
        new(c.Id, c.Month, RankingEndpoints.ChinaLocal(c.CirculatedAtUtc), c.CirculatedByName, c.Rows.Where(r => scope.Covers(r.UnitPath)).ToList());
}
