using Hotline.Domain;
using Hotline.Domain.Emergencies;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Emergencies;

public sealed record DutyShiftDto(long? Id, DateOnly Date, Shift Shift, long? TeamLeaderUserId, string? TeamLeaderName, long? SiteManagerUserId, string? SiteManagerName, long? Version)
{
    public static DutyShiftDto From(DutyShift s) => new(s.Id, s.Date, s.Shift, s.TeamLeaderUserId, s.TeamLeaderName, s.SiteManagerUserId, s.SiteManagerName, s.Version);
}

public sealed record DutyShiftRequest(Shift? Shift, long? TeamLeaderUserId, long? SiteManagerUserId, long? Version);

/// <summary>Who may be named on the roster: active team leaders and site managers.</summary>
public sealed record DutyCandidate(long Id, string Name);

public sealed record DutyCandidatesDto(IReadOnlyList<DutyCandidate> TeamLeaders, IReadOnlyList<DutyCandidate> SiteManagers);

/// <summary>The duty roster (值班表, issue 15): read by the staff, kept by the centre manager.</summary>
public static class DutyRosterEndpoints
{
    /// <summary>The most days one read of the roster covers.</summary>
    public const int MaxDays = 62;

    public static IEndpointRouteBuilder MapDutyRoster(this IEndpointRouteBuilder app)
    {
        var roster = app.MapGroup("/api/duty-roster").WithTags("Emergencies");
        roster.MapGet("/", List).RequireAuthorization(Policies.Staff);
        roster.MapGet("/now", async (DutyRosterLookup lookup, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var (date, shift) = DutyRoster.ShiftAt(now);
            var on = await lookup.OnDutyAsync(now, ct);
            return TypedResults.Ok(new DutyShiftDto(null, date, shift, on.TeamLeaderId, on.TeamLeaderName, on.SiteManagerId, on.SiteManagerName, null));
        }).RequireAuthorization(Policies.Staff);
        roster.MapGet("/candidates", Candidates).RequireAuthorization(Policies.EditDutyRoster);
        roster.MapPut("/{date}", Assign).RequireAuthorization(Policies.EditDutyRoster);
        return app;
    }

    private static async Task<Ok<List<DutyShiftDto>>> List(DateOnly? from, DateOnly? to, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var start = from ?? DutyRoster.ShiftAt(time.GetUtcNow().UtcDateTime).Date;
        var end = to ?? start.AddDays(13);
        if (end < start || end.DayNumber - start.DayNumber >= MaxDays)
        {
            throw ValidationException.For("to", $"Give a range of at most {MaxDays} days, ending on or after its start.");
        }

        var rows = await db.Set<DutyShift>().AsNoTracking().Where(d => d.Date >= start && d.Date <= end).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(d => d.Date).ThenBy(d => d.Shift).Select(DutyShiftDto.From).ToList());
    }

    private static async Task<Ok<DutyCandidatesDto>> Candidates(HotlineDbContext db, CancellationToken ct)
    {
        var users = await db.Set<User>().AsNoTracking().Include(u => u.Roles).Where(u => u.IsActive).ToListAsync(ct);
        List<DutyCandidate> With(Role role) => [.. users.Where(u => u.RoleSet.Contains(role)).OrderBy(u => u.Id).Select(u => new DutyCandidate(u.Id, u.DisplayName))];
        return TypedResults.Ok(new DutyCandidatesDto(With(Role.TeamLeader), With(Role.SiteManager)));
    }

    private static async Task<Ok<DutyShiftDto>> Assign(DateOnly date, DutyShiftRequest request, HotlineDbContext db, CancellationToken ct)
    {
        var shift = request.Shift ?? throw ValidationException.For("shift", "Choose the shift.");
        var row = await db.Set<DutyShift>().SingleOrDefaultAsync(d => d.Date == date && d.Shift == shift, ct);
        if (row is null)
        {
            row = DutyShift.Create(date, shift);
            db.Add(row);
        }
        else
        {
            db.ExpectVersion(row, request.Version ?? throw ValidationException.For("version", "Give the version you edited."));
        }

        row.Assign(await UserAsync(db, request.TeamLeaderUserId, "teamLeaderUserId", ct), await UserAsync(db, request.SiteManagerUserId, "siteManagerUserId", ct));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DutyShiftDto.From(row));
    }

    private static async Task<User?> UserAsync(HotlineDbContext db, long? id, string field, CancellationToken ct) => id is null
        ? null
        : await db.Set<User>().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw ValidationException.For(field, "No such user.");
}
