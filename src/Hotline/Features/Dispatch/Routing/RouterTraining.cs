using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.Routing;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>What one training did for one kind of model.</summary>
/// <param name="Stored">The new version, or null when none was stored (not enough data, nothing new, another node training).</param>
public sealed record TrainingOutcome(RouterModelKind Kind, RouterModel? Stored, bool Activated, string Message);

/// <summary>How a training run is asked for.</summary>
/// <param name="TrainedBy">Recorded with the version: a user's name, "schedule" or "command line".</param>
/// <param name="Activate">true: activate the new versions; false: store them only; null: activate unless worse (see <see cref="RoutingOptions.ActivationTolerance"/>).</param>
/// <param name="OnlyIfNewData">Skip a kind whose latest version was trained on the same data (the schedule's idempotency).</param>
public sealed record TrainingRequest(string TrainedBy, bool? Activate = null, bool OnlyIfNewData = false);

/// <summary>
/// Trains the routing models from closed work orders — text (subject, events, demand) → the lead unit that finally
/// handled the order, and text → category — cross-validates each, stores it as a new version with its metadata, and
/// activates it by the rule in docs/decisions.md. One node trains at a time.
/// </summary>
public sealed class RouterTraining(IServiceScopeFactory scopes, RouterModelRegistry registry, TimeProvider time, IOptions<RoutingOptions> options, ILogger<RouterTraining> logger)
    : IDisposable
{
    private readonly JobLease _lease = new(JobLock.RouterTraining);

    public void Dispose() => _lease.Dispose();

    /// <summary>One closed order as training sees it.</summary>
    public sealed record LabelledOrder(long Id, string Text, long UnitId, string CategoryCode, DateTime ClosedAtUtc);

    /// <summary>The orders whose final lead unit is known: closed or archived after handling by a unit, newest first.</summary>
    public static IQueryable<WorkOrder> Labelled(HotlineDbContext db) => db.Set<WorkOrder>().AsNoTracking()
        .Where(w => (w.Status == WorkOrderStatus.Closed || w.Status == WorkOrderStatus.Archived) && w.LeadUnitId != null && w.ClosedAtUtc != null && w.MergedIntoId == null);

    public Task<IReadOnlyList<TrainingOutcome>> TrainAsync(TrainingRequest request, CancellationToken ct) => _lease.RunAsync<IReadOnlyList<TrainingOutcome>>(
        scopes,
        [.. Enum.GetValues<RouterModelKind>().Select(k => new TrainingOutcome(k, null, false, "Another server is training right now."))],
        (_, db, token) => TrainLeasedAsync(db, request, token),
        ct);

    private async Task<IReadOnlyList<TrainingOutcome>> TrainLeasedAsync(HotlineDbContext db, TrainingRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var rows = await Labelled(db)
            .OrderByDescending(w => w.ClosedAtUtc)
            .Take(settings.MaxTrainingOrders)
            .Select(w => new { w.Id, w.Subject, w.Events, w.Demand, w.LeadUnitId, w.CategoryCode, w.ClosedAtUtc })
            .ToListAsync(ct);
        var orders = rows.Select(r => new LabelledOrder(r.Id, WorkOrderText.Of(r.Subject, r.Events, r.Demand), r.LeadUnitId!.Value, r.CategoryCode, r.ClosedAtUtc!.Value)).ToList();
        var activeUnits = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var dataThrough = orders.Count > 0 ? orders.Max(o => o.ClosedAtUtc) : (DateTime?)null;

        var outcomes = new List<TrainingOutcome>();
        var activeSet = activeUnits.ToHashSet();
        var unitExamples = orders.Where(o => activeSet.Contains(o.UnitId)).Select(o => new LabelledText(o.Text, o.UnitId.ToString(CultureInfo.InvariantCulture))).ToList();
        outcomes.Add(await TrainKindAsync(db, RouterModelKind.Unit, Keep(unitExamples, settings.MinOrdersPerLabel), orders.Count, dataThrough, request, ct));
        var categoryExamples = FoldRareCategories(orders.Select(o => new LabelledText(o.Text, o.CategoryCode)).ToList(), settings.MinOrdersPerLabel);
        outcomes.Add(await TrainKindAsync(db, RouterModelKind.Category, categoryExamples, orders.Count, dataThrough, request, ct));

        if (outcomes.Any(o => o.Activated))
        {
            await registry.RefreshAsync(ct);
        }

        return outcomes;
    }

    /// <summary>The cheap check the schedule makes first: how many labelled orders there are and the latest closing time.</summary>
    public static async Task<(int Count, DateTime? Latest)> LabelledSummaryAsync(HotlineDbContext db, CancellationToken ct)
    {
        var count = await Labelled(db).CountAsync(ct);
        var latest = count == 0 ? null : await Labelled(db).MaxAsync(w => w.ClosedAtUtc, ct);
        return (count, latest);
    }

    /// <summary>Labels with fewer than <paramref name="minimum"/> examples are left out (the catalogue still covers those units).</summary>
    internal static List<LabelledText> Keep(List<LabelledText> examples, int minimum)
    {
        var counts = examples.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return examples.Where(e => counts[e.Label] >= minimum).ToList();
    }

    /// <summary>A rare category code is replaced by its parent (the code without its last two digits) until it is common enough.</summary>
    internal static List<LabelledText> FoldRareCategories(List<LabelledText> examples, int minimum)
    {
        var current = examples;
        for (var round = 0; round < 6; round++)
        {
            var counts = current.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (counts.All(c => c.Value >= minimum || c.Key.Length <= 2))
            {
                break;
            }

            current = current.Select(e => counts[e.Label] < minimum && e.Label.Length > 2 ? e with { Label = e.Label[..^2] } : e).ToList();
        }

        return Keep(current, minimum);
    }

    /// <summary>
    /// The chosen settings (docs/decisions.md), with a smaller hash space for a small training set; characters only when
    /// the word dictionary is missing beside the binary (a model that needs it could not be loaded).
    /// </summary>
    public static TextClassifierOptions OptionsFor(int examples)
    {
        var defaults = new TextClassifierOptions();
        var features = WordSegmenter.IsAvailable ? defaults.Features : defaults.Features with { WordOrder = 0 };
        return defaults with { Features = examples < 20_000 ? features with { HashBits = 16 } : features };
    }

    private async Task<TrainingOutcome> TrainKindAsync(HotlineDbContext db, RouterModelKind kind, List<LabelledText> examples, int labelledOrders, DateTime? dataThrough,
        TrainingRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var name = RouterModelState.Name(kind);
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count();
        if (examples.Count < settings.MinLabelledOrders || labels < 2)
        {
            return new TrainingOutcome(kind, null, false, string.Create(CultureInfo.InvariantCulture,
                $"Not enough labelled orders for a {name} model: {examples.Count} usable of {labelledOrders} closed orders over {labels} labels (needs at least {settings.MinLabelledOrders} over 2 or more labels with {settings.MinOrdersPerLabel}+ orders each)."));
        }

        var latest = await db.Set<RouterModel>().AsNoTracking().Where(m => m.Kind == kind).OrderByDescending(m => m.Number).FirstOrDefaultAsync(ct);
        if (request.OnlyIfNewData && latest is not null && latest.DataThroughUtc == dataThrough)
        {
            return new TrainingOutcome(kind, null, false, $"The latest {name} model (version {latest.Number}) was trained on the same orders; nothing to do.");
        }

        var watch = Stopwatch.StartNew();
        var classifierOptions = OptionsFor(examples.Count);
        var (classifier, quality) = await Task.Run(() =>
        {
            var trained = TextClassifier.Train(examples, classifierOptions);
            return (trained, CrossValidate(examples, classifierOptions, settings.MaxCrossValidationOrders));
        }, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        using var buffer = new MemoryStream();
        classifier.Save(buffer);
        var bytes = buffer.ToArray();

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = (await db.Set<RouterModel>().Where(m => m.Kind == kind).MaxAsync(m => (int?)m.Number, ct) ?? 0) + 1;
        var model = RouterModel.Create(kind, number, now, request.TrainedBy, examples.Count, dataThrough, classifier.Labels, quality,
            $"{classifier.Vectorizer.Settings}; {classifierOptions.Trainer.Algorithm} C={classifierOptions.Trainer.Regularization.ToString(CultureInfo.InvariantCulture)}, class-balanced{Describe(classifier.Neighbours)}",
            seconds, bytes.Length);
        db.Add(model);
        await db.SaveChangesAsync(ct);
        db.Add(new RouterModelBlob(model.Id, bytes));
        var active = await db.Set<RouterModel>().Where(m => m.Kind == kind && m.IsActive && m.Id != model.Id).ToListAsync(ct);
        var (activate, note) = Decide(request.Activate, quality, active.MaxBy(m => m.Id), settings.ActivationTolerance);
        if (activate)
        {
            foreach (var previous in active)
            {
                previous.Deactivate();
            }

            model.Activate(now, request.TrainedBy, note);
        }
        else
        {
            model.Annotate(note);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Routing: {Kind} model version {Number} trained on {Count} orders in {Seconds:0.0} s (CV macro-F1 {MacroF1}); {Note}",
            kind, number, examples.Count, seconds, quality?.MacroF1.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a", note);
        return new TrainingOutcome(kind, model, activate, note);
    }

    private static string Describe(NearestNeighbours? neighbours) => neighbours is null ? string.Empty : string.Create(CultureInfo.InvariantCulture,
        $"; + vote of the {neighbours.Settings.K} nearest of {neighbours.Count} stored orders (weight {neighbours.Settings.Weight})");

    /// <summary>The activation rule: an explicit choice wins; otherwise the new version replaces one that is not clearly better.</summary>
    internal static (bool Activate, string Note) Decide(bool? explicitChoice, RouterModelQuality? quality, RouterModel? active, double tolerance)
    {
        if (explicitChoice is { } choice)
        {
            return (choice, choice ? "Activated on request." : "Stored without activation, on request.");
        }

        if (active is null)
        {
            return (true, "Activated: no model of this kind was active.");
        }

        if (quality is null || active.CvMacroF1 is not { } activeF1 || quality.MacroF1 >= activeF1 - tolerance)
        {
            return (true, string.Create(CultureInfo.InvariantCulture, $"Activated in place of version {active.Number}."));
        }

        return (false, string.Create(CultureInfo.InvariantCulture,
            $"Not activated: cross-validated macro-F1 {quality.MacroF1:0.000} is more than {tolerance:0.00} below the active version {active.Number} ({activeF1:0.000})."));
    }

    /// <summary>Stratified k-fold CV (k ≤ 5, at most the smallest label's size) on a stratified sample of the examples.</summary>
    internal static RouterModelQuality? CrossValidate(List<LabelledText> examples, TextClassifierOptions classifierOptions, int maxExamples)
    {
        var sample = examples;
        if (examples.Count > maxExamples)
        {
            var folds = CrossValidation.StratifiedFolds(examples.Select(e => e.Label).ToArray(), (int)Math.Ceiling(examples.Count / (double)maxExamples), 17);
            sample = examples.Where((_, i) => folds[i] == 0).ToList();
        }

        var smallest = sample.GroupBy(e => e.Label, StringComparer.Ordinal).Min(g => g.Count());
        var k = Math.Min(5, smallest);
        if (k < 2)
        {
            return null;
        }

        var report = CrossValidation.Run(sample, k, 23, classifierOptions);
        return new RouterModelQuality(k, sample.Count, report.MacroF1, report.Accuracy, report.Top3Accuracy);
    }
}
