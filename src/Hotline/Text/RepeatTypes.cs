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

    /// <summary>Similar text in the same place within <see cref="RepeatOptions.TextWindow"/>.</summary>
    SimilarText = 2,
}

/// <summary>An earlier order that may report the same matter.</summary>
/// <param name="Score">1 − (1 − similarity)·(1 − caller bonus): text similarity, raised when the caller is the same.</param>
/// <param name="Similarity">Estimated Jaccard similarity of the two texts' shingles (0..1).</param>
public sealed record RepeatCandidate(string Id, double Score, double Similarity, RepeatReasons Reasons, DateTimeOffset Time)
{
    /// <summary>The reasons as stable codes: "same-caller", "similar-text".</summary>
    public IReadOnlyList<string> ReasonCodes =>
        [.. Reasons.HasFlag(RepeatReasons.SameCaller) ? ["same-caller"] : Array.Empty<string>(), .. Reasons.HasFlag(RepeatReasons.SimilarText) ? ["similar-text"] : Array.Empty<string>()];
}

/// <summary>
/// The repeat rules (SPEC S3: "similar recent tickets of the same caller or event"). The defaults follow issue 6: the
/// same caller within 90 days, similar text in the same place within 30 days.
/// </summary>
public sealed record RepeatOptions
{
    /// <summary>
    /// Lowest similarity for a same-caller repeat. Low: a caller who comes back words the matter differently, but an
    /// unrelated request (unrelated texts score about 0.05) is caller history, not a repeat.
    /// </summary>
    public double CallerMinSimilarity { get; init; } = 0.15;

    public TimeSpan CallerWindow { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan TextWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Lowest similarity for a text repeat when both orders name the same place.</summary>
    public double TextThreshold { get; init; } = 0.5;

    /// <summary>Lowest similarity for a text repeat between orders without a place (near-identical text only).</summary>
    public double UnplacedTextThreshold { get; init; } = 0.8;

    /// <summary>How much a same-caller match adds to the score: 1 − (1 − similarity)·(1 − bonus).</summary>
    public double CallerBonus { get; init; } = 0.5;

    public int MaxCandidates { get; init; } = 10;

    /// <summary>MinHash positions; 2 bytes each are kept per order.</summary>
    public int Hashes { get; init; } = 64;

    /// <summary>Rows per LSH band: with 64 hashes, 21 bands of 3 rows find pairs of similarity 0.5 with probability 0.94.</summary>
    public int BandRows { get; init; } = 3;

    public int ShingleSize { get; init; } = 2;

    public int Seed { get; init; } = 20260101;

    /// <summary>Safety cap on the orders looked at per band bucket (a flood of identical texts stays fast).</summary>
    public int MaxBucketWalk { get; init; } = 2_000;
}
