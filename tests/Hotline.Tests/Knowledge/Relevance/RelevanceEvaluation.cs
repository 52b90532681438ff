using Hotline.Domain.Organisation;
using Hotline.Features.Knowledge;
using Hotline.Infrastructure.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Knowledge.Relevance;

/// <summary>One query's outcome: the 1-based rank of the first expected article in the top ten (0 when absent).</summary>
public sealed record RelevanceResult(string Query, string[] Expected, int Rank, IReadOnlyList<string> Top)
{
    public double ReciprocalRank => Rank == 0 ? 0 : 1.0 / Rank;
}

/// <summary>Mean reciprocal rank at 10 of <see cref="RelevanceQueries"/>, searched as a centre agent would.</summary>
public static class RelevanceEvaluation
{
    public const int Depth = 10;

    public static async Task<IReadOnlyList<RelevanceResult>> RunAsync(IServiceProvider services, DateTime nowUtc)
    {
        var results = new List<RelevanceResult>();
        foreach (var (query, expected) in RelevanceQueries.Cases)
        {
            await using var scope = services.CreateAsyncScope();
            var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
            var found = await index.SearchAsync(
                new SearchQuery { Text = query, Kinds = KnowledgeIndexer.Kinds, NowUtc = nowUtc, PageSize = Depth },
                SearchCaller.Staff(AccessScope.Platform));
            var titles = found.Items.Select(i => i.Title).ToList();
            var rank = titles.FindIndex(expected.Contains) + 1;
            results.Add(new RelevanceResult(query, expected, rank, titles));
        }

        return results;
    }

    public static double MeanReciprocalRank(IReadOnlyList<RelevanceResult> results) => results.Average(r => r.ReciprocalRank);
}
