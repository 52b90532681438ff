using System.Globalization;

namespace Hotline.Domain.Assessment;

/// <summary>A calendar month as rankings, interviews, qualitative scores and circulation name it: "2026-02".</summary>
public sealed record AssessmentMonth(int Year, int Month)
{
    public string Key => $"{Year:D4}-{Month:D2}";

    public DateOnly Start => new(Year, Month, 1);

    public DateOnly End => Start.AddMonths(1).AddDays(-1);

    public AssessmentPeriod Period => AssessmentPeriod.Month(Year, Month);

    public AssessmentMonth Previous => Start.AddMonths(-1) is var p ? new(p.Year, p.Month) : this;

    /// <summary>Ended: its last day is before <paramref name="today"/> (local).</summary>
    public bool IsClosed(DateOnly today) => End < today;

    public static AssessmentMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>Parses "yyyy-MM" (years 2000–2100); a field-named 400 otherwise.</summary>
    public static AssessmentMonth Parse(string? text, string field = "month") =>
        text is not null && DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? new AssessmentMonth(d.Year, d.Month)
            : throw ValidationException.For(field, "Give a month as yyyy-MM (2000–2100).");

    /// <summary>A month that has begun by <paramref name="today"/>; a later one is refused (field-named).</summary>
    public static AssessmentMonth ParseBegun(string? text, DateOnly today, string field = "month")
    {
        var month = Parse(text, field);
        return month.Start > today ? throw ValidationException.For(field, "The month has not begun.") : month;
    }

    public override string ToString() => Key;
}
