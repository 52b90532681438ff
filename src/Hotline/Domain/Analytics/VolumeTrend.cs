using Hotline.Domain.Assessment;

namespace Hotline.Domain.Analytics;

/// <summary>How a volume trend is bucketed: by day, by week (Monday to Sunday) or by calendar month.</summary>
public enum TimeGrain
{
    Day,
    Week,
    Month,
}

/// <summary>
/// One bucket of a volume trend: its days (clamped to the period), the orders registered in them, the same days a year
/// earlier (year on year: the same dates for days and months, 52 weeks earlier for weeks, so weekdays line up) and the
/// bucket just before (period on period: the day, week or month before).
/// </summary>
public sealed record VolumeBucket(
    DateOnly From, DateOnly To, long Count, DateOnly YearEarlierFrom, DateOnly YearEarlierTo, long YearEarlier, DateOnly PreviousFrom, DateOnly PreviousTo,
    long Previous)
{
    /// <summary>Year-on-year change as a fraction (0.25 = +25 %); null when the year before had no orders.</summary>
    public decimal? YearOnYear => VolumeTrend.Change(Count, YearEarlier);

    /// <summary>Period-on-period change as a fraction; null when the bucket before had no orders.</summary>
    public decimal? PeriodOnPeriod => VolumeTrend.Change(Count, Previous);
}

/// <summary>
/// The volume trend of S11, written once: a period cut into day, week or month buckets, each compared with the same
/// days a year earlier and with the bucket before. The orders an order is counted in are its registration day's.
/// </summary>
public static class VolumeTrend
{
    /// <summary>The most buckets one trend returns (a 3-year period by day is refused with the field named).</summary>
    public const int MaxBuckets = 400;

    /// <summary>(current − earlier) / earlier, rounded to 4 places; null when <paramref name="earlier"/> is 0.</summary>
    public static decimal? Change(long current, long earlier) =>
        earlier == 0 ? null : Math.Round((decimal)(current - earlier) / earlier, 4);

    /// <summary>The buckets of a period, without counts: what the trend asks the database for.</summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Buckets(AssessmentPeriod period, TimeGrain grain)
    {
        var result = new List<(DateOnly, DateOnly)>();
        for (var start = StartOf(period.From, grain); start <= period.To; start = Next(start, grain))
        {
            var end = Next(start, grain).AddDays(-1);
            result.Add((start < period.From ? period.From : start, end > period.To ? period.To : end));
            if (result.Count > MaxBuckets)
            {
                throw ValidationException.For("grain", $"At most {MaxBuckets} buckets: choose a coarser grain or a shorter period.");
            }
        }

        return result;
    }

    /// <summary>The first and the last day whose counts <see cref="Build"/> reads (the year before and the bucket before included).</summary>
    public static (DateOnly From, DateOnly To) DaysNeeded(AssessmentPeriod period, TimeGrain grain)
    {
        var buckets = Buckets(period, grain);
        var first = buckets[0];
        var earliest = new[] { YearEarlier(first.From, grain), PreviousOf(first, grain).From }.Min();
        return (earliest, period.To);
    }

    /// <summary>The trend from the daily counts (days missing from <paramref name="daily"/> had no orders).</summary>
    public static IReadOnlyList<VolumeBucket> Build(AssessmentPeriod period, TimeGrain grain, IReadOnlyDictionary<DateOnly, long> daily)
    {
        long Sum(DateOnly from, DateOnly to)
        {
            long total = 0;
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                total += daily.GetValueOrDefault(d);
            }

            return total;
        }

        return Buckets(period, grain).Select(b =>
        {
            var (yFrom, yTo) = (YearEarlier(b.From, grain), YearEarlier(b.To, grain));
            var previous = PreviousOf(b, grain);
            return new VolumeBucket(b.From, b.To, Sum(b.From, b.To), yFrom, yTo, Sum(yFrom, yTo), previous.From, previous.To, Sum(previous.From, previous.To));
        }).ToList();
    }

    /// <summary>The Monday starting the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly StartOf(DateOnly day, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => day,
        TimeGrain.Week => WeekStart(day),
        TimeGrain.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(grain)),
    };

    private static DateOnly Next(DateOnly start, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => start.AddDays(1),
        TimeGrain.Week => start.AddDays(7),
        TimeGrain.Month => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(grain)),
    };

    private static DateOnly YearEarlier(DateOnly day, TimeGrain grain) => grain == TimeGrain.Week ? day.AddDays(-364) : day.AddYears(-1);

    private static (DateOnly From, DateOnly To) PreviousOf((DateOnly From, DateOnly To) bucket, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => (bucket.From.AddDays(-1), bucket.To.AddDays(-1)),
        TimeGrain.Week => (bucket.From.AddDays(-7), bucket.To.AddDays(-7)),
        TimeGrain.Month => (bucket.From.AddMonths(-1), bucket.To.AddDays(1).Day == 1 ? new DateOnly(bucket.From.Year, bucket.From.Month, 1).AddDays(-1) : bucket.To.AddMonths(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(grain)),
    };
}
