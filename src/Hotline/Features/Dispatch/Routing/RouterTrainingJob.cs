using Hotline.Domain.Routing;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>
/// The scheduled retrain: every <see cref="RoutingOptions.RetrainCheckMinutes"/> it looks (one cheap aggregate query)
/// whether a model is due — none exists yet and enough labelled orders do, or the newest is older than
/// <see cref="RoutingOptions.RetrainDays"/> and orders closed since — and then trains. Idempotent: the same data
/// never gives a second version; with several nodes one trains (advisory lock in <see cref="RouterTraining"/>).
/// </summary>
public sealed class RouterTrainingJob(IServiceScopeFactory scopes, RouterTraining training, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RouterTrainingJob> logger)
    : BackgroundService
{
    /// <summary>Trains when due; returns what was done (empty when nothing was due).</summary>
    public async Task<IReadOnlyList<TrainingOutcome>> RunOnceAsync(CancellationToken ct)
    {
        if (!await IsDueAsync(ct))
        {
            return [];
        }

        var outcomes = await training.TrainAsync(new TrainingRequest("schedule", Activate: null, OnlyIfNewData: true), ct);
        foreach (var outcome in outcomes.Where(o => o.Stored is null))
        {
            logger.LogInformation("Routing: scheduled {Kind} training: {Message}", outcome.Kind, outcome.Message);
        }

        return outcomes;
    }

    private async Task<bool> IsDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var (count, latest) = await RouterTraining.LabelledSummaryAsync(db, ct);
        if (count < settings.MinLabelledOrders)
        {
            return false;
        }

        var newest = await db.Set<RouterModel>().AsNoTracking()
            .GroupBy(m => m.Kind)
            .Select(g => new { Kind = g.Key, TrainedAtUtc = g.Max(m => m.TrainedAtUtc), DataThroughUtc = g.Max(m => m.DataThroughUtc) })
            .ToListAsync(ct);
        if (newest.Count < Enum.GetValues<RouterModelKind>().Length)
        {
            return true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return newest.Any(n => n.DataThroughUtc != latest && now - n.TrainedAtUtc >= TimeSpan.FromDays(settings.RetrainDays));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.RetrainCheckMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Routing: scheduled training failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
