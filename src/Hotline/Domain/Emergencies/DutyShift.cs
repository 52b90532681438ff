using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;

namespace Hotline.Domain.Emergencies;

/// <summary>The two shifts of a day in the centre: day 08:00–20:00, night 20:00 until 08:00 the next morning (China time).</summary>
public enum Shift
{
    Day,
    Night,
}

/// <summary>
/// One shift of the duty roster (值班表, issue 15): who is the duty team leader (值班班长) and the duty site manager
/// (现场负责人) for a day's day or night shift. The centre manager keeps it (<see cref="DutyRoster.EditRoles"/>); the
/// raise of an emergency names the officers on duty at that moment.
/// </summary>
public sealed class DutyShift
{
    private DutyShift()
    {
    }

    public long Id { get; private set; }

    public DateOnly Date { get; private set; }

    public Shift Shift { get; private set; }

    public long? TeamLeaderUserId { get; private set; }

    public string? TeamLeaderName { get; private set; }

    public long? SiteManagerUserId { get; private set; }

    public string? SiteManagerName { get; private set; }

    public long Version { get; private set; }

    public DutyOfficers Officers => new(TeamLeaderUserId, TeamLeaderName, SiteManagerUserId, SiteManagerName);

    public static DutyShift Create(DateOnly date, Shift shift)
    {
        if (!ChinaTime.IsSupported(date))
        {
            throw ValidationException.For("date", $"Give a date {ChinaTime.SupportedRange}.");
        }

        return new DutyShift { Date = date, Shift = shift };
    }

    /// <summary>Names the officers; each must hold the role the duty asks for, and a shift names at least one.</summary>
    public void Assign(User? teamLeader, User? siteManager)
    {
        var errors = new Dictionary<string, string[]>();
        if (teamLeader is not null && (!teamLeader.IsActive || !teamLeader.RoleSet.Contains(Role.TeamLeader)))
        {
            errors["teamLeaderUserId"] = ["The duty team leader must be an active user with the team leader role."];
        }

        if (siteManager is not null && (!siteManager.IsActive || !siteManager.RoleSet.Contains(Role.SiteManager)))
        {
            errors["siteManagerUserId"] = ["The duty site manager must be an active user with the site manager role."];
        }

        if (teamLeader is null && siteManager is null)
        {
            errors["teamLeaderUserId"] = ["Name the duty team leader or the duty site manager."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        (TeamLeaderUserId, TeamLeaderName) = (teamLeader?.Id, teamLeader?.DisplayName);
        (SiteManagerUserId, SiteManagerName) = (siteManager?.Id, siteManager?.DisplayName);
    }
}

/// <summary>The roster's rules: who keeps it, and which shift a moment falls in.</summary>
public static class DutyRoster
{
    /// <summary>The centre manager keeps the roster (S4: the duty team leader and site manager answer to them).</summary>
    public static readonly IReadOnlySet<Role> EditRoles = new HashSet<Role> { Role.CentreManager };

    public static readonly TimeOnly DayStarts = new(8, 0);

    public static readonly TimeOnly NightStarts = new(20, 0);

    /// <summary>The roster day and shift of a moment: the night before 08:00 belongs to the previous day's night shift.</summary>
    public static (DateOnly Date, Shift Shift) ShiftAt(DateTime utc)
    {
        var local = ChinaTime.ToLocal(new DateTimeOffset(utc, TimeSpan.Zero));
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return time < DayStarts ? (date.AddDays(-1), Shift.Night)
            : time < NightStarts ? (date, Shift.Day)
            : (date, Shift.Night);
    }
}
