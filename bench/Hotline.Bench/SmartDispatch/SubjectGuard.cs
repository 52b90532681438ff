using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Keeps subject lines (subjects.tsv) out of training when they may belong to a message the model is scored on.
/// subjects.tsv and messages.tsv come from the same board and do not say which subject heads which message, so a subject
/// line counts as a message's when at least <see cref="Threshold"/> of its character bigrams occur in that message's
/// text. A model trained on some messages may use only the subject lines that match none of the other messages (the
/// CV fold scored, and always the held-out 20 %).
/// </summary>
internal sealed class SubjectGuard
{
    public const double Threshold = 0.5;

    private readonly List<LabelledText> _subjects;

    // For each subject line, the messages (by text) it may head.
    private readonly List<string>[] _owners;

    public SubjectGuard(IReadOnlyList<LabelledText> messages, List<LabelledText> subjects, double threshold = Threshold)
    {
        _subjects = subjects;
        ThresholdUsed = threshold;
        var postings = new Dictionary<int, List<int>>();
        for (var m = 0; m < messages.Count; m++)
        {
            foreach (var bigram in Bigrams(messages[m].Text))
            {
                if (!postings.TryGetValue(bigram, out var list))
                {
                    postings[bigram] = list = [];
                }

                list.Add(m);
            }
        }

        _owners = new List<string>[subjects.Count];
        Parallel.For(0, subjects.Count, s =>
        {
            var grams = Bigrams(subjects[s].Text);
            var hits = new Dictionary<int, int>();
            foreach (var bigram in grams)
            {
                if (postings.TryGetValue(bigram, out var list))
                {
                    foreach (var m in list)
                    {
                        hits[m] = hits.GetValueOrDefault(m) + 1;
                    }
                }
            }

            _owners[s] = grams.Count == 0 ? [] : hits.Where(h => h.Value >= threshold * grams.Count).Select(h => messages[h.Key].Text).ToList();
        });
        Matched = _owners.Count(o => o.Count > 0);
    }

    public int Matched { get; }

    public double ThresholdUsed { get; }

    /// <summary>The subject lines that may head one of <paramref name="messages"/> (by text), e.g. the held-out part.</summary>
    public int CountMatching(IReadOnlyList<LabelledText> messages)
    {
        var texts = messages.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
        return _owners.Count(o => o.Any(texts.Contains));
    }

    /// <summary>Subject lines that head at least one message, and all of them in <paramref name="training"/>: each is a
    /// training message's own subject (what the product's "subject as a second example" gives).</summary>
    public IEnumerable<LabelledText> OwnFor(IReadOnlyList<LabelledText> training)
    {
        var allowed = training.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        return _subjects.Where((_, s) => _owners[s].Count > 0 && _owners[s].All(allowed.Contains));
    }

    /// <summary>The subject lines that may head no message outside <paramref name="training"/>.</summary>
    public IEnumerable<LabelledText> SafeFor(IReadOnlyList<LabelledText> training)
    {
        var allowed = training.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        return _subjects.Where((_, s) => _owners[s].All(allowed.Contains));
    }

    private static HashSet<int> Bigrams(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var result = new HashSet<int>();
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            if (TextNormalizer.IsCjk(normalized[i]) && TextNormalizer.IsCjk(normalized[i + 1]))
            {
                result.Add((normalized[i] << 16) | normalized[i + 1]);
            }
        }

        return result;
    }
}
