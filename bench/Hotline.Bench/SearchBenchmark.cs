using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Knowledge;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Seeding;
using Hotline.Tests.Knowledge.Relevance;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Bench;

/// <summary>
/// Search at city scale on PostgreSQL: 1,000,000 work orders and 100,000 articles. The work orders are real aggregates
/// taken through the lifecycle's verbs (register, dispatch to a lead unit and co-units, sign, reply, review, callback),
/// and their documents come from <see cref="WorkOrderSearchSource.ToDocument"/>, the articles' from
/// <see cref="KnowledgeIndexer.ToDocument"/>, with the keys and terms the engine's upsert stores; they are loaded with
/// binary COPY. Measured: index build time; p50/p99 of the real search engine (count, rank, load, snippets) for a rare
/// and a common two-character term and a phrase, platform-wide and within a unit's scope, with and without filters;
/// the phase-1 statements of the two shapes that were slow, on the same data; the write overhead of indexing a
/// work-order registration; and MRR@10 of the relevance fixture. Texts are recombined at run time from sentences of
/// shared/datasets/gov-messages (nothing of it is stored).
/// </summary>
public sealed class SearchBenchmark : IBenchmark
{
    /// <summary>Invented place names, each put into a few dozen work orders: the rare terms.</summary>
    private static readonly string[] RareNames =
    [
        "琼枝坞", "鹭岛湾", "望潮坊", "听松苑", "枕溪里", "揽月台", "鸣琴巷", "拾翠洲", "卧牛坡", "采菱塘",
        "藕香榭", "问梅村", "栖霞渡", "驻鹤亭", "漱玉泉", "苇渡汀", "流萤谷", "垂虹桥", "观澜埠", "浣纱溪",
    ];

    private static readonly string[] Regions = ["990102001001", "990102001002", "990102002001", "990103001001", "990103002", "990121100201", "990121200"];

    /// <summary>Lead units, one of eight each; co-units are drawn from these and the streets.</summary>
    private static readonly string[] Leads = ["AL-DC-ZJ", "AL-DC-CG", "AL-XC-CG", "AL-XC-ZJ", "AL-AX-NY", "AL-WATER", "AL-ZJ", "AL-HB"];

    private static readonly string[] CoUnitPool = [.. Leads, "AL-DC-DH", "AL-DC-XQ", "AL-XC-XH", "AL-XC-JN", "AL-AX-QS", "AL-AX-BS", "AL-POWER", "AL-GAS"];

    private static readonly string[] ArticleOwners = ["AL-HC", "AL-DC-ZJ", "AL-XC-CG", "AL-WATER", "AL-RS", "AL-ZJ", "AL-HB", "AL-JY"];

    public string Name => "search";

    public string Description => "Knowledge and work-order search on PostgreSQL: 1M work orders + 100k articles (--workorders, --articles, --runs, --writes)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var workOrders = context.GetInt("workorders", 1_000_000);
        var articles = context.GetInt("articles", 100_000);
        var runs = context.GetInt("runs", 100);
        var writes = context.GetInt("writes", 500);
        var datasets = context.Get("datasets", FindDatasets());
        var report = new StringBuilder();
        report.Append(Measure.Header("Search: 1M work orders + 100k articles on PostgreSQL"));
        var loadAtStart = LoadAverage();

        // --database NAME measures again on a database an earlier run loaded (on the same server), skipping generation and load.
        var reuse = context.Get("database", string.Empty);
        var connectionString = reuse.Length == 0
            ? await Measure.CreateDatabaseAsync("bench_search")
            : new NpgsqlConnectionStringBuilder(BenchContext.PostgresAdmin) { Database = reuse, MaxPoolSize = 200 }.ToString();
        await using var app = await BenchApp.BuildAsync(connectionString, new Dictionary<string, string?>
        {
            ["Seed:DemoOnFirstStart"] = "true",
            ["Seed:DemoWorkOrders"] = "false",
            ["Knowledge:ExpiryCheckMinutes"] = "100000",
        });
        var services = app.Services;
        var now = DateTime.UtcNow;

        // Relevance first, on the demo knowledge base and its neighbours only.
        if (reuse.Length == 0)
        {
            await KnowledgeDemoData.SeedAsync(services, RelevanceCorpus.Articles);
        }

        var relevance = await RelevanceEvaluation.RunAsync(services, now);
        var mrrClean = RelevanceEvaluation.MeanReciprocalRank(relevance);
        Console.Error.WriteLine($"MRR@10 {mrrClean:0.000}");

        // Generate and load.
        var corpus = TextSource.Load(datasets);
        Console.Error.WriteLine($"{corpus.Sentences.Count} sentences, {corpus.Subjects.Count} subjects from {datasets}");
        var generator = await WorkOrderGenerator.CreateAsync(services, corpus, now);
        await using var data = NpgsqlDataSource.Create(connectionString);
        var (generatedChars, coUnitOrders, copySeconds, transformSeconds, btreeSeconds, ginSeconds) = reuse.Length == 0
            ? await LoadAsync(data, generator, corpus, workOrders, articles, now)
            : (0L, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        if (reuse.Length > 0)
        {
            workOrders = (int)await ScalarAsync<long>(data, $"SELECT count(*) FROM search_documents WHERE kind = '{WorkOrderSearchSource.Kind}'");
            articles = (int)await ScalarAsync<long>(data, $"SELECT count(*) FROM search_documents WHERE kind = '{KnowledgeIndexer.ArticleKind}'");
            await ExecAsync(data, "VACUUM ANALYZE search_documents;");
        }

        var table = await ScalarAsync<string>(data, "SELECT pg_size_pretty(pg_table_size('search_documents'))");
        var gin = await ScalarAsync<string>(data, "SELECT pg_size_pretty(pg_relation_size('ix_search_documents_terms'))");
        var rare = RareNames.Select(n => n[..2]).ToArray();
        const string Common = "问题";
        const string Common2 = "小区";
        const string Phrase = "\"物业公司\"";
        var unitPath = generator.PathOf("AL-DC-ZJ");
        var districtPath = generator.PathOf("AL-DC");
        var counts = new Dictionary<string, long>();
        foreach (var (name, condition) in new (string, string)[]
        {
            (Common, $"terms @@ '{Common}'"), (Common2, $"terms @@ '{Common2}'"), ("phrase", "terms @@ '物业 <-> 业公 <-> 公司'"),
            ("unit", $"terms @@ '{Common2} & ''{unitPath}'''"), ("unit-lead", $"terms @@ '{Common2}' AND owner_unit_path = '{unitPath}'"),
            ("district", $"terms @@ '{Common2} & ''{districtPath}'''"), ("unit-phrase", $"terms @@ '物业 <-> 业公 <-> 公司 & ''{unitPath}'''"),
            ("open", $"terms @@ '{Common2} & (''#status:dispatched'' | ''#status:inProgress'')'"),
        })
        {
            if (condition.Length > 0)
            {
                counts[name] = await ScalarAsync<long>(data, $"SELECT count(*) FROM search_documents WHERE kind = 'work_order' AND {condition}");
            }
        }

        var rareCounts = new List<long>();
        foreach (var term in rare)
        {
            rareCounts.Add(await ScalarAsync<long>(data, $"SELECT count(*) FROM search_documents WHERE kind = 'work_order' AND terms @@ '{term}'"));
        }

        string Count(string name) => counts[name].ToString("#,0", CultureInfo.InvariantCulture);

        // Latency of the engine as the API calls it.
        var platform = SearchCaller.Staff(AccessScope.Platform, maskPersonalData: false);
        var unit = SearchCaller.Staff(new AccessScope(unitPath));
        var district = SearchCaller.Staff(new AccessScope(districtPath));
        var workOrderKind = WorkOrderSearchSource.Kind;
        string[] open = ["status:dispatched", "status:inProgress"];
        Console.Error.WriteLine("measuring queries…");
        var rows = new List<(string Name, string Matches, Stats Stats)>
        {
            ("baseline: primary-key lookup of one document", "1", await TimeAsync(runs, i => ScalarAsync<long>(data, $"SELECT id FROM search_documents WHERE id = {1 + (i * 7919 % workOrders)}"))),
            ($"rare term ({string.Join('/', rare.Take(3))}… 20 invented place names), work orders, top 20", $"{rareCounts.Min()}–{rareCounts.Max()}", await TimeAsync(runs, i => SearchAsync(services, rare[i % rare.Length], workOrderKind, platform, now))),
            ($"rare term, one unit's scope (东城区住建局: lead or co-unit), top 20", "", await TimeAsync(runs, i => SearchAsync(services, rare[i % rare.Length], workOrderKind, unit, now, allowEmpty: true))),
            ($"common term {Common}, work orders, top 20", Count(Common), await TimeAsync(runs, _ => SearchAsync(services, Common, workOrderKind, platform, now))),
            ($"common term {Common2}, work orders, top 20", Count(Common2), await TimeAsync(runs, _ => SearchAsync(services, Common2, workOrderKind, platform, now))),
            ($"phrase {Phrase}, work orders, top 20", Count("phrase"), await TimeAsync(runs, _ => SearchAsync(services, Phrase, workOrderKind, platform, now))),
            ($"common term {Common2}, one unit's scope (东城区住建局: lead or co-unit), top 20", Count("unit"), await TimeAsync(runs, _ => SearchAsync(services, Common2, workOrderKind, unit, now))),
            ($"common term {Common2}, a district's scope (东城区: county hotline office), top 20", Count("district"), await TimeAsync(runs, _ => SearchAsync(services, Common2, workOrderKind, district, now))),
            ($"phrase {Phrase}, one unit's scope, top 20", Count("unit-phrase"), await TimeAsync(runs, _ => SearchAsync(services, Phrase, workOrderKind, unit, now))),
            ($"common term {Common2}, filter status dispatched or inProgress, top 20", Count("open"), await TimeAsync(runs, _ => SearchAsync(services, Common2, workOrderKind, platform, now, tags: [open]))),
            ($"the list's `q={Common2}` in one unit's scope: ids of the newest 1,000 matches", Count("unit"), await TimeAsync(runs, _ => FindIdsAsync(services, Common2, unit, now))),
            ("no text, one unit's scope (its newest orders), top 20", "", await TimeAsync(runs, _ => SearchAsync(services, null, workOrderKind, unit, now))),
            ($"common term {Common}, {articles:#,0} articles, top 20", "", await TimeAsync(runs, _ => SearchAsync(services, Common, KnowledgeIndexer.ArticleKind, platform, now))),
            ("agent query 楼上装修噪音扰民, work orders, top 20", "", await TimeAsync(runs, _ => SearchAsync(services, "楼上装修噪音扰民", workOrderKind, platform, now))),
        };

        Console.Error.WriteLine("measuring the phase-1 statements…");
        var before = new List<(string Name, Stats Stats)>
        {
            ($"phrase {Phrase}, work orders", await TimeAsync(runs, _ => PhaseOne.RunAsync(data, Phrase, null, now))),
            ($"common term {Common2}, one unit's scope (lead unit only: phase 1 had no co-units)", await TimeAsync(runs, _ => PhaseOne.RunAsync(data, Common2, unitPath, now))),
        };

        Console.Error.WriteLine("measuring writes…");
        // Numbers go on from the registrations of earlier runs on a reused database (the number is unique).
        var registered = (int)await ScalarAsync<long>(data, "SELECT count(*) FROM work_orders");
        var (withIndex, withoutIndex) = await WriteOverheadAsync(services, generator, writes, registered);
        var relevanceLoaded = RelevanceEvaluation.MeanReciprocalRank(await RelevanceEvaluation.RunAsync(services, now));
        var plans = new List<(string Name, string Plan)>
        {
            ($"the phrase {Phrase}, work orders", await ExplainAsync(data, Phrase, SearchCaller.Staff(AccessScope.Platform), now)),
            ($"the common term `{Common2}` in one unit's scope", await ExplainAsync(data, Common2, unit, now)),
            ($"a rare term (`{rare[0]}`), work orders", await ExplainAsync(data, rare[0], SearchCaller.Staff(AccessScope.Platform), now)),
            ($"phase 1: the phrase {Phrase}", await PhaseOne.ExplainAsync(data, Phrase, null, now)),
            ($"phase 1: the common term `{Common2}` in one unit's scope", await PhaseOne.ExplainAsync(data, Common2, unitPath, now)),
        };

        report.Append(CultureInfo.InvariantCulture, $"""

            Load average {loadAtStart} at the start and {LoadAverage()} at the end of the run (the machine is shared with
            other builds and test runs, which the baseline row reflects).

            {(reuse.Length == 0
                ? $"Corpus: {workOrders:#,0} work orders ({coUnitOrders:#,0} with co-units) and {articles:#,0} articles ({generatedChars / 1e6:0} M characters, recombined from {corpus.Sentences.Count:#,0} sentences of gov-messages)"
                : $"Corpus: the database `{reuse}` that an earlier run loaded ({workOrders:#,0} work-order and {articles:#,0} article documents)")}; table {table}, GIN index {gin}.
            PostgreSQL 15 with the throwaway cluster's settings (shared_buffers 128 MB, fsync off); queries go through
            `ISearchIndex` as the API calls it (capped count, ranking, loading the page, snippets), {runs} runs each
            after a warm-up.

            {(reuse.Length > 0 ? "(Generation and load skipped: measured on the reused database.)" : $"""
            | load step | time |
            |---|---|
            | generating ({workOrders:#,0} orders through the lifecycle's verbs), `ToDocument`, tokenising and binary COPY of {workOrders + articles:#,0} rows into a staging table | {copySeconds:0.0} s ({(workOrders + articles) / copySeconds:#,0} rows/s) |
            | `INSERT … SELECT` with the engine's `to_tsvector('simple', …) \|\| array_to_tsvector(keys)` expression | {transformSeconds:0.0} s ({(workOrders + articles) / transformSeconds:#,0} rows/s) |
            | GIN index build (`maintenance_work_mem` 1 GB) | {ginSeconds:0.0} s |
            | B-tree (kind, sort_at_utc) build | {btreeSeconds:0.0} s |
            """)}

            | query | matching documents | p50 | p99 |
            |---|---|---|---|

            """);
        foreach (var (name, matches, stats) in rows)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {name} | {matches} | {Measure.Ms(stats.P50)} | {Measure.Ms(stats.P99)} |\n");
        }

        report.Append("\nThe phase-1 statements of the two shapes that were slow, run on the same data in the same run:\n\n| phase-1 statement | p50 | p99 |\n|---|---|---|\n");
        foreach (var (name, stats) in before)
        {
            report.Append(CultureInfo.InvariantCulture, $"| {name} | {Measure.Ms(stats.P50)} | {Measure.Ms(stats.P99)} |\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"""

            Write overhead of indexing ({writes:#,0} work-order registrations each, alternating, against the loaded table): the
            order and its timeline entry saved in a transaction (EF Core) take p50 {Measure.Ms(withoutIndex.P50)} / mean {Measure.Ms(withoutIndex.Mean)};
            with `WorkOrderStore.SaveAsync` (the same plus the search document, as every command saves) p50 {Measure.Ms(withIndex.P50)} / mean {Measure.Ms(withIndex.Mean)}:
            {(withIndex.Mean - withoutIndex.Mean):0.00} ms more per write.

            Relevance fixture ({relevance.Count} agent queries): MRR@10 = {mrrClean:0.000} over the demo knowledge base and its neighbours;
            {relevanceLoaded:0.000} with the 100,000 generated articles added as distractors.

            """);
        foreach (var (name, plan) in plans)
        {
            report.Append(CultureInfo.InvariantCulture, $"The statement for {name} (EXPLAIN ANALYZE, BUFFERS):\n\n```\n{plan}\n```\n\n");
        }

        Console.WriteLine(report.ToString());
        return 0;
    }

    /// <summary>Generates the documents, COPYs them in through a staging table and builds the two indexes as the migrations define them.</summary>
    private static async Task<(long Chars, int CoUnitOrders, double Copy, double Transform, double Btree, double Gin)> LoadAsync(
        NpgsqlDataSource data, WorkOrderGenerator generator, TextSource corpus, int workOrders, int articles, DateTime now)
    {
        await ExecAsync(data, "DROP INDEX ix_search_documents_terms; DROP INDEX ix_search_documents_kind_sort_at_utc; " +
            "CREATE UNLOGGED TABLE bench_staging (LIKE search_documents INCLUDING DEFAULTS); " +
            "ALTER TABLE bench_staging DROP COLUMN id, DROP COLUMN terms, ADD COLUMN title_terms text, ADD COLUMN keyword_terms text, ADD COLUMN body_terms text, ADD COLUMN keys text[];");
        var random = new Random(12345);
        var load = Stopwatch.StartNew();
        var generatedChars = 0L;
        var coUnitOrders = 0;
        await using (var connection = await data.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY bench_staging (kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, " +
            "effective_from_utc, expires_at_utc, period_start_utc, period_end_utc, sort_at_utc, scope_keys, tags, title_terms, keyword_terms, body_terms, keys) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < workOrders + articles; i++)
            {
                SearchDocument document;
                if (i < workOrders)
                {
                    var place = random.Next(workOrders) < 25 * RareNames.Length ? RareNames[random.Next(RareNames.Length)] : null;
                    var order = generator.Next(random, i + 1, place);
                    coUnitOrders += order.CoUnits.Count > 0 ? 1 : 0;
                    document = WorkOrderSearchSource.ToDocument(order);
                }
                else
                {
                    var (title, body, _) = corpus.Compose(random, 3, 8);
                    var content = KnowledgeContent.Create(
                        KnowledgeKind.Faq, title.Length > KnowledgeContent.MaxTitleLength ? title[..KnowledgeContent.MaxTitleLength] : title, body, "生成",
                        [Regions[random.Next(Regions.Length)]], [], random.Next(3) == 0, null, null, null, null);
                    document = KnowledgeIndexer.ToDocument(i - workOrders + 1_000_000_000L, generator.PathOf(ArticleOwners[random.Next(ArticleOwners.Length)]), content, now.AddMinutes(-random.Next(2 * 365 * 24 * 60)));
                }

                generatedChars += document.Title.Length + document.Body.Length;
                await WriteAsync(importer, document);
                if (i % 100_000 == 99_999)
                {
                    Console.Error.WriteLine($"  loaded {i + 1:#,0} in {load.Elapsed.TotalSeconds:0} s");
                }
            }

            await importer.CompleteAsync();
        }

        var copySeconds = load.Elapsed.TotalSeconds;

        // The engine's own expression turns the terms and keys into the stored tsvector, as UpsertAsync does for one document.
        await ExecAsync(data, $"""
            INSERT INTO search_documents (kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status,
                effective_from_utc, expires_at_utc, period_start_utc, period_end_utc, sort_at_utc, scope_keys, tags, terms)
            SELECT kind, entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status,
                effective_from_utc, expires_at_utc, period_start_utc, period_end_utc, sort_at_utc, scope_keys, tags,
                {PostgresSearchDialect.TermsExpression("title_terms", "keyword_terms", "body_terms", "keys")}
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
        return (generatedChars, coUnitOrders, copySeconds, transformSeconds, btreeSeconds, ginSeconds);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, SearchDocument d)
    {
        await importer.StartRowAsync();
        await importer.WriteAsync(d.Kind, NpgsqlDbType.Varchar);
        await importer.WriteAsync(d.EntityId, NpgsqlDbType.Bigint);
        await importer.WriteAsync(d.OwnerUnitPath, NpgsqlDbType.Varchar);
        await importer.WriteAsync(SearchDialect.Visibility(d.Visibility), NpgsqlDbType.Varchar);
        await importer.WriteAsync(d.Title, NpgsqlDbType.Text);
        await importer.WriteAsync(d.Body, NpgsqlDbType.Text);
        await importer.WriteAsync(d.Keywords ?? string.Empty, NpgsqlDbType.Text);
        await importer.WriteAsync(string.Join(',', d.RegionCodes), NpgsqlDbType.Varchar);
        await importer.WriteAsync(RegionKeys.Column(d.RegionCodes), NpgsqlDbType.Varchar);
        await WriteNullableAsync(importer, d.Category, NpgsqlDbType.Varchar);
        await WriteNullableAsync(importer, d.Status, NpgsqlDbType.Varchar);
        foreach (var date in new[] { d.EffectiveFromUtc, d.ExpiresAtUtc, d.PeriodStartUtc, d.PeriodEndUtc })
        {
            await WriteNullableAsync(importer, date, NpgsqlDbType.TimestampTz);
        }

        await importer.WriteAsync(d.SortAtUtc, NpgsqlDbType.TimestampTz);
        await importer.WriteAsync(IndexKeys.Column(IndexKeys.Access(d)), NpgsqlDbType.Text);
        await importer.WriteAsync(IndexKeys.Column(d.Tags), NpgsqlDbType.Text);
        await importer.WriteAsync(IndexTerms.ToTermString(d.Title), NpgsqlDbType.Text);
        await importer.WriteAsync(IndexTerms.ToTermString(d.Keywords), NpgsqlDbType.Text);
        await importer.WriteAsync(IndexTerms.ToTermString(d.Body), NpgsqlDbType.Text);
        await importer.WriteAsync(IndexKeys.For(d).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, type);
        }
    }

    private static async Task SearchAsync(
        IServiceProvider services, string? text, string kind, SearchCaller caller, DateTime now, IReadOnlyList<IReadOnlyList<string>>? tags = null, bool allowEmpty = false)
    {
        await using var scope = services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<ISearchIndex>().SearchAsync(
            new SearchQuery { Text = text, Kinds = [kind], Tags = tags ?? [], NowUtc = now, PageSize = 20 }, caller);
        if (results.Items.Count == 0 && !allowEmpty)
        {
            throw new InvalidOperationException($"'{text}' found nothing");
        }
    }

    private static async Task FindIdsAsync(IServiceProvider services, string text, SearchCaller caller, DateTime now)
    {
        await using var scope = services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISearchIndex>().FindIdsAsync(
            new SearchQuery { Text = text, Kinds = [WorkOrderSearchSource.Kind], NowUtc = now }, caller);
        if (found.EntityIds.Count == 0)
        {
            throw new InvalidOperationException($"'{text}' found nothing");
        }
    }

    /// <summary>
    /// Registrations as intake saves them, alternating with and without the search document: the order and its timeline
    /// entry in one transaction, against the loaded index (whose GIN pending list takes the new entries).
    /// </summary>
    private static async Task<(Stats With, Stats Without)> WriteOverheadAsync(IServiceProvider services, WorkOrderGenerator generator, int writes, int registered)
    {
        var with = new List<double>();
        var without = new List<double>();
        var random = new Random(7);
        for (var i = 0; i < writes * 2 + 40; i++)
        {
            var index = i % 2 == 0;
            var order = generator.Registration(random, registered + i);
            var watch = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
                db.Add(order);
                if (index)
                {
                    await scope.ServiceProvider.GetRequiredService<WorkOrderStore>().SaveAsync([order], default);
                }
                else
                {
                    db.AddRange(order.PendingEvents);
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
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
    private static async Task<string> ExplainAsync(NpgsqlDataSource data, string text, SearchCaller caller, DateTime now)
    {
        var query = new SearchQuery { Text = text, Kinds = [WorkOrderSearchSource.Kind], NowUtc = now };
        var sql = new PostgresSearchDialect().Page(ParsedQuery.Parse(text), SearchStage.Strict, query, caller, 0, 20, SearchQuery.RankingWindow + 1);
        return await ExplainAsync(data, sql);
    }

    private static async Task<string> ExplainAsync(NpgsqlDataSource data, SearchSql sql)
    {
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

    /// <summary>
    /// The phase-1 statement (strict stage, first page) kept as it was, for a before/after on the same data: every match
    /// found (GIN bitmap or a walk down the date index), sorted by date with its terms, scope a filter on the owner's path.
    /// </summary>
    private static class PhaseOne
    {
        public static async Task RunAsync(NpgsqlDataSource data, string text, string? scopePath, DateTime now)
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var command = Statement(text, scopePath, now).CreateCommand(connection, null);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        public static Task<string> ExplainAsync(NpgsqlDataSource data, string text, string? scopePath, DateTime now) =>
            SearchBenchmark.ExplainAsync(data, Statement(text, scopePath, now));

        private static SearchSql Statement(string text, string? scopePath, DateTime now)
        {
            var parsed = ParsedQuery.Parse(text);
            var sql = new SearchSql();
            var match = sql.Add(PostgresSearchDialect.Match(parsed, SearchStage.Strict));
            sql.Append($"WITH m AS (SELECT d.id, d.terms, d.sort_at_utc FROM search_documents d WHERE d.terms @@ {match}::tsquery AND d.kind = {sql.Add(WorkOrderSearchSource.Kind)}");
            if (scopePath is not null)
            {
                var scope = sql.Add(scopePath);
                sql.Append($" AND (d.visibility <> 'scope' OR substr(d.owner_unit_path, 1, length({scope})) = {scope})");
            }

            var at = sql.Add(now);
            sql.Append($" AND (d.effective_from_utc IS NULL OR d.effective_from_utc <= {at}) AND (d.expires_at_utc IS NULL OR d.expires_at_utc > {at})")
                .Append($" ORDER BY d.sort_at_utc DESC LIMIT {sql.Add(SearchQuery.RankingWindow + 1)}), ")
                .Append("c AS (SELECT id, terms || ''::tsvector AS terms, sort_at_utc FROM m), n AS (SELECT count(*) AS total FROM c), ")
                .Append($"p AS (SELECT c.id, ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', c.terms, {match}::tsquery, 1) AS score, c.sort_at_utc FROM c ORDER BY score DESC, c.sort_at_utc DESC, c.id DESC LIMIT 20) ")
                .Append("SELECT p.id, p.score, n.total, d.title, d.body FROM n LEFT JOIN p ON true LEFT JOIN search_documents d ON d.id = p.id ORDER BY p.score DESC");
            return sql;
        }
    }

    /// <summary>
    /// Work orders as the lifecycle makes them: registered at a time within the last two years, dispatched to a lead unit
    /// (a quarter of them with one or two co-units), then signed and replied to (four in five), reviewed and called back
    /// (three in five). Ids are set by hand, as the documents are loaded without the orders' rows.
    /// </summary>
    private sealed class WorkOrderGenerator
    {
        private static readonly PropertyInfo IdProperty = typeof(WorkOrder).GetProperty(nameof(WorkOrder.Id))!;

        private readonly TextSource _corpus;
        private readonly DateTime _now;
        private readonly Dictionary<string, Unit> _units;
        private readonly WorkOrderClock _clock;
        private readonly string[] _categories;
        private readonly Actor _agent;
        private readonly Actor _dispatcher;
        private readonly Actor _callback;
        private readonly Dictionary<string, Actor> _handlers;

        private WorkOrderGenerator(TextSource corpus, DateTime now, Dictionary<string, Unit> units, WorkOrderClock clock, string[] categories)
        {
            _corpus = corpus;
            _now = now;
            _units = units;
            _clock = clock;
            _categories = categories;
            var centre = units["AL-HC"];
            _agent = new Actor(1, "受理座席", new HashSet<Role> { Role.IntakeAgent }, centre.Id, centre.Name, AccessScope.Platform);
            _dispatcher = new Actor(2, "派单座席", new HashSet<Role> { Role.Dispatcher }, centre.Id, centre.Name, AccessScope.Platform);
            _callback = new Actor(3, "回访员", new HashSet<Role> { Role.CallbackAgent }, centre.Id, centre.Name, AccessScope.Platform);
            _handlers = Leads.ToDictionary(c => c, c => new Actor(4, "承办人", new HashSet<Role> { Role.UnitHandler }, units[c].Id, units[c].Name, new AccessScope(units[c].Path)));
        }

        public static async Task<WorkOrderGenerator> CreateAsync(IServiceProvider services, TextSource corpus, DateTime now)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code);
            var categories = await db.Set<Category>().AsNoTracking().Where(c => c.Code.Length == 6).Select(c => c.Code).OrderBy(c => c).ToArrayAsync();
            var clock = services.GetRequiredService<WorkOrderClocks>().For(RequestType.Complaint, categories[0], Urgency.Normal);
            return new WorkOrderGenerator(corpus, now, units, clock, categories);
        }

        public string PathOf(string code) => _units[code].Path;

        public WorkOrder Next(Random random, long id, string? rareName)
        {
            var at = _now.AddMinutes(-random.Next(2 * 365 * 24 * 60));
            var (subject, events, _) = _corpus.Compose(random, 2, 6);
            if (rareName is not null)
            {
                events = $"{events}事发地点在{rareName}小区东门附近。";
            }

            var order = WorkOrder.Register(Number(at, id), Content(random, subject, events), _agent, Clock(at));
            IdProperty.SetValue(order, id);
            var lead = Leads[random.Next(Leads.Length)];
            var coUnits = random.Next(4) == 0
                ? CoUnitPool.Where(c => c != lead).OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Select(c => _units[c]).ToList()
                : [];
            order.Dispatch(_dispatcher, Clock(at.AddMinutes(20)), _units[lead], coUnits, null);
            var stage = random.Next(5);
            if (stage >= 1)
            {
                var holder = _handlers[lead];
                order.Sign(holder, Clock(at.AddHours(2)));
                order.Reply(holder, Clock(at.AddDays(2)), _corpus.Sentences[random.Next(_corpus.Sentences.Count)], true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
                if (stage >= 2)
                {
                    order.AcceptReply(_dispatcher, Clock(at.AddDays(3)), null);
                    order.Callback(_callback, Clock(at.AddDays(4)), ContactMethod.Phone, true, Rating.Satisfied, Rating.Satisfied, null);
                }
            }

            order.ClearPendingEvents();
            return order;
        }

        /// <summary>A new registration at the current time, as intake saves it (id from the database).</summary>
        public WorkOrder Registration(Random random, int i)
        {
            var (subject, events, _) = _corpus.Compose(random, 2, 6);
            return WorkOrder.Register(Number(DateTime.UtcNow, 900_000 + i), Content(random, subject, events), _agent, Clock(DateTime.UtcNow));
        }

        private WorkOrderContent Content(Random random, string subject, string events) => new(
            Channel.Phone, (RequestType)random.Next(5), _categories[random.Next(_categories.Length)], Urgency.Normal,
            new Caller("王小明", "1390000" + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture), false, false),
            new Location(Regions[random.Next(Regions.Length)], null, null, null, null),
            subject.Length > 200 ? subject[..200] : subject, events, _corpus.Sentences[random.Next(_corpus.Sentences.Count)], null, null, null, null, []);

        private WorkOrderClock Clock(DateTime utc) => _clock with { Now = new DateTimeOffset(utc, TimeSpan.Zero) };

        private static string Number(DateTime at, long id) => string.Create(CultureInfo.InvariantCulture, $"AL{at:yyyyMMdd}{id % 1_000_000:D6}");
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
