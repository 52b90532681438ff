using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>Routing model speed: classification throughput on one thread, training time on 100,000 synthetic orders, memory.</summary>
public sealed class RouterSpeedBenchmark : IBenchmark
{
    public string Name => "router-speed";

    public string Description => "routing: texts/s on one thread (+ tokenise/hash baselines), training on 100k orders (--orders 100000)";

    public Task<int> RunAsync(BenchContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var messages = Datasets.Messages(context);
        var orders = context.GetInt("orders", 100_000);
        Console.WriteLine(Measure.Header("Routing model speed"));

        // Classification throughput on ONE thread: the real messages (mean length shown), model trained on them.
        var model = TextClassifier.Train(messages);
        var texts = Enumerable.Range(0, 4).SelectMany(_ => messages.Select(m => m.Text)).ToArray();
        var meanLength = texts.Average(t => t.Length);
        double Rate(Action<string> action)
        {
            foreach (var t in texts.Take(500))
            {
                action(t);
            }

            var watch = Stopwatch.StartNew();
            foreach (var t in texts)
            {
                action(t);
            }

            return texts.Length / watch.Elapsed.TotalSeconds;
        }

        var buckets = new List<int>();
        var normalize = Rate(t => TextNormalizer.Normalize(t));
        var hash = Rate(t =>
        {
            buckets.Clear();
            CharNGrams.Extract(t, model.Vectorizer.Settings, buckets);
        });
        var vectorize = Rate(t => model.Vectorizer.Transform(t));
        var predict = Rate(t => model.Predict(t, 3));
        Console.WriteLine(string.Create(inv, $"Classification, one thread, {texts.Length:N0} messages of {meanLength:0} characters on average (top-3 with confidences):\n"));
        Console.WriteLine("| step (one thread) | texts/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| baseline: normalise only | {Measure.Rate(normalize)} |");
        Console.WriteLine($"| baseline: normalise + boilerplate + n-gram hashing | {Measure.Rate(hash)} |");
        Console.WriteLine($"| + TF-IDF vector | {Measure.Rate(vectorize)} |");
        Console.WriteLine($"| **Predict(text, 3)** (all of the above + linear scores + softmax + top-3) | **{Measure.Rate(predict)}** |");

        // Training on synthetic orders: sentences of the data set recombined in memory, 2–6 sentences per text.
        var synthetic = new SyntheticOrders(messages).Labelled(orders, 7, minSentences: 1, maxSentences: 4, maxChars: 400);
        var syntheticLength = synthetic.Average(s => s.Text.Length);
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var big = TextClassifier.Train(synthetic);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var modelBytes = GC.GetTotalMemory(true) - before;
        using var stream = new MemoryStream();
        big.Save(stream);
        var vectorWatch = Stopwatch.StartNew();
        big.Vectorizer.TransformAll(synthetic.Select(s => s.Text).ToArray());
        var vectorSeconds = vectorWatch.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Training on {orders:N0} synthetic orders ({syntheticLength:0} characters on average, {big.Labels.Count} labels), default settings:\n"));
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(inv, $"| **training wall time** (idf + vectors + SVM, {Environment.ProcessorCount} cores) | **{seconds:0.0} s** |"));
        Console.WriteLine(string.Create(inv, $"| CPU time of that training (all threads) | {cpuSeconds:0.0} s |"));
        Console.WriteLine(string.Create(inv, $"| baseline: vectorising the same texts once ({Environment.ProcessorCount} cores) | {vectorSeconds:0.0} s |"));
        Console.WriteLine(string.Create(inv, $"| model in memory (managed heap) | {modelBytes / 1048576.0:0} MiB |"));
        Console.WriteLine(string.Create(inv, $"| model file | {stream.Length / 1048576.0:0.0} MiB |"));
        Console.WriteLine(string.Create(inv, $"| peak working set of the process | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB |"));
        return Task.FromResult(0);
    }
}
