using System.Globalization;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;

namespace Hotline.Domain.Supervision;

/// <summary>A circular's period: one calendar month in China time ("2026-11").</summary>
public readonly record struct CircularPeriod(int Year, int Month)
{
    public string Key => $"{Year:D4}-{Month:D2}";

    public DateTime StartUtc => ChinaTime.StartOfDay(new DateOnly(Year, Month, 1)).UtcDateTime;

    public DateTime EndUtc => ChinaTime.StartOfDay(new DateOnly(Year, Month, 1).AddMonths(1)).UtcDateTime;

    /// <summary>Reads "yyyy-MM"; anything else is a field-named 400 on <paramref name="field"/>.</summary>
    public static CircularPeriod Parse(string? text, string field = "month")
    {
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !ChinaTime.IsSupported(first) || !ChinaTime.IsSupported(first.AddMonths(1)))
        {
            throw ValidationException.For(field, "Give a month as yyyy-MM.");
        }

        return new CircularPeriod(first.Year, first.Month);
    }

    /// <summary>The last full month before <paramref name="nowUtc"/>: what the monthly job circulates.</summary>
    public static CircularPeriod PreviousTo(DateTime nowUtc)
    {
        var today = ChinaTime.LocalDate(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)));
        var previous = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return new CircularPeriod(previous.Year, previous.Month);
    }
}

/// <summary>The supervised items of one unit's subtree in a period: what a parent's circular lists for each sub-unit.</summary>
public sealed record CircularFigures(
    int NoticesOpened, int NoticesClosed, int NoticesAnsweredLate, int NoticesRejected,
    int CorrectionsIssued, int CorrectionsRefused, int CorrectionsFallenShort, int AccountabilityCirculars, int MisconductRecords)
{
    public static readonly CircularFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public bool IsEmpty => this == Zero;

    public CircularFigures Plus(CircularFigures o) => new(
        NoticesOpened + o.NoticesOpened, NoticesClosed + o.NoticesClosed, NoticesAnsweredLate + o.NoticesAnsweredLate, NoticesRejected + o.NoticesRejected,
        CorrectionsIssued + o.CorrectionsIssued, CorrectionsRefused + o.CorrectionsRefused, CorrectionsFallenShort + o.CorrectionsFallenShort,
        AccountabilityCirculars + o.AccountabilityCirculars, MisconductRecords + o.MisconductRecords);
}

/// <summary>One sub-unit's line of a circular.</summary>
public sealed record CircularRow(long UnitId, string UnitName, CircularFigures Figures);

/// <summary>
/// A parent unit's circular (通报, S8): for one month, each of its sub-units (the units directly below it, each with its own
/// subtree) and their supervised items: supervision notices opened, closed, answered late and rejected, corrections issued,
/// refused and fallen short, accountability circulars and misconduct records. One per unit and period: generating again
/// refreshes the figures.
/// </summary>
public sealed class SupervisionCircular
{
    private SupervisionCircular()
    {
        UnitName = UnitPath = Period = GeneratedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    /// <summary>The month, "yyyy-MM".</summary>
    public string Period { get; private set; }

    public DateTime PeriodStartUtc { get; private set; }

    public DateTime PeriodEndUtc { get; private set; }

    public DateTime GeneratedAtUtc { get; private set; }

    /// <summary>"system" for the monthly job, else the centre's user who generated it on demand.</summary>
    public string GeneratedByName { get; private set; }

    public List<CircularRow> Rows { get; private set; } = [];

    public long Version { get; private set; }

    public CircularFigures Totals => Rows.Aggregate(CircularFigures.Zero, (sum, r) => sum.Plus(r.Figures));

    public static SupervisionCircular Create(Unit parent, CircularPeriod period, IReadOnlyList<CircularRow> rows, string generatedBy, DateTime nowUtc) => new()
    {
        UnitId = parent.Id,
        UnitName = parent.Name,
        UnitPath = parent.Path,
        Period = period.Key,
        PeriodStartUtc = period.StartUtc,
        PeriodEndUtc = period.EndUtc,
        GeneratedAtUtc = nowUtc,
        GeneratedByName = generatedBy,
        Rows = [.. rows],
    };

    public void Refresh(IReadOnlyList<CircularRow> rows, string generatedBy, DateTime nowUtc)
    {
        Rows = [.. rows];
        GeneratedAtUtc = nowUtc;
        GeneratedByName = generatedBy;
    }

    /// <summary>Whether a unit receives circulars: it has sub-units that handle matters (the hotline offices are not circulated on).</summary>
    public static bool IsCirculated(Unit unit) => unit.Kind is not (UnitKind.HotlineCentre or UnitKind.CountyHotlineOffice or UnitKind.OrganisationOffice);

    /// <summary>
    /// The rows of <paramref name="parent"/>'s circular: one per circulated sub-unit directly below it, summing the figures of
    /// every unit in that sub-unit's subtree (<paramref name="figuresByPath"/>, by unit path).
    /// </summary>
    public static List<CircularRow> RowsFor(Unit parent, IEnumerable<Unit> units, IReadOnlyDictionary<string, CircularFigures> figuresByPath) =>
        units.Where(u => u.ParentId == parent.Id && u.IsActive && IsCirculated(u))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(child => new CircularRow(child.Id, child.Name, figuresByPath
                .Where(f => f.Key.StartsWith(child.Path, StringComparison.Ordinal))
                .Aggregate(CircularFigures.Zero, (sum, f) => sum.Plus(f.Value))))
            .ToList();
}
