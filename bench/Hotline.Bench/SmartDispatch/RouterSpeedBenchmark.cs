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
        var loadWatch = Stopwatch.StartNew();
        var dictionaryBefore = GC.GetTotalMemory(true);
        var segmenter = WordSegmenter.Default;
        var dictionarySeconds = loadWatch.Elapsed.TotalSeconds;
        var dictionaryBytes = GC.GetTotalMemory(true) - dictionaryBefore;
        var model = TextClassifier.Train(messages);
        var withNeighbours = TextClassifier.Train(messages, new TextClassifierOptions { Neighbours = new NeighbourSettings() });
        var texts = Enumerable.Range(0, 8).SelectMany(_ => messages.Select(m => m.Text)).ToArray();
        var meanLength = texts.Average(t => t.Length);
        // Texts per second of wall time and per second of CPU time (the machine may be shared; the CPU figure is what
        // one core does when it runs this thread).
        (double Wall, double Cpu) Rate(Action<string> action)
        {
            foreach (var t in texts.Take(3000))
            {
                action(t);
            }

            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var t in texts)
            {
                action(t);
            }

            var wall = watch.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            return (texts.Length / wall, texts.Length / cpu);
        }

        var buckets = new List<int>();
        var normalize = Rate(t => TextNormalizer.Normalize(t));
        var hash = Rate(t =>
        {
            buckets.Clear();
            CharNGrams.Extract(t, model.Vectorizer.Settings, buckets);
        });
        var lengths = new List<int>();
        var segment = Rate(t =>
        {
            var normalized = TextNormalizer.Normalize(t);
            lengths.Clear();
            segmenter.Segment(normalized, lengths);
        });
        var jieba = new JiebaNet.Segmenter.JiebaSegmenter();
        var words = 0;
        var jiebaRate = Rate(t => words += jieba.Cut(TextNormalizer.Normalize(t), cutAll: false, hmm: false).Count());
        var neighbourPredict = Rate(t => withNeighbours.Predict(t, 3));
        var vectorize = Rate(t => model.Vectorizer.Transform(t));
        var predict = Rate(t => model.Predict(t, 3));
        Console.WriteLine(string.Create(inv, $"Classification, one thread, {texts.Length:N0} messages of {meanLength:0} characters on average (top-3 with confidences):\n"));
        Console.WriteLine("| step (one thread) | texts/s (wall) | texts/s per CPU-second |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| baseline: normalise only | {Measure.Rate(normalize.Wall)} | {Measure.Rate(normalize.Cpu)} |");
        Console.WriteLine($"| baseline: normalise + boilerplate + n-gram hashing | {Measure.Rate(hash.Wall)} | {Measure.Rate(hash.Cpu)} |");
        Console.WriteLine($"| baseline: normalise + word segmentation (own segmenter, jieba's dictionary) | {Measure.Rate(segment.Wall)} | {Measure.Rate(segment.Cpu)} |");
        Console.WriteLine($"| baseline: normalise + jieba.NET's own segmenter (precise mode, no HMM) | {Measure.Rate(jiebaRate.Wall)} | {Measure.Rate(jiebaRate.Cpu)} |");

        Console.WriteLine($"| + TF-IDF vector ({model.Vectorizer.Settings}) | {Measure.Rate(vectorize.Wall)} | {Measure.Rate(vectorize.Cpu)} |");
        Console.WriteLine($"| **Predict(text, 3)** (all of the above + linear scores + softmax + top-3) | **{Measure.Rate(predict.Wall)}** | **{Measure.Rate(predict.Cpu)}** |");
        Console.WriteLine($"| option: + neighbour vote over {withNeighbours.Neighbours!.Count:N0} stored texts, Predict(text, 3) | {Measure.Rate(neighbourPredict.Wall)} | {Measure.Rate(neighbourPredict.Cpu)} |");
        Console.WriteLine(string.Create(inv, $"\nWord dictionary: {segmenter.Words:N0} words loaded in {dictionarySeconds:0.00} s, {dictionaryBytes / 1048576.0:0} MiB of managed heap."));
        Console.WriteLine($"\nLoad average while measuring: {File.ReadAllText("/proc/loadavg").Trim()}.");

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
