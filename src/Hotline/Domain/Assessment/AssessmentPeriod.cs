namespace Hotline.Domain.Assessment;

/// <summary>
/// The days a figure covers, both ends included, in the platform's local calendar (the day an order is counted in is
/// its registration day). A month, a quarter, a year or any range of at most <see cref="MaxDays"/> days.
/// </summary>
public sealed record AssessmentPeriod
{
    public const int MaxDays = 3 * 366;

    private AssessmentPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    /// <summary>The first day counted.</summary>
    public DateOnly From { get; }

    /// <summary>The last day counted (included).</summary>
    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static AssessmentPeriod Month(int year, int month)
    {
        CheckYear(year);
        return month is < 1 or > 12
            ? throw Invalid("month", "Use 1–12.")
            : Range(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));
    }

    public static AssessmentPeriod Quarter(int year, int quarter)
    {
        CheckYear(year);
        return quarter is < 1 or > 4
            ? throw Invalid("quarter", "Use 1–4.")
            : Range(new DateOnly(year, (quarter * 3) - 2, 1), new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1));
    }

    public static AssessmentPeriod Year(int year)
    {
        CheckYear(year);
        return Range(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>Any range; <paramref name="to"/> is included. Refused (field-named) when reversed or longer than <see cref="MaxDays"/>.</summary>
    public static AssessmentPeriod Range(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw Invalid("to", "The period ends before it starts.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw Invalid("to", $"A period covers at most {MaxDays} days.");
        }

        return new AssessmentPeriod(from, to);
    }

    /// <summary>The same period one year earlier (year on year), clamped to month ends (29 February → 28 February).</summary>
    public AssessmentPeriod YearEarlier() => new(From.AddYears(-1), To.AddYears(-1));

    /// <summary>The period of the same length just before this one (period on period).</summary>
    public AssessmentPeriod Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>The calendar months this period touches, in order (a month is "2026-11").</summary>
    public IEnumerable<(int Year, int Month)> Months()
    {
        for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
        {
            yield return (m.Year, m.Month);
        }
    }

    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";

    private static void CheckYear(int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw Invalid("year", "Use 2000–2100.");
        }
    }

    private static ValidationException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
