using System.Data.Common;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// SQLite: an FTS5 table (<c>search_fts</c>, rowid = document id) over the same pre-tokenised terms in three columns
/// (title, keywords, body); the unicode61 tokenizer splits them on the spaces. A query is an FTS5 expression of quoted
/// strings only (a quoted string cannot be an operator), ranked by bm25 with the title and keywords weighted up. Scope
/// and tags are conditions on the key columns (the embedded database serves one small platform; no slices needed).
/// </summary>
internal sealed class SqliteSearchDialect : SearchDialect
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override object Date(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public override DateTime ReadDate(DbDataReader reader, int ordinal) =>
        DateTime.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override async Task UpsertAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken cancellationToken)
    {
        var sql = new SearchSql();
        sql.Append($"INSERT INTO search_documents ({DocumentColumns}) VALUES ({DocumentValues(sql, document)}) ")
            .Append($"ON CONFLICT (kind, entity_id) DO UPDATE SET {UpdateColumns} RETURNING id");
        long id;
        await using (var command = sql.CreateCommand(connection, transaction))
        {
            id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var fts = new SearchSql();
        var rowid = fts.Add(id);
        fts.Append($"DELETE FROM search_fts WHERE rowid = {rowid}; ")
            .Append($"INSERT INTO search_fts (rowid, title, keywords, body) VALUES ({rowid}, {fts.Add(Terms(document.Title))}, {fts.Add(Terms(document.Keywords))}, {fts.Add(Terms(document.Body))})");
        await ExecuteAsync(fts, connection, transaction, cancellationToken);
    }

    public override Task RemoveAsync(DbConnection connection, DbTransaction transaction, string kind, long entityId, CancellationToken cancellationToken)
    {
        var sql = new SearchSql();
        var kindParameter = sql.Add(kind);
        var idParameter = sql.Add(entityId);
        sql.Append($"DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_documents WHERE kind = {kindParameter} AND entity_id = {idParameter}); ")
            .Append($"DELETE FROM search_documents WHERE kind = {kindParameter} AND entity_id = {idParameter}");
        return ExecuteAsync(sql, connection, transaction, cancellationToken);
    }

    public override SearchSql Page(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int offset, int limit, int cap)
    {
        var sql = new SearchSql();
        AppendMatches(sql, parsed, stage, query, caller);
        sql.Append($"), n AS (SELECT count(*) AS total FROM (SELECT 1 FROM m LIMIT {sql.Add(cap)})), ")
            .Append($"p AS (SELECT id, score, sort_at_utc FROM m ORDER BY score DESC, sort_at_utc DESC, id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}) ")
            .Append($"SELECT p.id, p.score, n.total, {HitColumns} FROM n LEFT JOIN p ON 1 = 1 LEFT JOIN search_documents d ON d.id = p.id ")
            .Append("ORDER BY p.score DESC, p.sort_at_utc DESC, p.id DESC");
        return sql;
    }

    public override SearchSql Ids(ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller, int cap)
    {
        var sql = new SearchSql();
        AppendMatches(sql, parsed, stage, query, caller);
        sql.Append($") SELECT d.entity_id FROM m JOIN search_documents d ON d.id = m.id ORDER BY m.sort_at_utc DESC, m.id DESC LIMIT {sql.Add(cap)}");
        return sql;
    }

    /// <summary>Appends an unterminated <c>WITH m AS MATERIALIZED (…</c> of every match with its score.</summary>
    private void AppendMatches(SearchSql sql, ParsedQuery parsed, SearchStage stage, SearchQuery query, SearchCaller caller)
    {
        sql.Append(stage == SearchStage.Browse
            ? "WITH m AS MATERIALIZED (SELECT d.id AS id, 0.0 AS score, d.sort_at_utc AS sort_at_utc FROM search_documents d WHERE "
            : $"WITH m AS MATERIALIZED (SELECT d.id AS id, -bm25(search_fts, 4.0, 4.0, 1.0) AS score, d.sort_at_utc AS sort_at_utc FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH {sql.Add(Match(parsed, stage))} AND ");
        SearchFilters.Append(sql, query, caller, Date, keysInIndex: false);
    }

    internal static string Match(ParsedQuery query, SearchStage stage)
    {
        var phrases = query.Phrases.Select(p => Quote(string.Join(' ', p)));
        var free = query.Free.Select(t => Quote(t.Term) + (t.Prefix ? "*" : string.Empty)).ToList();
        if (stage == SearchStage.Relaxed && free.Count > 1)
        {
            return string.Join(" AND ", phrases.Append("(" + string.Join(" OR ", free) + ")"));
        }

        return string.Join(" AND ", phrases.Concat(free));
    }

    /// <summary>An FTS5 string: inside double quotes nothing is syntax (a double quote is doubled).</summary>
    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
