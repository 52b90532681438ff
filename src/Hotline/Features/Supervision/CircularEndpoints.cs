using System.Net;
using System.Text;
using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record CircularSummary(long Id, long UnitId, string UnitName, string Period, DateTimeOffset GeneratedAt, string GeneratedByName, CircularFigures Totals, int SubUnits, long Version)
{
    public static CircularSummary From(SupervisionCircular c) =>
        new(c.Id, c.UnitId, c.UnitName, c.Period, CorrectionDto.Local(c.GeneratedAtUtc), c.GeneratedByName, c.Totals, c.Rows.Count, c.Version);
}

public sealed record CircularDto(CircularSummary Summary, IReadOnlyList<CircularRow> Rows);

/// <summary>The parent units' circulars (通报, S8): generated monthly by <see cref="CircularJob"/> or on demand by the centre; read in scope.</summary>
public static class CircularEndpoints
{
    public static IEndpointRouteBuilder MapCirculars(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/circulars").WithTags("Supervision");
        group.MapPost("/generate", Generate).RequireAuthorization(Policies.SuperviseCorrection);
        group.MapGet("/", List).RequireAuthorization(Policies.ReadCorrections);
        group.MapGet("/{id:long}", async (long id, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        {
            var circular = await FindAsync(id, db, user, ct);
            return TypedResults.Ok(new CircularDto(CircularSummary.From(circular), circular.Rows));
        }).RequireAuthorization(Policies.ReadCorrections);
        group.MapGet("/{id:long}/print", Print).RequireAuthorization(Policies.ReadCorrections);
        return app;
    }

    private static async Task<Ok<List<CircularSummary>>> Generate(
        [MaxLength(7)] string? month, CircularGenerator generator, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var period = month is null ? CircularPeriod.PreviousTo(now) : CircularPeriod.Parse(month);
        var made = await generator.GenerateAsync(period, user.DisplayName, refresh: true, now, ct);
        return TypedResults.Ok(made.Select(CircularSummary.From).ToList());
    }

    private static async Task<Ok<Paged<CircularSummary>>> List(
        HotlineDbContext db, CurrentUser user, [MaxLength(7)] string? month, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var path = user.Scope.Path;
        var query = db.Set<SupervisionCircular>().AsNoTracking().Where(c => c.UnitPath.StartsWith(path));
        if (month is not null)
        {
            var key = CircularPeriod.Parse(month).Key;
            query = query.Where(c => c.Period == key);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Period).ThenBy(c => c.UnitPath).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<CircularSummary>(rows.Select(CircularSummary.From).ToList(), total, number, size));
    }

    /// <summary>The circular as a printable page (Chinese, as it is sent).</summary>
    private static async Task<ContentHttpResult> Print(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var c = await FindAsync(id, db, user, ct);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E($"{c.UnitName} {c.Period} 督办事项通报")).Append("</title>")
            .Append("<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:4px 6px;text-align:center}td:first-child{text-align:left}</style></head><body>")
            .Append("<h1>").Append(E($"关于{c.Period[..4]}年{int.Parse(c.Period[5..], System.Globalization.CultureInfo.InvariantCulture)}月督办事项情况的通报")).Append("</h1>")
            .Append("<p>").Append(E($"{c.UnitName}：")).Append("</p>")
            .Append("<p>").Append(E("现将本期所属单位督办事项（督办单、整改、问责通报、失职失责记录）情况通报如下：")).Append("</p>")
            .Append("<table><thead><tr><th>单位</th><th>督办单新开</th><th>督办单办结</th><th>逾期答复</th><th>退回重办</th><th>整改建议</th><th>拒绝整改</th><th>整改不到位</th><th>问责通报</th><th>失职失责记录</th></tr></thead><tbody>");
        foreach (var row in c.Rows.Append(new CircularRow(0, "合计", c.Totals)))
        {
            var f = row.Figures;
            html.Append("<tr><td>").Append(E(row.UnitName)).Append("</td>");
            foreach (var n in new[] { f.NoticesOpened, f.NoticesClosed, f.NoticesAnsweredLate, f.NoticesRejected, f.CorrectionsIssued, f.CorrectionsRefused, f.CorrectionsFallenShort, f.AccountabilityCirculars, f.MisconductRecords })
            {
                html.Append("<td>").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table><p>").Append(E($"12345政务服务便民热线中心　{CorrectionDto.Local(c.GeneratedAtUtc):yyyy-MM-dd}")).Append("</p></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static async Task<SupervisionCircular> FindAsync(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var circular = await db.Set<SupervisionCircular>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return circular is not null && user.Scope.Covers(circular.UnitPath) ? circular : throw new NotFoundException("circular_not_found", "No such circular.");
    }
}
