using System.Diagnostics;
using System.Globalization;
using Hotline.Features.Analytics;
using Hotline.Text;
using Hotline.Text.HotSpots;

namespace Hotline.Bench.SmartDispatch;

/// <summary>The hot-spot job over 1 million orders (both lists; by default the year against the year before), with planted hot spots to find.</summary>
public sealed class HotSpotJobBenchmark : IBenchmark
{
    public string Name => "hotspot-job";

    public string Description => "hot-spot job time and memory over 1M orders, both lists, the year against the year before (--orders 1000000 --window-days 365)";

    public Task<int> RunAsync(BenchContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var count = context.GetInt("orders", 1_000_000);
        var days = context.GetInt("window-days", 365);
        var generator = new SyntheticOrders(Datasets.Messages(context));
        var end = new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.FromHours(8));
        var places = Enumerable.Range(0, 300).Select(i => $"区县{i / 20:00}街道{i % 20:00}").ToArray();
        var random = new Random(5);
        // As the server's orders carry their category's matter, each synthetic order carries its department (`--matter
        // none`: no matter, the board of the runs before 2026-12-07's thirteenth session).
        var matters = context.Get("matter", "department") != "none";
        var documents = new List<HotSpotDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var label = generator.Labels[random.Next(generator.Labels.Count)];
            documents.Add(new HotSpotDocument($"WO{i:0000000}", generator.Text(random, label, 1, 3, 240), end.AddSeconds(-random.NextInt64(2L * days * 86400)), places[random.Next(places.Length)], matters ? label : null));
        }

        // Planted: 20 outages, 40 reports each, in the last 2 days, each in one place, worded variously.
        string[] forms = ["{0}从昨天开始停水，到现在还没来水", "我住{0}，家里停水一整天了", "{0}停水快二十个小时了，请尽快恢复供水", "反映{0}停水问题，一直没人来修", "{0}突然停水，没有提前通知"];
        for (var p = 0; p < 20; p++)
        {
            var estate = $"第{p}号示范小区";
            for (var k = 0; k < 40; k++)
            {
                documents.Add(new HotSpotDocument($"HOT{p}-{k}", string.Format(inv, forms[k % forms.Length], estate), end.AddMinutes(-random.Next(2 * 1440)), places[p * 7], matters ? "城乡建设" : null));
            }
        }

        // As the server's job: keywords for the hot spots it stores ("--keywords-for all" reads every one's, as before 2026-12-07).
        var keywordsFor = context.Get("keywords-for", "stored") switch
        {
            "all" => (int?)null,
            "stored" => new AnalyticsOptions().HotSpotsStored,
            var n => int.Parse(n, inv),
        };
        var meanLength = documents.Average(d => d.Text.Length);
        Console.WriteLine(Measure.Header($"Hot-spot job over {documents.Count:N0} orders"));
        var baseline = Stopwatch.StartNew();
        Parallel.ForEach(documents, d => IndexTerms.Extract(d.Text));
        var baselineSeconds = baseline.Elapsed.TotalSeconds;

        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = HotSpotDetector.Detect(documents, new HotSpotOptions
        {
            End = end,
            Window = TimeSpan.FromDays(days),
            CandidateTerms = context.GetInt("candidate-terms", new HotSpotOptions().CandidateTerms),
            CommonTerms = context.GetInt("common-terms", new HotSpotOptions().CommonTerms),
            KeywordsFor = keywordsFor,
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var planted = report.Clusters.Take(40).Count(c => c.Ids.Count(id => id.StartsWith("HOT", StringComparison.Ordinal)) >= 30);
        Console.WriteLine(string.Create(inv, $"{count:N0} synthetic orders ({meanLength:0} characters on average) over {2 * days} days in 300 places, plus 20 planted outages of 40 reports each; window {days} days against the {days} before; entity extraction (patterns) included.\n"));
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(inv, $"| baseline: bigram index terms of every order ({Environment.ProcessorCount} cores) | {baselineSeconds:0.0} s |"));
        Console.WriteLine(string.Create(inv, $"| **hot-spot job wall time** ({Environment.ProcessorCount} cores) | **{seconds:0.0} s** |"));
        Console.WriteLine(string.Create(inv, $"| CPU time of the job (all threads) | {cpuSeconds:0.0} s |"));
        Console.WriteLine(string.Create(inv, $"| keywords read for | {(keywordsFor is { } kept ? $"the top {kept:N0} of each list" : "every hot spot")} |"));
        Console.WriteLine(string.Create(inv, $"| event hot spots (≥ 3 orders in the window) | {report.Clusters.Count:N0}, of which emerging {report.Clusters.Count(c => c.Emerging):N0} |"));
        Console.WriteLine(string.Create(inv, $"| common problems | {report.Common.Count:N0} |"));
        Console.WriteLine(string.Create(inv, $"| planted outages among the top 40 clusters (≥ 30 of their 40 reports together) | {planted} of 20 |"));
        Console.WriteLine(string.Create(inv, $"| largest cluster | {report.Clusters[0].Size} orders, {report.Clusters[0].Entity ?? report.Clusters[0].Place}, {string.Join(" ", report.Clusters[0].Terms)} |"));
        Console.WriteLine(string.Create(inv, $"| fingerprint of both lists (ids in order; same input → same lists) | {Fingerprint(report)} |"));
        Console.WriteLine(string.Create(inv, $"| peak working set of the process (the 1M texts included) | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB |"));
        return Task.FromResult(0);
    }

    private static string Fingerprint(HotSpotReport report)
    {
        var text = string.Join("\n", report.Clusters.Concat(report.Common).Select(c => string.Join(",", c.Ids)));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
    }
}
