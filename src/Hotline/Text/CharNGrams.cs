namespace Hotline.Text;

/// <summary>How text becomes hashed character n-gram features; stored with a model so prediction repeats training.</summary>
/// <param name="MinOrder">Shortest n-gram, in tokens (a CJK character or an ASCII word is one token).</param>
/// <param name="MaxOrder">Longest n-gram.</param>
/// <param name="HashBits">The feature space has 2^HashBits buckets.</param>
/// <param name="SublinearTf">Term frequency as 1 + ln(tf) instead of tf.</param>
/// <param name="UseIdf">Weight by smoothed inverse document frequency learnt at training.</param>
/// <param name="StripBoilerplate">Remove <see cref="Boilerplate"/> phrases before extraction.</param>
/// <param name="FoldDigits">Every run of digits is one token "#" (dates, phone and house numbers carry no topic).</param>
/// <param name="HeadTokens">N-grams starting in the first this-many tokens count a second time as "head" features of
/// their own (where a message usually says what it is about); 0 turns it off.</param>
/// <param name="WordOrder">Also word n-grams up to this order (jieba's dictionary, <see cref="WordSegmenter"/>), hashed into
/// the same buckets with a salt of their own; 0: characters only. Orders 0..0 with words: words only.</param>
public sealed record NGramSettings(
    int MinOrder = 1,
    int MaxOrder = 2,
    int HashBits = 18,
    bool SublinearTf = true,
    bool UseIdf = true,
    bool StripBoilerplate = true,
    bool FoldDigits = true,
    int HeadTokens = 0,
    int WordOrder = 0)
{
    public int Dimensions => 1 << HashBits;

    public void Validate()
    {
        var wordsOnly = MinOrder == 0 && MaxOrder == 0 && WordOrder > 0;
        if (!wordsOnly && (MinOrder < 1 || MaxOrder < MinOrder || MaxOrder > 8))
        {
            throw new ArgumentException($"n-gram orders {MinOrder}..{MaxOrder} are out of range (1..8).");
        }

        if (WordOrder is < 0 or > 3)
        {
            throw new ArgumentException($"word n-gram order {WordOrder} is out of range (0..3).");
        }

        if (HeadTokens is < 0 or > 255)
        {
            throw new ArgumentException($"head tokens {HeadTokens} are out of range (0..255).");
        }

        if (HashBits is < 8 or > 24)
        {
            throw new ArgumentException($"hash bits {HashBits} are out of range (8..24).");
        }
    }

    public override string ToString() =>
        $"{(MaxOrder > 0 ? $"char {MinOrder}-{MaxOrder}-grams" : "no char n-grams")}{(WordOrder > 0 ? $" + word {(WordOrder == 1 ? "1" : $"1-{WordOrder}")}-grams" : string.Empty)}, 2^{HashBits} buckets, tf {(SublinearTf ? "sublinear" : "raw")}{(UseIdf ? " × idf" : string.Empty)}, boilerplate {(StripBoilerplate ? "removed" : "kept")}, digits {(FoldDigits ? "folded" : "kept")}{(HeadTokens > 0 ? $", head features from the first {HeadTokens} tokens" : string.Empty)}";
}

/// <summary>
/// Extracts hashed character n-grams from text: normalised (<see cref="TextNormalizer"/>), boilerplate removed, split
/// into tokens (each CJK character, each ASCII word, each digit run), n-grams taken inside runs of tokens that no
/// punctuation or space separates, each n-gram hashed (a fixed 64-bit hash, the same on every machine and run) to a
/// bucket. No dictionary and no word segmentation: new place and company names work as well as common words.
/// </summary>
public static class CharNGrams
{
    private const ulong DigitToken = 0x9E3779B97F4A7C15UL;
    private const ulong Break = 0;
    private const ulong WordSalt = 0x6A09E667F3BCC909UL;

    /// <summary>Appends the bucket of every n-gram occurrence (with repeats) to <paramref name="buckets"/>.</summary>
    public static void Extract(string? text, NGramSettings settings, List<int> buckets)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (settings.StripBoilerplate)
        {
            normalized = Boilerplate.Strip(normalized);
        }

        var shift = 64 - settings.HashBits;
        if (settings.MaxOrder > 0)
        {
            AddNGrams(Tokenize(normalized, settings.FoldDigits), settings.MinOrder, settings.MaxOrder, settings.HeadTokens, shift, 0, buckets);
        }

        if (settings.WordOrder > 0)
        {
            AddNGrams(WordTokens(normalized, settings.FoldDigits), 1, settings.WordOrder, 0, shift, WordSalt, buckets);
        }
    }

    private static void AddNGrams(List<ulong> tokens, int minOrder, int maxOrder, int headTokens, int shift, ulong salt, List<int> buckets)
    {
        var start = 0;
        while (start < tokens.Count)
        {
            if (tokens[start] == Break)
            {
                start++;
                continue;
            }

            var end = start;
            while (end < tokens.Count && tokens[end] != Break)
            {
                end++;
            }

            for (var i = start; i < end; i++)
            {
                var hash = 0xCBF29CE484222325UL;
                for (var n = 1; n <= maxOrder && i + n <= end; n++)
                {
                    hash = (hash ^ tokens[i + n - 1]) * 0x100000001B3UL;
                    if (n >= minOrder)
                    {
                        buckets.Add((int)(Mix(hash + (ulong)n + salt) >> shift));
                        if (i < headTokens)
                        {
                            buckets.Add((int)(Mix(hash + (ulong)n + 0x5BD1E995UL) >> shift));
                        }
                    }
                }
            }

            start = end;
        }
    }

    /// <summary>
    /// The word token stream: each CJK run segmented into words (<see cref="WordSegmenter.Default"/>), each word one
    /// token; ASCII words and digit runs as in <see cref="Tokenize"/>; 0 marks a break (punctuation or space).
    /// </summary>
    internal static List<ulong> WordTokens(string normalized, bool foldDigits)
    {
        var segmenter = WordSegmenter.Default;
        var tokens = new List<ulong>(normalized.Length);
        var lengths = new List<int>(64);
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (TextNormalizer.IsCjk(c))
            {
                var start = i;
                while (i < normalized.Length && TextNormalizer.IsCjk(normalized[i]))
                {
                    i++;
                }

                lengths.Clear();
                segmenter.Segment(normalized.AsSpan(start, i - start), lengths);
                var at = start;
                foreach (var length in lengths)
                {
                    var hash = 0x2545F4914F6CDD1DUL;
                    for (var k = at; k < at + length; k++)
                    {
                        hash = (hash ^ normalized[k]) * 0x100000001B3UL;
                    }

                    tokens.Add(Mix(hash) | 1);
                    at += length;
                }
            }
            else if (char.IsAsciiDigit(c) || char.IsAsciiLetter(c))
            {
                var digits = char.IsAsciiDigit(c);
                var hash = 0xCBF29CE484222325UL;
                while (i < normalized.Length && (digits ? char.IsAsciiDigit(normalized[i]) : char.IsAsciiLetter(normalized[i])))
                {
                    hash = (hash ^ normalized[i]) * 0x100000001B3UL;
                    i++;
                }

                tokens.Add(digits && foldDigits ? DigitToken : Mix(hash) | 1);
            }
            else
            {
                if (tokens.Count > 0 && tokens[^1] != Break && !char.IsLetter(c))
                {
                    tokens.Add(Break);
                }

                i++;
            }
        }

        return tokens;
    }

    /// <summary>The token stream: a CJK or other letter is one token, an ASCII word one, a digit run one; 0 marks a break.</summary>
    internal static List<ulong> Tokenize(string normalized, bool foldDigits)
    {
        var tokens = new List<ulong>(normalized.Length);
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (char.IsAsciiDigit(c))
            {
                var hash = 0x84222325CBF29CE4UL;
                while (i < normalized.Length && char.IsAsciiDigit(normalized[i]))
                {
                    hash = (hash ^ normalized[i]) * 0x100000001B3UL;
                    i++;
                }

                tokens.Add(foldDigits ? DigitToken : Mix(hash) | 1);
            }
            else if (char.IsAsciiLetter(c))
            {
                var hash = 0xCBF29CE484222325UL;
                while (i < normalized.Length && char.IsAsciiLetter(normalized[i]))
                {
                    hash = (hash ^ normalized[i]) * 0x100000001B3UL;
                    i++;
                }

                tokens.Add(Mix(hash) | 1);
            }
            else
            {
                if (char.IsLetter(c) || TextNormalizer.IsCjk(c))
                {
                    tokens.Add(((ulong)c << 8) | 0x5A);
                }
                else if (tokens.Count > 0 && tokens[^1] != Break)
                {
                    tokens.Add(Break);
                }

                i++;
            }
        }

        return tokens;
    }

    /// <summary>MurmurHash3's 64-bit finaliser: spreads every input bit over the output.</summary>
    internal static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
