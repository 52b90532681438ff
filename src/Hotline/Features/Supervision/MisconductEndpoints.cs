using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record MisconductRequest(
    long? UnitId,
    [property: MaxLength(Limits.Name)] string? StaffName,
    MisconductCode? Code,
    Sanction? Sanction,
    [property: MaxLength(Limits.MediumText)] string? Facts,
    long? NoticeId,
    long? CorrectionId,
    [property: MaxLength(SupervisionLimits.Number)] string? WorkOrderNumber);

public sealed record MisconductDto(
    long Id, long UnitId, string UnitName, string? StaffName, MisconductCode Code, Sanction Sanction, string Facts,
    long? NoticeId, long? CorrectionId, string? WorkOrderNumber, DateTimeOffset RecordedAt, string RecordedByName)
{
    public static MisconductDto From(MisconductRecord m) => new(
        m.Id, m.UnitId, m.UnitName, m.StaffName, m.Code, m.Sanction, m.Facts, m.NoticeId, m.CorrectionId, m.WorkOrderNumber, CorrectionDto.Local(m.RecordedAtUtc), m.RecordedByName);
}

/// <summary>One unit's misconduct count for one code in a period (what assessment reads); <see cref="FeedsInterviewList"/> for 不作为 and 慢作为.</summary>
public sealed record MisconductCount(long UnitId, string UnitName, MisconductCode Code, int Count, bool FeedsInterviewList);

/// <summary>Misconduct records (S8): recorded by the centre with code and sanction, listed, counted per unit and code.</summary>
public static class MisconductEndpoints
{
    public static IEndpointRouteBuilder MapMisconduct(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/misconduct").WithTags("Supervision");
        group.MapPost("/", Record).RequireAuthorization(Policies.SuperviseCorrection);
        group.MapGet("/", List).RequireAuthorization(Policies.ReadMisconduct);
        group.MapGet("/by-unit", ByUnit).RequireAuthorization(Policies.ReadMisconduct);
        return app;
    }

    private static async Task<Created<MisconductDto>> Record(MisconductRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var unit = r.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct) : null;
        if (unit is null || !user.Scope.Covers(unit.Path))
        {
            throw ValidationException.For("unitId", "Choose an active unit in your scope.");
        }

        var errors = new Dictionary<string, string[]>();
        if (r.Code is null)
        {
            errors["code"] = ["Choose a misconduct code."];
        }

        if (r.Sanction is null)
        {
            errors["sanction"] = ["Choose a sanction."];
        }

        if (r.NoticeId is { } noticeId && !await db.Set<SupervisionNotice>().AnyAsync(n => n.Id == noticeId && n.UnitId == unit.Id, ct))
        {
            errors["noticeId"] = ["No supervision notice with this id is addressed to the unit."];
        }

        if (r.CorrectionId is { } correctionId && !await db.Set<Correction>().AnyAsync(c => c.Id == correctionId && c.UnitId == unit.Id, ct))
        {
            errors["correctionId"] = ["No correction with this id is addressed to the unit."];
        }

        if (!string.IsNullOrWhiteSpace(r.WorkOrderNumber) && !await db.Set<Domain.WorkOrders.WorkOrder>().AnyAsync(w => w.Number == r.WorkOrderNumber.Trim(), ct))
        {
            errors["workOrderNumber"] = ["No such work order."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var record = MisconductRecord.Create(unit, r.StaffName, r.Code!.Value, r.Sanction!.Value, r.Facts ?? string.Empty, r.NoticeId, r.CorrectionId, r.WorkOrderNumber, user.ToActor(), time.GetUtcNow().UtcDateTime);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/supervision/misconduct/{record.Id}", MisconductDto.From(record));
    }

    private static async Task<Ok<Paged<MisconductDto>>> List(
        HotlineDbContext db, CurrentUser user, long? unitId, string? code, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = InPeriod(db, user, from, to);
        if (unitId is { } unit)
        {
            query = query.Where(m => m.UnitId == unit);
        }

        if (code is not null)
        {
            var parsed = Enum.TryParse<MisconductCode>(code, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : throw ValidationException.For("code", "Unknown misconduct code.");
            query = query.Where(m => m.Code == parsed);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<MisconductDto>(rows.Select(MisconductDto.From).ToList(), total, number, size));
    }

    /// <summary>Counts per unit and code of the records made from <paramref name="from"/> to <paramref name="to"/> (local dates, both included).</summary>
    private static async Task<Ok<List<MisconductCount>>> ByUnit(HotlineDbContext db, CurrentUser user, string? from, string? to, CancellationToken ct)
    {
        var rows = await InPeriod(db, user, from, to)
            .GroupBy(m => new { m.UnitId, m.Code })
            .Select(g => new { g.Key.UnitId, g.Key.Code, Count = g.Count(), Name = g.Max(m => m.UnitName) })
            .ToListAsync(ct);
        return TypedResults.Ok(rows
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Code)
            .Select(r => new MisconductCount(r.UnitId, r.Name ?? string.Empty, r.Code, r.Count, MisconductRecord.FeedsInterviewList(r.Code)))
            .ToList());
    }

    private static IQueryable<MisconductRecord> InPeriod(HotlineDbContext db, CurrentUser user, string? from, string? to)
    {
        var path = user.Scope.Path;
        var query = db.Set<MisconductRecord>().AsNoTracking().Where(m => m.UnitPath.StartsWith(path));
        if (Date(from, "from") is { } start)
        {
            var startUtc = ChinaTime.StartOfDay(start).UtcDateTime;
            query = query.Where(m => m.RecordedAtUtc >= startUtc);
        }

        if (Date(to, "to") is { } end)
        {
            var endUtc = ChinaTime.StartOfDay(end.AddDays(1)).UtcDateTime;
            query = query.Where(m => m.RecordedAtUtc < endUtc);
        }

        return query;
    }

    private static DateOnly? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && ChinaTime.IsSupported(date) && date < ChinaTime.LatestDate ? date
        : throw ValidationException.For(field, "Give a date as yyyy-MM-dd.");
}
