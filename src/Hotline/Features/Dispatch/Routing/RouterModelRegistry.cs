using Hotline.Domain.Routing;
using Hotline.Infrastructure.Data;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>A model version loaded into memory on this node.</summary>
public sealed record LoadedRouterModel(long Id, RouterModelKind Kind, int Number, DateTime TrainedAtUtc, TextClassifier Classifier);

/// <summary>Why a model cannot be used right now; shown in every suggestion it is missing from.</summary>
public sealed record RouterWarning(string Code, string Model, string Message);

/// <summary>What this node holds for one kind of model: the loaded version, or why there is none.</summary>
/// <param name="ActiveId">The active version this state stands for (loaded, or found unusable); null when none is active.</param>
public sealed record RouterModelState(LoadedRouterModel? Model, RouterWarning? Warning, long? ActiveId, DateTime? CheckedAtUtc, double? LoadSeconds)
{
    public static RouterModelState Loading(RouterModelKind kind) =>
        new(null, new RouterWarning("router.model_loading", Name(kind), $"The {Name(kind)} model is still loading on this server; suggestions use the dispatch catalogue meanwhile."), null, null, null);

    public static string Name(RouterModelKind kind) => kind switch
    {
        RouterModelKind.Unit => "unit",
        RouterModelKind.Category => "category",
    };
}

/// <summary>
/// The active routing models of this node. Requests read the current state without waiting; a refresh (at start-up,
/// then every <see cref="RoutingOptions.ModelPollSeconds"/>, and at once after a training or an activation on this
/// node) loads a newly activated version in the background and swaps it in with one reference assignment. A missing or
/// unreadable model leaves a warning instead, which the suggestions show while they fall back to the catalogue.
/// </summary>
public sealed class RouterModelRegistry(IServiceScopeFactory scopes, TimeProvider time, ILogger<RouterModelRegistry> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RouterModelState _unit = RouterModelState.Loading(RouterModelKind.Unit);
    private volatile RouterModelState _category = RouterModelState.Loading(RouterModelKind.Category);

    public RouterModelState Unit => _unit;

    public RouterModelState Category => _category;

    public RouterModelState For(RouterModelKind kind) => kind switch
    {
        RouterModelKind.Unit => _unit,
        RouterModelKind.Category => _category,
    };

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Loads the active version of each kind when it differs from the one held (<paramref name="reload"/>: even when it does
    /// not); returns whether anything changed.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken ct, bool reload = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var active = await db.Set<RouterModel>().AsNoTracking()
                .Where(m => m.IsActive)
                .Select(m => new { m.Id, m.Kind, m.Number, m.TrainedAtUtc })
                .ToListAsync(ct);
            var changed = false;
            foreach (var kind in Enum.GetValues<RouterModelKind>())
            {
                var current = For(kind);
                var wanted = active.Where(a => a.Kind == kind).MaxBy(a => a.Id);
                RouterModelState next;
                if (wanted is null)
                {
                    if (current.Warning?.Code == "router.no_model" && !reload)
                    {
                        continue;
                    }

                    next = new RouterModelState(null, new RouterWarning("router.no_model", RouterModelState.Name(kind),
                        $"No {RouterModelState.Name(kind)} model is active: one is trained once enough work orders are closed; suggestions use the dispatch catalogue meanwhile."), null, time.GetUtcNow().UtcDateTime, null);
                }
                else if (current.ActiveId == wanted.Id && !reload)
                {
                    continue;
                }
                else
                {
                    next = await LoadAsync(db, kind, wanted.Id, wanted.Number, wanted.TrainedAtUtc, ct);
                }

                Set(kind, next);
                changed = true;
                if (next.Warning is { } warning)
                {
                    logger.LogWarning("Routing: {Message}", warning.Message);
                }
                else
                {
                    logger.LogInformation("Routing: {Kind} model version {Number} loaded in {Seconds:0.00} s", kind, next.Model!.Number, next.LoadSeconds);
                }
            }

            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RouterModelState> LoadAsync(HotlineDbContext db, RouterModelKind kind, long id, int number, DateTime trainedAtUtc, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var bytes = await db.Set<RouterModelBlob>().AsNoTracking().Where(b => b.ModelId == id).Select(b => b.Content).SingleOrDefaultAsync(ct);
        var name = RouterModelState.Name(kind);
        if (bytes is null)
        {
            return new RouterModelState(null, new RouterWarning("router.model_unusable", name,
                $"The active {name} model (version {number}) has no stored bytes; suggestions use the dispatch catalogue. Train or activate another version."), id, time.GetUtcNow().UtcDateTime, null);
        }

        try
        {
            // Parsing a large model takes a moment of CPU: off the request threads, while requests keep reading the old state.
            var classifier = await Task.Run(() => TextClassifier.Load(new MemoryStream(bytes, writable: false)), ct);
            return new RouterModelState(new LoadedRouterModel(id, kind, number, trainedAtUtc, classifier), null, id, time.GetUtcNow().UtcDateTime, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (ModelFormatException e)
        {
            return new RouterModelState(null, new RouterWarning("router.model_unusable", name,
                $"The active {name} model (version {number}) cannot be read: {e.Message} Suggestions use the dispatch catalogue. Train or activate another version."), id, time.GetUtcNow().UtcDateTime, null);
        }
    }

    private void Set(RouterModelKind kind, RouterModelState state)
    {
        switch (kind)
        {
            case RouterModelKind.Unit:
                _unit = state;
                break;
            case RouterModelKind.Category:
                _category = state;
                break;
        }
    }
}

/// <summary>Refreshes the registry at start-up and then every <see cref="RoutingOptions.ModelPollSeconds"/>.</summary>
public sealed class RouterModelLoader(RouterModelRegistry registry, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RouterModelLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(options.Value.ModelPollSeconds, 1)), time);
        do
        {
            try
            {
                await registry.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Routing: checking the active models failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
