using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Features.Knowledge;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Seeding;
using Hotline.Tests.Knowledge.Relevance;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Bench;

/// <summary>
/// Search at city scale on PostgreSQL: 1,000,000 generated work-order documents and 100,000 articles, loaded with
/// binary COPY; index build time; p50/p99 of the real search engine (count, rank, load, snippets) for a rare and a
/// common two-character term and a phrase; the write overhead of indexing; and MRR@10 of the relevance fixture.
/// Texts are recombined at run time from sentences of shared/datasets/gov-messages (nothing of it is stored).
/// </summary>
public sealed class SearchBenchmark : IBenchmark
{
    private const string WorkOrderKind = "work_order";

    /// <summary>Invented place names, each put into a few dozen work orders: the rare terms.</summary>
    private static readonly string[] RareNames =
    [
        "琼枝坞", "鹭岛湾", "望潮坊", "听松苑", "枕溪里", "揽月台", "鸣琴巷", "拾翠洲", "卧牛坡", "采菱塘",
        "藕香榭", "问梅村", "栖霞渡", "驻鹤亭", "漱玉泉", "苇渡汀", "流萤谷", "垂虹桥", "观澜埠", "浣纱溪",
    ];

    private static readonly string[] Regions = ["990102001001", "990102001002", "990102002001", "990103001001", "990103002", "990121100201", "990121200"];

    private static readonly string[] Owners = ["/AL/AL-DC/AL-DC-ZJ/", "/AL/AL-DC/AL-DC-CG/", "/AL/AL-XC/AL-XC-CG/", "/AL/AL-XC/AL-XC-ZJ/", "/AL/AL-AX/AL-AX-NY/", "/AL/AL-WATER/", "/AL/AL-ZJ/", "/AL/AL-HB/"];

    public string Name => "search";

    public string Description => "Knowledge and work-order search on PostgreSQL: 1M work orders + 100k articles (--workorders, --articles, --runs, --writes)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var workOrders = context.GetInt("workorders", 1_000_000);
        var articles = context.GetInt("articles", 100_000);
        var runs = context.GetInt("runs", 200);
        var writes = context.GetInt("writes", 1000);
        var datasets = context.Get("datasets", FindDatasets());
        var report = new StringBuilder();
        report.Append(Measure.Header("Search: 1M work orders + 100k articles on PostgreSQL"));
        var loadAtStart = LoadAverage();

        var connectionString = await Measure.CreateDatabaseAsync("bench_search");
        var builder = HotlineApp.CreateBuilder([], "Development");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Security:PasswordHashIterations"] = "1000",
            ["Seed:DemoOnFirstStart"] = "true",
            ["Knowledge:ExpiryCheckMinutes"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using var app = HotlineApp.Build(builder);
        await HotlineApp.InitialiseAsync(app);
        var services = app.Services;
        var now = DateTime.UtcNow;

        // Relevance first, on the demo knowledge base and its neighbours only.
        await KnowledgeDemoData.SeedAsync(services, RelevanceCorpus.Articles);
        var relevance = await RelevanceEvaluation.RunAsync(services, now);
        var mrrClean = RelevanceEvaluation.MeanReciprocalRank(relevance);
        Console.Error.WriteLine($"MRR@10 {mrrClean:0.000}");

        // Generate and load.
        var corpus = TextSource.Load(datasets);
        Console.Error.WriteLine($"{corpus.Sentences.Count} sentences, {corpus.Subjects.Count} subjects from {datasets}");
        await using var data = NpgsqlDataSource.Create(connectionString);
        await ExecAsync(data, "DROP INDEX ix_search_documents_terms; DROP INDEX ix_search_documents_kind_sort_at_utc; " +
            "CREATE UNLOGGED TABLE bench_staging (LIKE search_documents INCLUDING DEFAULTS); ALTER TABLE bench_staging DROP COLUMN id, DROP COLUMN terms, ADD COLUMN title_terms text, ADD COLUMN body_terms text;");
        var random = new Random(12345);
        var load = Stopwatch.StartNew();
        var generatedChars = 0L;
        await using (var connection = await data.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY bench_staging (kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, sort_at_utc, title_terms, body_terms) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < workOrders + articles; i++)
            {
                var isWorkOrder = i < workOrders;
                var (title, body, category) = corpus.Compose(random, isWorkOrder ? 2 : 3, isWorkOrder ? 6 : 8);
                if (isWorkOrder && random.Next(workOrders) < 25 * RareNames.Length)
                {
                    body = $"{body}事发地点在{RareNames[random.Next(RareNames.Length)]}小区东门附近。";
                }

                generatedChars += title.Length + body.Length;
                var region = Regions[random.Next(Regions.Length)];
                await importer.StartRowAsync();
                await importer.WriteAsync(isWorkOrder ? WorkOrderKind : KnowledgeIndexer.ArticleKind, NpgsqlDbType.Varchar);
                await importer.WriteAsync((long)(isWorkOrder ? i + 1 : i - workOrders + 1_000_000_000L), NpgsqlDbType.Bigint);
                await importer.WriteAsync(Owners[random.Next(Owners.Length)], NpgsqlDbType.Varchar);
                await importer.WriteAsync(isWorkOrder ? "scope" : "staff", NpgsqlDbType.Varchar);
                await importer.WriteAsync(title, NpgsqlDbType.Text);
                await importer.WriteAsync(body, NpgsqlDbType.Text);
                await importer.WriteAsync(string.Empty, NpgsqlDbType.Text);
                await importer.WriteAsync(region, NpgsqlDbType.Varchar);
                await importer.WriteAsync(RegionKeys.Column([region]), NpgsqlDbType.Varchar);
                await importer.WriteAsync(category, NpgsqlDbType.Varchar);
                await importer.WriteAsync(isWorkOrder ? (random.Next(5) == 0 ? "open" : "closed") : "published", NpgsqlDbType.Varchar);
                await importer.WriteAsync(now.AddMinutes(-random.Next(2 * 365 * 24 * 60)), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(IndexTerms.ToTermString(title), NpgsqlDbType.Text);
                await importer.WriteAsync(IndexTerms.ToTermString(body), NpgsqlDbType.Text);
                if (i % 100_000 == 99_999)
                {
                    Console.Error.WriteLine($"  loaded {i + 1:#,0} in {load.Elapsed.TotalSeconds:0} s");
                }
            }

            await importer.CompleteAsync();
        }

        var copySeconds = load.Elapsed.TotalSeconds;

        // The engine's own expression turns the terms into the stored tsvector, as UpsertAsync does for one document.
        await ExecAsync(data, $"""
            INSERT INTO search_documents (kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, sort_at_utc, terms)
            SELECT kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, sort_at_utc,
                   {PostgresSearchDialect.TermsExpression("title_terms", "''", "body_terms")}
            FROM bench_staging;
            DROP TABLE bench_staging;
            """);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var transformSeconds = loadSeconds - copySeconds;
        await ExecAsync(data, "SET maintenance_work_mem = '1GB'; CREATE INDEX ix_search_documents_kind_sort_at_utc ON search_documents (kind, sort_at_utc DESC);");
        var btreeSeconds = load.Elapsed.TotalSeconds - loadSeconds;
        await ExecAsync(data, "SET maintenance_work_mem = '1GB'; CREATE INDEX ix_search_documents_terms ON search_documents USING gin (terms);");
        var ginSeconds = load.Elapsed.TotalSeconds - loadSeconds - btreeSeconds;
        await ExecAsync(data, "VACUUM ANALYZE search_documents;");
        Console.Error.WriteLine($"copied in {copySeconds:0} s, loaded in {loadSeconds:0} s, btree {btreeSeconds:0} s, GIN {ginSeconds:0} s");


        var table = await ScalarAsync<string>(data, "SELECT pg_size_pretty(pg_table_size('search_documents'))");
        var gin = await ScalarAsync<string>(data, "SELECT pg_size_pretty(pg_relation_size('ix_search_documents_terms'))");
        var rare = RareNames.Select(n => n[..2]).ToArray();
        var common = "问题";
        var common2 = "小区";
        var phrase = "\"物业公司\"";
        var counts = new Dictionary<string, long>();
        foreach (var term in rare.Append(common).Append(common2).Append("物业公司"))
        {
            counts[term] = await ScalarAsync<long>(data, $"SELECT count(*) FROM search_documents WHERE kind = 'work_order' AND terms @@ '{(term.Length == 4 ? "物业 <-> 业公 <-> 公司" : term)}'::tsquery");
        }

        // Latency of the engine as the API calls it.
        var platform = SearchCaller.Staff(AccessScope.Platform, maskPersonalData: false);
        var unit = SearchCaller.Staff(new AccessScope("/AL/AL-DC/AL-DC-ZJ/"));
        var rows = new List<(string Name, string Matches, Stats Stats)>
        {
            ("baseline: primary-key lookup of one document", "1", await TimeAsync(runs, i => ScalarAsync<long>(data, $"SELECT id FROM search_documents WHERE id = {1 + (i * 7919 % workOrders)}"))),
            ($"rare term ({string.Join('/', rare.Take(3))}… 20 invented place names), work orders, top 20", $"{rare.Min(r => counts[r])}–{rare.Max(r => counts[r])}", await TimeAsync(runs, i => SearchAsync(services, rare[i % rare.Length], WorkOrderKind, platform, now))),
            ($"common term {common}, work orders, top 20", counts[common].ToString("#,0", CultureInfo.InvariantCulture), await TimeAsync(runs, _ => SearchAsync(services, common, WorkOrderKind, platform, now))),
            ($"common term {common2}, work orders, top 20", counts[common2].ToString("#,0", CultureInfo.InvariantCulture), await TimeAsync(runs, _ => SearchAsync(services, common2, WorkOrderKind, platform, now))),
            ($"phrase {phrase}, work orders, top 20", counts["物业公司"].ToString("#,0", CultureInfo.InvariantCulture), await TimeAsync(runs, _ => SearchAsync(services, phrase, WorkOrderKind, platform, now))),
            ($"common term {common2}, one unit's scope (东城区住建局), top 20", "~1/8 of the above", await TimeAsync(runs, _ => SearchAsync(services, common2, WorkOrderKind, unit, now))),
            ($"common term {common}, 100k articles, top 20", "", await TimeAsync(runs, _ => SearchAsync(services, common, KnowledgeIndexer.ArticleKind, platform, now))),
            ("agent query 楼上装修噪音扰民, work orders, top 20", "", await TimeAsync(runs, _ => SearchAsync(services, "楼上装修噪音扰民", WorkOrderKind, platform, now))),
        };

        var (withIndex, withoutIndex) = await WriteOverheadAsync(services, writes, now);
        var relevanceLoaded = RelevanceEvaluation.MeanReciprocalRank(await RelevanceEvaluation.RunAsync(services, now));
        var plan = await ExplainAsync(data, common, now);
        var phrasePlan = await ExplainAsync(data, phrase, now);

        report.Append(CultureInfo.InvariantCulture, $"""

            Load average {loadAtStart} at the start and {LoadAverage()} at the end of the run (the machine is shared with
            other builds and test runs, which the baseline row reflects).

            Corpus: {workOrders:#,0} work-order documents and {articles:#,0} article documents ({generatedChars / 1e6:0} M characters,
            recombined from {corpus.Sentences.Count:#,0} sentences of gov-messages); table {table}, GIN index {gin}.
            PostgreSQL 15 with the throwaway cluster's settings (shared_buffers 128 MB, fsync off); queries go through
            `ISearchIndex.SearchAsync` as the API calls it (capped count, ranking, loading the page, snippets), {runs} runs each
            after a warm-up.

            | load step | time |
            |---|---|
            | generating, tokenising (`IndexTerms`) and binary COPY of {workOrders + articles:#,0} rows into a staging table | {copySeconds:0.0} s ({(workOrders + articles) / copySeconds:#,0} rows/s) |
            | `INSERT … SELECT` with the engine's `to_tsvector('simple', …)` expression | {transformSeconds:0.0} s ({(workOrders + articles) / transformSeconds:#,0} rows/s) |
            | GIN index build (`maintenance_work_mem` 1 GB) | {ginSeconds:0.0} s |
            | B-tree (kind, sort_at_utc) build | {btreeSeconds:0.0} s |

            | query | matching documents | p50 | p99 |
            |---|---|---|---|

            """);
        foreach (var (name, matches, stats) in rows)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {name} | {matches} | {Measure.Ms(stats.P50)} | {Measure.Ms(stats.P99)} |\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"""

            Write overhead of indexing ({writes:#,0} single-article writes each, alternating, against the loaded table): an article
            insert (EF Core, own transaction) takes p50 {Measure.Ms(withoutIndex.P50)} / mean {Measure.Ms(withoutIndex.Mean)} without the index row and
            p50 {Measure.Ms(withIndex.P50)} / mean {Measure.Ms(withIndex.Mean)} with it (`ISearchIndex.UpsertAsync` in the same transaction):
            {(withIndex.Mean - withoutIndex.Mean):0.00} ms more per write.

            Relevance fixture ({relevance.Count} agent queries): MRR@10 = {mrrClean:0.000} over the demo knowledge base and its neighbours;
            {relevanceLoaded:0.000} with the 100,000 generated articles added as distractors.

            The statement for the common term `{common}` (work orders, first page):

            ```
            {plan}
            ```

            The statement for the phrase {phrase}:

            ```
            {phrasePlan}
            ```

            """);
        Console.WriteLine(report.ToString());
        return 0;
    }

    private static async Task SearchAsync(IServiceProvider services, string text, string kind, SearchCaller caller, DateTime now)
    {
        await using var scope = services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<ISearchIndex>().SearchAsync(
            new SearchQuery { Text = text, Kinds = [kind], NowUtc = now, PageSize = 20 }, caller);
        if (results.Items.Count == 0)
        {
            throw new InvalidOperationException($"'{text}' found nothing");
        }
    }

    private static async Task<(Stats With, Stats Without)> WriteOverheadAsync(IServiceProvider services, int writes, DateTime now)
    {
        long ownerId;
        await using (var scope = services.CreateAsyncScope())
        {
            ownerId = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<Unit>().Where(u => u.Code == "AL-DC-ZJ").Select(u => u.Id).SingleAsync();
        }

        var with = new List<double>();
        var without = new List<double>();
        var random = new Random(7);
        for (var i = 0; i < writes * 2 + 40; i++)
        {
            var index = i % 2 == 0;
            var content = KnowledgeContent.Create(KnowledgeKind.Faq, $"写入测试{i}小区噪音扰民处理", $"第{i}条：夜间施工噪音扰民的，由城市管理局执法大队到场查处。{random.Next()}", "测试", [], ["噪音"], false, null, null, null, null);
            var watch = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var article = KnowledgeArticle.Create(content, ownerId, KnowledgeActor.System, now);
                db.Add(article);
                await db.SaveChangesAsync();
                if (index)
                {
                    await scope.ServiceProvider.GetRequiredService<ISearchIndex>().UpsertAsync(db, KnowledgeIndexer.ToDocument(article.Id, "/AL/AL-DC/AL-DC-ZJ/", content, now) with { Kind = "bench.write" });
                }

                await transaction.CommitAsync();
            }

            if (i >= 40)
            {
                (index ? with : without).Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return (Stats.Of(with), Stats.Of(without));
    }

    private static async Task<Stats> TimeAsync(int runs, Func<int, Task> action)
    {
        for (var i = 0; i < Math.Min(20, runs); i++)
        {
            await action(i);
        }

        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await Measure.TimeAsync(() => action(i)));
        }

        return Stats.Of(samples);
    }

    /// <summary>EXPLAIN ANALYZE of exactly the statement the engine sends for a query (strict stage, first page).</summary>
    private static async Task<string> ExplainAsync(NpgsqlDataSource data, string text, DateTime now)
    {
        var query = new SearchQuery { Text = text, Kinds = [WorkOrderKind], NowUtc = now };
        var dialect = new PostgresSearchDialect();
        var sql = dialect.Page(ParsedQuery.Parse(text), SearchStage.Strict, s => SearchFilters.Append(s, query, SearchCaller.Staff(AccessScope.Platform), dialect.Date), 0, 20, SearchQuery.RankingWindow + 1);
        sql.Text.Insert(0, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ");
        await using var connection = await data.OpenConnectionAsync();
        await using var command = sql.CreateCommand(connection, null);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task ExecAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 3600;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string FindDatasets()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "gov-messages");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "/work/shared/datasets/gov-messages";
    }

    private sealed record Stats(double P50, double P99, double Mean)
    {
        public static Stats Of(List<double> samples)
        {
            samples.Sort();
            return new Stats(Measure.Percentile(samples, 50), Measure.Percentile(samples, 99), samples.Average());
        }
    }

    /// <summary>Sentences and subject lines of the citizen messages, recombined into new texts.</summary>
    private sealed class TextSource
    {
        public List<string> Sentences { get; } = [];

        public List<string> Subjects { get; } = [];

        public List<string> Labels { get; } = [];

        public static TextSource Load(string folder)
        {
            var source = new TextSource();
            foreach (var line in File.ReadLines(Path.Combine(folder, "messages.tsv")).Skip(1))
            {
                var tab = line.LastIndexOf('\t');
                var text = tab > 0 ? line[..tab] : line;
                foreach (var sentence in text.Split(['。', '！', '？', '；', '!', '?'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (sentence.Length is >= 8 and <= 120)
                    {
                        source.Sentences.Add(sentence + "。");
                    }
                }
            }

            foreach (var line in File.ReadLines(Path.Combine(folder, "subjects.tsv")).Skip(1))
            {
                var parts = line.Split('\t');
                if (parts.Length == 2 && parts[0].Length is > 0 and <= 100)
                {
                    source.Subjects.Add(parts[0]);
                    source.Labels.Add(parts[1]);
                }
            }

            return source;
        }

        public (string Title, string Body, string Category) Compose(Random random, int minSentences, int maxSentences)
        {
            var s = random.Next(Subjects.Count);
            var body = new StringBuilder();
            for (var n = random.Next(minSentences, maxSentences + 1); n > 0; n--)
            {
                body.Append(Sentences[random.Next(Sentences.Count)]);
            }

            return (Subjects[s], body.ToString(), Labels[s]);
        }
    }
}
