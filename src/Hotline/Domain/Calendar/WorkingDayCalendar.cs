namespace Hotline.Domain.Calendar;

/// <summary>How a date is classified by a published schedule.</summary>
public enum CalendarDayKind
{
    /// <summary>Statutory holiday (法定节假日): not a working day even on a weekday.</summary>
    Holiday,

    /// <summary>Make-up working day (调休): a working day even on a weekend.</summary>
    Workday,
}

/// <summary>One dated exception to the Monday–Friday rule.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>The published schedule of one year.</summary>
public sealed record CalendarYear(int Year, string Source, IReadOnlyList<CalendarDay> Days);

/// <summary>A deadline and whether it rests on a year whose schedule is not yet published.</summary>
public readonly record struct Deadline(DateTimeOffset At, bool Provisional);

/// <summary>
/// Immutable working-day calendar. A year with a published schedule uses it; a year without one falls back to
/// Monday–Friday and every answer that touched it is flagged provisional.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The longest working-day span any API accepts; also bounds every loop here.</summary>
    public const int MaxWorkingDays = 366;

    private readonly Dictionary<DateOnly, CalendarDayKind> _days = [];
    private readonly HashSet<int> _publishedYears = [];

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        foreach (var year in years)
        {
            _publishedYears.Add(year.Year);
            foreach (var day in year.Days)
            {
                if (day.Date.Year != year.Year)
                {
                    throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed under year {year.Year}.", nameof(years));
                }

                _days[day.Date] = day.Kind;
            }
        }
    }

    public static WorkingDayCalendar Empty { get; } = new([]);

    public IReadOnlyCollection<int> PublishedYears => _publishedYears;

    public bool IsPublished(int year) => _publishedYears.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_days.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The end (23:59:59 Asia/Shanghai) of the <paramref name="workingDays"/>-th working day after the local date
    /// of <paramref name="from"/>. The day of receipt does not count; zero gives the end of the day of receipt.
    /// </summary>
    public Deadline AddWorkingDays(DateTimeOffset from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        var date = ChinaTime.LocalDate(from);
        var provisional = !IsPublished(date.Year);
        var remaining = workingDays;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            provisional |= !IsPublished(date.Year);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return new Deadline(ChinaTime.EndOfDay(date), provisional);
    }

    /// <summary>
    /// The end of the <paramref name="workingDays"/>-th working day before the local date of <paramref name="to"/>:
    /// used for "at least one working day before the deadline" rules and for the yellow light.
    /// </summary>
    public Deadline SubtractWorkingDays(DateTimeOffset to, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        var date = ChinaTime.LocalDate(to);
        var provisional = !IsPublished(date.Year);
        var remaining = workingDays;
        while (remaining > 0)
        {
            date = date.AddDays(-1);
            provisional |= !IsPublished(date.Year);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return new Deadline(ChinaTime.EndOfDay(date), provisional);
    }

    /// <summary>
    /// Whole working days from the local date of <paramref name="from"/> (exclusive) to that of <paramref name="to"/>
    /// (inclusive); negative when <paramref name="to"/> is earlier. Used to show "n working days left".
    /// </summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var start = ChinaTime.LocalDate(from);
        var end = ChinaTime.LocalDate(to);
        if (start == end)
        {
            return 0;
        }

        var sign = end > start ? 1 : -1;
        var (low, high) = sign > 0 ? (start, end) : (end, start);
        var count = 0;
        for (var d = low.AddDays(1); d <= high; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return sign * count;
    }

    /// <summary>Wall-clock deadline for hour-based clocks such as the 2-hour emergency first response.</summary>
    public static DateTimeOffset AddHours(DateTimeOffset from, double hours) => ChinaTime.ToLocal(from.AddHours(hours));
}
