using System.Globalization;

namespace Hotline.Seeding;

/// <summary>The Spring Festival holiday of the demo's festival notice: from New Year's Eve, eight days, in Beijing time.</summary>
public static class SpringFestival
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The holiday in progress at <paramref name="utcNow"/>, or else the next one; both ends in UTC.</summary>
    public static (DateTime Start, DateTime End) HolidayNotOverAt(DateTime utcNow)
    {
        var beijing = utcNow.AddHours(8);
        for (var year = beijing.Year - 1; ; year++)
        {
            // Lunar year N begins in Gregorian year N; the eve is the day before, 00:00 Beijing = 16:00 UTC the day before that.
            var newYearsDay = Lunar.ToDateTime(year, 1, 1, 0, 0, 0, 0);
            var start = DateTime.SpecifyKind(newYearsDay.AddDays(-1).AddHours(-8), DateTimeKind.Utc);
            var end = start.AddDays(8);
            if (end > utcNow)
            {
                return (start, end);
            }
        }
    }
}
