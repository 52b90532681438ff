using System.Diagnostics.Metrics;
using System.Text.Json;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Jobs;

namespace Hotline.Infrastructure.Observability;

/// <summary>
/// The server's own instruments, on the meter <see cref="MeterName"/>: what the jobs did (lights turned, reminders
/// sent, search documents rebuilt) and how far behind each background loop is. Prometheus sees them as
/// <c>hotline_alert_lights_turned_total</c>, <c>hotline_reminders_sent_total</c>,
/// <c>hotline_search_reindexed_total</c> and <c>hotline_jobs_lag_seconds</c>. Nothing here is recorded per request.
/// </summary>
public sealed class HotlineMetrics
{
    public const string MeterName = "Hotline";

    private static readonly KeyValuePair<string, object?>[] LightTags = Enum.GetValues<Light>().Select(Tag<Light>("light")).ToArray();

    private static readonly KeyValuePair<string, object?>[] ReminderTags = Enum.GetValues<ReminderKind>().Select(Tag<ReminderKind>("kind")).ToArray();

    private readonly Counter<long> _lightsTurned;
    private readonly Counter<long> _remindersSent;
    private readonly Counter<long> _searchReindexed;

    public HotlineMetrics(IMeterFactory meters, JobHeartbeats heartbeats)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(heartbeats);
        var meter = meters.Create(MeterName);
        _lightsTurned = meter.CreateCounter<long>("hotline.alert_lights.turned", "{order}", "Alert lights the alert-light job changed, by the colour they turned to.");
        _remindersSent = meter.CreateCounter<long>("hotline.reminders.sent", "{reminder}", "Reminders (催办) issued, automatic by the alert-light job or manual by staff.");
        _searchReindexed = meter.CreateCounter<long>("hotline.search.reindexed", "{document}", "Search documents rebuilt by the reindex job.");
        meter.CreateObservableGauge(
            "hotline.jobs.lag",
            () => heartbeats.Lags().Select(l => new Measurement<double>(l.Lag.TotalSeconds, new KeyValuePair<string, object?>("job", l.Job))),
            "s",
            "Time since each background loop of this node last finished a pass (timeline followers, alert lights).");
    }

    public void LightTurned(Light to) => _lightsTurned.Add(1, LightTags[(int)to]);

    public void RemindersSent(ReminderKind kind, int count)
    {
        if (count > 0)
        {
            _remindersSent.Add(count, ReminderTags[(int)kind]);
        }
    }

    public void SearchReindexed(int count)
    {
        if (count > 0)
        {
            _searchReindexed.Add(count);
        }
    }

    private static Func<T, KeyValuePair<string, object?>> Tag<T>(string name)
        where T : struct, Enum => value => new(name, JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
}
