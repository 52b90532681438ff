using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;

namespace Hotline.Tests.Dashboards;

/// <summary>Worked examples of the S11 rules: the volume trend's buckets and comparisons, hot categories rising, the weekly forecast and its backtest.</summary>
public sealed class DashboardRulesTests
{
    private static readonly DateOnly D = new(2026, 3, 2); // a Monday

    [Fact]
    public void Trend_ByMonth_ComparesTheSameMonthAYearEarlier_AndTheMonthBefore()
    {
        var daily = new Dictionary<DateOnly, long>
        {
            [new(2025, 2, 10)] = 4, // February 2025
            [new(2025, 3, 5)] = 10, // March 2025
            [new(2026, 2, 27)] = 20, // February 2026
            [new(2026, 3, 1)] = 12, // March 2026
            [new(2026, 3, 31)] = 3,
            [new(2026, 4, 1)] = 100, // outside the period
        };
        var trend = VolumeTrend.Build(AssessmentPeriod.Range(new(2026, 2, 1), new(2026, 3, 31)), TimeGrain.Month, daily);

        Assert.Equal(2, trend.Count);
        var (feb, mar) = (trend[0], trend[1]);
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), 20L, 4L), (feb.From, feb.To, feb.Count, feb.YearEarlier));
        Assert.Equal(4m, feb.YearOnYear); // (20 − 4) / 4
        Assert.Null(feb.PeriodOnPeriod); // January 2026 had none
        Assert.Equal((15L, 10L, 20L), (mar.Count, mar.YearEarlier, mar.Previous));
        Assert.Equal(0.5m, mar.YearOnYear);
        Assert.Equal(-0.25m, mar.PeriodOnPeriod);
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (mar.PreviousFrom, mar.PreviousTo));
    }

    [Fact]
    public void Trend_ByWeek_ClampsToThePeriod_AndLooks52WeeksBackSoWeekdaysLineUp()
    {
        var daily = new Dictionary<DateOnly, long> { [D] = 7, [D.AddDays(-364)] = 5, [D.AddDays(-7)] = 2, [D.AddDays(-1)] = 1 };
        var trend = VolumeTrend.Build(AssessmentPeriod.Range(D.AddDays(-1), D.AddDays(3)), TimeGrain.Week, daily);

        Assert.Equal(2, trend.Count);
        Assert.Equal((D.AddDays(-1), D.AddDays(-1), 1L), (trend[0].From, trend[0].To, trend[0].Count)); // a Sunday, the week clamped
        Assert.Equal((D, D.AddDays(3), 7L, 5L, 2L), (trend[1].From, trend[1].To, trend[1].Count, trend[1].YearEarlier, trend[1].Previous));
        Assert.Equal(DayOfWeek.Monday, trend[1].YearEarlierFrom.DayOfWeek);
        Assert.Equal(D.AddDays(-364), VolumeTrend.DaysNeeded(AssessmentPeriod.Range(D, D.AddDays(6)), TimeGrain.Week).From);
    }

    [Fact]
    public void Trend_RefusesTooManyBuckets_WithTheGrainNamed()
    {
        var error = Assert.Throws<ValidationException>(() => VolumeTrend.Buckets(AssessmentPeriod.Range(new(2024, 1, 1), new(2025, 12, 31)), TimeGrain.Day));
        Assert.Contains("grain", error.Errors.Keys);
    }

    [Fact]
    public void Rising_RanksByGrowth_NewFirst_AndSkipsSmallOrFallingCategories()
    {
        var current = new Dictionary<string, long> { ["010101"] = 10, ["010102"] = 6, ["010201"] = 4, ["010301"] = 8, ["010302"] = 9, ["010303"] = 12 };
        var previous = new Dictionary<string, long> { ["010101"] = 5, ["010102"] = 2, ["010201"] = 1, ["010301"] = 8, ["010303"] = 20 };

        var rising = RisingCategories.Rank(current, previous, minVolume: 5, top: 10);

        // 010302 is new (none before); 010102 tripled (+200 %); 010101 doubled; 010201 is under the minimum; 010301 is flat; 010303 fell.
        Assert.Equal(["010302", "010102", "010101"], rising.Select(r => r.Code));
        Assert.Null(rising[0].Growth);
        Assert.Equal(2m, rising[1].Growth);
        Assert.Equal(1m, rising[2].Growth);
        Assert.Single(RisingCategories.Rank(current, previous, minVolume: 5, top: 1));
    }

    [Fact]
    public void Forecast_WithAYearOfHistory_IsLastYearsSameWeeksScaledByTheRecentLevel()
    {
        // 60 weeks: weeks 0–51 (last year) are 10 each except a winter peak of 30 in weeks 52+0..; this year's last 8 weeks (52–59) are 20 each.
        var history = Enumerable.Range(0, 60).Select(i => i < 52 ? (i is 8 or 9 ? 30L : 10L) : 20L).ToList();
        var (method, expected) = VolumeForecast.Predict(history, 3);

        Assert.Equal(ForecastMethod.SeasonalScaled, method);
        // level = 8 × 20 / 8 × 10 = 2; week 60 is week 8 a year earlier (30) → 60, week 61 → 60, week 62 → 20.
        Assert.Equal([60d, 60d, 20d], expected);
    }

    [Fact]
    public void Forecast_WithShortHistory_IsTheMeanOfTheLastFourWeeks_AndTheBacktestMeasuresItsError()
    {
        // 12 weeks: 10, 10, 10, 10, then 12, 8, 12, 8, 20, 20, 20, 20.
        long[] history = [10, 10, 10, 10, 12, 8, 12, 8, 20, 20, 20, 20];
        var forecast = VolumeForecast.Make(history, D, horizon: 4);

        Assert.Equal(ForecastMethod.RecentLevel, forecast.Method);
        Assert.All(forecast.Weeks, w => Assert.Equal(20d, w.Expected));
        Assert.Equal(D.AddDays(7), forecast.Weeks[0].WeekStart);
        // Backtest: the last 8 weeks held back and forecast from the first 4 (mean 10): errors 2, 2, 2, 2, 10, 10, 10, 10.
        Assert.Equal(6d, forecast.Mae);
        // MAPE = mean of 2/12, 2/8, 2/12, 2/8, 10/20 ×4 = (0.1667 + 0.25) × 2 / 8 + 0.5 × 4 / 8 = 0.3542.
        Assert.Equal(0.3542, forecast.Mape);
        Assert.Equal((14d, 26d), (forecast.Weeks[0].Low, forecast.Weeks[0].High)); // ± the MAE
        Assert.Equal(8, forecast.BacktestWeeks);
    }

    [Fact]
    public void Forecast_WithoutHistory_IsZero_WithNoErrorMeasured_AndAHorizonOutOfRangeIsRefused()
    {
        var forecast = VolumeForecast.Make([0, 0, 0], D, 2);
        Assert.Equal([0d, 0d], forecast.Weeks.Select(w => w.Expected));
        Assert.Null(forecast.Mae);
        Assert.Null(forecast.Mape);
        Assert.Contains("weeks", Assert.Throws<ValidationException>(() => VolumeForecast.Make([], D, 13)).Errors.Keys);
    }

    [Fact]
    public void Levels_OfTheCategoryAndRegionTrees()
    {
        Assert.Equal(2, DashboardRules.ChildLength(DashboardDimension.Category, null));
        Assert.Equal(6, DashboardRules.ChildLength(DashboardDimension.Category, "0101"));
        Assert.Null(DashboardRules.ChildLength(DashboardDimension.Category, "010101"));
        Assert.Equal(6, DashboardRules.ChildLength(DashboardDimension.Region, null));
        Assert.Equal(9, DashboardRules.ChildLength(DashboardDimension.Region, "990102"));
        Assert.Equal(12, DashboardRules.ChildLength(DashboardDimension.Region, "990102001"));
        Assert.Null(DashboardRules.ChildLength(DashboardDimension.Region, "990102001001"));
    }
}
