using Hotline.Text.HotSpots;

namespace Hotline.Tests.Text;

/// <summary>
/// The common-problems list (issue 19): on a board that gives no places, a city-wide question is still a common problem;
/// the previous window's orders are counted for the current window's problems; and the list does not depend on the cores.
/// </summary>
public sealed class HotSpotCommonTests
{
    private static readonly DateTimeOffset End = new(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Detect_ATopicWithoutPlaceOrEntity_IsACommonProblem()
    {
        // A board without a place column (the issue's public board): the kindergarten question names no place, no entity.
        var documents = HotSpotDetectorTests.Noise(7).Select(d => d with { Place = null }).ToList();
        documents.AddRange(HotSpotListsTests.Kindergarten.Select((t, i) => new HotSpotDocument($"KG{i}", t, End.AddHours(-100 + (i * 9)), null)));
        documents.AddRange(HotSpotListsTests.Outage.Select((t, i) => new HotSpotDocument($"OUT{i}", t, End.AddHours(-40 + (i * 3)), null)));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var common = Assert.Single(report.Common, c => c.Ids.Count(id => id.StartsWith("KG", StringComparison.Ordinal)) * 2 > c.Size);
        Assert.InRange(common.Ids.Count(id => id.StartsWith("KG", StringComparison.Ordinal)), 8, HotSpotListsTests.Kindergarten.Length);
        Assert.True(common.Places >= 8, $"{common.Places} places");
        Assert.DoesNotContain(report.Clusters, c => c.Ids.Any(id => id.StartsWith("KG", StringComparison.Ordinal)));

        // One compound's outage is an event, never a common problem, place or no place.
        Assert.Contains(report.Clusters, c => c.Entity == "翠湖家园" && c.Ids.All(id => id.StartsWith("OUT", StringComparison.Ordinal)));
        Assert.DoesNotContain(report.Common, c => c.Ids.Count(id => id.StartsWith("OUT", StringComparison.Ordinal)) * 2 > c.Size);
    }

    [Fact]
    public void Detect_TheCommonProblemsPreviousSize_CountsTheSameQuestionInTheWeekBefore()
    {
        // Ten districts ask this week, four the week before: the week before counts for this week's problem.
        var documents = HotSpotListsTests.Kindergarten.Select((t, i) => new HotSpotDocument($"KG{i}", t, End.AddHours(-100 + (i * 9)), $"区县{i:00}")).ToList();
        documents.AddRange(HotSpotListsTests.Kindergarten.Take(4).Select((t, i) => new HotSpotDocument($"OLD{i}", t, End.AddDays(-9).AddHours(i), $"区县{i + 20:00}")));

        var report = HotSpotDetector.Detect(documents, new HotSpotOptions { End = End });

        var common = Assert.Single(report.Common);
        Assert.All(common.Ids, id => Assert.StartsWith("KG", id, StringComparison.Ordinal));
        // As in this week's cluster, a wording that shares too little with the others may stay out of it.
        Assert.InRange(common.PreviousSize, 3, 4);
        Assert.Equal((double)common.Size / common.PreviousSize, common.Growth);
        Assert.Equal(common.Size >= 2 * common.PreviousSize, common.Emerging);
    }

    [Fact]
    public async Task Detect_OnOneThread_GivesTheSameListsAsOnAllCores()
    {
        // Enough orders in each window for the parallel steps (batches of 2,048 and more).
        var noise = HotSpotDetectorTests.Noise(14).ToArray();
        var documents = Enumerable.Range(0, (6000 / noise.Length) + 1)
            .SelectMany(r => noise.Select(d => d with { Id = $"{d.Id}-{r}", Text = $"{d.Text}（第{r}次反映）", Time = d.Time.AddMinutes(-r) }))
            .ToList();
        documents.AddRange(HotSpotListsTests.Kindergarten.Select((t, i) => new HotSpotDocument($"KG{i}", t, End.AddHours(-100 + (i * 9)), $"区县{i:00}")));
        var options = new HotSpotOptions { End = End };

        var all = HotSpotDetector.Detect(documents, options);
        var one = await Task.Factory.StartNew(
            () => HotSpotDetector.Detect(documents, options),
            CancellationToken.None,
            TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler);

        Assert.True(all.Common.Count > 0);
        Assert.Equal(Lists(all.Common), Lists(one.Common));
        Assert.Equal(Lists(all.Clusters), Lists(one.Clusters));
    }

    private static IEnumerable<string> Lists(IReadOnlyList<HotSpotCluster> clusters) =>
        clusters.Select(c => $"{c.Size}/{c.PreviousSize}:{string.Join(",", c.Ids)}");
}
