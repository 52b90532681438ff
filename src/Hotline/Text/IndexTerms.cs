using System.Text;

namespace Hotline.Text;

/// <summary>One index term and its position in the token stream (positions make phrase queries possible).</summary>
public readonly record struct IndexTerm(string Term, int Position);

/// <summary>
/// Turns normalised text into index terms: overlapping CJK character bigrams (a lone CJK character stands as itself),
/// and ASCII words and numbers: "小区噪音扰民 3号楼" → 小区 区噪 噪音 音扰 扰民 3 号楼. No dictionary is needed, so
/// new words (place names, company names) are found as well as common ones.
/// </summary>
public static class IndexTerms
{
    /// <summary>The longest ASCII term kept; longer runs (hashes, URLs) are cut.</summary>
    public const int MaxAsciiLength = 32;

    public static List<IndexTerm> Extract(string? text, bool normalize = true)
    {
        var source = normalize ? TextNormalizer.Normalize(text) : text ?? string.Empty;
        var terms = new List<IndexTerm>(source.Length);
        var position = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (TextNormalizer.IsCjk(c))
            {
                var start = i;
                while (i < source.Length && TextNormalizer.IsCjk(source[i]))
                {
                    i++;
                }

                var length = i - start;
                if (length == 1)
                {
                    terms.Add(new IndexTerm(source.Substring(start, 1), position++));
                }
                else
                {
                    for (var k = start; k < i - 1; k++)
                    {
                        terms.Add(new IndexTerm(source.Substring(k, 2), position++));
                    }
                }
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < source.Length && char.IsAsciiLetterOrDigit(source[i]))
                {
                    i++;
                }

                terms.Add(new IndexTerm(source.Substring(start, Math.Min(i - start, MaxAsciiLength)), position++));
            }
            else
            {
                i++;
            }
        }

        return terms;
    }

    /// <summary>The terms as one space-separated string, in order (what PostgreSQL's 'simple' parser and FTS5 index).</summary>
    public static string ToTermString(string? text)
    {
        var builder = new StringBuilder();
        foreach (var term in Extract(text))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(term.Term);
        }

        return builder.ToString();
    }
}
