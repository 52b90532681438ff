namespace Hotline.Infrastructure.Search;

/// <summary>Who may find a document: anyone (the citizen portal), every member of staff, or staff whose scope covers the owner.</summary>
public enum SearchVisibility
{
    Citizen,
    Staff,
    Scope,
}

/// <summary>
/// One searchable thing of any kind (a knowledge article, a notice, a work order …), flattened to what search needs:
/// text fields to match and show, the units whose scope finds it, filter fields and tags. Index only text that every
/// caller allowed to find the document may read: snippets are cut from <see cref="Title"/> and <see cref="Body"/>.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>Stable kind name, e.g. <c>knowledge.article</c>; (kind, entity id) is unique.</summary>
    public required string Kind { get; init; }

    public required long EntityId { get; init; }

    /// <summary>
    /// Path of the owning unit (<c>/AL/AL-DC/</c>); with <see cref="CoUnitPaths"/> it decides who finds a
    /// <see cref="SearchVisibility.Scope"/> document. Empty when no unit holds it yet: then only platform-wide staff find it.
    /// </summary>
    public required string OwnerUnitPath { get; init; }

    /// <summary>Further units whose scope finds a <see cref="SearchVisibility.Scope"/> document (a work order's co-units).</summary>
    public IReadOnlyList<string> CoUnitPaths { get; init; } = [];

    public required SearchVisibility Visibility { get; init; }

    /// <summary>Shown and matched with the highest weight.</summary>
    public required string Title { get; init; }

    /// <summary>Shown (as a snippet) and matched.</summary>
    public required string Body { get; init; }

    /// <summary>Matched with the title's weight but never shown (curated key words, synonyms, colloquial names).</summary>
    public string? Keywords { get; init; }

    /// <summary>Region codes (6, 9 or 12 digits) the document applies to; empty means everywhere.</summary>
    public IReadOnlyList<string> RegionCodes { get; init; } = [];

    public string? Category { get; init; }

    public string? Status { get; init; }

    /// <summary>
    /// Exact-match filter values, <c>name:value</c> of letters, digits, <c>.</c>, <c>-</c> and <c>:</c> (e.g.
    /// <c>light:red</c>, <c>region:990102</c>); a query names the tags it requires (<see cref="SearchQuery.Tags"/>).
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Not found before this moment (null: at once).</summary>
    public DateTime? EffectiveFromUtc { get; init; }

    /// <summary>Not found from this moment on (null: never expires).</summary>
    public DateTime? ExpiresAtUtc { get; init; }

    /// <summary>The period the document is about (a water cut from … to …), for "active now" filters.</summary>
    public DateTime? PeriodStartUtc { get; init; }

    public DateTime? PeriodEndUtc { get; init; }

    /// <summary>The date results are sorted by when there is no text, and that breaks ties (published, registered …).</summary>
    public required DateTime SortAtUtc { get; init; }
}
