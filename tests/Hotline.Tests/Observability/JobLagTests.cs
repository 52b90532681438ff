using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Observability;

/// <summary>The jobs' part of readiness: a loop that has not finished a pass for longer than the limit makes the node not ready.</summary>
public sealed class JobLagTests
{
    [Fact]
    public async Task JobLag_PastTheLimit_IsUnhealthyNamingTheLoop_AndABeatMakesItHealthyAgain()
    {
        var time = new SteppedTimestamps();
        var heartbeats = new JobHeartbeats(time);
        var check = new JobLagHealthCheck(heartbeats, Options.Create(new ObservabilityOptions { MaxJobLagSeconds = 300 }));
        heartbeats.Beat("alert-lights");
        heartbeats.Beat("timeline:live-updates");

        time.Advance(TimeSpan.FromSeconds(200));
        heartbeats.Beat("timeline:live-updates");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        time.Advance(TimeSpan.FromSeconds(101));
        var late = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Contains("alert-lights", late.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("live-updates", late.Description, StringComparison.Ordinal);
        Assert.Equal(301, heartbeats.Lags().Single(l => l.Job == "alert-lights").Lag.TotalSeconds, precision: 3);

        heartbeats.Beat("alert-lights");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    /// <summary>A monotonic clock the test moves (the heartbeats read timestamps, not the wall clock).</summary>
    private sealed class SteppedTimestamps : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
