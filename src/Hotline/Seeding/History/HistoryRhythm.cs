using System.Globalization;
using Hotline.Domain.Calendar;

namespace Hotline.Seeding.History;

/// <summary>
/// When requests arrive: orders spread over the days of the range by weight (weekday peaks, weekends and the
/// calendar's holidays lower, the Spring Festival week lowest, a slow growth over the range), and within a day by an
/// hourly profile (morning and afternoon peaks, a night lull). Which kind of request arrives depends on the season:
/// heating in winter (November to March), flooding and power in summer (June to August), schooling before terms.
/// </summary>
public sealed class HistoryRhythm
{
    // Share of a day's requests per hour of the day (China time), night lull, peaks at 9–11 and 14–16.
    private static readonly double[] Hourly = [0.6, 0.35, 0.25, 0.2, 0.25, 0.5, 1.5, 3.5, 6.5, 8.5, 8.5, 7, 5, 6, 7.5, 8, 7.5, 6.5, 4.5, 3.5, 3.2, 2.8, 2, 1.2];
    private static readonly double[] HourlyCumulative = Cumulative(Hourly);
    private static readonly ChineseLunisolarCalendar Lunar = new();

    private readonly long[] _perDay;

    public HistoryRhythm(DateOnly from, DateOnly to, long orders, WorkingDayCalendar calendar)
    {
        From = from;
        Days = to.DayNumber - from.DayNumber + 1;
        var weights = new double[Days];
        for (var i = 0; i < Days; i++)
        {
            weights[i] = DayWeight(from.AddDays(i), calendar) * (1 + (0.1 * i / Math.Max(1, Days)));
        }

        // The cumulative share rounded per day: the counts add up to exactly the number asked for.
        _perDay = new long[Days];
        var total = weights.Sum();
        var running = 0.0;
        var given = 0L;
        for (var i = 0; i < Days; i++)
        {
            running += weights[i];
            var upTo = i == Days - 1 ? orders : (long)Math.Round(orders * running / total);
            _perDay[i] = upTo - given;
            given = upTo;
        }
    }

    public DateOnly From { get; }

    public int Days { get; }

    public long OrdersOn(int day) => _perDay[day];

    public long MaxPerDay => _perDay.Max();

    /// <summary>A minute of the day (0–1439) from the hourly profile.</summary>
    public static int MinuteOfDay(Random random)
    {
        var u = random.NextDouble();
        var hour = Array.BinarySearch(HourlyCumulative, u);
        hour = hour < 0 ? ~hour : hour;
        return (Math.Min(hour, 23) * 60) + random.Next(60);
    }

    /// <summary>Weekdays 1.0–1.15 (Monday highest), weekends and holidays about 0.65, the Spring Festival week 0.4.</summary>
    public static double DayWeight(DateOnly date, WorkingDayCalendar calendar)
    {
        if (IsSpringFestivalWeek(date))
        {
            return 0.4;
        }

        var weekday = date.DayOfWeek switch
        {
            DayOfWeek.Monday => 1.15,
            DayOfWeek.Tuesday => 1.08,
            DayOfWeek.Friday => 0.97,
            DayOfWeek.Saturday or DayOfWeek.Sunday => 0.68,
            _ => 1.03,
        };
        return calendar.IsWorkingDay(date) ? Math.Max(weekday, 0.95) : Math.Min(weekday, 0.65);
    }

    /// <summary>New Year's Eve and the seven days after it (the lunar calendar, as the festival notice of the demo).</summary>
    public static bool IsSpringFestivalWeek(DateOnly date)
    {
        var newYear = DateOnly.FromDateTime(Lunar.ToDateTime(date.Year, 1, 1, 0, 0, 0, 0));
        var offset = date.DayNumber - newYear.DayNumber;
        return offset is >= -1 and <= 6;
    }

    /// <summary>How much more (or less) often a category group is asked about in this month.</summary>
    public static double SeasonalFactor(string category, int month)
    {
        var winter = month is 11 or 12 or 1 or 2 or 3;
        var summer = month is 6 or 7 or 8;
        var schoolStart = month is 7 or 8 or 2;
        return category switch
        {
            _ when category.StartsWith("0804", StringComparison.Ordinal) => winter ? 6.0 : 0.15,
            _ when category.StartsWith("010304", StringComparison.Ordinal) || category.StartsWith("1303", StringComparison.Ordinal) => summer ? 5.0 : 0.4,
            _ when category.StartsWith("0802", StringComparison.Ordinal) || category.StartsWith("0801", StringComparison.Ordinal) => summer ? 1.8 : 1.0,
            _ when category.StartsWith("0401", StringComparison.Ordinal) || category.StartsWith("0402", StringComparison.Ordinal) => schoolStart ? 3.0 : 0.7,
            _ when category.StartsWith("0201", StringComparison.Ordinal) || category.StartsWith("0202", StringComparison.Ordinal) => summer ? 1.6 : 1.0,
            _ when category.StartsWith("0501", StringComparison.Ordinal) => month is 12 or 1 ? 2.5 : 1.0, // wages before the Spring Festival
            _ => 1.0,
        };
    }

    private static double[] Cumulative(double[] weights)
    {
        var total = weights.Sum();
        var result = new double[weights.Length];
        var running = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            result[i] = running / total;
        }

        return result;
    }
}
