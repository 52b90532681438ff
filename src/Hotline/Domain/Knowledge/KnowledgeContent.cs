using System.Text.RegularExpressions;

namespace Hotline.Domain.Knowledge;

/// <summary>What kind of knowledge an article is (S10). A notice (公告) also has an area and a period.</summary>
public enum KnowledgeKind
{
    /// <summary>答复口径: the agreed wording agents read to citizens.</summary>
    AnswerWording,

    /// <summary>办事指南: how to get something done (where, what to bring, how long).</summary>
    ServiceGuide,

    /// <summary>政策法规: a policy or regulation, summarised.</summary>
    Policy,

    /// <summary>常见问题.</summary>
    Faq,

    /// <summary>公告: e.g. a planned water cut, with the area and period it concerns.</summary>
    Notice,
}

/// <summary>
/// The editable content of an article: the working copy on the article, and a frozen copy in every published version.
/// </summary>
public sealed partial record KnowledgeContent(
    KnowledgeKind Kind,
    string Title,
    string Body,
    string Category,
    IReadOnlyList<string> RegionCodes,
    IReadOnlyList<string> Keywords,
    bool IsCitizenVisible,
    DateTime? EffectiveFromUtc,
    DateTime? ExpiresAtUtc,
    DateTime? PeriodStartUtc,
    DateTime? PeriodEndUtc)
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 20_000;
    public const int MaxCategoryLength = 50;
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 20;
    public const int MaxRegions = 50;

    /// <summary>Trims and checks the content; a notice without an expiry date expires when its period ends.</summary>
    public static KnowledgeContent Create(
        KnowledgeKind kind, string? title, string? body, string? category, IEnumerable<string>? regionCodes, IEnumerable<string>? keywords,
        bool isCitizenVisible, DateTime? effectiveFromUtc, DateTime? expiresAtUtc, DateTime? periodStartUtc, DateTime? periodEndUtc)
    {
        var errors = new Dictionary<string, string[]>();
        var regions = (regionCodes ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var words = (keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Check(errors, "title", title, MaxTitleLength);
        Check(errors, "body", body, MaxBodyLength);
        Check(errors, "category", category, MaxCategoryLength);
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = ["Use answerWording, serviceGuide, policy, faq or notice."];
        }

        if (regions.Count > MaxRegions || regions.Any(r => !RegionPattern().IsMatch(r)))
        {
            errors["regionCodes"] = [$"Give at most {MaxRegions} region codes of 6, 9 or 12 digits."];
        }

        if (words.Count > MaxKeywords || words.Any(k => k.Length > MaxKeywordLength || k.Contains(',', StringComparison.Ordinal)))
        {
            errors["keywords"] = [$"Give at most {MaxKeywords} key words of at most {MaxKeywordLength} characters, without commas."];
        }

        if (kind == KnowledgeKind.Notice)
        {
            if (periodStartUtc is null || periodEndUtc is null)
            {
                errors["periodStart"] = ["A notice gives the period it concerns (start and end)."];
            }
            else if (periodEndUtc <= periodStartUtc)
            {
                errors["periodEnd"] = ["The period ends after it starts."];
            }

            expiresAtUtc ??= periodEndUtc;
        }
        else if (periodStartUtc is not null || periodEndUtc is not null)
        {
            errors["periodStart"] = ["Only a notice has a period."];
        }

        if (effectiveFromUtc is { } from && expiresAtUtc is { } to && to <= from)
        {
            errors["expiresAt"] = ["The expiry date is after the effective date."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new KnowledgeContent(kind, title!.Trim(), body!.Trim(), category!.Trim(), regions, words, isCitizenVisible, effectiveFromUtc, expiresAtUtc, periodStartUtc, periodEndUtc);
    }

    /// <summary>Names of the fields that differ from <paramref name="other"/> (for the timeline: who changed what).</summary>
    public IReadOnlyList<string> ChangedFrom(KnowledgeContent? other)
    {
        if (other is null)
        {
            return [];
        }

        var changed = new List<string>();
        void Compare(string name, bool same)
        {
            if (!same)
            {
                changed.Add(name);
            }
        }

        Compare("kind", Kind == other.Kind);
        Compare("title", Title == other.Title);
        Compare("body", Body == other.Body);
        Compare("category", Category == other.Category);
        Compare("regionCodes", RegionCodes.SequenceEqual(other.RegionCodes));
        Compare("keywords", Keywords.SequenceEqual(other.Keywords));
        Compare("isCitizenVisible", IsCitizenVisible == other.IsCitizenVisible);
        Compare("effectiveFrom", EffectiveFromUtc == other.EffectiveFromUtc);
        Compare("expiresAt", ExpiresAtUtc == other.ExpiresAtUtc);
        Compare("periodStart", PeriodStartUtc == other.PeriodStartUtc);
        Compare("periodEnd", PeriodEndUtc == other.PeriodEndUtc);
        return changed;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
        {
            errors[field] = [$"Give 1–{max} characters."];
        }
    }

    [GeneratedRegex("^([0-9]{6}|[0-9]{9}|[0-9]{12})$")]
    private static partial Regex RegionPattern();
}
