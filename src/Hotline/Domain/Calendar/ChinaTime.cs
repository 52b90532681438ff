namespace Hotline.Domain.Calendar;

/// <summary>Asia/Shanghai: every working-day rule is judged on the local date in China.</summary>
public static class ChinaTime
{
    /// <summary>China has kept UTC+8 without daylight saving since 1991; the fixed offset is the fallback when tzdata is absent.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>
    /// The dates the platform reasons about (list filters, committed dates, report ranges): wide enough for any order, and
    /// far enough from the ends of the calendar that a day's start and end in China stay representable.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>The range as a field error says it.</summary>
    public const string SupportedRange = "between 1990-01-01 and 2199-12-31";

    public static bool IsSupported(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", Offset, "China Standard Time", "China Standard Time");
        }
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>23:59:59 local time on <paramref name="date"/>: the moment a working-day deadline expires.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
