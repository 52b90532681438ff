using System.Data.Common;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// The search engine over the application database. A query runs in up to two stages: documents with every free term
/// (strict); when fewer than <see cref="MinStrictResults"/> have them all, documents with any of them follow (relaxed),
/// those with all terms first. Each stage is ranked by the database (coverage and cover density on PostgreSQL, bm25 on
/// SQLite); titles and snippets are then cut from the stored text of the page's documents.
/// </summary>
public sealed class SqlSearchIndex(HotlineDbContext db) : ISearchIndex
{
    /// <summary>Below this many strict matches the relaxed stage is added (colloquial queries, typos).</summary>
    public const int MinStrictResults = 3;

    private readonly SearchDialect _dialect = db.IsPostgres ? new PostgresSearchDialect() : new SqliteSearchDialect();

    public async Task UpsertAsync(HotlineDbContext context, SearchDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (connection, transaction) = Transaction(context);
        await _dialect.UpsertAsync(connection, transaction, document, cancellationToken);
    }

    public async Task RemoveAsync(HotlineDbContext context, string kind, long entityId, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = Transaction(context);
        await _dialect.RemoveAsync(connection, transaction, kind, entityId, cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, SearchCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Kinds.Count == 0)
        {
            throw new ArgumentException("Search at least one kind of document.", nameof(query));
        }

        var parsed = ParsedQuery.Parse(query.Text);
        var size = Math.Clamp(query.PageSize, 1, SearchQuery.MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var offset = (page - 1) * size;
        void Filters(SearchSql sql) => SearchFilters.Append(sql, query, caller, _dialect.Date);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            string mode;
            int total;
            List<long> ids;
            var scores = new Dictionary<long, double>();
            if (parsed.IsEmpty)
            {
                mode = "browse";
                total = await CountAsync(_dialect.Count(parsed, SearchStage.Browse, Filters, SearchQuery.RankingWindow + 1));
                ids = offset >= SearchQuery.RankingWindow ? [] : await RankAsync(_dialect.Ranked(parsed, SearchStage.Browse, Filters, offset, size));
            }
            else
            {
                var strictTotal = await CountAsync(_dialect.Count(parsed, SearchStage.Strict, Filters, SearchQuery.RankingWindow + 1));
                if (!parsed.CanRelax || strictTotal >= MinStrictResults)
                {
                    mode = "all";
                    total = strictTotal;
                    ids = offset >= SearchQuery.RankingWindow ? [] : await RankAsync(_dialect.Ranked(parsed, SearchStage.Strict, Filters, offset, size));
                }
                else
                {
                    mode = "any";
                    total = await CountAsync(_dialect.Count(parsed, SearchStage.Relaxed, Filters, SearchQuery.RankingWindow + 1));
                    var strict = strictTotal == 0 ? [] : await RankAsync(_dialect.Ranked(parsed, SearchStage.Strict, Filters, 0, strictTotal));
                    var relaxed = offset >= SearchQuery.RankingWindow ? [] : await RankAsync(_dialect.Ranked(parsed, SearchStage.Relaxed, Filters, 0, Math.Min(offset + size + strict.Count, SearchQuery.RankingWindow)));
                    ids = strict.Concat(relaxed.Where(id => !strict.Contains(id))).Skip(offset).Take(size).ToList();
                }
            }

            var rows = await LoadAsync(ids);
            var mask = caller.MaskPersonalData;
            var hits = ids.Where(rows.ContainsKey).Select(id =>
            {
                var r = rows[id];
                return new SearchHit(
                    r.Kind, r.EntityId, mask ? Snippets.MaskPersonalData(r.Title) : r.Title, Snippets.Highlight(r.Title, parsed.Highlights, mask),
                    Snippets.Snippet(r.Body, parsed.Highlights, mask), Math.Round(r.Score, 4), r.Category, r.RegionCodes, r.Status, r.SortAtUtc, r.PeriodStartUtc, r.PeriodEndUtc);
            }).ToList();
            var capped = total > SearchQuery.RankingWindow;
            return new SearchResults(hits, Math.Min(total, SearchQuery.RankingWindow), capped, mode, parsed.Describe(), page, size);

            async Task<int> CountAsync(SearchSql sql)
            {
                await using var command = sql.CreateCommand(connection, transaction);
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            async Task<List<long>> RankAsync(SearchSql sql)
            {
                await using var command = sql.CreateCommand(connection, transaction);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var list = new List<long>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    list.Add(id);
                    scores.TryAdd(id, Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
                }

                return list;
            }

            async Task<Dictionary<long, Row>> LoadAsync(List<long> pageIds)
            {
                var result = new Dictionary<long, Row>();
                if (pageIds.Count == 0)
                {
                    return result;
                }

                var sql = new SearchSql();
                sql.Append("SELECT id, kind, entity_id, title, body, category, region_codes, status, sort_at_utc, period_start_utc, period_end_utc FROM search_documents WHERE id IN (")
                    .Append(string.Join(", ", pageIds.Select(id => sql.Add(id)))).Append(")");
                await using var command = sql.CreateCommand(connection, transaction);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    result[id] = new Row(
                        reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries),
                        reader.IsDBNull(7) ? null : reader.GetString(7),
                        _dialect.ReadDate(reader, 8),
                        reader.IsDBNull(9) ? null : _dialect.ReadDate(reader, 9),
                        reader.IsDBNull(10) ? null : _dialect.ReadDate(reader, 10),
                        scores.GetValueOrDefault(id));
                }

                return result;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (DbConnection Connection, DbTransaction Transaction) Transaction(HotlineDbContext context)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Write the search index inside the transaction that writes the entity (BeginTransactionAsync first).");
        return (context.Database.GetDbConnection(), transaction);
    }

    private sealed record Row(
        string Kind, long EntityId, string Title, string Body, string? Category, IReadOnlyList<string> RegionCodes, string? Status,
        DateTime SortAtUtc, DateTime? PeriodStartUtc, DateTime? PeriodEndUtc, double Score);
}
