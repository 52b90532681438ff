using System.Data.Common;
using System.Globalization;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// SQLite: an FTS5 table (<c>search_fts</c>, rowid = document id) over the same pre-tokenised terms in three columns
/// (title, keywords, body); the unicode61 tokenizer splits them on the spaces. A query is an FTS5 expression of quoted
/// strings only (a quoted string cannot be an operator), ranked by bm25 with the title and keywords weighted up.
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

    public override SearchSql Ranked(ParsedQuery query, SearchStage stage, Action<SearchSql> filters, int offset, int limit)
    {
        var sql = new SearchSql();
        if (stage == SearchStage.Browse)
        {
            sql.Append("SELECT d.id, 0.0 AS score FROM search_documents d WHERE ");
            filters(sql);
            return sql.Append($" ORDER BY d.sort_at_utc DESC, d.id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}");
        }

        sql.Append("SELECT d.id, -bm25(search_fts, 4.0, 4.0, 1.0) AS score FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid ")
            .Append($"WHERE search_fts MATCH {sql.Add(Match(query, stage))} AND ");
        filters(sql);
        return sql.Append($" ORDER BY score DESC, d.sort_at_utc DESC, d.id DESC LIMIT {sql.Add(limit)} OFFSET {sql.Add(offset)}");
    }

    public override SearchSql Count(ParsedQuery query, SearchStage stage, Action<SearchSql> filters, int cap)
    {
        var sql = new SearchSql();
        sql.Append("SELECT count(*) FROM (SELECT 1 FROM ");
        sql.Append(stage == SearchStage.Browse
            ? "search_documents d WHERE "
            : $"search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH {sql.Add(Match(query, stage))} AND ");
        filters(sql);
        return sql.Append($" LIMIT {sql.Add(cap)}) x");
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
