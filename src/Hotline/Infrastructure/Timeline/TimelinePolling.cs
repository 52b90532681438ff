using Hotline.Infrastructure.Jobs;

namespace Hotline.Infrastructure.Timeline;

/// <summary>The poll loop every timeline follower runs as a hosted service.</summary>
public static class TimelinePolling
{
    /// <summary>
    /// Calls <paramref name="poll"/> every <paramref name="milliseconds"/> (at least 100) until stopped; 0 or less never
    /// polls (benchmarks measure the write path without followers). A failed poll is reported and the next one tries again.
    /// The follower's heartbeat (<paramref name="follower"/>, named <c>timeline:…</c>) beats at the start and after every
    /// poll that did not fail: its lag is how long the follower has not caught up with the timeline.
    /// </summary>
    public static async Task RunAsync(JobHeartbeats heartbeats, string follower, double milliseconds, TimeProvider time, Func<CancellationToken, Task> poll, Action<Exception> failed, CancellationToken stoppingToken)
    {
        if (milliseconds <= 0)
        {
            return;
        }

        await PeriodicJob.RunAsync(heartbeats, "timeline:" + follower, TimeSpan.FromMilliseconds(Math.Max(milliseconds, 100)), time, poll, failed, stoppingToken);
    }
}
