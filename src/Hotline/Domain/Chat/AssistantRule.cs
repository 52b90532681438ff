namespace Hotline.Domain.Chat;

/// <summary>The passage of an article the assistant quotes, and the share of the question's terms it contains.</summary>
public sealed record Passage(string Text, double Coverage, int MatchedTerms);

/// <summary>
/// The intelligent assistant's rule (智能客服, issue 18): it quotes an article's own words, never its own, and only when
/// it is confident. The search index's terms of a Chinese question are its character bigrams, many of them noise
/// ("要什", "款需"), and its mode falls back to any-term for most colloquial questions, so neither alone says whether the
/// first hit answers. Confident means all three:
/// (1) the question has at least <see cref="MinimumTerms"/> terms (a one-word question is too vague to answer);
/// (2) the article (title and body) holds at least <see cref="MinimumArticleCoverage"/> of the question's terms;
/// (3) the quoted passage itself holds at least <see cref="MinimumCoverage"/> of them.
/// Otherwise it hands over to a person. The thresholds were tuned on half of the assistant bench's question set and
/// measured on the other half (BENCHMARKS.md "Intelligent assistant"): the first ones (passage 0.4, article 0.6) handed
/// over nine questions in ten, most of them answerable; a question's bigrams are mostly words the article does not use
/// ("能不能", "怎么办"), so a right article holds a fifth to a half of them.
/// </summary>
public static class AssistantRule
{
    public const int MinimumTerms = 2;

    public const double MinimumCoverage = 0.1;

    public const double MinimumArticleCoverage = 0.2;

    /// <summary>The longest quote: a passage grows by following sentences up to this many characters.</summary>
    public const int PassageLength = 240;

    private static readonly char[] SentenceEnds = ['。', '！', '？', '；', '!', '?', ';', '\n'];

    public static bool IsConfident(IReadOnlyList<string> terms, string title, string body, Passage? passage) =>
        terms.Count >= MinimumTerms && passage is not null && passage.Coverage >= MinimumCoverage
        && Coverage(terms, title + "\n" + body) >= MinimumArticleCoverage;

    /// <summary>The share of the terms the text contains.</summary>
    public static double Coverage(IReadOnlyList<string> terms, string text) =>
        terms.Count == 0 ? 0 : (double)terms.Count(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)) / terms.Count;

    /// <summary>The sentence of the body with the most of the terms, with the sentences after it while the quote stays short.</summary>
    public static Passage? Pick(string body, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrWhiteSpace(body) || terms.Count == 0)
        {
            return null;
        }

        var sentences = Sentences(body);
        var best = -1;
        var bestCount = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var count = terms.Count(t => sentences[i].Contains(t, StringComparison.OrdinalIgnoreCase));
            if (count > bestCount)
            {
                (best, bestCount) = (i, count);
            }
        }

        if (best < 0)
        {
            return null;
        }

        var text = sentences[best];
        for (var next = best + 1; next < sentences.Count && text.Length + sentences[next].Length <= PassageLength; next++)
        {
            text += sentences[next];
        }

        text = ChatRules.Clip(text.Trim(), PassageLength);
        var covered = terms.Count(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
        return new Passage(text, (double)covered / terms.Count, covered);
    }

    private static List<string> Sentences(string body)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (Array.IndexOf(SentenceEnds, body[i]) >= 0)
            {
                Add(body[start..(i + 1)]);
                start = i + 1;
            }
        }

        Add(body[start..]);
        return result;

        void Add(string s)
        {
            if (!string.IsNullOrWhiteSpace(s))
            {
                result.Add(s.Trim());
            }
        }
    }
}
