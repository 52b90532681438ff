using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Calendar;

public sealed record DeadlineResponse(DateTimeOffset Deadline, bool Provisional);

public sealed record CalendarYearSummary(int Year, string Source, int Holidays, int Workdays, DateTime UpdatedAtUtc, string? UpdatedBy);

public sealed record CalendarDayDto(DateOnly Date, CalendarDayKind Kind, [property: MaxLength(Limits.Name)] string Name);

public sealed record CalendarYearDto(int Year, string Source, bool Published, IReadOnlyList<CalendarDayDto> Days, long? Version);

public sealed record PutCalendarYearRequest([property: MaxLength(Limits.Reason)] string? Source, [property: MaxLength(Limits.CalendarDays)] IReadOnlyList<CalendarDayDto>? Days);

public static class CalendarEndpoints
{
    public const int MaxDeadlineWorkingDays = 60;

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/deadline", Deadline).AllowAnonymous()
            .WithSummary("The deadline n working days after a moment (or a wall-clock number of hours after it).");
        group.MapGet("/years", ListYears).RequireAuthorization(Policies.Staff);
        group.MapGet("/years/{year:int}", GetYear).RequireAuthorization(Policies.Staff);
        group.MapPut("/years/{year:int}", PutYear).RequireAuthorization(Policies.AdministerCalendar);
        group.MapDelete("/years/{year:int}", DeleteYear).RequireAuthorization(Policies.AdministerCalendar);
        group.MapGet("/warnings", (CalendarService calendar) => TypedResults.Ok(calendar.Warnings())).RequireAuthorization(Policies.AdministerCalendar);
        return app;
    }

    /// <summary>
    /// <c>from</c> is ISO-8601 with an offset. With <c>workingDays</c> (0–60) the answer is 23:59:59 Asia/Shanghai of the
    /// n-th working day after the local date of <c>from</c>; with <c>hours</c> (0–720) it is wall-clock time.
    /// </summary>
    private static Ok<DeadlineResponse> Deadline(string? from, string? workingDays, string? hours, CalendarService calendar)
    {
        var validation = new Validation();
        var start = ParseInstant(from, validation);
        int? days = null;
        double? wallHours = null;
        if (workingDays is not null && hours is not null)
        {
            validation.Add("hours", "Give either workingDays or hours, not both.");
        }
        else if (workingDays is not null)
        {
            if (int.TryParse(workingDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= MaxDeadlineWorkingDays)
            {
                days = n;
            }
            else
            {
                validation.Add("workingDays", $"Give a whole number of working days from 0 to {MaxDeadlineWorkingDays}.");
            }
        }
        else if (hours is not null)
        {
            if (double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 720)
            {
                wallHours = h;
            }
            else
            {
                validation.Add("hours", "Give a number of hours from 0 to 720.");
            }
        }
        else
        {
            validation.Add("workingDays", "Give workingDays (0–60) or hours.");
        }

        validation.ThrowIfInvalid();
        if (wallHours is { } wh)
        {
            return TypedResults.Ok(new DeadlineResponse(WorkingDayCalendar.AddHours(start!.Value, wh), false));
        }

        var deadline = calendar.Current.AddWorkingDays(start!.Value, days!.Value);
        return TypedResults.Ok(new DeadlineResponse(deadline.At, deadline.Provisional));
    }

    private static DateTimeOffset? ParseInstant(string? text, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add("from", "Give the start as ISO-8601 with an offset, e.g. 2026-02-13T10:00:00+08:00.");
            return null;
        }

        // A literal '+' in a query string arrives as a space ("...T10:00:00 08:00"); accept it as the clients meant it.
        var candidate = text.Length > 6 && text[^6] == ' ' ? string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5)) : text;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        if (DateTimeOffset.TryParseExact(candidate, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            && (candidate.EndsWith('Z') || candidate.EndsWith('z') || candidate[^6] is '+' or '-'))
        {
            return value;
        }

        validation.Add("from", "Give the start as ISO-8601 with an offset, e.g. 2026-02-13T10:00:00+08:00.");
        return null;
    }

    private static async Task<Ok<List<CalendarYearSummary>>> ListYears(HotlineDbContext db, CancellationToken ct)
    {
        var years = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year)
            .Select(y => new CalendarYearSummary(y.Year, y.Source, y.Days.Count(d => d.Kind == CalendarDayKind.Holiday), y.Days.Count(d => d.Kind == CalendarDayKind.Workday), y.UpdatedAtUtc, y.UpdatedBy))
            .ToListAsync(ct);
        return TypedResults.Ok(years);
    }

    private static async Task<Ok<CalendarYearDto>> GetYear(int year, HotlineDbContext db, CancellationToken ct)
    {
        var row = await db.CalendarYears.AsNoTracking().Include(y => y.Days).SingleOrDefaultAsync(y => y.Year == year, ct);
        if (row is null)
        {
            return TypedResults.Ok(new CalendarYearDto(year, string.Empty, false, [], null));
        }

        var days = row.Days.OrderBy(d => d.Date).Select(d => new CalendarDayDto(d.Date, d.Kind, d.Name)).ToList();
        return TypedResults.Ok(new CalendarYearDto(year, row.Source, true, days, row.UpdatedAtUtc.Ticks));
    }

    /// <summary>Replaces a year's schedule as a whole: the State Council notice is always published as a whole.</summary>
    private static async Task<Ok<CalendarYearDto>> PutYear(int year, PutCalendarYearRequest request, HotlineDbContext db, CalendarService calendar, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Require(year is >= 2000 and <= 2100, "year", "Give a year from 2000 to 2100.");
        validation.Text(request.Source, "source", 500);
        validation.Require(request.Days is not null, "days", "List the holidays and make-up working days (it may be empty).");
        var days = request.Days ?? [];
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            validation.Require(day.Date.Year == year, $"days[{i}].date", $"The date is not in {year}.");
            validation.Text(day.Name, $"days[{i}].name", 50);
            validation.Require(Enum.IsDefined(day.Kind), $"days[{i}].kind", "Use holiday or workday.");
            validation.Require(day.Kind != CalendarDayKind.Workday || day.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"days[{i}].kind", "A make-up working day falls on a Saturday or Sunday.");
        }

        foreach (var duplicate in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            validation.Add("days", $"{duplicate.Key:yyyy-MM-dd} is listed more than once.");
        }

        validation.ThrowIfInvalid();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CalendarDays.Where(d => d.Year == year).ExecuteDeleteAsync(ct);
        var row = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == year, ct);
        if (row is null)
        {
            row = new CalendarYearRow { Year = year };
            db.CalendarYears.Add(row);
        }

        row.Source = request.Source!.Trim();
        row.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        row.UpdatedBy = user.UserName;
        row.Days = days.Select(d => new CalendarDayRow { Date = d.Date, Year = year, Kind = d.Kind, Name = d.Name.Trim() }).ToList();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await calendar.ReloadAsync(ct);
        return await GetYear(year, db, ct);
    }

    private static async Task<NoContent> DeleteYear(int year, HotlineDbContext db, CalendarService calendar, CancellationToken ct)
    {
        var deleted = await db.CalendarYears.Where(y => y.Year == year).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw new NotFoundException("calendar.year_not_found", $"No schedule is entered for {year}.");
        }

        await calendar.ReloadAsync(ct);
        return TypedResults.NoContent();
    }
}
