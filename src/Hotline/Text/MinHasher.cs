namespace Hotline.Text;

/// <summary>
/// MinHash signatures (Broder 1997) of a text's set of character shingles: normalised text, boilerplate phrases
/// removed, k consecutive tokens (CJK characters, ASCII words, digit runs — digits kept, "3号楼" is not "5号楼") inside
/// runs that punctuation does not break. The share of equal signature positions of two texts estimates the Jaccard
/// similarity of their shingle sets. Seeded, so signatures are the same on every machine and run.
/// </summary>
public sealed class MinHasher
{
    private readonly ulong[] _multipliers;
    private readonly ulong[] _increments;

    public MinHasher(int hashes = 64, int shingleSize = 2, int seed = 20260101)
    {
        if (hashes is < 1 or > 1024 || shingleSize is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(hashes), "hashes must be 1..1024 and shingle size 1..8.");
        }

        Hashes = hashes;
        ShingleSize = shingleSize;
        var random = new Random(seed);
        _multipliers = new ulong[hashes];
        _increments = new ulong[hashes];
        for (var i = 0; i < hashes; i++)
        {
            _multipliers[i] = (ulong)random.NextInt64() | 1UL;
            _increments[i] = (ulong)random.NextInt64();
        }
    }

    public int Hashes { get; }

    public int ShingleSize { get; }

    /// <summary>The distinct shingle hashes of a text (empty when it has no letters or digits).</summary>
    public HashSet<ulong> Shingles(string? text) => [.. ShingleList(text)];

    /// <summary>Every shingle hash of a text, repeats included (a minimum does not care).</summary>
    private List<ulong> ShingleList(string? text)
    {
        var normalized = Boilerplate.Strip(TextNormalizer.Normalize(text));
        var tokens = CharNGrams.Tokenize(normalized, foldDigits: false);
        var shingles = new List<ulong>(tokens.Count);
        var start = 0;
        while (start < tokens.Count)
        {
            if (tokens[start] == 0)
            {
                start++;
                continue;
            }

            var end = start;
            while (end < tokens.Count && tokens[end] != 0)
            {
                end++;
            }

            // A run shorter than a shingle still counts, as one shingle of itself.
            var last = Math.Max(start, end - ShingleSize);
            for (var i = start; i <= last; i++)
            {
                var hash = 0xCBF29CE484222325UL;
                for (var k = i; k < Math.Min(i + ShingleSize, end); k++)
                {
                    hash = (hash ^ tokens[k]) * 0x100000001B3UL;
                }

                shingles.Add(CharNGrams.Mix(hash));
            }

            start = end;
        }

        return shingles;
    }

    /// <summary>Writes the signature; returns false (and a signature of all ones) when the text has no shingle.</summary>
    public bool Signature(string? text, Span<uint> signature)
    {
        if (signature.Length != Hashes)
        {
            throw new ArgumentException($"The signature needs {Hashes} positions.", nameof(signature));
        }

        signature.Fill(uint.MaxValue);
        var shingles = ShingleList(text);
        ReadOnlySpan<ulong> multipliers = _multipliers;
        var increments = _increments.AsSpan(0, multipliers.Length);
        var target = signature[..multipliers.Length];
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < multipliers.Length; i++)
            {
                var value = (uint)(((multipliers[i] * shingle) + increments[i]) >> 32);
                if (value < target[i])
                {
                    target[i] = value;
                }
            }
        }

        return shingles.Count > 0;
    }

    /// <summary>Estimated Jaccard similarity: the share of equal positions.</summary>
    public static double Similarity(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return (double)equal / a.Length;
    }

    /// <summary>Exact Jaccard similarity of two texts' shingle sets (for tests and for checking the estimate).</summary>
    public double ExactSimilarity(string a, string b)
    {
        var x = Shingles(a);
        var y = Shingles(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var intersection = x.Count(y.Contains);
        return (double)intersection / (x.Count + y.Count - intersection);
    }
}
