namespace Hotline.Text;

/// <summary>One order as the repeat index sees it. <paramref name="Phone"/> and <paramref name="Place"/> may be missing.</summary>
public sealed record RepeatDocument(string Id, string Text, DateTimeOffset Time, string? Phone, string? Place);

/// <summary>Why an earlier order is a repeat candidate.</summary>
[Flags]
public enum RepeatReasons
{
    None = 0,

    /// <summary>The same caller (phone number) within <see cref="RepeatOptions.CallerWindow"/>, about a related matter.</summary>
    SameCaller = 1,

    /// <summary>Similar text (rare terms shared, weighted) within <see cref="RepeatOptions.TextWindow"/>.</summary>
    SimilarText = 2,

    /// <summary>Both name the same rare entity (a compound, company, school, road …) and the text is related.</summary>
    SharedEntity = 4,
}

/// <summary>An earlier order that may report the same matter, with what the two share (for the agent).</summary>
/// <param name="Score">The text score (similarity, lifted by a shared entity and the same place, decayed with time), raised when the caller is the same.</param>
/// <param name="Similarity">Cosine similarity of the two texts' terms weighted by rarity (IDF over the indexed orders), 0..1.</param>
public sealed record RepeatCandidate(string Id, double Score, double Similarity, RepeatReasons Reasons, DateTimeOffset Time)
{
    /// <summary>The entities both texts name, rarest first.</summary>
    public IReadOnlyList<string> SharedEntities { get; init; } = [];

    /// <summary>The heaviest shared words of the query's text (adjacent shared terms joined), at most 5.</summary>
    public IReadOnlyList<string> SharedTerms { get; init; } = [];

    /// <summary>Both orders are in the same place (street).</summary>
    public bool SamePlace { get; init; }

    /// <summary>The reasons as stable codes: "same-caller", "similar-text", "shared-entity".</summary>
    public IReadOnlyList<string> ReasonCodes =>
    [
        .. Reasons.HasFlag(RepeatReasons.SameCaller) ? ["same-caller"] : Array.Empty<string>(),
        .. Reasons.HasFlag(RepeatReasons.SimilarText) ? ["similar-text"] : Array.Empty<string>(),
        .. Reasons.HasFlag(RepeatReasons.SharedEntity) ? ["shared-entity"] : Array.Empty<string>(),
    ];
}

/// <summary>
/// The repeat rules (SPEC S3: "similar recent tickets of the same caller or event"). Windows as issue 6: the same caller
/// within 90 days, similar text within 30 days. The scores follow issue 19 (docs/decisions.md "Issue 19 — entities and
/// repeats"): terms weighted by rarity, a shared entity and the same place lift a score, time lowers it.
/// </summary>
public sealed record RepeatOptions
{
    /// <summary>Lowest weighted similarity for a same-caller repeat (an unrelated request of the same caller is history).</summary>
    public double CallerMinSimilarity { get; init; } = 0.08;

    public TimeSpan CallerWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The same caller again within this time, in the same place (or no place given), is a candidate whatever the words.</summary>
    public TimeSpan CallerAgainWindow { get; init; } = TimeSpan.FromHours(2);

    public TimeSpan TextWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Lowest text score (similarity lifted by entity and place, decayed with time) for a text repeat.</summary>
    public double TextThreshold { get; init; } = 0.15;

    /// <summary>Lowest weighted similarity for a text repeat, whatever the lifts: a shared entity alone is not the same matter.</summary>
    public double MinTextSimilarity { get; init; } = 0.05;

    /// <summary>How much a shared rare entity lifts the text score: 1 − (1 − s)^(1 + boost·rarity + place boost).</summary>
    public double EntityBoost { get; init; } = 4;

    /// <summary>How much the text score is lowered when both orders name things and share none.</summary>
    public double OtherEntityPenalty { get; init; } = 0.5;

    /// <summary>How much the same place (street) lifts the text score.</summary>
    public double PlaceBoost { get; init; } = 0.5;

    /// <summary>The text score halves over this time between the two orders.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How much a same-caller match adds to the score: 1 − (1 − score)·(1 − bonus).</summary>
    public double CallerBonus { get; init; } = 0.5;

    public int MaxCandidates { get; init; } = 10;

    /// <summary>
    /// Terms kept per order (the rarest when it has more); 4 bytes each. High enough that a long report keeps all its words:
    /// keeping only the rarest 128 kept a long text's oddities and dropped the matter's own words (issue 19, repeat recall).
    /// </summary>
    public int MaxTerms { get; init; } = 2048;

    /// <summary>Cap on the orders looked at through the query's entities, in all (the rarest entity first, the most recent orders first).</summary>
    public int MaxEntityWalk { get; init; } = 400;

    /// <summary>Cap on the near-identical texts (LSH) scored exactly per query: those sharing most bands first.</summary>
    public int MaxNearIdentical { get; init; } = 200;

    /// <summary>MinHash positions (near-identical texts are found by LSH); 2 bytes each are kept per order.</summary>
    public int Hashes { get; init; } = 64;

    /// <summary>Rows per LSH band: with 64 hashes, 21 bands of 3 rows find pairs of Jaccard 0.5 with probability 0.94.</summary>
    public int BandRows { get; init; } = 3;

    public int ShingleSize { get; init; } = 2;

    public int Seed { get; init; } = 20260101;

    /// <summary>Safety cap on the orders looked at per band bucket (a flood of identical texts stays fast).</summary>
    public int MaxBucketWalk { get; init; } = 2_000;
}
