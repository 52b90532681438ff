using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Rankings;

public sealed record RankingRowDto(long UnitId, string UnitCode, string UnitName, long AssessedOrders, decimal? Composite, int? Rank, bool TooFewToRank, bool InBottomThree);

public sealed record RankingGroupDto(string Key, RankingGroupKind Kind, string? CountyName, int RankedCount, IReadOnlyList<RankingRowDto> Rows);

/// <summary>A month's ranking as the user may see it: every group with a row in the user's scope, and only those rows.</summary>
public sealed record RankingsDto(string Month, bool Closed, bool Snapshot, int MinimumOrders, IReadOnlyList<RankingGroupDto> Groups);

public sealed record AssessmentSettingDto(AssessmentSettingKey Key, decimal Value, string EffectiveFrom, DateTimeOffset SetAt, string SetByName);

/// <summary>The value in force now for each setting, and every value set (latest first).</summary>
public sealed record AssessmentSettingsDto(IReadOnlyDictionary<string, decimal> InForce, IReadOnlyList<AssessmentSettingDto> History);

public sealed record AssessmentSettingRequest(AssessmentSettingKey? Key, decimal? Value, [property: System.ComponentModel.DataAnnotations.MaxLength(RankingSnapshotRow.MonthLength)] string? EffectiveFrom);

/// <summary>Monthly rankings (S9, issue 17): the table, its .xlsx for the comprehensive assessment, and the settings (minimum sample, targets).</summary>
public static class RankingEndpoints
{
    public static RouteGroupBuilder MapRankings(this RouteGroupBuilder group)
    {
        group.MapGet("/rankings", Get).RequireAuthorization(Policies.ReadRankings).WithSummary("A month's ranking within comparable groups, in the caller's scope.");
        group.MapGet("/rankings/export", Export).RequireAuthorization(Policies.ReadRankings).WithSummary("The month's results as an .xlsx workbook for the comprehensive assessment (综合考核).");
        group.MapGet("/ranking-settings", Settings).RequireAuthorization(Policies.ReadRankings).WithSummary("The minimum sample and the service targets, in force and as set.");
        group.MapPost("/ranking-settings", Set).RequireAuthorization(Policies.ManageRankings).WithSummary("Set a value taking effect from a month (this month or later).");
        return group;
    }

    private static async Task<Ok<RankingsDto>> Get(string? month, [FromServices] RankingService rankings, CurrentUser user, CancellationToken ct)
    {
        var m = AssessmentMonth.ParseBegun(month, rankings.Today);
        var ranking = await rankings.ForMonthAsync(m, ct);
        var scope = user.Scope;
        var groups = ranking.Rows.GroupBy(r => r.Group.Key, StringComparer.Ordinal)
            .Select(g => new RankingGroupDto(
                g.Key, g.First().Group.Kind, g.First().Group.CountyName, g.Count(r => r.Rank is not null),
                g.Where(r => scope.Covers(r.Unit.Path)).Select(r => new RankingRowDto(r.Unit.UnitId, r.Unit.Code, r.Unit.Name, r.AssessedOrders, r.Composite, r.Rank, r.TooFewToRank, r.InBottomThree)).ToList()))
            .Where(g => g.Rows.Count > 0)
            .ToList();
        return TypedResults.Ok(new RankingsDto(m.Key, ranking.Closed, ranking.Snapshot, ranking.MinimumOrders, groups));
    }

    private static async Task<FileContentHttpResult> Export(string? month, [FromServices] ResultSheet sheet, [FromServices] RankingService rankings, CurrentUser user, CancellationToken ct)
    {
        var m = AssessmentMonth.ParseBegun(month, rankings.Today);
        var rows = (await sheet.RowsAsync(m, ct)).Where(r => user.Scope.Covers(r.UnitPath)).ToList();
        var bytes = await ResultSheet.WorkbookAsync(rows, ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"assessment-{m.Key}.xlsx");
    }

    private static async Task<Ok<AssessmentSettingsDto>> Settings(HotlineDbContext db, [FromServices] RankingService rankings, CancellationToken ct)
    {
        var all = await db.Set<AssessmentSetting>().AsNoTracking().ToListAsync(ct);
        var thisMonth = AssessmentMonth.Of(rankings.Today).Start;
        var inForce = Enum.GetValues<AssessmentSettingKey>().ToDictionary(k => Key(k), k => AssessmentSetting.InForce(all, k, thisMonth));
        var history = all.OrderByDescending(s => s.SetAtUtc).ThenByDescending(s => s.Id)
            .Select(s => new AssessmentSettingDto(s.Key, s.Value, AssessmentMonth.Of(s.EffectiveFrom).Key, ChinaLocal(s.SetAtUtc), s.SetByName)).ToList();
        return TypedResults.Ok(new AssessmentSettingsDto(inForce, history));
    }

    private static async Task<Created<AssessmentSettingDto>> Set(AssessmentSettingRequest r, HotlineDbContext db, CurrentUser user, [FromServices] RankingService rankings, CancellationToken ct)
    {
        var from = r.EffectiveFrom is null ? null : AssessmentMonth.Parse(r.EffectiveFrom, "effectiveFrom");
        var setting = AssessmentSetting.Create(r.Key, r.Value, from?.Year, from?.Month, user.ToActor(), rankings.NowUtc);
        db.Add(setting);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/assessment/ranking-settings", new AssessmentSettingDto(setting.Key, setting.Value, AssessmentMonth.Of(setting.EffectiveFrom).Key, ChinaLocal(setting.SetAtUtc), setting.SetByName));
    }

    private static string Key(AssessmentSettingKey key) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(key.ToString());

    internal static DateTimeOffset ChinaLocal(DateTime utc) => Domain.Calendar.ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
