using System.Globalization;

namespace Hotline.Domain.Calendar;

/// <summary>Reads the project's own holiday fact format (see <c>holidays-cn.txt</c>).</summary>
public static class HolidayFile
{
    public static IReadOnlyList<CalendarYear> Parse(TextReader reader)
    {
        var years = new Dictionary<int, (string Source, List<CalendarDay> Days)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                throw new FormatException($"line {lineNumber}: expected '<verb> <value> <text>'.");
            }

            switch (parts[0])
            {
                case "year":
                    var year = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    years[year] = (parts[2], []);
                    break;
                case "off":
                case "work":
                    var (first, last) = ParseRange(parts[1], lineNumber);
                    if (!years.TryGetValue(first.Year, out var entry) || last.Year != first.Year)
                    {
                        throw new FormatException($"line {lineNumber}: {parts[1]} precedes its 'year {first.Year}' line.");
                    }

                    var kind = parts[0] == "off" ? CalendarDayKind.Holiday : CalendarDayKind.Workday;
                    for (var d = first; d <= last; d = d.AddDays(1))
                    {
                        entry.Days.Add(new CalendarDay(d, kind, parts[2]));
                    }

                    break;
                default:
                    throw new FormatException($"line {lineNumber}: unknown verb '{parts[0]}'.");
            }
        }

        return years.OrderBy(y => y.Key).Select(y => new CalendarYear(y.Key, y.Value.Source, y.Value.Days)).ToList();
    }

    /// <summary>The facts shipped with the product (2024–2026).</summary>
    public static IReadOnlyList<CalendarYear> BuiltIn()
    {
        using var stream = typeof(HolidayFile).Assembly.GetManifestResourceStream("Hotline.Domain.Calendar.holidays-cn.txt")
            ?? throw new InvalidOperationException("The built-in holiday file is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static (DateOnly First, DateOnly Last) ParseRange(string text, int lineNumber)
    {
        var bounds = text.Split("..");
        if (bounds.Length > 2
            || !DateOnly.TryParseExact(bounds[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw new FormatException($"line {lineNumber}: '{text}' is not a date or date range.");
        }

        var last = first;
        if (bounds.Length == 2
            && (!DateOnly.TryParseExact(bounds[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last) || last < first))
        {
            throw new FormatException($"line {lineNumber}: '{text}' is not a valid date range.");
        }

        return (first, last);
    }
}
