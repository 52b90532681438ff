using System.Globalization;
using Hotline.Text;
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
        // The labels read every name the patterns find, generic ones too, and qualify those with their place themselves
        // (RepeatEvaluationNames): they are the same whether or not the product refuses generic names. `--labels product`
        // builds them with the product's extractor instead.
        var extractor = new EntityExtractor();
        var labelling = context.Get("labels", "all-names") == "product" ? extractor : new EntityExtractor(genericNames: true);
        var set = RepeatEvaluationSet.Build(Datasets.Messages(context), labelling);
        // `--matter department`: each message carries its department as its matter, as the server's orders carry their
        // category (an event hot spot then holds one department's messages only).
        var byDepartment = context.Get("matter", "none") == "department";
        var documents = Enumerable.Range(0, set.Texts.Count)
            .Select(i => new HotSpotDocument(i.ToString(inv), set.Texts[i], set.Times[i], null, byDepartment ? set.Labels[i] : null)).ToArray();
        var end = set.Times.Max();
        var options = new HotSpotOptions
        {
            End = end,
            Entities = extractor,
            Similarity = double.Parse(context.Get("similarity", new HotSpotOptions().Similarity.ToString(inv)), inv),
            EntitySimilarity = double.Parse(context.Get("entity-similarity", new HotSpotOptions().EntitySimilarity.ToString(inv)), inv),
            CommonSimilarity = double.Parse(context.Get("common-similarity", new HotSpotOptions().CommonSimilarity.ToString(inv)), inv),
        };

        if (context.Get("names", string.Empty) == "2")
        {
            var segmenter = WordSegmenter.IsAvailable ? WordSegmenter.Default : null;
            var rows = set.Texts.Select((t, i) => (Names: labelling.Extract(t).Where(e => e.Kind is not (EntityKind.Unit or EntityKind.Region)).Select(e => e.Name).Distinct(), Places: RepeatEvaluationSet.PlacesOf(t)))
                .SelectMany(r => r.Names.Select(n => (Name: n, r.Places)))
                .GroupBy(r => r.Name)
                .Select(g => (g.Key, Count: g.Count(), Places: g.SelectMany(r => r.Places).Distinct().Count(), Generic: EntityExtractor.IsGeneric(g.Key)))
                .Where(r => r.Count >= 2)
                .OrderByDescending(r => r.Places).ThenByDescending(r => r.Count);
            // jieba's reading: the part before the kind word cut wholly into dictionary words of two or more characters.
            var agree = new int[2, 2];
            foreach (var r in rows)
            {
                var cut = segmenter?.Cut(r.Key) ?? [];
                var jieba = cut.Count >= 2 && cut.Take(cut.Count - 1).All(w => w.Length >= 2);
                agree[r.Generic ? 1 : 0, jieba ? 1 : 0]++;
                Console.WriteLine($"{r.Key}\t{r.Count}\t{r.Places}\t{(r.Generic ? "generic" : "")}\t{(jieba ? "jieba-words" : "")}\t{string.Join("/", cut)}");
            }

            Console.WriteLine($"recurring names {rows.Count()}: generic by the rule {agree[1, 0] + agree[1, 1]}, by jieba's words {agree[0, 1] + agree[1, 1]}, both {agree[1, 1]}, rule only {agree[1, 0]}, jieba only {agree[0, 1]}");

            return Task.FromResult(0);
        }

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
        Console.WriteLine("The **10 largest** labelled events: by size, ties broken by the event's key in ordinal order (an arbitrary but fixed choice among the events of the tenth's size; the column says how many tie there). The tie-free figure below counts every labelled event of at least 3 messages.\n");
        Console.WriteLine("Detectors: issue 6's (grouping by place only); the event list with the extractor as merged (generic names such as 快递公司 kept as keys, `genericNames: true`); **the event list with generic names refused** (the product now).\n");
        Console.WriteLine("| window | largest labelled events (sizes; events tied at the tenth's size) | issue 6 detector: top 10 holds | event list, generic names kept: top 10 holds | **event list, generic names refused: top 10 holds** | events held by the common-problems top 10 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        HotSpotReport? year = null, yearKept = null, yearBaseline = null;
        foreach (var days in new[] { 365, 30, 7 })
        {
            var window = options with { Window = TimeSpan.FromDays(days) };
            var report = HotSpotDetector.Detect(documents, window);
            var kept = HotSpotDetector.Detect(documents, window with { Entities = new EntityExtractor(genericNames: true) });
            var baseline = HotSpotDetector.Detect(documents, window with { ByPlaceOnly = true });
            year ??= report;
            yearKept ??= kept;
            yearBaseline ??= baseline;
            var all = LabelledEvents(set.Events, end - window.Window, window.MinSize);
            var largest = all.Take(10).ToArray();
            var tied = largest.Length == 0 ? 0 : all.Count(e => e.Size == largest[^1].Size);
            if (context.Get("diag", string.Empty) == "1")
            {
                Console.WriteLine($"events clusters {report.Clusters.Count}, sizes {string.Join(",", report.Clusters.Take(30).Select(c => c.Size))}");
                Diagnose(set.Events, all, report);
            }

            Console.WriteLine(string.Create(inv, $"| {days} days | {largest.Length} ({string.Join(", ", largest.Select(e => e.Size))}; {tied} tied) | {Held(set.Events, largest, baseline.Clusters, 10)} | {Held(set.Events, largest, kept.Clusters, 10)} | **{Held(set.Events, largest, report.Clusters, 10)}** | {Held(set.Events, largest, report.Common, 10)} |"));
        }

        var events = LabelledEvents(set.Events, end - TimeSpan.FromDays(365), options.MinSize);
        Console.WriteLine(string.Create(inv, $"\nTie-free, year-long window: of the {events.Length} labelled events of at least {options.MinSize} messages, how many the list's top N holds (same rule), and how many of its top 10 are mostly (more than half) one labelled event:\n"));
        Console.WriteLine("| detector | top 10 | top 20 | top 50 | whole list | top 10 mostly one labelled event |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, report) in new[] { ("issue 6 detector (place only)", yearBaseline!), ("event list, generic names kept", yearKept!), ("**event list, generic names refused**", year!) })
        {
            Console.WriteLine(string.Create(inv, $"| {name} | {Held(set.Events, events, report.Clusters, 10)} | {Held(set.Events, events, report.Clusters, 20)} | {Held(set.Events, events, report.Clusters, 50)} | {Held(set.Events, events, report.Clusters, int.MaxValue)} | {report.Clusters.Take(10).Count(c => Commonest(set.Events, c) is { Label: not "(none)", Share: > 0.5 })} of {Math.Min(10, report.Clusters.Count)} |"));
        }

        // The same scoring with the events the labelled same-event pairs join (rule 9): a group of messages no two of which
        // the pair rules call one event (a hospital's patients, one village name in three counties) is no labelled event.
        var joined = LabelledEvents(set.PairEvents, end - TimeSpan.FromDays(365), options.MinSize);
        var joinedLargest = joined.Take(10).ToArray();
        var joinedTied = joinedLargest.Length == 0 ? 0 : joined.Count(e => e.Size == joinedLargest[^1].Size);
        Console.WriteLine(string.Create(inv, $"\nThe same, year-long window, with the labelled events the same-event pairs join (rule 9 of docs/repeat-labelling.md: {set.PairEvents.Count(e => e is not null):N0} messages in {set.PairEvents.Where(e => e is not null).Distinct().Count():N0} events):\n"));
        Console.WriteLine("| events | largest (sizes; tied at the tenth's size) | issue 6 detector | event list, generic names kept | **event list, generic names refused** | common-problems top 10 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(inv, $"| 10 largest: top 10 holds | {joinedLargest.Length} ({string.Join(", ", joinedLargest.Select(e => e.Size))}; {joinedTied} tied) | {Held(set.PairEvents, joinedLargest, yearBaseline!.Clusters, 10)} | {Held(set.PairEvents, joinedLargest, yearKept!.Clusters, 10)} | **{Held(set.PairEvents, joinedLargest, year!.Clusters, 10)}** | {Held(set.PairEvents, joinedLargest, year.Common, 10)} |"));
        Console.WriteLine(string.Create(inv, $"| tie-free, all {joined.Length} of ≥ {options.MinSize}: top 10 / top 20 / whole list | | {Held(set.PairEvents, joined, yearBaseline.Clusters, 10)} / {Held(set.PairEvents, joined, yearBaseline.Clusters, 20)} / {Held(set.PairEvents, joined, yearBaseline.Clusters, int.MaxValue)} | {Held(set.PairEvents, joined, yearKept.Clusters, 10)} / {Held(set.PairEvents, joined, yearKept.Clusters, 20)} / {Held(set.PairEvents, joined, yearKept.Clusters, int.MaxValue)} | **{Held(set.PairEvents, joined, year.Clusters, 10)} / {Held(set.PairEvents, joined, year.Clusters, 20)} / {Held(set.PairEvents, joined, year.Clusters, int.MaxValue)}** | |"));
        if (context.Get("diag", string.Empty) == "pairs")
        {
            Diagnose(set.PairEvents, joined, year);
        }

        Console.WriteLine("\nEvent list, year-long window, top 10 (size, growth against the year before, entity, matter terms, the commonest labelled event of the members and its share):\n");
        Console.WriteLine("| # | size | entity | terms | commonest labelled event | share |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (c, k) in year!.Clusters.Take(10).Select((c, k) => (c, k)))
        {
            var (label, share) = Commonest(set.Events, c);
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
            File.WriteAllLines(dump, year.Clusters.Take(context.Get("dump-all", string.Empty) == "1" ? int.MaxValue : 10).Concat(year.Common.Take(10)).SelectMany(c =>
                new[] { $"## {c.Entity ?? "common"} {c.Size} {string.Join(" ", c.Terms)}" }.Concat(c.Ids.Take(8).Select(id => "- " + set.Texts[int.Parse(id, inv)].ReplaceLineEndings(" ")[..Math.Min(160, set.Texts[int.Parse(id, inv)].Length)]))));
            Console.WriteLine($"\nThe top 10 of both lists with up to 8 members each were written to {dump} to read by hand.");
        }

        return Task.FromResult(0);

        (string Event, int Size)[] LabelledEvents(IReadOnlyList<string?> by, DateTimeOffset from, int minSize) => by.Select((e, i) => (Event: e, Time: set.Times[i]))
            .Where(p => p.Event is not null && p.Time > from && p.Time <= end)
            .GroupBy(p => p.Event!, StringComparer.Ordinal)
            .Select(g => (Event: g.Key, Size: g.Count()))
            .Where(e => e.Size >= minSize)
            .OrderByDescending(e => e.Size).ThenBy(e => e.Event, StringComparer.Ordinal)
            .ToArray();

        // Each labelled event, the hot spots holding its messages (rank, size, how many of its messages, entity), and its
        // messages with the entities the product reads in them.
        void Diagnose(IReadOnlyList<string?> by, (string Event, int Size)[] labelled, HotSpotReport report)
        {
            foreach (var e in labelled)
            {
                var members = by.Select((x, i) => (x, i)).Where(p => p.x == e.Event).Select(p => p.i.ToString(inv)).ToHashSet();
                var where = report.Clusters.Select((c, r) => (c, r)).Where(p => p.c.Ids.Any(members.Contains)).Select(p => $"#{p.r + 1}:{p.c.Size}:{p.c.Ids.Count(members.Contains)}:{p.c.Entity}");
                Console.WriteLine($"  {e.Event} {e.Size} -> {string.Join(" ", where)}");
                foreach (var m in members)
                {
                    var t = set.Texts[int.Parse(m, inv)];
                    Console.WriteLine($"      {set.Times[int.Parse(m, inv)]:MM-dd} [{string.Join(",", extractor.Extract(t).Select(x => x.Name + ":" + x.Kind))}] {t[..Math.Min(100, t.Length)].ReplaceLineEndings(" ")}");
                }
            }
        }

        string Held(IReadOnlyList<string?> by, (string Event, int Size)[] largest, IReadOnlyList<HotSpotCluster> clusters, int n)
        {
            var top = clusters.Take(n).ToArray();
            var held = largest.Count(e => top.Any(c =>
            {
                var mine = c.Ids.Count(id => by[int.Parse(id, inv)] == e.Event);
                return mine * 2 > c.Size && mine * 2 >= e.Size;
            }));
            return string.Create(inv, $"{held} of {largest.Length}");
        }

        (string Label, double Share) Commonest(IReadOnlyList<string?> by, HotSpotCluster c)
        {
            var best = c.Ids.Select(id => by[int.Parse(id, inv)] ?? "(none)").GroupBy(e => e, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            return (best.Key, (double)best.Count() / c.Size);
        }
    }
}
