namespace Hotline.Domain.Analytics;

/// <summary>How a forecast was made: from the same weeks a year earlier scaled by the recent level, or (history shorter than a year) from the recent level alone.</summary>
public enum ForecastMethod
{
    SeasonalScaled,
    RecentLevel,
}

/// <summary>One forecast week: its Monday, the expected orders and the band of ± the backtest's mean absolute error (never below 0).</summary>
public sealed record ForecastWeek(DateOnly WeekStart, double Expected, double Low, double High);

/// <summary>
/// A forecast of the next weeks' volume with its error: the method used, the weeks ahead, and the backtest over the
/// <see cref="VolumeForecast.BacktestWeeks"/> held-back recent weeks (mean absolute error, and mean absolute percentage
/// error over the weeks that had orders; null when the history is too short to hold any weeks back).
/// </summary>
public sealed record Forecast(ForecastMethod Method, IReadOnlyList<ForecastWeek> Weeks, double? Mae, double? Mape, int BacktestWeeks);

/// <summary>
/// The weekly volume forecast of S11, written once. From complete weeks of history (oldest first):
/// <list type="bullet">
/// <item>with at least 52 + <see cref="LevelWeeks"/> weeks, week <c>t + k</c> is the same week a year earlier (52 weeks
/// before) times the level: the last <see cref="LevelWeeks"/> weeks' orders over the same weeks a year earlier (the
/// seasonal pattern of last year, at this year's level);</item>
/// <item>otherwise (or when the year-earlier weeks had no orders) every week ahead is the mean of the last
/// <see cref="NaiveWeeks"/> weeks.</item>
/// </list>
/// Its error is measured by a backtest: the last <see cref="BacktestWeeks"/> weeks are held back, forecast from the
/// weeks before them by the same rule, and compared with what came (MAE, MAPE). The band is the forecast ± the MAE.
/// </summary>
public static class VolumeForecast
{
    public const int LevelWeeks = 8;
    public const int NaiveWeeks = 4;
    public const int BacktestWeeks = 8;
    public const int MaxHorizon = 12;
    public const int SeasonWeeks = 52;

    /// <summary>The weeks of history the forecast reads: a season, the level window and the backtest.</summary>
    public const int HistoryWeeks = SeasonWeeks + LevelWeeks + BacktestWeeks;

    /// <summary>The forecast for <paramref name="horizon"/> weeks after the last week of <paramref name="weekly"/>, which starts on <paramref name="lastWeekStart"/>.</summary>
    public static Forecast Make(IReadOnlyList<long> weekly, DateOnly lastWeekStart, int horizon)
    {
        if (horizon is < 1 or > MaxHorizon)
        {
            throw ValidationException.For("weeks", $"Forecast 1–{MaxHorizon} weeks.");
        }

        var (method, expected) = Predict(weekly, horizon);
        var (mae, mape) = Backtest(weekly);
        var band = mae ?? 0;
        var weeks = expected.Select((e, k) => new ForecastWeek(lastWeekStart.AddDays(7 * (k + 1)), Round(e), Round(Math.Max(0, e - band)), Round(e + band))).ToList();
        return new Forecast(method, weeks, mae is { } m ? Round(m) : null, mape is { } p ? Math.Round(p, 4) : null, mae is null ? 0 : BacktestWeeks);
    }

    /// <summary>The expected orders of the <paramref name="horizon"/> weeks after <paramref name="history"/>, by the rule above.</summary>
    public static (ForecastMethod Method, IReadOnlyList<double> Expected) Predict(IReadOnlyList<long> history, int horizon)
    {
        var n = history.Count;
        if (n >= SeasonWeeks + LevelWeeks && horizon <= SeasonWeeks)
        {
            double recent = 0, yearEarlier = 0;
            for (var i = n - LevelWeeks; i < n; i++)
            {
                recent += history[i];
                yearEarlier += history[i - SeasonWeeks];
            }

            if (yearEarlier > 0)
            {
                var level = recent / yearEarlier;
                return (ForecastMethod.SeasonalScaled, Enumerable.Range(0, horizon).Select(k => history[n - SeasonWeeks + k] * level).ToList());
            }
        }

        var take = Math.Min(NaiveWeeks, n);
        var mean = take == 0 ? 0 : history.Skip(n - take).Average(v => (double)v);
        return (ForecastMethod.RecentLevel, Enumerable.Repeat(mean, horizon).ToList());
    }

    /// <summary>MAE and MAPE of forecasting the last <see cref="BacktestWeeks"/> weeks from those before; nulls when fewer than <see cref="BacktestWeeks"/> + <see cref="NaiveWeeks"/> weeks.</summary>
    public static (double? Mae, double? Mape) Backtest(IReadOnlyList<long> history)
    {
        var n = history.Count;
        if (n < BacktestWeeks + NaiveWeeks)
        {
            return (null, null);
        }

        var train = history.Take(n - BacktestWeeks).ToList();
        var (_, expected) = Predict(train, BacktestWeeks);
        var errors = Enumerable.Range(0, BacktestWeeks).Select(k => (Actual: (double)history[n - BacktestWeeks + k], Error: Math.Abs(history[n - BacktestWeeks + k] - expected[k]))).ToList();
        var withOrders = errors.Where(e => e.Actual > 0).ToList();
        return (errors.Average(e => e.Error), withOrders.Count == 0 ? null : withOrders.Average(e => e.Error / e.Actual));
    }

    private static double Round(double value) => Math.Round(value, 2);
}
