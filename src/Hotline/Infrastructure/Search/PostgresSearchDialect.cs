using System.Data.Common;
using Hotline.Text;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// PostgreSQL: the terms are stored as <c>to_tsvector('simple', …)</c> of the pre-tokenised text (title and keywords
/// weighted A, body B) plus the document's <see cref="IndexKeys"/> (access, tags, day and month buckets, without
/// positions), all under one GIN index. A query is a tsquery of quoted lexemes (<c>&amp;</c>, <c>|</c>, <c>&lt;-&gt;</c>
/// for phrases, <c>:*</c> for a lone character) and of the keys it requires, so the caller's scope and the tags are index
/// conditions, never filters that a scan would test row by row.
/// <para>
/// Ranking is bounded: the newest <see cref="SearchQuery.RankingWindow"/> matches are ranked. They are looked for in
/// recent slices first (<see cref="RecentSlice"/>: the match AND-ed with the slice's bucket keys), each slice read only
/// when the smaller one before it held fewer than a window and when the first slice's rate of matches predicts at least
/// half a window in it; so a common term or a phrase of frequent bigrams reads about a window's worth of rows instead of
/// every match, and a rare term goes from the first slice straight to the whole index. Count, ranking and the page's stored text come back from one
/// statement.
/// </para>
/// </summary>
internal sealed class PostgresSearchDialect : SearchDialect
{
    public override object Date(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public override DateTime ReadDate(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public override Task UpsertAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken) =>
        ExecuteAsync(UpsertSql(document), connection, transaction, cancellationToken);

    /// <summary>
    /// A batch of registrations costs one statement in the index, not one per order: the documents travel as one array
    /// per column and are inserted with <c>INSERT … SELECT … FROM unnest(…)</c>. Its text never changes with the number of
    /// documents, so the connection prepares it once, and PostgreSQL starts one executor for the batch instead of one per
    /// document. Where one entity comes twice, the last document wins, as it would one after another.
    /// </summary>
    public override async Task UpsertManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count <= 1)
        {
            if (documents.Count == 1)
            {
                await UpsertAsync(connection, transaction, documents[0], cancellationToken);
            }

            return;
        }

        var last = new Dictionary<(string, long), int>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            last[(documents[i].Kind, documents[i].EntityId)] = i;
        }

        var rows = documents.Where((d, i) => last[(d.Kind, d.EntityId)] == i).ToList();
        var text = new string?[ManyTextColumns.Length][];
        for (var c = 0; c < text.Length; c++)
        {
            text[c] = new string?[rows.Count];
        }

        var ids = new long[rows.Count];
        var dates = new DateTime?[ManyDateColumns.Length][];
        for (var c = 0; c < dates.Length; c++)
        {
            dates[c] = new DateTime?[rows.Count];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var d = rows[r];
            ids[r] = d.EntityId;
            string?[] values =
            [
                d.Kind, d.OwnerUnitPath, Visibility(d.Visibility), d.Title, d.Body, d.Keywords ?? string.Empty, string.Join(',', d.RegionCodes),
                RegionKeys.Column(d.RegionCodes), d.Category, d.Status, IndexKeys.Column(IndexKeys.Access(d)), IndexKeys.Column(d.Tags),
                Terms(d.Title), Terms(d.Keywords), Terms(d.Body), KeyList(IndexKeys.For(d)),
            ];
            for (var c = 0; c < values.Length; c++)
            {
                text[c][r] = values[c];
            }

            DateTime?[] at = [d.EffectiveFromUtc, d.ExpiresAtUtc, d.PeriodStartUtc, d.PeriodEndUtc, d.SortAtUtc];
            for (var c = 0; c < at.Length; c++)
            {
                dates[c][r] = at[c] is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
            }
        }

        await using var command = new NpgsqlCommand(ManySql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = ids });
        foreach (var column in text)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = column });
        }

        foreach (var column in dates)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = column });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The keys of one document as one text (a row of <c>unnest</c> holds no arrays), split again in SQL.</summary>
    private static string KeyList(IReadOnlyList<string> keys)
    {
        if (keys.Any(k => k.Contains(KeySeparator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("An index key may not hold the key separator (U+001F).", nameof(keys));
        }

        return string.Join(KeySeparator, keys);
    }

    private const char KeySeparator = '\u001f';

    /// <summary>The text columns of the many-document statement, in parameter order after the entity ids; the last four are the terms.</summary>
    private static readonly string[] ManyTextColumns =
        ["kind", "owner_unit_path", "visibility", "title", "body", "keywords", "region_codes", "region_keys", "category", "status", "scope_keys", "tags", "t_title", "t_keywords", "t_body", "t_keys"];

    private static readonly string[] ManyDateColumns = ["effective_from_utc", "expires_at_utc", "period_start_utc", "period_end_utc", "sort_at_utc"];

    private static readonly string ManySql = BuildManySql();

    private static string BuildManySql()
    {
        var columns = ManyTextColumns.Select(c => (Name: c, Type: "text")).Prepend((Name: "entity_id", Type: "bigint")).Concat(ManyDateColumns.Select(c => (Name: c, Type: "timestamptz"))).ToList();
        var arrays = string.Join(", ", columns.Select((c, i) => $"${i + 1}::{c.Type}[]"));
        var names = string.Join(", ", columns.Select(c => c.Name));
        var values = string.Join(", ", DocumentColumns.Split(", ").Select(c => "d." + c));
        var terms = TermsExpression("d.t_title", "d.t_keywords", "d.t_body", $"string_to_array(d.t_keys, E'\\x1f')");
        return $"INSERT INTO search_documents ({DocumentColumns}, terms) SELECT {values}, {terms} FROM unnest({arrays}) AS d({names}) " +
            $"ON CONFLICT (kind, entity_id) DO UPDATE SET {UpdateColumns}, terms = excluded.terms";
    }

    private SearchSql UpsertSql(SearchDocument document)
    {
        var sql = new SearchSql();
        var values = DocumentValues(sql, document);
        var terms = TermsExpression(sql.Add(Terms(document.Title)), sql.Add(Terms(document.Keywords)), sql.Add(Terms(document.Body)), sql.Add(IndexKeys.For(document).ToArray()));
        sql.Append($"INSERT INTO search_documents ({DocumentColumns}, terms) VALUES ({values}, {terms}) ")
            .Append($"ON CONFLICT (kind, entity_id) DO UPDATE SET {UpdateColumns}, terms = excluded.terms");
        return sql;
    }

    public override Task RemoveAsync(DbConnection connection, DbTransaction transaction, string kind, long entityId, CancellationToken cancellationToken)
    {
        var sql = new SearchSql();
        sql.Append($"DELETE FROM search_documents WHERE kind = {sql.Add(kind)} AND entity_id = {sql.Add(entityId)}");
        return ExecuteAsync(sql, connection, transaction, cancellationToken);
    }

    public override SearchSql Page(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int offset, int limit, int cap)
    {
        var sql = new SearchSql();
        var match = stage == SearchStage.Browse ? null : Match(parsed, stage);
        sql.Append("WITH ");
        AppendCandidates(sql, match, query, caller, cap);
        sql.Append(", n AS (SELECT count(*) AS total FROM m), ");
        if (match is null)
        {
            sql.Append($"p AS (SELECT m.id, 0.0 AS score, m.sort_at_utc FROM m ORDER BY m.sort_at_utc DESC, m.id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}) ");
        }
        else
        {
            // Only the kept candidates' terms are read for ranking; `|| ''` hands the ranking one decompressed copy, as
            // each function call would otherwise decompress the stored value again. Each query term found counts 1, found
            // in the title or keywords another 0.5; cover density breaks ties.
            var query1 = sql.Add(match);
            var coverage = Clauses(parsed, weightA: false).Zip(Clauses(parsed, weightA: true))
                .Select(p => $"(c.terms @@ {sql.Add(p.First)}::tsquery)::int + 0.5 * (c.terms @@ {sql.Add(p.Second)}::tsquery)::int");
            var score = $"({string.Join(" + ", coverage)}) + ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', c.terms, {query1}::tsquery, 1)";
            sql.Append("c AS (SELECT m.id, d.terms || ''::tsvector AS terms, m.sort_at_utc FROM m JOIN search_documents d ON d.id = m.id), ")
                .Append($"p AS (SELECT c.id, {score} AS score, c.sort_at_utc FROM c ORDER BY score DESC, c.sort_at_utc DESC, c.id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}) ");
        }

        sql.Append($"SELECT p.id, p.score, n.total, {HitColumns} FROM n LEFT JOIN p ON true LEFT JOIN search_documents d ON d.id = p.id ")
            .Append("ORDER BY p.score DESC, p.sort_at_utc DESC, p.id DESC");
        return sql;
    }

    public override SearchSql Ids(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int cap)
    {
        var sql = new SearchSql();
        sql.Append("WITH ");
        AppendCandidates(sql, stage == SearchStage.Browse ? null : Match(parsed, stage), query, caller, cap);
        sql.Append(" SELECT d.entity_id FROM m JOIN search_documents d ON d.id = m.id ORDER BY m.sort_at_utc DESC, m.id DESC");
        return sql;
    }

    /// <summary>
    /// Appends CTEs ending in <c>m (id, sort_at_utc)</c>: the newest <paramref name="cap"/> documents that match, with the
    /// filters. Every stage but the last looks in a recent slice; a stage runs only when the smaller slices before it found
    /// fewer than <paramref name="cap"/> (one-time filters on their counts, so a skipped stage costs nothing); <c>m</c> is the
    /// stage that found a full window, or the last one. Without text, scope or tags, the (kind, sort date) index is walked instead.
    /// </summary>
    private void AppendCandidates(SearchSql sql, string? match, SearchQuery query, SearchCaller caller, int cap)
    {
        var required = new List<string>();
        if (match is not null)
        {
            required.Add("(" + match + ")");
        }

        if (caller is { IsCitizen: false, Scope.IsPlatformWide: false })
        {
            required.Add($"({Lexeme(IndexKeys.Everyone)} | {Lexeme(caller.Scope.Path)})");
        }

        required.AddRange(query.Tags.Select(group => "(" + string.Join(" | ", group.Select(t => Lexeme(IndexKeys.Tag(t)))) + ")"));
        var capParameter = sql.Add(cap);
        void Filters(SearchSql s) => SearchFilters.Append(s, query, caller, Date, keysInIndex: true);

        if (required.Count == 0)
        {
            sql.Append("m AS (SELECT d.id, d.sort_at_utc FROM search_documents d WHERE ");
            Filters(sql);
            sql.Append($" ORDER BY d.sort_at_utc DESC LIMIT {capParameter})");
            return;
        }

        var indexQuery = string.Join(" & ", required);
        var stages = new List<(string Query, DateTime? FromUtc)>();
        foreach (var slice in RecentSlice.For(query.Kinds, query.NowUtc))
        {
            if (query.SortToUtc is { } to && to <= slice.FromUtc)
            {
                continue;
            }

            stages.Add((indexQuery + " & (" + string.Join(" | ", slice.Keys.Select(Lexeme)) + ")", slice.FromUtc));
            if (query.SortFromUtc is { } from && from >= slice.FromUtc)
            {
                break;
            }
        }

        if (stages.Count == 0 || !(query.SortFromUtc is { } start && start >= stages[^1].FromUtc))
        {
            stages.Add((indexQuery, null));
        }

        // The first slice is the probe: a later slice whose share of the first one's rate would not come to half a window
        // is skipped (a rare term goes from the first slice straight to the whole index, a phrase of frequent bigrams
        // over the days to the months). Skipping never loses a match: the last stage reads everything the slices did not.
        var end = query.SortToUtc is { } until && until < query.NowUtc ? until : query.NowUtc;
        double Span(int i) => Math.Max((end - (query.SortFromUtc is { } f && f > stages[i].FromUtc!.Value ? f : stages[i].FromUtc!.Value)).TotalHours, 1);
        for (var i = 0; i < stages.Count; i++)
        {
            sql.Append($"s{i} AS MATERIALIZED (SELECT d.id, d.sort_at_utc FROM search_documents d WHERE ");
            // Runs only when every smaller slice came up short (a skipped one counts 0, hence all of them).
            for (var j = 0; j < i; j++)
            {
                sql.Append($"(SELECT count(*) FROM s{j}) < {capParameter} AND ");
            }

            if (i > 0 && stages[i].FromUtc is not null)
            {
                sql.Append($"(SELECT count(*) FROM s0) * {sql.Add(Span(i) / Span(0))} >= {sql.Add(cap / 2.0)} AND ");
            }

            sql.Append($"d.terms @@ {sql.Add(stages[i].Query)}::tsquery AND ");
            if (stages[i].FromUtc is { } from)
            {
                sql.Append($"d.sort_at_utc >= {sql.Add(Date(from))} AND ");
            }

            Filters(sql);
            sql.Append($" ORDER BY d.sort_at_utc DESC LIMIT {capParameter}), ");
        }

        var last = stages.Count - 1;
        sql.Append("m AS (")
            .Append(string.Concat(Enumerable.Range(0, last).Select(i => $"SELECT id, sort_at_utc FROM s{i} WHERE (SELECT count(*) FROM s{i}) >= {capParameter} UNION ALL ")))
            .Append($"SELECT id, sort_at_utc FROM s{last})");
    }

    /// <summary>
    /// Title and keywords weighted A, body B (<c>||</c> shifts each part's positions past the previous one's), then the
    /// keys (a text[]), which carry no position and so never take part in a phrase or in cover density.
    /// </summary>
    internal static string TermsExpression(string title, string keywords, string body, string keys) =>
        $"setweight(to_tsvector('simple', {title}), 'A') || setweight(to_tsvector('simple', {keywords}), 'A') || setweight(to_tsvector('simple', {body}), 'B') || array_to_tsvector({keys}::text[])";

    internal static string Match(ParsedQuery query, SearchStage stage)
    {
        var phrases = query.Phrases.Select(p => Phrase(p, weightA: false));
        var free = query.Free.Select(t => Term(t, weightA: false)).ToList();
        if (stage == SearchStage.Relaxed && free.Count > 1)
        {
            return string.Join(" & ", phrases.Append("(" + string.Join(" | ", free) + ")"));
        }

        return string.Join(" & ", phrases.Concat(free));
    }

    private static IEnumerable<string> Clauses(ParsedQuery query, bool weightA) =>
        query.Phrases.Select(p => Phrase(p, weightA)).Concat(query.Free.Select(t => Term(t, weightA)));

    private static string Phrase(IReadOnlyList<string> terms, bool weightA) =>
        "(" + string.Join(" <-> ", terms.Select(t => Term(new QueryTerm(t, false), weightA))) + ")";

    /// <summary>A quoted lexeme; terms hold only letters and digits, but quotes and backslashes are escaped all the same.</summary>
    private static string Term(QueryTerm term, bool weightA)
    {
        var lexeme = Lexeme(term.Term);
        return (term.Prefix, weightA) switch
        {
            (true, true) => lexeme + ":*A",
            (true, false) => lexeme + ":*",
            (false, true) => lexeme + ":A",
            (false, false) => lexeme,
        };
    }

    private static string Lexeme(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
