using System.Globalization;
using Hotline.Text.Entities;
using Hotline.Text.HotSpots;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Hot-spot quality on the evaluation set made from real text at run time (<see cref="RepeatEvaluationSet"/>: each message's
/// labelled event and a synthetic time over a year): how many of the largest labelled events the event list's top 10 holds,
/// over the year and over the last 30 and 7 days, beside issue 6's detector (grouping by place only) in the same run; and
/// what the common-problems list's top 10 are.
/// </summary>
public sealed class HotSpotQualityBenchmark : IBenchmark
{
    public string Name => "hotspot-quality";

    public string Description => "event hot spots' top 10 against the 10 largest labelled events of gov-messages (year, 30 and 7 days), the common problems' top 10";

    public Task<int> RunAsync(BenchContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var extractor = new EntityExtractor();
        var set = RepeatEvaluationSet.Build(Datasets.Messages(context), extractor);
        var documents = Enumerable.Range(0, set.Texts.Count).Select(i => new HotSpotDocument(i.ToString(inv), set.Texts[i], set.Times[i], null)).ToArray();
        var end = set.Times.Max();
        var options = new HotSpotOptions
        {
            End = end,
            Entities = extractor,
            Similarity = double.Parse(context.Get("similarity", new HotSpotOptions().Similarity.ToString(inv)), inv),
            EntitySimilarity = double.Parse(context.Get("entity-similarity", new HotSpotOptions().EntitySimilarity.ToString(inv)), inv),
            CommonSimilarity = double.Parse(context.Get("common-similarity", new HotSpotOptions().CommonSimilarity.ToString(inv)), inv),
        };

        if (context.Get("names", string.Empty) == "1")
        {
            var names = set.Texts.SelectMany(t => extractor.Extract(t).Select(e => e.Name).Distinct()).GroupBy(n => n).Where(g => g.Count() >= 2).OrderByDescending(g => g.Count());
            Console.WriteLine(string.Join(" ", names.Select(g => $"{g.Key}:{g.Count()}")));
            var ev = set.Events.Where(e => e is not null).GroupBy(e => e).OrderByDescending(g => g.Count()).Take(60);
            Console.WriteLine(string.Join(" ", ev.Select(g => $"{g.Key}:{g.Count()}")));
            return Task.FromResult(0);
        }

        Console.WriteLine(Measure.Header("Hot spots on real text (gov-messages evaluation set)"));
        Console.WriteLine(string.Create(inv, $"{documents.Length:N0} messages over {(end - set.Times.Min()).TotalDays:0} days; {set.Events.Count(e => e is not null):N0} carry a labelled event ({set.Events.Where(e => e is not null).Distinct().Count():N0} events). No place is given (the board's codes name cities and counties, not streets).\n"));
        Console.WriteLine("A hot spot **holds** an event when the event's messages are more than half of the hot spot's members in the window and the hot spot has at least half of the event's messages in the window; each event counts once.\n");
        Console.WriteLine("| window | largest labelled events (sizes) | issue 6 detector (place only): top 10 holds | **issue 19 event list: top 10 holds** | events held by the common-problems top 10 |");
        Console.WriteLine("|---|---|---|---|---|");
        HotSpotReport? year = null;
        foreach (var days in new[] { 365, 30, 7 })
        {
            var window = options with { Window = TimeSpan.FromDays(days) };
            var report = HotSpotDetector.Detect(documents, window);
            var baseline = HotSpotDetector.Detect(documents, window with { ByPlaceOnly = true });
            year ??= report;
            var largest = set.Events.Select((e, i) => (Event: e, Time: set.Times[i]))
                .Where(p => p.Event is not null && p.Time > end - window.Window && p.Time <= end)
                .GroupBy(p => p.Event!, StringComparer.Ordinal)
                .Select(g => (Event: g.Key, Size: g.Count()))
                .Where(e => e.Size >= window.MinSize)
                .OrderByDescending(e => e.Size).ThenBy(e => e.Event, StringComparer.Ordinal)
                .Take(10).ToArray();
            if (context.Get("diag", string.Empty) == "1")
            {
                Console.WriteLine($"events clusters {report.Clusters.Count}, sizes {string.Join(",", report.Clusters.Take(30).Select(c => c.Size))}");
                foreach (var e in largest)
                {
                    var members = set.Events.Select((x, i) => (x, i)).Where(p => p.x == e.Event).Select(p => p.i.ToString(inv)).ToHashSet();
                    var where = report.Clusters.Select((c, r) => (c, r)).Where(p => p.c.Ids.Any(members.Contains)).Select(p => $"#{p.r + 1}:{p.c.Size}:{p.c.Ids.Count(members.Contains)}:{p.c.Entity}");
                    Console.WriteLine($"  {e.Event} {e.Size} -> {string.Join(" ", where)}");
                    foreach (var m in members)
                    {
                        var t = set.Texts[int.Parse(m, inv)];
                        Console.WriteLine($"      {set.Times[int.Parse(m, inv)]:MM-dd} [{string.Join(",", extractor.Extract(t).Select(x => x.Name + ":" + x.Kind))}] {t[..Math.Min(80, t.Length)]}");
                    }
                }
            }

            Console.WriteLine(string.Create(inv, $"| {days} days | {largest.Length} ({string.Join(", ", largest.Select(e => e.Size))}) | {Held(largest, baseline.Clusters)} | **{Held(largest, report.Clusters)}** | {Held(largest, report.Common)} |"));
        }

        Console.WriteLine("\nEvent list, year-long window, top 10 (size, growth against the year before, entity, matter terms, the commonest labelled event of the members and its share):\n");
        Console.WriteLine("| # | size | entity | terms | commonest labelled event | share |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (c, k) in year!.Clusters.Take(10).Select((c, k) => (c, k)))
        {
            var (label, share) = Commonest(c);
            Console.WriteLine(string.Create(inv, $"| {k + 1} | {c.Size} | {c.Entity ?? c.Place ?? "-"} | {string.Join(" ", c.Terms)} | {label} | {share:0.00} |"));
        }

        Console.WriteLine("\nCommon problems, year-long window, top 10 (size, places/entities, terms, the departments of the members):\n");
        Console.WriteLine("| # | size | places | terms | departments (top 2) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (c, k) in year.Common.Take(10).Select((c, k) => (c, k)))
        {
            var departments = c.Ids.GroupBy(id => set.Labels[int.Parse(id, inv)], StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(2).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine(string.Create(inv, $"| {k + 1} | {c.Size} | {c.Places} | {string.Join(" ", c.Terms)} | {string.Join(", ", departments)} |"));
        }

        if (context.Get("dump", string.Empty) is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, year.Clusters.Take(10).Concat(year.Common.Take(10)).SelectMany(c =>
                new[] { $"## {c.Entity ?? "common"} {c.Size} {string.Join(" ", c.Terms)}" }.Concat(c.Ids.Take(8).Select(id => "- " + set.Texts[int.Parse(id, inv)].ReplaceLineEndings(" ")[..Math.Min(160, set.Texts[int.Parse(id, inv)].Length)]))));
            Console.WriteLine($"\nThe top 10 of both lists with up to 8 members each were written to {dump} to read by hand.");
        }

        return Task.FromResult(0);

        string Held((string Event, int Size)[] largest, IReadOnlyList<HotSpotCluster> clusters)
        {
            var top = clusters.Take(10).ToArray();
            var held = largest.Count(e => top.Any(c =>
            {
                var mine = c.Ids.Count(id => set.Events[int.Parse(id, inv)] == e.Event);
                return mine * 2 > c.Size && mine * 2 >= e.Size;
            }));
            return string.Create(inv, $"{held} of {largest.Length}");
        }

        (string Label, double Share) Commonest(HotSpotCluster c)
        {
            var best = c.Ids.Select(id => set.Events[int.Parse(id, inv)] ?? "(none)").GroupBy(e => e, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            return (best.Key, (double)best.Count() / c.Size);
        }
    }
}
