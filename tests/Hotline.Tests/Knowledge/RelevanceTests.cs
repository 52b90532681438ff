using Hotline.Seeding;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Knowledge.Relevance;

namespace Hotline.Tests.Knowledge;

/// <summary>The relevance fixture: realistic agent queries over the demo knowledge base plus its neighbours; MRR@10 ≥ 0.8.</summary>
public abstract class RelevanceTests(AppFixture app)
{
    [Fact]
    public async Task AgentQueries_FindTheirArticles_WithMrrAtTenOfAtLeast080()
    {
        await KnowledgeDemoData.SeedAsync(app.Services, RelevanceCorpus.Articles);

        var results = await RelevanceEvaluation.RunAsync(app.Services, app.Time.GetUtcNow().UtcDateTime);
        var mrr = RelevanceEvaluation.MeanReciprocalRank(results);

        Assert.True(results.Count >= 50, $"only {results.Count} queries");
        var misses = results.Where(r => r.Rank != 1).Select(r => $"{r.Query} → rank {r.Rank} (top: {string.Join(" | ", r.Top.Take(3))})");
        Assert.True(mrr >= 0.8, $"MRR@10 = {mrr:0.000}\n{string.Join("\n", misses)}");
    }
}

public sealed class RelevanceTests_Sqlite(SqliteApp app) : RelevanceTests(app), IClassFixture<SqliteApp>;

public sealed class RelevanceTests_Postgres(PostgresApp app) : RelevanceTests(app), IClassFixture<PostgresApp>;
