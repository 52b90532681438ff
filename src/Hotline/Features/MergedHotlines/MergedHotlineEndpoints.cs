using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.MergedHotlines;

/// <summary>A merged number as the register shows it; <c>overdue</c>: past its go-live date or its dual running's last day and still running.</summary>
public sealed record MergedHotlineDto(
    long Id, string Number, string Name, long OwnerUnitId, string OwnerUnitName, OwnerLevel OwnerLevel, MergeMode Mode, MergedHotlineState State,
    DateOnly Since, DateOnly? Until, long? SubCentreUnitId, DateOnly? EndedOn, bool Overdue, long Version)
{
    public static MergedHotlineDto From(MergedHotline h, DateOnly today) => new(
        h.Id, h.Number, h.Name, h.OwnerUnitId, h.OwnerUnitName, h.OwnerLevel, h.Mode, h.State, h.Since, h.Until, h.SubCentreUnitId, h.EndedOn, h.IsOverdue(today), h.Version);
}

/// <summary>Register a merged number (dates as yyyy-MM-dd).</summary>
public sealed record RegisterMergedHotlineRequest(
    [property: MaxLength(MergedHotline.NumberLength)] string? Number, [property: MaxLength(Limits.LongName)] string? Name, long? OwnerUnitId,
    [property: MaxLength(Limits.Reference)] string? OwnerLevel, [property: MaxLength(Limits.Reference)] string? Mode,
    [property: MaxLength(Limits.Reference)] string? Since, [property: MaxLength(Limits.Reference)] string? Until, long? SubCentreUnitId);

/// <summary>Move a transition's go-live date or a dual running's last day.</summary>
public sealed record RescheduleMergedHotlineRequest([property: MaxLength(Limits.Reference)] string? Until, long Version);

/// <summary>Go live: cancel the number or forward its calls to 12345, from a day.</summary>
public sealed record GoLiveRequest([property: MaxLength(Limits.Reference)] string? Outcome, [property: MaxLength(Limits.Reference)] string? On, long Version);

/// <summary>
/// The register of former hotline numbers merged into 12345 (S1, 热线归并): the administrator and the centre manager keep
/// it, supervisors and leaders read it; the rules are <see cref="MergedHotline"/>'s.
/// </summary>
public static class MergedHotlineEndpoints
{
    public static IEndpointRouteBuilder MapMergedHotlines(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/merged-hotlines").WithTags("Organisation");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadMergedHotlines)
            .WithSummary("Every merged number, by number, with whether it is overdue (past its go-live date or its dual running's last day).");
        group.MapPost("/", Register).RequireAuthorization(Policies.ManageMergedHotlines)
            .WithSummary($"Registers a merged number: whole (a transition until the go-live date `until`), dualNumber (beside 12345 from `since` to `until`, at most {MergedHotline.MaxDualMonths} months) or subCentre (kept in the sub-centre unit). A number is registered once.");
        group.MapPut("/{id:long}/until", Reschedule).RequireAuthorization(Policies.ManageMergedHotlines)
            .WithSummary("Moves a transition's go-live date or a dual running's last day (still at most six months of dual running).");
        group.MapPost("/{id:long}/go-live", GoLive).RequireAuthorization(Policies.ManageMergedHotlines)
            .WithSummary("Cancels the number or forwards its calls to 12345 from a day; a forwarded number may later be cancelled; a cancelled number is never restored (409).");
        return app;
    }

    private static DateOnly Today(TimeProvider time) => ChinaTime.LocalDate(time.GetUtcNow());

    private static async Task<Ok<List<MergedHotlineDto>>> List(HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = Today(time);
        var rows = await db.Set<MergedHotline>().AsNoTracking().OrderBy(h => h.Number).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(h => MergedHotlineDto.From(h, today)).ToList());
    }

    private static async Task<Created<MergedHotlineDto>> Register(RegisterMergedHotlineRequest request, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var level = v.Enum<OwnerLevel>(request.OwnerLevel, "ownerLevel");
        var mode = v.Enum<MergeMode>(request.Mode, "mode");
        var since = v.Date(request.Since, "since", required: false);
        var until = v.Date(request.Until, "until", required: false);
        v.ThrowIfInvalid();
        var owner = request.OwnerUnitId is { } o ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == o && u.IsActive, ct) : null;
        var subCentre = request.SubCentreUnitId is { } s ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == s && u.IsActive, ct) : null;
        var hotline = MergedHotline.Register(request.Number, request.Name, owner, level, mode, since, until, subCentre);
        if (await db.Set<MergedHotline>().AnyAsync(h => h.Number == hotline.Number, ct))
        {
            throw Registered(hotline.Number);
        }

        db.Add(hotline);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The same number registered at the same moment lost on the unique number.
            throw Registered(hotline.Number);
        }

        return TypedResults.Created($"/api/merged-hotlines/{hotline.Id.ToString(CultureInfo.InvariantCulture)}", MergedHotlineDto.From(hotline, Today(time)));
    }

    private static DomainException Registered(string number) =>
        new("merged_hotline.registered", $"The number {number} is on the register already (a cancelled number stays there and is never restored).");

    private static async Task<Ok<MergedHotlineDto>> Reschedule(long id, RescheduleMergedHotlineRequest request, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var until = v.Date(request.Until, "until");
        v.ThrowIfInvalid();
        var hotline = await FindAsync(db, id, ct);
        db.ExpectVersion(hotline, request.Version);
        hotline.Reschedule(until);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MergedHotlineDto.From(hotline, Today(time)));
    }

    private static async Task<Ok<MergedHotlineDto>> GoLive(long id, GoLiveRequest request, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        var outcome = v.Enum<GoLiveOutcome>(request.Outcome, "outcome");
        var on = v.Date(request.On, "on");
        v.ThrowIfInvalid();
        var hotline = await FindAsync(db, id, ct);
        db.ExpectVersion(hotline, request.Version);
        hotline.GoLive(outcome, on);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MergedHotlineDto.From(hotline, Today(time)));
    }

    private static async Task<MergedHotline> FindAsync(HotlineDbContext db, long id, CancellationToken ct) =>
        await db.Set<MergedHotline>().FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("merged_hotline_not_found", "No such merged number.");
}
