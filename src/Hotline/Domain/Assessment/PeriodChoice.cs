using System.Globalization;

namespace Hotline.Domain.Assessment;

/// <summary>
/// A period as a request names it: <c>year</c> (with <c>month</c> 1–12 or <c>quarter</c> 1–4, or alone for the whole
/// year), or <c>from</c> and <c>to</c> (yyyy-MM-dd, both included). Anything else is refused with a field-named error.
/// </summary>
public static class PeriodChoice
{
    public static AssessmentPeriod Parse(int? year, int? month, int? quarter, string? from, string? to)
    {
        if (from is not null || to is not null)
        {
            if (year is not null || month is not null || quarter is not null)
            {
                throw ValidationException.For("from", "Give either from/to or year (with month or quarter), not both.");
            }

            return AssessmentPeriod.Range(Date(from, "from"), Date(to, "to"));
        }

        if (year is not { } y)
        {
            throw ValidationException.For("year", "Give the year (with month or quarter), or from and to.");
        }

        return (month, quarter) switch
        {
            (not null, not null) => throw ValidationException.For("quarter", "Give month or quarter, not both."),
            ({ } m, null) => AssessmentPeriod.Month(y, m),
            (null, { } q) => AssessmentPeriod.Quarter(y, q),
            _ => AssessmentPeriod.Year(y),
        };
    }

    private static DateOnly Date(string? value, string field) =>
        value is null ? throw ValidationException.For(field, "Give the date (yyyy-MM-dd).")
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100 ? d
        : throw ValidationException.For(field, "Use a date yyyy-MM-dd between 2000 and 2100.");
}
