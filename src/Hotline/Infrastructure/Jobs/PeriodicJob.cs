namespace Hotline.Infrastructure.Jobs;

/// <summary>The loop of a job that runs on a fixed period as a hosted service (the timeline followers, the outbox, escalation).</summary>
public static class PeriodicJob
{
    /// <summary>
    /// Calls <paramref name="run"/> every <paramref name="every"/> until stopped. The job's heartbeat (<paramref name="name"/>)
    /// beats at the start and after every run that did not fail; a failed run is reported to <paramref name="failed"/> and the
    /// next one tries again. When <paramref name="stoppingToken"/> is cancelled the loop ends quietly, whatever the
    /// cancelled run threw.
    /// </summary>
    public static async Task RunAsync(
        JobHeartbeats heartbeats, string name, TimeSpan every, TimeProvider time, Func<CancellationToken, Task> run, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(failed);
        heartbeats.Beat(name);
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await run(stoppingToken);
                    heartbeats.Beat(name);
                }
                catch (Exception e) when (e is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    failed(e);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the run in progress was cancelled (an OperationCanceledException, or a provider's error for the
            // cancelled command). That is the end of the job, not a failure to report or to log as an error.
        }
    }
}
