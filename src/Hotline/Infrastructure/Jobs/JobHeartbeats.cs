using System.Collections.Concurrent;

namespace Hotline.Infrastructure.Jobs;

/// <summary>
/// When each background loop of this node last finished a pass (a poll of a timeline follower, a run of the alert
/// lights). A loop beats when it starts and after every pass that did not fail, whether or not it held the job lease:
/// a loop whose passes keep failing, hang or take too long shows a growing lag. Readiness and the
/// <c>hotline.jobs.lag</c> gauge read it. Elapsed time is measured with the monotonic timestamp, not the wall clock.
/// </summary>
public sealed class JobHeartbeats(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _beats = new(StringComparer.Ordinal);

    /// <summary>The loop <paramref name="job"/> finished a pass (or started) now.</summary>
    public void Beat(string job) => _beats[job] = time.GetTimestamp();

    /// <summary>Each loop that has started, with the time since its last beat.</summary>
    public IEnumerable<(string Job, TimeSpan Lag)> Lags()
    {
        var now = time.GetTimestamp();
        foreach (var (job, at) in _beats)
        {
            yield return (job, time.GetElapsedTime(at, now));
        }
    }
}
