using System.Data.Common;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Infrastructure.Search;

/// <summary>How a query matches text: not at all (browse), every term (strict), or any free term (relaxed).</summary>
internal enum SearchStage
{
    Browse,
    Strict,
    Relaxed,
}

/// <summary>What differs between PostgreSQL and SQLite: the stored terms, the match expression and the ranking.</summary>
internal abstract class SearchDialect
{
    protected const string DocumentColumns =
        "kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, " +
        "effective_from_utc, expires_at_utc, period_start_utc, period_end_utc, sort_at_utc, scope_keys, tags";

    protected const string UpdateColumns =
        "owner_unit_path = excluded.owner_unit_path, visibility = excluded.visibility, title = excluded.title, body = excluded.body, " +
        "keywords = excluded.keywords, region_codes = excluded.region_codes, region_keys = excluded.region_keys, " +
        "category = excluded.category, status = excluded.status, effective_from_utc = excluded.effective_from_utc, " +
        "expires_at_utc = excluded.expires_at_utc, period_start_utc = excluded.period_start_utc, " +
        "period_end_utc = excluded.period_end_utc, sort_at_utc = excluded.sort_at_utc, scope_keys = excluded.scope_keys, tags = excluded.tags";

    public abstract object Date(DateTime value);

    public abstract DateTime ReadDate(DbDataReader reader, int ordinal);

    public abstract Task UpsertAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken);

    public abstract Task RemoveAsync(DbConnection connection, DbTransaction transaction, string kind, long entityId, CancellationToken cancellationToken);

    /// <summary>
    /// One statement for one stage: a row per document of the page, best first, each with the stage's total (counted up
    /// to <paramref name="cap"/>) and the stored fields a hit shows; a single row of nulls but the total when the page is
    /// empty. Columns: id, score, total, then <see cref="HitColumns"/>.
    /// </summary>
    public abstract SearchSql Page(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int offset, int limit, int cap);

    /// <summary>One statement: the entity ids of the newest matches of a stage (at most <paramref name="cap"/>), newest first.</summary>
    public abstract SearchSql Ids(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int cap);

    /// <summary>The stored fields a hit shows, read from alias d.</summary>
    protected const string HitColumns = "d.kind, d.entity_id, d.title, d.body, d.category, d.region_codes, d.status, d.sort_at_utc, d.period_start_utc, d.period_end_utc";

    /// <summary>The values every dialect stores in the document columns, in <see cref="DocumentColumns"/> order.</summary>
    protected string DocumentValues(SearchSql sql, SearchDocument d) => string.Join(", ",
        sql.Add(d.Kind), sql.Add(d.EntityId), sql.Add(d.OwnerUnitPath), sql.Add(Visibility(d.Visibility)), sql.Add(d.Title), sql.Add(d.Body),
        sql.Add(d.Keywords ?? string.Empty), sql.Add(string.Join(',', d.RegionCodes)), sql.Add(RegionKeys.Column(d.RegionCodes)),
        sql.Add(d.Category), sql.Add(d.Status), sql.Add(Nullable(d.EffectiveFromUtc)), sql.Add(Nullable(d.ExpiresAtUtc)),
        sql.Add(Nullable(d.PeriodStartUtc)), sql.Add(Nullable(d.PeriodEndUtc)), sql.Add(Date(d.SortAtUtc)),
        sql.Add(IndexKeys.Column(IndexKeys.Access(d))), sql.Add(IndexKeys.Column(d.Tags)));

    protected static string Terms(string? text) => IndexTerms.ToTermString(text);

    protected static async Task ExecuteAsync(SearchSql sql, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = sql.CreateCommand(connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private object? Nullable(DateTime? value) => value is { } v ? Date(v) : null;

    internal static string Visibility(SearchVisibility visibility) => visibility switch
    {
        SearchVisibility.Citizen => "citizen",
        SearchVisibility.Staff => "staff",
        SearchVisibility.Scope => "scope",
    };

    protected static string Invariant(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
