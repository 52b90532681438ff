using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Routing;
using Hotline.Features.Dispatch;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Dispatch.Routing;

public sealed record RoutingSuggestionRequest([property: MaxLength(Limits.ShortText)] string? Subject, [property: MaxLength(Limits.LongText)] string? Events, [property: MaxLength(Limits.MediumText)] string? Demand, [property: MaxLength(Limits.Code)] string? CategoryCode, [property: MaxLength(Limits.Code)] string? RegionCode);

public sealed record CrossValidationView(int Folds, int Orders, double MacroF1, double Accuracy, double Top3Accuracy);

public sealed record RouterModelView(
    long Id, RouterModelKind Kind, int Version, DateTimeOffset TrainedAt, string TrainedBy, int TrainingSize, DateTimeOffset? DataThrough, int LabelCount,
    CrossValidationView? CrossValidation, string Settings, double TrainingSeconds, int SizeBytes, bool IsActive, DateTimeOffset? ActivatedAt, string? ActivatedBy, string? Note);

public sealed record RouterLabelView(string Label, string? Name);

public sealed record RouterModelDetail(RouterModelView Model, IReadOnlyList<RouterLabelView> Labels);

/// <summary>What this server node has loaded for one kind of model.</summary>
public sealed record LoadedModelView(RouterModelKind Kind, int? Version, DateTimeOffset? CheckedAt, double? LoadSeconds, RouterWarning? Warning);

/// <summary>When a model is trained (docs/decisions.md), and how much labelled data exists now.</summary>
public sealed record TrainingRuleView(int MinLabelledOrders, int MinOrdersPerLabel, double RetrainDays, double RetrainCheckMinutes, int LabelledOrders, DateTimeOffset? LatestClosed);

public sealed record RouterModelsView(IReadOnlyList<RouterModelView> Versions, IReadOnlyList<LoadedModelView> Loaded, TrainingRuleView Training);

public sealed record TrainRequest(bool? Activate);

public sealed record TrainingResultView(RouterModelKind Kind, RouterModelView? Stored, bool Activated, string Message);

public sealed record AcceptanceFigures(
    int Dispatched, int TopChosen, int InTopThree, int CatalogueChosen, int WithModel, int Returned, double? TopRate, double? TopThreeRate, double? CatalogueRate, double? ReturnRate)
{
    public static AcceptanceFigures Of(int dispatched, int top, int three, int catalogue, int withModel, int returned) =>
        new(dispatched, top, three, catalogue, withModel, returned, Rate(top, dispatched), Rate(three, dispatched), Rate(catalogue, dispatched), Rate(returned, dispatched));

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 4);
}

public sealed record WeekAcceptance(DateOnly WeekStart, AcceptanceFigures Figures);

public sealed record ModelAcceptance(int? ModelVersion, AcceptanceFigures Figures);

public sealed record AcceptanceReport(DateOnly From, DateOnly To, AcceptanceFigures Total, IReadOnlyList<WeekAcceptance> Weeks, IReadOnlyList<ModelAcceptance> ModelVersions);

/// <summary>
/// Routing suggestions (intake and dispatch), the acceptance report, and the administration of model versions:
/// <c>/api/routing/…</c> and <c>GET /api/work-orders/{id}/routing-suggestions</c>.
/// </summary>
public static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing").WithTags("Smart dispatch");
        group.MapPost("/suggestions", Suggest).RequireAuthorization(Policies.IntakeAssist);
        group.MapGet("/acceptance", Acceptance).RequireAuthorization(Policies.Oversee);
        group.MapGet("/models", Models).RequireAuthorization(Policies.ManageSmartDispatch);
        group.MapGet("/models/{id:long}", Model).RequireAuthorization(Policies.ManageSmartDispatch);
        group.MapPost("/models/train", Train).RequireAuthorization(Policies.ManageSmartDispatch);
        group.MapPost("/models/{id:long}/activate", Activate).RequireAuthorization(Policies.ManageSmartDispatch);
        app.MapGet("/api/work-orders/{id:long}/routing-suggestions", ForOrder).WithTags("Smart dispatch").RequireAuthorization(Policies.IntakeAssist);
        return app;
    }

    private static async Task<Ok<RoutingSuggestionSet>> Suggest(RoutingSuggestionRequest request, RoutingSuggestions suggestions, CancellationToken ct)
    {
        var text = WorkOrderText.Of(request.Subject ?? string.Empty, request.Events ?? string.Empty, request.Demand ?? string.Empty);
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Subject) || !string.IsNullOrWhiteSpace(request.Events) || !string.IsNullOrWhiteSpace(request.Demand), "events", "Give the text of the request (subject, events or demand).")
            .Require(text.Length <= 8000, "events", "At most 8,000 characters of text.")
            .Require(request.CategoryCode is null || request.CategoryCode.Length <= 12, "categoryCode", "A category code has at most 12 characters.")
            .Require(request.RegionCode is null || request.RegionCode.Length <= 12, "regionCode", "A region code has at most 12 characters.")
            .ThrowIfInvalid();
        return TypedResults.Ok(await suggestions.SuggestAsync(new RoutingQuery(text, Blank(request.CategoryCode), Blank(request.RegionCode)), ct));
    }

    private static async Task<Ok<RoutingSuggestionSet>> ForOrder(long id, WorkOrderCommands commands, RoutingSuggestions suggestions, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        return TypedResults.Ok(await suggestions.SuggestAsync(new RoutingQuery(WorkOrderText.Of(order.Subject, order.Events, order.Demand), order.CategoryCode, order.RegionCode), ct));
    }

    private static async Task<Ok<AcceptanceReport>> Acceptance(DateOnly? from, DateOnly? to, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        foreach (var (date, field) in new[] { (from, "from"), (to, "to") })
        {
            if (date is { } d && !ChinaTime.IsSupported(d))
            {
                throw ValidationException.For(field, $"Give a date {ChinaTime.SupportedRange}.");
            }
        }

        var until = to ?? ChinaTime.LocalDate(time.GetUtcNow());
        var since = from ?? RoutingOutcomeRecorder.WeekStart(time.GetUtcNow().UtcDateTime).AddDays(-7 * 11);
        if (since > until)
        {
            throw ValidationException.For("from", "The start is after the end.");
        }

        var firstWeek = since.AddDays(-(((int)since.DayOfWeek + 6) % 7));
        var records = db.Set<RoutingRecord>().AsNoTracking().Where(r => r.WeekStart >= firstWeek && r.WeekStart <= until);
        var weeks = await records.GroupBy(r => r.WeekStart).Select(g => new
        {
            g.Key,
            Dispatched = g.Count(),
            Top = g.Count(r => r.ChosenRank == 1),
            Three = g.Count(r => r.ChosenRank != null),
            Catalogue = g.Count(r => r.CatalogueUnitId != null && r.CatalogueUnitId == r.DispatchedUnitId),
            WithModel = g.Count(r => r.ModelId != null),
            Returned = g.Count(r => r.Returned),
        }).OrderBy(g => g.Key).ToListAsync(ct);
        var models = await records.GroupBy(r => r.ModelVersion).Select(g => new
        {
            g.Key,
            Dispatched = g.Count(),
            Top = g.Count(r => r.ChosenRank == 1),
            Three = g.Count(r => r.ChosenRank != null),
            Catalogue = g.Count(r => r.CatalogueUnitId != null && r.CatalogueUnitId == r.DispatchedUnitId),
            WithModel = g.Count(r => r.ModelId != null),
            Returned = g.Count(r => r.Returned),
        }).ToListAsync(ct);
        var total = AcceptanceFigures.Of(weeks.Sum(w => w.Dispatched), weeks.Sum(w => w.Top), weeks.Sum(w => w.Three), weeks.Sum(w => w.Catalogue), weeks.Sum(w => w.WithModel), weeks.Sum(w => w.Returned));
        return TypedResults.Ok(new AcceptanceReport(
            firstWeek,
            until,
            total,
            weeks.Select(w => new WeekAcceptance(w.Key, AcceptanceFigures.Of(w.Dispatched, w.Top, w.Three, w.Catalogue, w.WithModel, w.Returned))).ToList(),
            models.OrderBy(m => m.Key ?? 0).Select(m => new ModelAcceptance(m.Key, AcceptanceFigures.Of(m.Dispatched, m.Top, m.Three, m.Catalogue, m.WithModel, m.Returned))).ToList()));
    }

    private static async Task<Ok<RouterModelsView>> Models(HotlineDbContext db, RouterModelRegistry registry, IOptions<RoutingOptions> options, CancellationToken ct)
    {
        var versions = await db.Set<RouterModel>().AsNoTracking().OrderBy(m => m.Kind).ThenByDescending(m => m.Number).ToListAsync(ct);
        var (count, latest) = await RouterTraining.LabelledSummaryAsync(db, ct);
        var settings = options.Value;
        return TypedResults.Ok(new RouterModelsView(
            versions.Select(ToView).ToList(),
            Loaded(registry),
            new TrainingRuleView(settings.MinLabelledOrders, settings.MinOrdersPerLabel, settings.RetrainDays, settings.RetrainCheckMinutes, count, WorkOrderDto.Local(latest))));
    }

    private static async Task<Ok<RouterModelDetail>> Model(long id, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var model = await db.Set<RouterModel>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("router_model.not_found", "No such model version.");
        IReadOnlyList<RouterLabelView> labels;
        if (model.Kind == RouterModelKind.Unit)
        {
            var ids = model.Labels.Select(l => long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList();
            var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.Name, ct);
            labels = model.Labels.Select(l => new RouterLabelView(l, names.GetValueOrDefault(l))).ToList();
        }
        else
        {
            labels = model.Labels.Select(l => new RouterLabelView(l, categories.Find(l) is null ? null : categories.PathName(l))).ToList();
        }

        return TypedResults.Ok(new RouterModelDetail(ToView(model), labels));
    }

    private static async Task<Ok<List<TrainingResultView>>> Train(TrainRequest? request, RouterTraining training, CurrentUser user, CancellationToken ct)
    {
        var outcomes = await training.TrainAsync(new TrainingRequest(user.DisplayName, request?.Activate), ct);
        return TypedResults.Ok(outcomes.Select(o => new TrainingResultView(o.Kind, o.Stored is null ? null : ToView(o.Stored), o.Activated, o.Message)).ToList());
    }

    private static async Task<Ok<RouterModelsView>> Activate(long id, HotlineDbContext db, RouterModelRegistry registry, CurrentUser user, TimeProvider time, IOptions<RoutingOptions> options, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var model = await db.Set<RouterModel>().SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("router_model.not_found", "No such model version.");
            foreach (var other in await db.Set<RouterModel>().Where(m => m.Kind == model.Kind && m.IsActive && m.Id != id).ToListAsync(ct))
            {
                other.Deactivate();
            }

            model.Activate(time.GetUtcNow().UtcDateTime, user.DisplayName, "Activated by hand.");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // This node loads it before answering; the others within their poll interval.
        await registry.RefreshAsync(ct);
        db.ChangeTracker.Clear();
        return await Models(db, registry, options, ct);
    }

    private static List<LoadedModelView> Loaded(RouterModelRegistry registry) => Enum.GetValues<RouterModelKind>().Select(kind =>
    {
        var state = registry.For(kind);
        return new LoadedModelView(kind, state.Model?.Number, WorkOrderDto.Local(state.CheckedAtUtc), state.LoadSeconds is { } s ? Math.Round(s, 3) : null, state.Warning);
    }).ToList();

    private static RouterModelView ToView(RouterModel m) => new(
        m.Id, m.Kind, m.Number, WorkOrderDto.Local(m.TrainedAtUtc), m.TrainedBy, m.TrainingSize, WorkOrderDto.Local(m.DataThroughUtc), m.Labels.Count,
        m.Quality is { } q ? new CrossValidationView(q.Folds, q.Examples, Math.Round(q.MacroF1, 4), Math.Round(q.Accuracy, 4), Math.Round(q.Top3Accuracy, 4)) : null,
        m.Settings, Math.Round(m.TrainingSeconds, 2), m.SizeBytes, m.IsActive, WorkOrderDto.Local(m.ActivatedAtUtc), m.ActivatedBy, m.Note);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
