using Hotline.Text;

namespace Hotline.Text;

/// <summary>One index term to match; <see cref="Prefix"/> for a lone CJK character, which also matches the bigrams it starts.</summary>
public sealed record QueryTerm(string Term, bool Prefix);

/// <summary>
/// What a person typed, reduced to index terms. Nothing of the original syntax survives: terms are CJK bigrams, lone CJK
/// characters and ASCII words (letters and digits only), so no query language of either database can be injected.
/// Text in double quotes ("…" or “…”) is a phrase: its terms must be consecutive. Other text gives free terms; bigrams
/// made of function words (怎么, 请问, 可以 …) or holding a particle (的, 了, 吗 …) are dropped when the query has
/// better ones, since nearly every document has them.
/// </summary>
public sealed class ParsedQuery
{
    public const int MaxInputLength = 2000;
    public const int MaxFreeTerms = 32;
    public const int MaxPhrases = 8;
    public const int MaxPhraseTerms = 32;

    private const string Particles = "的了吗呢吧啊么呀哦嘛啦哈呗噢";

    private static readonly HashSet<string> FunctionBigrams =
    [
        "怎么", "怎样", "什么", "为什", "如何", "请问", "可以", "能否", "是否", "需要", "哪里", "哪个", "多少", "一下",
        "我们", "你们", "他们", "我家", "我的", "这个", "那个", "没有", "现在", "已经", "还是", "就是", "但是", "因为",
        "所以", "如果", "时候", "了解", "咨询", "请求", "反映", "问题", "情况", "一个", "这样", "那样", "应该", "能不",
        "不能", "可不", "不可", "有没", "要不", "到底", "一直", "知道", "告诉", "帮忙", "帮我", "你好", "您好", "谢谢",
    ];

    private ParsedQuery(IReadOnlyList<IReadOnlyList<string>> phrases, IReadOnlyList<QueryTerm> free, IReadOnlyList<string> highlights)
    {
        Phrases = phrases;
        Free = free;
        Highlights = highlights;
    }

    /// <summary>Each phrase: two or more terms that must stand next to each other.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Phrases { get; }

    /// <summary>Free terms: all of them in the strict stage, any of them in the relaxed one.</summary>
    public IReadOnlyList<QueryTerm> Free { get; }

    /// <summary>Strings to mark in titles and snippets (normalised).</summary>
    public IReadOnlyList<string> Highlights { get; }

    public bool IsEmpty => Phrases.Count == 0 && Free.Count == 0;

    /// <summary>A relaxed stage differs from the strict one only when there are several free terms.</summary>
    public bool CanRelax => Free.Count > 1;

    /// <summary>The terms as the caller's query was understood, for display ("噪音 + 扰民").</summary>
    public IReadOnlyList<string> Describe() =>
        Phrases.Select(p => "\"" + string.Join(' ', p) + "\"").Concat(Free.Select(t => t.Prefix ? t.Term + "*" : t.Term)).ToList();

    public static ParsedQuery Parse(string? text)
    {
        var normalised = TextNormalizer.Normalize(text is { Length: > MaxInputLength } ? text[..MaxInputLength] : text);
        var phrases = new List<IReadOnlyList<string>>();
        var strong = new List<QueryTerm>();
        var weak = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var segments = normalised.Split('"');

        // Odd segments lie between a pair of quotes; an unpaired last quote opens nothing.
        for (var i = 0; i < segments.Length; i++)
        {
            var quoted = i % 2 == 1 && i < segments.Length - 1;
            var terms = IndexTerms.Extract(segments[i], normalize: false);
            if (quoted && terms.Count > 1)
            {
                if (phrases.Count < MaxPhrases)
                {
                    phrases.Add(terms.Take(MaxPhraseTerms).Select(t => t.Term).ToList());
                }

                continue;
            }

            foreach (var term in terms)
            {
                if (!seen.Add(term.Term))
                {
                    continue;
                }

                var queryTerm = new QueryTerm(term.Term, IsLoneCjk(term.Term));
                (IsWeak(term.Term) ? weak : strong).Add(queryTerm);
            }
        }

        // Only function words (怎么办, 什么): search for them rather than for nothing.
        var free = (strong.Count > 0 || phrases.Count > 0 ? strong : weak).Take(MaxFreeTerms).ToList();
        var highlights = phrases.SelectMany(p => p).Concat(free.Select(t => t.Term)).Distinct(StringComparer.Ordinal).ToList();
        return new ParsedQuery(phrases, free, highlights);
    }

    private static bool IsLoneCjk(string term) => term.Length == 1 && TextNormalizer.IsCjk(term[0]);

    private static bool IsWeak(string term) =>
        FunctionBigrams.Contains(term) || (TextNormalizer.IsCjk(term[0]) && term.Any(c => Particles.Contains(c, StringComparison.Ordinal)));
}
