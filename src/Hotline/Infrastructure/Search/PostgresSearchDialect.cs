using System.Data.Common;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// PostgreSQL: the terms are stored as <c>to_tsvector('simple', …)</c> of the pre-tokenised text (title and keywords
/// weighted A, body B) under a GIN index. A query is a tsquery of quoted lexemes (<c>&amp;</c>, <c>|</c>, <c>&lt;-&gt;</c>
/// for phrases, <c>:*</c> for a lone character). Ranking is bounded: the newest <see cref="SearchQuery.RankingWindow"/>
/// matches are ranked, so a term found in half a million documents costs a walk down the date index, not a sort of
/// every match. Count, ranking and the page's stored text come back from one statement.
/// </summary>
internal sealed class PostgresSearchDialect : SearchDialect
{

    public override object Date(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public override DateTime ReadDate(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public override Task UpsertAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken)
    {
        var sql = new SearchSql();
        var values = DocumentValues(sql, document);
        var terms = TermsExpression(sql.Add(Terms(document.Title)), sql.Add(Terms(document.Keywords)), sql.Add(Terms(document.Body)));
        sql.Append($"INSERT INTO search_documents ({DocumentColumns}, terms) VALUES ({values}, {terms}) ")
            .Append($"ON CONFLICT (kind, entity_id) DO UPDATE SET {UpdateColumns}, terms = excluded.terms");
        return ExecuteAsync(sql, connection, transaction, cancellationToken);
    }

    public override Task RemoveAsync(DbConnection connection, DbTransaction transaction, string kind, long entityId, CancellationToken cancellationToken)
    {
        var sql = new SearchSql();
        sql.Append($"DELETE FROM search_documents WHERE kind = {sql.Add(kind)} AND entity_id = {sql.Add(entityId)}");
        return ExecuteAsync(sql, connection, transaction, cancellationToken);
    }

    public override SearchSql Page(ParsedQuery query, SearchStage stage, Action<SearchSql> filters, int offset, int limit, int cap)
    {
        var sql = new SearchSql();
        string score;
        string candidates;
        if (stage == SearchStage.Browse)
        {
            sql.Append("WITH m AS (SELECT d.id, d.sort_at_utc FROM search_documents d WHERE ");
            filters(sql);
            score = "0.0";
            candidates = "SELECT id, sort_at_utc FROM m";
        }
        else
        {
            var match = sql.Add(Match(query, stage));
            sql.Append($"WITH m AS (SELECT d.id, d.terms, d.sort_at_utc FROM search_documents d WHERE d.terms @@ {match}::tsquery AND ");
            filters(sql);

            // `|| ''` hands the ranking an in-memory copy: each function call would otherwise decompress the stored value again.
            candidates = "SELECT id, terms || ''::tsvector AS terms, sort_at_utc FROM m";

            // Each query term found counts 1, found in the title or keywords another 0.5; cover density breaks ties.
            var coverage = Clauses(query, weightA: false).Zip(Clauses(query, weightA: true))
                .Select(p => $"(c.terms @@ {sql.Add(p.First)}::tsquery)::int + 0.5 * (c.terms @@ {sql.Add(p.Second)}::tsquery)::int");
            score = $"({string.Join(" + ", coverage)}) + ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', c.terms, {match}::tsquery, 1)";
        }

        // The newest matches (at most the cap), found along the (kind, sort date) index when a term is common.
        sql.Append($" ORDER BY d.sort_at_utc DESC LIMIT {sql.Add(cap)}), ")
            .Append($"c AS ({candidates}), ")
            .Append("n AS (SELECT count(*) AS total FROM c), ")
            .Append($"p AS (SELECT c.id, {score} AS score, c.sort_at_utc FROM c ORDER BY score DESC, c.sort_at_utc DESC, c.id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}) ")
            .Append($"SELECT p.id, p.score, n.total, {HitColumns} FROM n LEFT JOIN p ON true LEFT JOIN search_documents d ON d.id = p.id ")
            .Append("ORDER BY p.score DESC, p.sort_at_utc DESC, p.id DESC");
        return sql;
    }

    /// <summary>Title and keywords weighted A, body B; <c>||</c> shifts each part's positions past the previous one's.</summary>
    internal static string TermsExpression(string title, string keywords, string body) =>
        $"setweight(to_tsvector('simple', {title}), 'A') || setweight(to_tsvector('simple', {keywords}), 'A') || setweight(to_tsvector('simple', {body}), 'B')";

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
        var lexeme = "'" + term.Term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
        return (term.Prefix, weightA) switch
        {
            (true, true) => lexeme + ":*A",
            (true, false) => lexeme + ":*",
            (false, true) => lexeme + ":A",
            (false, false) => lexeme,
        };
    }
}
