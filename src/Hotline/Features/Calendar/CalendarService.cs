using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Calendar;

/// <summary>A warning for administrators about the calendar, e.g. next year's schedule not yet entered.</summary>
public sealed record CalendarWarning(string Code, int Year, string Message);

/// <summary>
/// Holds the current <see cref="WorkingDayCalendar"/> in memory. It is reloaded after an edit on this node and,
/// for other nodes, whenever the stored schedules' last-change time moves (checked by <see cref="CalendarRefreshJob"/>).
/// </summary>
public sealed class CalendarService(IServiceScopeFactory scopes, TimeProvider time)
{
    private volatile WorkingDayCalendar _current = WorkingDayCalendar.Empty;
    private DateTime? _loadedStamp;

    public WorkingDayCalendar Current => _current;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var years = await db.CalendarYears.AsNoTracking().Include(y => y.Days).ToListAsync(cancellationToken);
        _current = new WorkingDayCalendar(years.Select(y => new CalendarYear(y.Year, y.Source, y.Days.Select(d => new CalendarDay(d.Date, d.Kind, d.Name)).ToList())));
        _loadedStamp = years.Count == 0 ? null : years.Max(y => y.UpdatedAtUtc);
    }

    public async Task RefreshIfChangedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var stamp = await db.CalendarYears.MaxAsync(y => (DateTime?)y.UpdatedAtUtc, cancellationToken);
        var count = await db.CalendarYears.CountAsync(cancellationToken);
        if (stamp != _loadedStamp || count != _current.PublishedYears.Count)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    /// <summary>From 1 December, a missing schedule for next year is reported (the State Council publishes it each November).</summary>
    public IReadOnlyList<CalendarWarning> Warnings()
    {
        var today = ChinaTime.LocalDate(time.GetUtcNow());
        var warnings = new List<CalendarWarning>();
        if (!_current.IsPublished(today.Year))
        {
            warnings.Add(new CalendarWarning("calendar.current_year_missing", today.Year,
                $"No holiday schedule is entered for {today.Year}; deadlines use Monday–Friday and are provisional."));
        }

        if (today.Month == 12 && !_current.IsPublished(today.Year + 1))
        {
            warnings.Add(new CalendarWarning("calendar.next_year_missing", today.Year + 1,
                $"The holiday schedule for {today.Year + 1} is not entered yet; enter it once the State Council publishes it."));
        }

        return warnings;
    }
}

/// <summary>Picks up calendar edits made on other nodes and logs the administrators' warnings once a day.</summary>
public sealed class CalendarRefreshJob(CalendarService calendar, TimeProvider time, ILogger<CalendarRefreshJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        var lastWarnedDay = DateOnly.MinValue;
        do
        {
            try
            {
                await calendar.RefreshIfChangedAsync(stoppingToken);
                var today = ChinaTime.LocalDate(time.GetUtcNow());
                if (today != lastWarnedDay)
                {
                    lastWarnedDay = today;
                    foreach (var warning in calendar.Warnings())
                    {
                        logger.LogWarning("Calendar warning {Code}: {Message}", warning.Code, warning.Message);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Calendar refresh failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
