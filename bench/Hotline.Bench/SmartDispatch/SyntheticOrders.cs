using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Realistic orders in any number, made in memory at run time by recombining sentences of the shared data set: each
/// synthetic text takes sentences of messages with one label, so it keeps that label. Nothing is written to disk.
/// </summary>
internal sealed class SyntheticOrders
{
    private readonly Dictionary<string, string[]> _sentences;
    private readonly string[] _labels;

    public SyntheticOrders(IReadOnlyList<LabelledText> source)
    {
        _sentences = source
            .GroupBy(s => s.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => Split(m.Text)).Where(s => s.Length >= 6).ToArray(), StringComparer.Ordinal);
        _labels = [.. _sentences.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>A text of <paramref name="minSentences"/>..<paramref name="maxSentences"/> sentences of one label, at most <paramref name="maxChars"/> long.</summary>
    public string Text(Random random, string label, int minSentences, int maxSentences, int maxChars)
    {
        var pool = _sentences[label];
        var count = random.Next(minSentences, maxSentences + 1);
        var text = string.Concat(Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Length)]));
        return text.Length > maxChars ? text[..maxChars] : text;
    }

    public List<LabelledText> Labelled(int count, int seed, int minSentences = 2, int maxSentences = 6, int maxChars = 600)
    {
        var random = new Random(seed);
        var result = new List<LabelledText>(count);
        for (var i = 0; i < count; i++)
        {
            var label = _labels[random.Next(_labels.Length)];
            result.Add(new LabelledText(Text(random, label, minSentences, maxSentences, maxChars), label));
        }

        return result;
    }

    private static IEnumerable<string> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '。' or '！' or '？' or '!' or '?' or '；')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
