namespace Hotline.Text;

/// <summary>
/// The terms a repeat is judged on: the distinct character bigrams of the text (a lone character where a run of letters
/// or digits has only one) after normalisation and boilerplate removal, digits kept ("3号楼" ≠ "5号楼"). A term is the
/// two UTF-16 units themselves packed in 32 bits, so it has no collisions and can be read back for an explanation.
/// </summary>
public static class RepeatTerms
{
    /// <summary>The text the terms are read from (normalised, boilerplate removed).</summary>
    public static string Prepare(string? text) => Boilerplate.Strip(TextNormalizer.Normalize(text));

    /// <summary>Every term occurrence of prepared text in order, as (term, start); repeats included.</summary>
    public static List<(uint Term, int Start)> Occurrences(string prepared)
    {
        var terms = new List<(uint, int)>(prepared.Length);
        var i = 0;
        while (i < prepared.Length)
        {
            if (!IsTermChar(prepared[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < prepared.Length && IsTermChar(prepared[end]))
            {
                end++;
            }

            if (end - i == 1)
            {
                terms.Add((prepared[i], i));
            }

            for (var k = i; k + 1 < end; k++)
            {
                terms.Add((Pack(prepared[k], prepared[k + 1]), k));
            }

            i = end;
        }

        return terms;
    }

    /// <summary>The occurrences without the terms of the given names (a shared entity is weighed on its own, not twice).</summary>
    public static List<(uint Term, int Start)> WithoutNames(List<(uint Term, int Start)> occurrences, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return occurrences;
        }

        var own = new HashSet<uint>();
        foreach (var name in names)
        {
            foreach (var (term, _) in Occurrences(name))
            {
                own.Add(term);
            }
        }

        return occurrences.Where(o => !own.Contains(o.Term)).ToList();
    }

    /// <summary>The term as text (two characters, or one).</summary>
    public static string ToText(uint term) => term > 0xFFFF ? string.Concat((char)(term >> 16), (char)(term & 0xFFFF)) : ((char)term).ToString();

    /// <summary>
    /// The shared terms of <paramref name="prepared"/> joined into phrases where they follow one another ("施工" "工噪" "噪音"
    /// → "施工噪音"), heaviest first by the summed <paramref name="weight"/>; at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> SharedPhrases(string prepared, List<(uint Term, int Start)> occurrences, Func<uint, double> weight, int max)
    {
        var phrases = new Dictionary<string, double>(StringComparer.Ordinal);
        var k = 0;
        while (k < occurrences.Count)
        {
            if (weight(occurrences[k].Term) <= 0)
            {
                k++;
                continue;
            }

            var first = k;
            var total = weight(occurrences[k].Term);
            while (k + 1 < occurrences.Count && occurrences[k + 1].Start == occurrences[k].Start + 1 && weight(occurrences[k + 1].Term) > 0)
            {
                k++;
                total += weight(occurrences[k].Term);
            }

            var start = occurrences[first].Start;
            var end = occurrences[k].Start + (occurrences[k].Term > 0xFFFF ? 2 : 1);
            var phrase = prepared[start..end];
            phrases[phrase] = Math.Max(phrases.GetValueOrDefault(phrase), total);
            k++;
        }

        return phrases.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(max).Select(p => p.Key).ToList();
    }

    private static uint Pack(char a, char b) => ((uint)a << 16) | b;

    private static bool IsTermChar(char c) => TextNormalizer.IsCjk(c) || char.IsAsciiLetterOrDigit(c);
}
