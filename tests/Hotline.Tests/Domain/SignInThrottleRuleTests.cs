using Hotline.Domain.Organisation;

namespace Hotline.Tests.Domain;

public sealed class SignInThrottleRuleTests
{
    [Fact]
    public void DelayAfter_IsFreeThenDoublesFromTheFirstDelay_UpToTheMaximum()
    {
        var rule = SignInThrottleRule.DefaultFor(SignInThrottleScope.Account);

        var delays = Enumerable.Range(1, 10).Select(failures => rule.DelayAfter(failures).TotalMinutes);

        Assert.Equal([0, 0, 0, 0, 1, 2, 4, 8, 15, 15], delays);
    }

    [Fact]
    public void DelayAfter_EndlessFailuresUnderALongMaximum_StopsAtTheMaximum()
    {
        var rule = new SignInThrottleRule(1, TimeSpan.FromDays(1), TimeSpan.FromDays(10_000), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromDays(10_000), rule.DelayAfter(int.MaxValue));
    }
}
