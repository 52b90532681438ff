using System.Globalization;
using Hotline.Domain.Organisation;
using Hotline.Features.Dispatch;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>What to suggest units for: the order's text, and its category and region when known.</summary>
public sealed record RoutingQuery(string Text, string? CategoryCode, string? RegionCode);

/// <summary>
/// One suggested unit. <paramref name="Confidence"/> combines the evidence (see <see cref="RoutingBlend"/>);
/// <paramref name="ModelConfidence"/> is the model's own probability (null when the model does not know the unit).
/// <paramref name="Basis"/>: "catalogue", "territory", "model", "predictedCategory" when the catalogue line was found
/// through the category model's guess, "localCounterpart" for the district's department of the function a city
/// department named by the catalogue or the model has (<see cref="LocalCounterpart"/>), and "modelCounterpart" when that
/// city department was the model's: the model's probability for it counts for the district department, whose own
/// <paramref name="ModelConfidence"/> stays what the model gives the district department itself.
/// </summary>
public sealed record UnitSuggestion(long UnitId, string UnitName, double Confidence, double? ModelConfidence, IReadOnlyList<string> Basis, long? CatalogueEntryId);

public sealed record CategorySuggestion(string Code, string Name, string PathName, double Confidence);

/// <summary>Suggestions for one order: at most three units, best first, and at most three categories.</summary>
public sealed record RoutingSuggestionSet(
    IReadOnlyList<UnitSuggestion> Units,
    IReadOnlyList<CategorySuggestion> Categories,
    int? UnitModelVersion,
    int? CategoryModelVersion,
    IReadOnlyList<RouterWarning> Warnings)
{
    internal long? UnitModelId { get; init; }

    internal long? CatalogueUnitId { get; init; }
}

/// <summary>
/// How the dispatch catalogue, the territorial rule and the model are combined: each is evidence for a unit, joined
/// like independent signals, confidence = 1 − (1 − p_model)·(1 − prior), where the prior is
/// <see cref="CataloguePrior"/> for the catalogue's unit ("谁主管谁负责"), <see cref="TerritoryPrior"/> for the unit
/// governing the region ("属地管理优先"), both for a unit that is both, and 0 otherwise. So the catalogue's unit comes
/// first unless the model is confident of another unit (p ≥ 0.6 against a catalogue unit the model gives nothing);
/// without a model the order is catalogue, then territory. When the catalogue names a city department and the place lies
/// in a district with a department of the same function, that district department carries both priors ("属地管理优先",
/// issue 14) and so comes before the city department, which stays a candidate. The same holds for a city department the
/// model suggests: its district counterpart takes the model's probability for it and the territorial prior.
/// </summary>
public static class RoutingBlend
{
    public const double CataloguePrior = 0.6;

    public const double TerritoryPrior = 0.3;

    /// <summary>A predicted category is trusted for a catalogue look-up from this confidence on.</summary>
    public const double PredictedCategoryThreshold = 0.5;

    /// <summary>
    /// The evidence for one unit. <paramref name="CounterpartModelProbability"/>: the model's probability for the city
    /// department whose district counterpart this unit is (<see cref="LocalCounterpart"/>).
    /// </summary>
    public sealed record Candidate(
        long UnitId,
        double? ModelProbability,
        double CataloguePrior,
        double TerritoryPrior,
        long? CatalogueEntryId,
        bool ViaPredictedCategory,
        bool LocalCounterpart = false,
        double? CounterpartModelProbability = null)
    {
        /// <summary>The model evidence that counts: the unit's own probability, or its city department's when higher.</summary>
        public double? ModelEvidence => CounterpartModelProbability > (ModelProbability ?? 0) ? CounterpartModelProbability : ModelProbability;
    }

    public static double Confidence(double? model, double cataloguePrior, double territoryPrior) =>
        1 - ((1 - (model ?? 0)) * (1 - cataloguePrior) * (1 - territoryPrior));

    /// <summary>Ranks the candidates; ties go to the higher model probability, then the lower unit id.</summary>
    public static IReadOnlyList<(Candidate Candidate, double Confidence)> Rank(IEnumerable<Candidate> candidates) => candidates
        .Select(c => (c, Confidence(c.ModelEvidence, c.CataloguePrior, c.TerritoryPrior)))
        .OrderByDescending(p => p.Item2)
        .ThenByDescending(p => p.c.ModelEvidence ?? 0)
        .ThenBy(p => p.c.UnitId)
        .ToList();
}

/// <summary>Routing suggestions at intake and dispatch (issue 6): the model, the dispatch catalogue and the territorial rule together.</summary>
public sealed class RoutingSuggestions(HotlineDbContext db, RouterModelRegistry registry, CategoryDirectory categories)
{
    /// <summary>How many of the model's units are considered before the top three are chosen.</summary>
    private const int ModelCandidates = 10;

    public async Task<RoutingSuggestionSet> SuggestAsync(RoutingQuery query, CancellationToken ct)
    {
        var warnings = new List<RouterWarning>();
        var unitState = registry.Unit;
        var categoryState = registry.Category;

        var categorySuggestions = new List<CategorySuggestion>();
        if (categoryState.Model is { } categoryModel)
        {
            foreach (var (code, p) in categoryModel.Classifier.Predict(query.Text, 10))
            {
                if (categories.Find(code) is { IsActive: true } category && categorySuggestions.Count < 3)
                {
                    categorySuggestions.Add(new CategorySuggestion(category.Code, category.Name, categories.PathName(category.Code), Math.Round(p, 4)));
                }
            }
        }
        else if (categoryState.Warning is { } warning)
        {
            warnings.Add(warning);
        }

        var candidates = new Dictionary<long, RoutingBlend.Candidate>();
        if (unitState.Model is { } unitModel)
        {
            foreach (var (label, p) in unitModel.Classifier.Predict(query.Text, ModelCandidates))
            {
                if (long.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var unitId))
                {
                    candidates[unitId] = new RoutingBlend.Candidate(unitId, p, 0, 0, null, false);
                }
            }
        }
        else if (unitState.Warning is { } warning)
        {
            warnings.Add(warning);
        }

        var categoryCode = query.CategoryCode;
        var viaPrediction = false;
        if (string.IsNullOrWhiteSpace(categoryCode) && categorySuggestions.FirstOrDefault() is { Confidence: >= RoutingBlend.PredictedCategoryThreshold } guess)
        {
            categoryCode = guess.Code;
            viaPrediction = true;
        }

        DispatchProposal? catalogue = null;
        if (!string.IsNullOrWhiteSpace(categoryCode))
        {
            catalogue = await DispatchCatalogue.ProposeAsync(db, categoryCode, query.RegionCode, ct);
        }

        // Without a category the proposal is the territorial rule alone; with one whose catalogue line matched, it is asked
        // separately so the governing street or district is a candidate too.
        var territory = catalogue?.Basis == "territory"
            ? catalogue
            : string.IsNullOrWhiteSpace(query.RegionCode) ? null : await DispatchCatalogue.ProposeAsync(db, string.Empty, query.RegionCode, ct);
        if (catalogue?.Basis != "catalogue")
        {
            catalogue = null;
        }

        if (catalogue is not null)
        {
            var prior = viaPrediction ? RoutingBlend.CataloguePrior * categorySuggestions[0].Confidence : RoutingBlend.CataloguePrior;
            var existing = candidates.GetValueOrDefault(catalogue.UnitId);
            candidates[catalogue.UnitId] = new RoutingBlend.Candidate(catalogue.UnitId, existing?.ModelProbability, prior, 0, catalogue.CatalogueEntryId, viaPrediction);
        }

        await AddLocalCounterpartsAsync(candidates, query.RegionCode, ct);

        if (territory is not null)
        {
            var existing = candidates.GetValueOrDefault(territory.UnitId);
            candidates[territory.UnitId] = existing is null
                ? new RoutingBlend.Candidate(territory.UnitId, null, 0, RoutingBlend.TerritoryPrior, null, false)
                : existing with { TerritoryPrior = RoutingBlend.TerritoryPrior };
        }

        // Model labels are unit ids; only units that exist and are active now are suggested.
        var ids = candidates.Keys.ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).ToDictionaryAsync(u => u.Id, ct);
        var ranked = RoutingBlend.Rank(candidates.Values.Where(c => units.TryGetValue(c.UnitId, out var u) && IsHandlingUnit(u)))
            .Take(3)
            .Select(p => new UnitSuggestion(
                p.Candidate.UnitId,
                units[p.Candidate.UnitId].Name,
                Math.Round(p.Confidence, 4),
                p.Candidate.ModelProbability is { } m ? Math.Round(m, 4) : null,
                Basis(p.Candidate),
                p.Candidate.CatalogueEntryId))
            .ToList();
        return new RoutingSuggestionSet(ranked, categorySuggestions, unitState.Model?.Number, categoryState.Model?.Number, warnings)
        {
            UnitModelId = unitState.Model?.Id,
            CatalogueUnitId = catalogue?.UnitId,
        };
    }

    /// <summary>
    /// "属地管理优先" (issue 14) for every city department the catalogue or the model names: the district's department of
    /// the same function takes the city department's evidence (the catalogue's prior and line, the model's probability)
    /// and the territorial prior, so it comes first; the city department stays a candidate.
    /// </summary>
    private async Task AddLocalCounterpartsAsync(Dictionary<long, RoutingBlend.Candidate> candidates, string? regionCode, CancellationToken ct)
    {
        var named = candidates.Values.Where(c => c.CataloguePrior > 0 || c.ModelProbability > 0).ToList();
        var counterparts = await LocalCounterpart.FindAllAsync(db, named.Select(c => c.UnitId).ToList(), regionCode, ct);
        foreach (var city in named)
        {
            if (!counterparts.TryGetValue(city.UnitId, out var local))
            {
                continue;
            }

            var existing = candidates.GetValueOrDefault(local.Id) ?? new RoutingBlend.Candidate(local.Id, null, 0, 0, null, false);
            var fromCatalogue = city.CataloguePrior > existing.CataloguePrior;
            candidates[local.Id] = existing with
            {
                CataloguePrior = fromCatalogue ? city.CataloguePrior : existing.CataloguePrior,
                CatalogueEntryId = fromCatalogue ? city.CatalogueEntryId : existing.CatalogueEntryId,
                ViaPredictedCategory = fromCatalogue ? city.ViaPredictedCategory : existing.ViaPredictedCategory,
                TerritoryPrior = RoutingBlend.TerritoryPrior,
                LocalCounterpart = true,
                CounterpartModelProbability = city.ModelProbability > (existing.CounterpartModelProbability ?? 0) ? city.ModelProbability : existing.CounterpartModelProbability,
            };
        }
    }

    private static bool IsHandlingUnit(Unit unit) => unit.Kind is not (UnitKind.HotlineCentre or UnitKind.City);

    private static List<string> Basis(RoutingBlend.Candidate c)
    {
        var basis = new List<string>();
        if (c.CataloguePrior > 0)
        {
            basis.Add("catalogue");
            if (c.ViaPredictedCategory)
            {
                basis.Add("predictedCategory");
            }
        }

        if (c.TerritoryPrior > 0)
        {
            basis.Add("territory");
        }

        if (c.LocalCounterpart)
        {
            basis.Add("localCounterpart");
        }

        if (c.ModelProbability is > 0)
        {
            basis.Add("model");
        }

        if (c.CounterpartModelProbability is > 0)
        {
            basis.Add("modelCounterpart");
        }

        return basis;
    }
}
