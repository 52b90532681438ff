using System.Data.Common;
using System.Globalization;
using Hotline.Infrastructure.Data;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// The search engine over the application database. A query runs in up to two stages: documents with every free term
/// (strict); when fewer than <see cref="MinStrictResults"/> have them all, documents with any of them follow (relaxed),
/// those with all terms first. Each stage is one statement that counts, ranks (coverage and cover density on
/// PostgreSQL, bm25 on SQLite) and returns the page's stored text, from which titles and snippets are then cut.
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

    public async Task UpsertManyAsync(HotlineDbContext context, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var (connection, transaction) = Transaction(context);
        await _dialect.UpsertManyAsync(connection, transaction, documents, cancellationToken);
    }

    public async Task RemoveAsync(HotlineDbContext context, string kind, long entityId, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = Transaction(context);
        await _dialect.RemoveAsync(connection, transaction, kind, entityId, cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, SearchCaller caller, CancellationToken cancellationToken = default)
    {
        Check(query);
        var parsed = ParsedQuery.Parse(query.Text);
        var size = Math.Clamp(query.PageSize, 1, SearchQuery.MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var offset = (page - 1) * size;
        var limit = offset >= SearchQuery.RankingWindow ? 0 : size;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            string mode;
            int total;
            var window = SearchQuery.RankingWindow;
            List<Row> rows;
            if (parsed.IsEmpty)
            {
                mode = "browse";
                (total, rows) = await PageAsync(SearchStage.Browse, offset, limit);
            }
            else
            {
                var (strictTotal, strictRows) = await PageAsync(SearchStage.Strict, offset, limit);
                if (!parsed.CanRelax || strictTotal >= MinStrictResults)
                {
                    mode = "all";
                    (total, rows) = (strictTotal, strictRows);
                }
                else
                {
                    // Documents with every term first, then those with any of them.
                    mode = "any";
                    var strict = offset == 0 || strictTotal == 0 ? strictRows : (await PageAsync(SearchStage.Strict, 0, strictTotal)).Rows;
                    window = SearchQuery.RelaxedWindow;
                    var (relaxedTotal, relaxed) = await PageAsync(SearchStage.Relaxed, 0, Math.Min(offset + size + strict.Count, window));
                    var strictIds = strict.Select(r => r.Id).ToHashSet();
                    rows = strict.Concat(relaxed.Where(r => !strictIds.Contains(r.Id))).Skip(offset).Take(limit).ToList();
                    total = relaxedTotal;
                }
            }

            var mask = caller.MaskPersonalData;
            var hits = rows.Select(r => new SearchHit(
                r.Kind, r.EntityId, mask ? Snippets.MaskPersonalData(r.Title) : r.Title, Snippets.Highlight(r.Title, parsed.Highlights, mask),
                Snippets.Snippet(r.Body, parsed.Highlights, mask), Math.Round(r.Score, 4), r.Category, r.RegionCodes, r.Status, r.SortAtUtc,
                r.PeriodStartUtc, r.PeriodEndUtc)).ToList();
            return new SearchResults(hits, Math.Min(total, window), total > window, mode, parsed.Describe(), page, size);

            async Task<(int Total, List<Row> Rows)> PageAsync(SearchStage stage, int pageOffset, int pageLimit)
            {
                var cap = (stage == SearchStage.Relaxed ? SearchQuery.RelaxedWindow : SearchQuery.RankingWindow) + 1;
                await using var command = _dialect.Page(parsed, stage, query, caller, pageOffset, pageLimit, cap).CreateCommand(connection, transaction);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var result = new List<Row>();
                var count = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    count = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                    if (reader.IsDBNull(0))
                    {
                        continue;
                    }

                    result.Add(new Row(
                        reader.GetInt64(0), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture),
                        reader.GetString(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries),
                        reader.IsDBNull(9) ? null : reader.GetString(9),
                        _dialect.ReadDate(reader, 10),
                        reader.IsDBNull(11) ? null : _dialect.ReadDate(reader, 11),
                        reader.IsDBNull(12) ? null : _dialect.ReadDate(reader, 12)));
                }

                return (count, result);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<SearchIds> FindIdsAsync(SearchQuery query, SearchCaller caller, CancellationToken cancellationToken = default)
    {
        Check(query);
        var parsed = ParsedQuery.Parse(query.Text);
        var cap = SearchQuery.RankingWindow + 1;
        var sql = _dialect.Ids(parsed, parsed.IsEmpty ? SearchStage.Browse : SearchStage.Strict, query, caller, cap);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = sql.CreateCommand(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ids = new List<long>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }

            var capped = ids.Count > SearchQuery.RankingWindow;
            return new SearchIds(capped ? ids[..SearchQuery.RankingWindow] : ids, capped, parsed.Describe());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Check(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Kinds.Count == 0)
        {
            throw new ArgumentException("Search at least one kind of document.", nameof(query));
        }

        if (query.Tags.Any(g => g.Count == 0 || !g.All(IndexKeys.IsValidTag)))
        {
            throw new ArgumentException("Each tag group names at least one valid tag.", nameof(query));
        }
    }

    private static (DbConnection Connection, DbTransaction Transaction) Transaction(HotlineDbContext context)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Write the search index inside the transaction that writes the entity (BeginTransactionAsync first).");
        return (context.Database.GetDbConnection(), transaction);
    }

    private sealed record Row(
        long Id, double Score, string Kind, long EntityId, string Title, string Body, string? Category, IReadOnlyList<string> RegionCodes, string? Status,
        DateTime SortAtUtc, DateTime? PeriodStartUtc, DateTime? PeriodEndUtc);
}
