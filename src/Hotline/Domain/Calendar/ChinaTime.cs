namespace Hotline.Domain.Calendar;

/// <summary>Asia/Shanghai: every working-day rule is judged on the local date in China.</summary>
public static class ChinaTime
{
    /// <summary>China has kept UTC+8 without daylight saving since 1991; the fixed offset is the fallback when tzdata is absent.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static readonly TimeZoneInfo Zone = FindZone();

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
