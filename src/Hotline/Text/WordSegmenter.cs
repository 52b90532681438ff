using System.Globalization;

namespace Hotline.Text;

/// <summary>
/// Chinese word segmentation with jieba's dictionary and jieba's rule (Sun Junyi's jieba, ported by jieba.NET): every
/// dictionary word starting at each character forms a graph, and the route through it with the highest product of word
/// probabilities wins; a character that starts no dictionary word is a word of its own. This is jieba's precise mode
/// without the HMM for unknown words (routing has character n-grams for those). The dictionary is the one that ships in
/// the jieba.NET package (<c>Resources/dict.txt</c>, copied beside the binary by the build), read once; nothing is
/// downloaded. jieba.NET's own segmenter gives the same words but segments 1,700 texts/s, too slow for routing (see
/// docs/decisions.md "Issue 19 — routing"); this one walks a trie held in two flat arrays.
/// </summary>
public sealed class WordSegmenter
{
    private static readonly Lazy<WordSegmenter> DefaultInstance = new(() => Load(DefaultDictionaryPath), LazyThreadSafetyMode.ExecutionAndPublication);

    // Trie transitions in one open-addressing table: key = (node << 16) | character, value = child node.
    private readonly long[] _keys;
    private readonly int[] _children;
    private readonly int _mask;

    // Per node: ln(frequency / total) when the path to it is a dictionary word, NaN otherwise.
    private readonly float[] _logProbability;
    private readonly float _unknownLogProbability;

    // Per node: the first letter of the word's part-of-speech tag in the dictionary ('p' a preposition, 'd' an adverb …), 0
    // when the dictionary gives none.
    private readonly byte[] _tags;

    private WordSegmenter(long[] keys, int[] children, float[] logProbability, byte[] tags, float unknownLogProbability)
    {
        _keys = keys;
        _children = children;
        _mask = keys.Length - 1;
        _logProbability = logProbability;
        _tags = tags;
        _unknownLogProbability = unknownLogProbability;
    }

    /// <summary>Where the build puts jieba's dictionary: <c>Resources/dict.txt</c> beside the binary (as jieba.NET looks).</summary>
    public static string DefaultDictionaryPath => Path.Combine(AppContext.BaseDirectory, "Resources", "dict.txt");

    /// <summary>The segmenter over the dictionary beside the binary, loaded on first use (about 0.3 s, 20 MB).</summary>
    public static WordSegmenter Default => DefaultInstance.Value;

    /// <summary>Whether the dictionary is beside the binary, so that <see cref="Default"/> loads.</summary>
    public static bool IsAvailable => File.Exists(DefaultDictionaryPath);

    /// <summary>How many dictionary words were loaded.</summary>
    public int Words { get; private init; }

    /// <summary>Reads a jieba dictionary: one "word frequency [tag]" a line (the tag is jieba's part of speech: n, v, p, d …).</summary>
    public static WordSegmenter Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No word dictionary at {Path.GetFullPath(path)} (it ships in the jieba.NET package's Resources folder).", path);
        }

        var entries = new List<(string Word, long Frequency, char Tag)>(400_000);
        var folded = new List<(string Word, long Frequency, char Tag)>();
        long total = 0;
        foreach (var line in File.ReadLines(path))
        {
            var first = line.IndexOf(' ');
            var word = first < 0 ? line.Trim() : line[..first];
            if (word.Length == 0)
            {
                continue;
            }

            var rest = first < 0 ? string.Empty : line[(first + 1)..];
            var second = rest.IndexOf(' ');
            var number = second < 0 ? rest : rest[..second];
            var tag = second < 0 || second + 1 >= rest.Length ? '\0' : rest[second + 1];
            var frequency = long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
            // Texts are normalised before segmentation, so words are too; a traditional spelling folded onto a simplified
            // word that the dictionary has already keeps the simplified word's own frequency (as jieba would find it).
            var normalized = TextNormalizer.Normalize(word);
            (normalized == word ? entries : folded).Add((normalized, Math.Max(frequency, 1), tag));
            total += Math.Max(frequency, 1);
        }

        return Build([.. entries, .. folded], total);
    }

    /// <summary>A segmenter over the given words and frequencies (tests, user dictionaries); the first entry of a word wins.</summary>
    public static WordSegmenter Build(IReadOnlyList<(string Word, long Frequency)> entries, long total) =>
        Build([.. entries.Select(e => (e.Word, e.Frequency, '\0'))], total);

    /// <summary>A segmenter over the given words, frequencies and part-of-speech tags (their first letters; 0 for none).</summary>
    public static WordSegmenter Build(IReadOnlyList<(string Word, long Frequency, char Tag)> entries, long total)
    {
        var capacity = 1 << 10;
        var prefixes = entries.Sum(e => (long)e.Word.Length);
        while (capacity < prefixes * 2)
        {
            capacity <<= 1;
        }

        var keys = new long[capacity];
        Array.Fill(keys, -1L);
        var children = new int[capacity];
        var logProbability = new List<float> { float.NaN };
        var logTotal = Math.Log(Math.Max(total, 1));
        var mask = capacity - 1;
        var words = 0;
        var tags = new List<byte> { 0 };
        foreach (var (word, frequency, tag) in entries)
        {
            if (word.Length == 0)
            {
                continue;
            }

            var node = 0;
            foreach (var c in word)
            {
                var key = ((long)node << 16) | c;
                var slot = Slot(key, mask);
                while (keys[slot] != -1 && keys[slot] != key)
                {
                    slot = (slot + 1) & mask;
                }

                if (keys[slot] == -1)
                {
                    keys[slot] = key;
                    children[slot] = logProbability.Count;
                    logProbability.Add(float.NaN);
                    tags.Add(0);
                }

                node = children[slot];
            }

            if (float.IsNaN(logProbability[node]))
            {
                words++;
                logProbability[node] = (float)(Math.Log(frequency) - logTotal);
                tags[node] = char.IsAsciiLetterLower(tag) ? (byte)tag : (byte)0;
            }
        }

        return new WordSegmenter(keys, children, logProbability.ToArray(), tags.ToArray(), (float)-logTotal) { Words = words };
    }

    /// <summary>
    /// Splits <paramref name="text"/> (normalised text, one run of CJK characters) into words and appends each word's
    /// length to <paramref name="lengths"/>, in order; the lengths sum to the text's length.
    /// </summary>
    public void Segment(ReadOnlySpan<char> text, List<int> lengths)
    {
        var n = text.Length;
        if (n == 0)
        {
            return;
        }

        if (n == 1)
        {
            lengths.Add(1);
            return;
        }

        Span<float> route = n <= 512 ? stackalloc float[n + 1] : new float[n + 1];
        Span<int> next = n <= 512 ? stackalloc int[n + 1] : new int[n + 1];
        route[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            // A single character is always a way on (with its dictionary probability, or the unknown one).
            var best = _unknownLogProbability + route[i + 1];
            var bestEnd = i + 1;
            var node = 0;
            for (var j = i; j < n; j++)
            {
                node = Child(node, text[j]);
                if (node < 0)
                {
                    break;
                }

                var p = _logProbability[node];
                if (!float.IsNaN(p) && p + route[j + 1] >= best)
                {
                    best = p + route[j + 1];
                    bestEnd = j + 1;
                }
            }

            route[i] = best;
            next[i] = bestEnd;
        }

        for (var i = 0; i < n; i = next[i])
        {
            lengths.Add(next[i] - i);
        }
    }

    /// <summary>Whether <paramref name="text"/> (normalised) is a dictionary word.</summary>
    public bool IsWord(ReadOnlySpan<char> text) => Node(text) is var node && node > 0 && !float.IsNaN(_logProbability[node]);

    /// <summary>
    /// The first letter of the dictionary's part-of-speech tag for the word <paramref name="text"/> (normalised): 'p' for a
    /// preposition (向, 按照), 'd' an adverb (永远), 'r' a pronoun (本轮), 'm' a numeral or quantity (一下, 几年), 'f' a
    /// place word (附近, 后) …; 0 when the text is no word or has no tag.
    /// </summary>
    public char Tag(ReadOnlySpan<char> text) => Node(text) is var node && node > 0 && !float.IsNaN(_logProbability[node]) ? (char)_tags[node] : '\0';

    private int Node(ReadOnlySpan<char> text)
    {
        var node = 0;
        foreach (var c in text)
        {
            node = Child(node, c);
            if (node < 0)
            {
                return -1;
            }
        }

        return node;
    }

    /// <summary>The words of a text as strings (tests and tools; routing uses <see cref="Segment"/>).</summary>
    public IReadOnlyList<string> Cut(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var words = new List<string>();
        var lengths = new List<int>();
        var i = 0;
        while (i < normalized.Length)
        {
            var start = i;
            if (TextNormalizer.IsCjk(normalized[i]))
            {
                while (i < normalized.Length && TextNormalizer.IsCjk(normalized[i]))
                {
                    i++;
                }

                lengths.Clear();
                Segment(normalized.AsSpan(start, i - start), lengths);
                var at = start;
                foreach (var length in lengths)
                {
                    words.Add(normalized.Substring(at, length));
                    at += length;
                }
            }
            else if (char.IsAsciiLetterOrDigit(normalized[i]))
            {
                var digits = char.IsAsciiDigit(normalized[i]);
                while (i < normalized.Length && char.IsAsciiLetterOrDigit(normalized[i]) && char.IsAsciiDigit(normalized[i]) == digits)
                {
                    i++;
                }

                words.Add(normalized[start..i]);
            }
            else
            {
                i++;
            }
        }

        return words;
    }

    private int Child(int node, char c)
    {
        var key = ((long)node << 16) | c;
        var slot = Slot(key, _mask);
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                return _children[slot];
            }

            if (k == -1)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int Slot(long key, int mask) => (int)(CharNGrams.Mix((ulong)key) & (ulong)mask);
}
