using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Knowledge;

/// <summary>The search engine itself, on generic documents: indexing in the caller's transaction, matching, filters, scope, masking.</summary>
public abstract class SearchIndexTests(AppFixture app)
{
    private static readonly AccessScope DongchengHousing = new("/AL/AL-DC/AL-DC-ZJ/");
    private static readonly AccessScope XichengCityManagement = new("/AL/AL-XC/AL-XC-CG/");

    private readonly string _kind = "t." + Guid.NewGuid().ToString("N")[..12];
    private long _nextId;

    [Fact]
    public async Task Upsert_OutsideATransaction_IsRefused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => index.UpsertAsync(db, Doc("小区噪音", "夜间噪音")));
    }

    [Fact]
    public async Task Upsert_RolledBackWithTheEntity_LeavesNothingToFind()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>().UpsertAsync(db, Doc("回滚测试文档", "这一行随事务回滚"));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, (await SearchAsync("回滚")).Total);
    }

    [Fact]
    public async Task TwoCharacterQueries_FindTheDocumentsHoldingThem()
    {
        var noise = await IndexAsync(Doc("楼上装修噪音扰民", "每天早上七点开始电钻噪音"));
        var property = await IndexAsync(Doc("物业不作为", "小区物业不管垃圾清运"));

        Assert.Equal([noise], Ids(await SearchAsync("噪音")));
        Assert.Equal([property], Ids(await SearchAsync("物业")));
        Assert.Equal("楼上装修<mark>噪音</mark>扰民", (await SearchAsync("噪音")).Items[0].TitleHtml);
    }

    [Fact]
    public async Task Phrase_MatchesOnlyConsecutiveTerms()
    {
        var together = await IndexAsync(Doc("投诉小区噪音", "晚上小区噪音很大"));
        var apart = await IndexAsync(Doc("噪音来源", "噪音来自隔壁小区的工地"));

        Assert.Equal([together], Ids(await SearchAsync("\"小区噪音\"")));
        Assert.Equal([together], Ids(await SearchAsync("“小区噪音”")));
        Assert.Equal(2, (await SearchAsync("小区 噪音")).Total);
        Assert.Contains(apart, Ids(await SearchAsync("小区 噪音")));
    }

    [Fact]
    public async Task LongColloquialQuery_FallsBackToAnyTerm_WithTheBestCoveredFirst()
    {
        var card = await IndexAsync(Doc("社会保障卡补办", "社保卡遗失后到银行网点补办"));
        await IndexAsync(Doc("医保卡缴费", "医保缴费时间"));

        var results = await SearchAsync("我的社保卡丢了怎么补办啊");

        Assert.Equal("any", results.Mode);
        Assert.Equal(card, results.Items[0].EntityId);
    }

    [Fact]
    public async Task TraditionalCharactersAndFullWidth_FindSimplifiedText()
    {
        var id = await IndexAsync(Doc("噪音扰民 3号楼", "ＷｉＦｉ信号"));

        Assert.Equal([id], Ids(await SearchAsync("噪音擾民")));
        Assert.Equal([id], Ids(await SearchAsync("wifi")));
    }

    [Fact]
    public async Task TitleMatch_RanksAboveBodyMatch()
    {
        var body = await IndexAsync(Doc("小区环境问题", "反映停车难，另有违建"));
        var title = await IndexAsync(Doc("小区违建投诉", "楼顶加盖"));

        Assert.Equal([title, body], Ids(await SearchAsync("违建")));
    }

    [Fact]
    public async Task RegionFilter_FindsDocumentsForTheRegion_ItsParents_ItsChildren_AndEverywhere()
    {
        var street = await IndexAsync(Doc("停水通知甲", "停水") with { RegionCodes = ["990102001"] });
        var district = await IndexAsync(Doc("停水通知乙", "停水") with { RegionCodes = ["990102"] });
        var city = await IndexAsync(Doc("停水通知丙", "停水") with { RegionCodes = ["990100"] });
        var everywhere = await IndexAsync(Doc("停水通知丁", "停水"));
        var elsewhere = await IndexAsync(Doc("停水通知戊", "停水") with { RegionCodes = ["990103001"] });

        var community = Ids(await SearchAsync("停水", q => q with { RegionCode = "990102001001" }));
        Assert.Equal(new[] { street, district, city, everywhere }.Order(), community.Order());

        var wholeDistrict = Ids(await SearchAsync("停水", q => q with { RegionCode = "990102" }));
        Assert.Equal(new[] { street, district, city, everywhere }.Order(), wholeDistrict.Order());
        Assert.DoesNotContain(elsewhere, wholeDistrict);
    }

    [Fact]
    public async Task Filters_OnCategoryStatusDatesAndPeriod_Narrow()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var water = await IndexAsync(Doc("燃气与水", "检修") with { Category = "水", Status = "open", SortAtUtc = now.AddDays(-10) });
        var gas = await IndexAsync(Doc("燃气检修", "检修") with { Category = "气", Status = "closed", SortAtUtc = now.AddDays(-1), PeriodStartUtc = now.AddHours(-1), PeriodEndUtc = now.AddHours(5) });

        Assert.Equal([water], Ids(await SearchAsync("检修", q => q with { Category = "水" })));
        Assert.Equal([gas], Ids(await SearchAsync("检修", q => q with { Status = "closed" })));
        Assert.Equal([gas], Ids(await SearchAsync("检修", q => q with { SortFromUtc = now.AddDays(-2) })));
        Assert.Equal([water], Ids(await SearchAsync("检修", q => q with { SortToUtc = now.AddDays(-2) })));
        Assert.Equal([gas], Ids(await SearchAsync("检修", q => q with { ActiveAtUtc = now })));
        Assert.Empty(Ids(await SearchAsync("检修", q => q with { ActiveAtUtc = now.AddHours(6) })));
    }

    [Fact]
    public async Task EffectiveAndExpiryDates_DecideWhetherADocumentIsFound()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var current = await IndexAsync(Doc("有效政策", "补贴") with { EffectiveFromUtc = now.AddDays(-1), ExpiresAtUtc = now.AddDays(1) });
        await IndexAsync(Doc("过期政策", "补贴") with { ExpiresAtUtc = now });
        await IndexAsync(Doc("未生效政策", "补贴") with { EffectiveFromUtc = now.AddSeconds(1) });

        Assert.Equal([current], Ids(await SearchAsync("补贴")));
    }

    [Fact]
    public async Task ScopedDocuments_AreFoundOnlyWithinTheCallersScope()
    {
        var scoped = await IndexAsync(Doc("东城区内部材料", "内部办理意见") with { Visibility = SearchVisibility.Scope, OwnerUnitPath = "/AL/AL-DC/AL-DC-ZJ/" });
        var staff = await IndexAsync(Doc("全体员工材料", "内部办理意见") with { Visibility = SearchVisibility.Staff });
        var citizen = await IndexAsync(Doc("公开材料", "内部办理意见") with { Visibility = SearchVisibility.Citizen });

        Assert.Equal(new[] { scoped, staff, citizen }.Order(), Ids(await SearchAsync("内部", caller: SearchCaller.Staff(AccessScope.Platform))).Order());
        Assert.Equal(new[] { scoped, staff, citizen }.Order(), Ids(await SearchAsync("内部", caller: SearchCaller.Staff(DongchengHousing))).Order());
        Assert.Equal(new[] { staff, citizen }.Order(), Ids(await SearchAsync("内部", caller: SearchCaller.Staff(XichengCityManagement))).Order());
        Assert.Equal([citizen], Ids(await SearchAsync("内部", caller: SearchCaller.Citizen)));
    }

    [Fact]
    public async Task ScopeDocuments_AreFoundByEveryScopeCoveringTheOwnerOrACoUnit_AndWithoutAnOwnerByThePlatformOnly()
    {
        var shared = await IndexAsync(Doc("联合办理事项", "协办材料") with
        {
            Visibility = SearchVisibility.Scope,
            OwnerUnitPath = "/AL/AL-DC/AL-DC-ZJ/",
            CoUnitPaths = ["/AL/AL-XC/AL-XC-CG/", "/AL/AL-WATER/"],
        });
        var unassigned = await IndexAsync(Doc("未派单事项", "协办材料") with { Visibility = SearchVisibility.Scope, OwnerUnitPath = string.Empty });

        foreach (var scope in new[] { "/AL/", "/AL/AL-DC/", "/AL/AL-DC/AL-DC-ZJ/", "/AL/AL-XC/", "/AL/AL-XC/AL-XC-CG/", "/AL/AL-WATER/" })
        {
            Assert.Equal([shared], Ids(await SearchAsync("协办", caller: SearchCaller.Staff(new AccessScope(scope)))));
        }

        foreach (var scope in new[] { "/AL/AL-AX/", "/AL/AL-DC/AL-DC-CG/", "/AL/AL-XC/AL-XC-ZJ/", "/AL/AL-WATER/AL-WATER-1/" })
        {
            Assert.Empty(Ids(await SearchAsync("协办", caller: SearchCaller.Staff(new AccessScope(scope)))));
            Assert.Empty(Ids(await SearchAsync(null, caller: SearchCaller.Staff(new AccessScope(scope)))));
        }

        Assert.Equal(new[] { shared, unassigned }.Order(), Ids(await SearchAsync("协办", caller: SearchCaller.Staff(AccessScope.Platform))).Order());
        Assert.Equal([shared], Ids(await SearchAsync(null, caller: SearchCaller.Staff(new AccessScope("/AL/AL-WATER/")))));
        Assert.Empty(Ids(await SearchAsync("协办", caller: SearchCaller.Citizen)));
    }

    [Fact]
    public async Task Tags_EveryGroupMustMatch_AnyTagWithinAGroup()
    {
        var red = await IndexAsync(Doc("红灯工单", "路灯") with { Tags = ["light:red", "status:inProgress"] });
        var yellow = await IndexAsync(Doc("黄灯工单", "路灯") with { Tags = ["light:yellow", "status:inProgress"] });
        var closed = await IndexAsync(Doc("办结工单", "路灯") with { Tags = ["light:none", "status:closed"] });

        Assert.Equal([red], Ids(await SearchAsync("路灯", q => q with { Tags = [["light:red"]] })));
        Assert.Equal(new[] { red, yellow }.Order(), Ids(await SearchAsync("路灯", q => q with { Tags = [["light:red", "light:yellow"]] })).Order());
        Assert.Equal([yellow], Ids(await SearchAsync("路灯", q => q with { Tags = [["light:yellow", "light:none"], ["status:inProgress"]] })));
        Assert.Equal([closed], Ids(await SearchAsync(null, q => q with { Tags = [["status:closed"]] })));
        Assert.Empty(Ids(await SearchAsync("路灯", q => q with { Tags = [["status:lost"]] })));
        await Assert.ThrowsAsync<ArgumentException>(() => SearchAsync("路灯", q => q with { Tags = [["light red"]] }));
    }

    [Fact]
    public async Task OlderDocuments_AreFound_WhenRecentSlicesHoldFewMatches()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ages = new[] { 0, 1, 10, 40, 100, 400, 2000 };
        var ids = new List<long>();
        foreach (var days in ages)
        {
            ids.Add(await IndexAsync(Doc($"年久失修{days}", "围墙") with { SortAtUtc = now.AddDays(-days) }));
        }

        Assert.Equal(ids, Ids(await SearchAsync("围墙", q => q with { PageSize = 50 })));
        Assert.Equal(ids, Ids(await SearchAsync(null, q => q with { PageSize = 50 }, SearchCaller.Staff(new AccessScope("/AL/AL-HC/")))));
        Assert.Equal([ids[3], ids[4]], Ids(await SearchAsync("围墙", q => q with { SortFromUtc = now.AddDays(-200), SortToUtc = now.AddDays(-20) })));
        Assert.Equal([ids[6]], Ids(await SearchAsync("围墙", q => q with { SortToUtc = now.AddDays(-1000) })));
        Assert.Equal(ids, (await FindIdsAsync("围墙")).EntityIds);
    }

    [Fact]
    public async Task ManyMatches_CapTheTotal_AndFindIdsKeepsTheNewestWindow()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var old = await IndexAsync(Doc("排水", "排水") with { SortAtUtc = now.AddDays(-30) });
        var documents = Enumerable.Range(0, SearchQuery.RankingWindow + 5)
            .Select(i => Doc($"窨井{i}", "道路排水不畅") with { SortAtUtc = now.AddMinutes(-i) }).ToList();
        await IndexAsync(documents);

        var results = await SearchAsync("排水");
        var found = await FindIdsAsync("排水");

        Assert.Equal(SearchQuery.RankingWindow, results.Total);
        Assert.True(results.TotalIsCapped);
        Assert.Equal(20, results.Items.Count);
        Assert.True(found.IsCapped);
        Assert.DoesNotContain(old, found.EntityIds);
        Assert.Equal(documents.Take(SearchQuery.RankingWindow).Select(d => d.EntityId), found.EntityIds);
    }

    [Fact]
    public async Task FindIds_NeedsEveryTerm_NewestFirst()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var older = await IndexAsync(Doc("电梯困人", "电梯故障") with { SortAtUtc = now.AddDays(-3) });
        var newer = await IndexAsync(Doc("电梯异响", "电梯故障") with { SortAtUtc = now.AddHours(-1) });
        await IndexAsync(Doc("电梯广告", "广告噪音"));

        var found = await FindIdsAsync("电梯 故障");

        Assert.Equal([newer, older], found.EntityIds);
        Assert.False(found.IsCapped);
    }

    [Fact]
    public async Task Snippets_MaskPersonalNumbers_ForCallersWhoMayNotSeeThem()
    {
        await IndexAsync(Doc("来电反映漏水", "来电人13812345678反映楼上漏水，身份证110101199003071234。"));

        var masked = (await SearchAsync("漏水", caller: SearchCaller.Staff(DongchengHousing, maskPersonalData: true))).Items.Single();
        var clear = (await SearchAsync("漏水", caller: SearchCaller.Staff(AccessScope.Platform, maskPersonalData: false))).Items.Single();

        Assert.Contains("138****5678", masked.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("110101********1234", masked.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", masked.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("13812345678", clear.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippets_AreHtmlEncoded_AndCutAroundTheMatch()
    {
        var filler = string.Concat(Enumerable.Repeat("无关内容填充文字。", 30));
        await IndexAsync(Doc("<script>alert(1)</script>标题", filler + "这里提到<b>井盖</b>缺失" + filler));

        var hit = (await SearchAsync("井盖")).Items.Single();

        Assert.StartsWith("&lt;script&gt;", hit.TitleHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;<mark>井盖</mark>&lt;/b&gt;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.StartsWith("…", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.True(hit.SnippetHtml.Length < 260, hit.SnippetHtml);
    }

    [Fact]
    public async Task Paging_WalksThroughAllMatches()
    {
        for (var i = 0; i < 25; i++)
        {
            await IndexAsync(Doc($"路灯报修{i}", "路灯不亮"));
        }

        var first = await SearchAsync("路灯", q => q with { PageSize = 10 });
        var third = await SearchAsync("路灯", q => q with { PageSize = 10, Page = 3 });

        Assert.Equal(25, first.Total);
        Assert.Equal(10, first.Items.Count);
        Assert.Equal(5, third.Items.Count);
        Assert.Empty(Ids(first).Intersect(Ids(third)));
    }

    [Fact]
    public async Task UpsertAgain_ReplacesTheDocument_AndRemove_TakesItOut()
    {
        var id = await IndexAsync(Doc("旧标题路面塌陷", "内容"));
        await IndexAsync(Doc("新标题道路坑洼", "内容") with { EntityId = id });

        Assert.Empty(Ids(await SearchAsync("塌陷")));
        Assert.Equal([id], Ids(await SearchAsync("坑洼")));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>().RemoveAsync(db, _kind, id);
            await transaction.CommitAsync();
        }

        Assert.Empty(Ids(await SearchAsync("坑洼")));
    }

    [Fact]
    public async Task UpsertMany_StoresWhatUpsertingOneByOneStores_AndReplacesLikeIt()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var other = "t." + Guid.NewGuid().ToString("N")[..12];
        List<SearchDocument> documents =
        [
            Doc("小区电梯故障", "电梯停运两周，物业不修 WiFi 3号楼") with { Keywords = "电梯 升降机", RegionCodes = ["990102", "990100"], Tags = ["light:red", "region:990102"] },
            Doc("路灯不亮", "东华街道路灯夜间不亮") with { Visibility = SearchVisibility.Scope, OwnerUnitPath = "/AL/AL-DC/AL-DC-ZJ/", CoUnitPaths = ["/AL/AL-XC/"], Category = "城市管理", Status = "handling" },
            Doc("社保卡补办", "遗失后到银行网点补办") with { Visibility = SearchVisibility.Citizen, EffectiveFromUtc = now.AddDays(-10), ExpiresAtUtc = now.AddDays(30), PeriodStartUtc = now.AddDays(-1), PeriodEndUtc = now.AddDays(1) },
            Doc(string.Empty, string.Empty) with { OwnerUnitPath = string.Empty, Visibility = SearchVisibility.Scope },
        ];

        // The same documents under another kind, once one by one and once together; then each changed, together again,
        // with the first one twice (the later copy wins, as it would one after another).
        await IndexAsync(documents);
        await IndexManyAsync(documents.Select(d => d with { Kind = other }).ToList());
        Assert.Equal(await StoredAsync(_kind), await StoredAsync(other));

        var changed = documents.Select(d => d with { Title = d.Title + "更新", Status = "closed", Tags = ["light:green"] }).ToList();
        await IndexAsync(changed);
        await IndexManyAsync([documents[0] with { Kind = other }, .. changed.Select(d => d with { Kind = other })]);
        var stored = await StoredAsync(other);
        Assert.Equal(await StoredAsync(_kind), stored);
        Assert.Equal(documents.Count, stored.Count);
        Assert.All(stored, row => Assert.Contains("closed", row, StringComparison.Ordinal));
        Assert.Equal([documents[1].EntityId], Ids(await SearchAsync("路灯", q => q with { Kinds = [other] })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("，。！？…… ---")]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("噪音 & | ! : * ( ) <-> ' \\")]
    [InlineData("噪音' OR 1=1 --")]
    [InlineData("'; drop table search_documents; --")]
    [InlineData("NEAR(噪音 扰民) AND OR NOT")]
    [InlineData("噪音* ^扰民 title:噪音 {body}:x")]
    [InlineData("!!(噪音 | 扰民) & !物业:*")]
    public async Task SyntaxLadenQueries_AnswerWithoutErrorOrInjection(string text)
    {
        await IndexAsync(Doc("噪音扰民", "楼上噪音"));

        var results = await SearchAsync(text);

        Assert.True(results.Mode is "browse" or "all" or "any", results.Mode);
        Assert.Equal(Math.Min(results.Total, results.PageSize), results.Items.Count);
        Assert.Equal(1, (await SearchAsync("噪音扰民")).Total);
    }

    [Fact]
    public async Task ThousandCharacterQuery_Answers()
    {
        var id = await IndexAsync(Doc("噪音扰民", "楼上噪音"));
        var text = string.Concat(Enumerable.Repeat("噪音扰民请尽快处理谢谢", 100))[..1000];

        var results = await SearchAsync(text);

        Assert.Contains(id, Ids(results));
    }

    [Fact]
    public async Task EmptyQuery_BrowsesNewestFirst()
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var older = await IndexAsync(Doc("较早", "内容") with { SortAtUtc = now.AddDays(-2) });
        var newer = await IndexAsync(Doc("较新", "内容") with { SortAtUtc = now.AddDays(-1) });

        var results = await SearchAsync(null);

        Assert.Equal("browse", results.Mode);
        Assert.Equal([newer, older], Ids(results));
    }

    private SearchDocument Doc(string title, string body) => new()
    {
        Kind = _kind,
        EntityId = Interlocked.Increment(ref _nextId),
        OwnerUnitPath = "/AL/AL-HC/",
        Visibility = SearchVisibility.Staff,
        Title = title,
        Body = body,
        SortAtUtc = app.Time.GetUtcNow().UtcDateTime.AddMinutes(-_nextId),
    };

    private async Task<long> IndexAsync(SearchDocument document)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<ISearchIndex>().UpsertAsync(db, document);
        await transaction.CommitAsync();
        return document.EntityId;
    }

    private async Task IndexAsync(IEnumerable<SearchDocument> documents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var document in documents)
        {
            await index.UpsertAsync(db, document);
        }

        await transaction.CommitAsync();
    }

    private async Task IndexManyAsync(IReadOnlyList<SearchDocument> documents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<ISearchIndex>().UpsertManyAsync(db, documents);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Every stored column of a kind's documents but the row id, one text per document by entity id, with the kind's name
    /// (which the time-bucket keys hold) written as "kind".
    /// </summary>
    private async Task<List<string>> StoredAsync(string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var terms = db.IsPostgres ? "terms::text" : "(SELECT f.title || '|' || f.keywords || '|' || f.body FROM search_fts f WHERE f.rowid = d.id)";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT entity_id, owner_unit_path, visibility, title, body, keywords, region_codes, region_keys, category, status, effective_from_utc, " +
            $"expires_at_utc, period_start_utc, period_end_utc, sort_at_utc, scope_keys, tags, {terms} FROM search_documents d WHERE kind = @kind ORDER BY entity_id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "kind";
        parameter.Value = kind;
        command.Parameters.Add(parameter);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add(row.Replace(kind, "kind", StringComparison.Ordinal));
        }

        return rows;
    }

    private async Task<SearchIds> FindIdsAsync(string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var query = new SearchQuery { Text = text, Kinds = [_kind], NowUtc = app.Time.GetUtcNow().UtcDateTime };
        return await scope.ServiceProvider.GetRequiredService<ISearchIndex>().FindIdsAsync(query, SearchCaller.Staff(AccessScope.Platform));
    }

    private async Task<SearchResults> SearchAsync(string? text, Func<SearchQuery, SearchQuery>? adjust = null, SearchCaller? caller = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var query = new SearchQuery { Text = text, Kinds = [_kind], NowUtc = app.Time.GetUtcNow().UtcDateTime };
        return await scope.ServiceProvider.GetRequiredService<ISearchIndex>().SearchAsync(adjust?.Invoke(query) ?? query, caller ?? SearchCaller.Staff(AccessScope.Platform));
    }

    private static List<long> Ids(SearchResults results) => results.Items.Select(i => i.EntityId).ToList();
}

public sealed class SearchIndexTests_Sqlite(SqliteApp app) : SearchIndexTests(app), IClassFixture<SqliteApp>;

public sealed class SearchIndexTests_Postgres(PostgresApp app) : SearchIndexTests(app), IClassFixture<PostgresApp>;
