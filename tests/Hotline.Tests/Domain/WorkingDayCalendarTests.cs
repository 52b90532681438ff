using Hotline.Domain.Calendar;

namespace Hotline.Tests.Domain;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidayFile.BuiltIn());

    /// <summary>(from, working days, expected local deadline date). The day of receipt never counts.</summary>
    public static TheoryData<string, int, string> HolidayPeriods => new()
    {
        // 2024 Spring Festival: 10–17 Feb off, Sun 4 Feb and Sun 18 Feb are make-up working days.
        { "2024-02-03T10:00:00+08:00", 1, "2024-02-04" },
        { "2024-02-09T10:00:00+08:00", 1, "2024-02-18" },
        { "2024-02-08T10:00:00+08:00", 2, "2024-02-18" },
        // 2024 Mid-Autumn: Sat 14 Sep worked, 15–17 Sep off.
        { "2024-09-13T10:00:00+08:00", 1, "2024-09-14" },
        { "2024-09-14T10:00:00+08:00", 1, "2024-09-18" },
        // 2024 National Day: Sun 29 Sep and Sat 12 Oct worked, 1–7 Oct off.
        { "2024-09-27T10:00:00+08:00", 1, "2024-09-29" },
        { "2024-09-30T10:00:00+08:00", 1, "2024-10-08" },
        { "2024-10-11T10:00:00+08:00", 1, "2024-10-12" },
        // 2025 Spring Festival: Sun 26 Jan and Sat 8 Feb worked, 28 Jan–4 Feb off.
        { "2025-01-24T10:00:00+08:00", 1, "2025-01-26" },
        { "2025-01-27T10:00:00+08:00", 1, "2025-02-05" },
        { "2025-02-07T10:00:00+08:00", 1, "2025-02-08" },
        // 2025 National Day with Mid-Autumn: Sun 28 Sep and Sat 11 Oct worked, 1–8 Oct off.
        { "2025-09-26T10:00:00+08:00", 1, "2025-09-28" },
        { "2025-09-30T10:00:00+08:00", 1, "2025-10-09" },
        { "2025-09-30T10:00:00+08:00", 5, "2025-10-14" },
        // 2026 Spring Festival: Sat 14 Feb and Sat 28 Feb worked, 15–23 Feb off.
        { "2026-02-13T10:00:00+08:00", 1, "2026-02-14" },
        { "2026-02-14T10:00:00+08:00", 1, "2026-02-24" },
        { "2026-02-27T10:00:00+08:00", 1, "2026-02-28" },
        { "2026-02-12T10:00:00+08:00", 5, "2026-02-26" },
        // 2026 Mid-Autumn (25–27 Sep off) and National Day (1–7 Oct off; Sun 20 Sep and Sat 10 Oct worked).
        { "2026-09-18T10:00:00+08:00", 1, "2026-09-20" },
        { "2026-09-24T10:00:00+08:00", 1, "2026-09-28" },
        { "2026-09-30T10:00:00+08:00", 1, "2026-10-08" },
        { "2026-10-09T10:00:00+08:00", 1, "2026-10-10" },
        { "2026-09-30T10:00:00+08:00", 3, "2026-10-10" },
        // New Year 2026: 1–3 Jan off, Sun 4 Jan worked.
        { "2025-12-31T10:00:00+08:00", 1, "2026-01-04" },
        // Ordinary weeks: weekends skipped.
        { "2026-03-06T10:00:00+08:00", 1, "2026-03-09" },
        { "2026-03-02T10:00:00+08:00", 5, "2026-03-09" },
    };

    [Theory]
    [MemberData(nameof(HolidayPeriods))]
    public void AddWorkingDays_AcrossHolidaysAndMakeUpDays_EndsOnExpectedLocalDay(string from, int days, string expected)
    {
        var deadline = Calendar.AddWorkingDays(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(deadline.At.DateTime));
        Assert.Equal(new TimeSpan(23, 59, 59), deadline.At.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(8), deadline.At.Offset);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void AddWorkingDays_UsesTheShanghaiDateOfTheInstant()
    {
        // 17:00 UTC on Friday 13 Feb 2026 is already Saturday 14 Feb (a make-up working day) in Shanghai.
        var deadline = Calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 13, 17, 0, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateOnly(2026, 2, 24), DateOnly.FromDateTime(deadline.At.DateTime));
    }

    [Fact]
    public void AddWorkingDays_Zero_EndsTheDayOfReceipt()
    {
        var deadline = Calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 15, 10, 0, 0, TimeSpan.FromHours(8)), 0);

        Assert.Equal(new DateTimeOffset(2026, 2, 15, 23, 59, 59, TimeSpan.FromHours(8)), deadline.At);
    }

    [Fact]
    public void AddWorkingDays_IntoAYearWithoutSchedule_IsProvisionalAndUsesMondayToFriday()
    {
        var deadline = Calendar.AddWorkingDays(new DateTimeOffset(2026, 12, 30, 10, 0, 0, TimeSpan.FromHours(8)), 3);

        // 31 Dec (Thu), 1 Jan 2027 (Fri: unknown, so a weekday counts), 4 Jan (Mon).
        Assert.Equal(new DateOnly(2027, 1, 4), DateOnly.FromDateTime(deadline.At.DateTime));
        Assert.True(deadline.Provisional);
    }

    [Fact]
    public void AddWorkingDays_WithinPublishedYear_IsNotProvisional() =>
        Assert.False(Calendar.AddWorkingDays(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)), 5).Provisional);

    [Theory]
    [InlineData(-1)]
    [InlineData(WorkingDayCalendar.MaxWorkingDays + 1)]
    public void AddWorkingDays_OutOfRange_Throws(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(DateTimeOffset.UnixEpoch, days));

    [Fact]
    public void SubtractWorkingDays_BeforeSpringFestival_SkipsTheHoliday()
    {
        // One working day before Tue 24 Feb 2026 is Sat 14 Feb (make-up working day).
        var before = Calendar.SubtractWorkingDays(new DateTimeOffset(2026, 2, 24, 23, 59, 59, TimeSpan.FromHours(8)), 1);

        Assert.Equal(new DateTimeOffset(2026, 2, 14, 23, 59, 59, TimeSpan.FromHours(8)), before.At);
    }

    [Theory]
    [InlineData("2026-02-13T10:00:00+08:00", "2026-02-24T10:00:00+08:00", 2)]
    [InlineData("2026-02-24T10:00:00+08:00", "2026-02-13T10:00:00+08:00", -2)]
    [InlineData("2026-03-02T10:00:00+08:00", "2026-03-02T18:00:00+08:00", 0)]
    [InlineData("2026-03-06T10:00:00+08:00", "2026-03-09T10:00:00+08:00", 1)]
    public void WorkingDaysBetween_CountsWorkingDaysAfterTheStart(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsWorkingDay_MakeUpSundayAndHolidayWeekday()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 1, 4)));   // Sunday, make-up
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));  // Friday, holiday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 3, 7)));  // ordinary Saturday
    }

    [Fact]
    public void BuiltIn_HasThreePublishedYears() =>
        Assert.Equal([2024, 2025, 2026], Calendar.PublishedYears.Order());

    [Theory]
    [InlineData("off 2026-01-01 元旦", "precedes")]
    [InlineData("year 2026 x\noff 2026-02-30 bad", "not a date")]
    [InlineData("year 2026 x\noff 2026-02-03..2026-02-01 bad", "not a valid date range")]
    [InlineData("year 2026 x\nholiday 2026-02-03 bad", "unknown verb")]
    public void Parse_MalformedLine_NamesTheLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => HolidayFile.Parse(new StringReader(text)));

        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
