using System.Net;
using System.Text.Json;
using Hotline.Domain.Analytics;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmartDispatch;
using Microsoft.EntityFrameworkCore;
using static Hotline.Tests.Knowledge.KnowledgeApi;

namespace Hotline.Tests.Authorisation;

/// <summary>The value that replaces an operation's path parameter, and the version a body must name to change it.</summary>
internal sealed record Target(string Value, long Version = 0)
{
    public static readonly Target None = new(string.Empty);

    public long Id => long.Parse(Value, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What an operation acts on (the record its path names, or the unit its body names) and how to make one for a unit.</summary>
internal sealed record TargetKind(string Name, Func<MatrixWorld, string, Task<Target>> Make)
{
    public static readonly TargetKind None = new("none", (_, _) => Task.FromResult(Target.None));

    public static readonly TargetKind Unit = new("unit", (w, unit) => Task.FromResult(new Target(w.UnitId(unit).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public static readonly TargetKind User = new("user", (w, _) => w.CreatedAsync("/api/users", new
    {
        userName = $"matrix{w.Next()}",
        displayName = "矩阵测试",
        unitId = w.UnitId("AL-HC"),
        roles = new[] { "intakeAgent" },
        password = "Good-Password-1",
    }));

    public static readonly TargetKind Category = new("category", (w, _) =>
        w.CreatedAsync("/api/categories", new { code = w.NewCategoryCode(), name = "矩阵测试类别", parentCode = "97" }, "code"));

    public static readonly TargetKind CatalogueEntry = new("catalogue entry", (w, _) => w.CreatedAsync("/api/dispatch-catalogue", new
    {
        categoryCode = "97",
        regionCode = w.UniqueRegion(),
        unitId = w.UnitId("AL-DC-ZJ"),
    }));

    public static readonly TargetKind DeadlineRule = new("deadline rule", (w, _) =>
        w.CreatedAsync("/api/deadline-rules", new { categoryCode = "97", handlingWorkingDays = 5, callbackWorkingDays = 3 }));

    /// <summary>A model version, trained over HTTP from closed orders planted for it.</summary>
    public static readonly TargetKind Model = new("model", (w, _) => w.ModelAsync());

    public static readonly TargetKind HotSpot = new("hot spot", (w, unit) => w.HotSpotAsync(unit));

    /// <summary>An open early warning routed to the unit.</summary>
    public static readonly TargetKind Warning = new("early warning", (w, unit) => w.WarningAsync(unit));

    /// <summary>A reminder notification addressed to the unit, waiting for its acknowledgement.</summary>
    public static readonly TargetKind Notification = new("notification", (w, unit) => w.NotificationAsync(unit));

    /// <summary>An open error report on a published article the unit owns.</summary>
    public static readonly TargetKind ErrorReport = new("error report", async (w, unit) =>
    {
        var article = await w.ArticleAsync(ArticleStage.Published, unit);
        var agent = await w.As("agent");
        var report = await (await agent.PostJsonAsync($"/api/knowledge/articles/{article.Value}/error-reports", new { text = "电话号码已变更" })).ShouldBe(HttpStatusCode.Created);
        return MatrixWorld.TargetOf(report, "id");
    });

    // emergency work orders (issue 15)

    /// <summary>A day of the roster nobody edited yet (one per cell), as the path names it.</summary>
    public static readonly TargetKind RosterDate = new("roster date", (w, _) =>
        Task.FromResult(new Target(new DateOnly(2031, 1, 1).AddDays(w.Next()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>An emergency plan for a category of its own.</summary>
    public static readonly TargetKind EmergencyPlan = new("emergency plan", async (w, _) =>
        await w.CreatedAsync("/api/emergency-plans", new { categoryCode = (await Category.Make(w, "AL-HC")).Value, name = "矩阵测试预案", leadUnitId = w.UnitId("AL-WATER"), leadContact = "调度室" }));

    // supervision notices (issue 16)

    /// <summary>A supervision notice on the unit, taken to <paramref name="stage"/> over HTTP by the supervisor and the unit's own account.</summary>
    public static TargetKind Notice(NoticeStage stage) => new($"notice {stage}", (w, unit) => w.NoticeAsync(stage, unit));
    // issue 16, supervision proposals

    /// <summary>An open proposal on a work order the unit holds.</summary>
    public static readonly TargetKind Proposal = new("proposal", (w, unit) => w.ProposalAsync(unit));

    /// <summary>A trigger that stays disabled (the unit-figure "falling-rank"): the body re-saves it as it is.</summary>
    public static readonly TargetKind Trigger = new("trigger", (_, _) => Task.FromResult(new Target("falling-rank")));

    /// <summary>An open key difficult issue on the unit.</summary>
    public static readonly TargetKind DifficultIssue = new("difficult issue", async (w, unit) => MatrixWorld.TargetOf(
        await (await (await w.As("supervisor")).PostJsonAsync("/api/supervision/difficult-issues", new { title = "矩阵测试事项", description = "矩阵测试", unitId = w.UnitId(unit) })).ShouldBe(HttpStatusCode.Created), "id"));
    // issue 16, escalation and special reports

    /// <summary>A supervision notice on the unit, opened by the demo supervisor, still with the centre.</summary>
    public static readonly TargetKind EscalationNotice = new("supervision notice", (w, unit) => w.NoticeAsync(unit));

    /// <summary>A special report drafted by the demo supervisor on a notice on the unit.</summary>
    public static readonly TargetKind DraftReport = new("draft special report", (w, unit) => w.SpecialReportAsync(unit, sent: false));

    /// <summary>A special report on a notice on the unit, sent to the demo leader.</summary>
    public static readonly TargetKind SentReport = new("sent special report", (w, unit) => w.SpecialReportAsync(unit, sent: true));

    public static TargetKind Order(OrderStage stage) => new($"order {stage}", async (w, unit) => new Target(Invariant(await w.Orders.PlantAsync(stage, unit))));

    public static TargetKind Article(ArticleStage stage) => new($"article {stage}", (w, unit) => w.ArticleAsync(stage, unit));

    public static TargetKind Year(int year) => new($"year {year}", (_, _) => Task.FromResult(new Target(Invariant(year))));

    /// <summary>A year whose calendar was just published, to be deleted.</summary>
    public static TargetKind PublishedYear(int year) => new($"published year {year}", async (w, _) =>
    {
        var admin = await w.As("admin");
        await (await admin.PutJsonAsync($"/api/calendar/years/{year}", new { source = "矩阵测试", days = Array.Empty<object>() })).ShouldBe(HttpStatusCode.OK);
        return new Target(Invariant(year));
    });

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal enum NoticeStage
{
    Issued,
    InHand,
    Answered,
    Listed,
}

internal enum ArticleStage
{
    Draft,
    InReview,
    Published,
}

/// <summary>
/// The demo platform as the matrix uses it: a signed-in client per account, the unit tree, and the records operations
/// act on, made for the unit that holds or owns them (orders through the aggregate, the rest over HTTP).
/// </summary>
internal sealed class MatrixWorld(AppFixture app)
{
    /// <summary>Who writes a unit's knowledge articles: an account of that unit.</summary>
    private static readonly Dictionary<string, string> Authors = new() { ["AL-DC-ZJ"] = "handler", ["AL-XC-CG"] = "handler2", ["AL-DC-HO"] = "dcoffice" };

    private readonly Dictionary<string, HttpClient> _clients = [];
    private Dictionary<string, (long Id, string Path)> _units = [];
    private int _counter;
    private int _categories;
    private int _regions;

    public AppFixture App => app;

    public MatrixOrders Orders { get; } = new(app);

    public async Task InitialiseAsync()
    {
        var admin = await As("admin");
        var directory = await admin.GetAsync("/api/units/directory").ShouldBeOk();
        _units = directory.EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!, u => (u.GetProperty("id").GetInt64(), u.GetProperty("path").GetString()!));
        await (await admin.PostJsonAsync("/api/categories", new { code = "97", name = "矩阵测试" })).ShouldBe(HttpStatusCode.Created);
    }

    public int Next() => Interlocked.Increment(ref _counter);

    /// <summary>A 9-digit region code no catalogue entry uses yet.</summary>
    public string UniqueRegion() => $"990199{Interlocked.Increment(ref _regions):D3}";

    /// <summary>A code for a new sub-category of the matrix's own category 97.</summary>
    public string NewCategoryCode() => $"97{Interlocked.Increment(ref _categories):D2}";

    public long UnitId(string code) => _units[code].Id;

    /// <summary>Whether <paramref name="unit"/> is <paramref name="ancestor"/> or lies below it in the unit tree.</summary>
    public bool Within(string unit, string ancestor) => _units[unit].Path.StartsWith(_units[ancestor].Path, StringComparison.Ordinal);

    public async Task<HttpClient> As(string userName)
    {
        if (!_clients.TryGetValue(userName, out var client))
        {
            _clients[userName] = client = await app.SignInAsync(userName);
        }

        return client;
    }

    /// <summary>Creates a record as the administrator; its id (or <paramref name="key"/>) and version are the target.</summary>
    public async Task<Target> CreatedAsync(string url, object body, string key = "id")
    {
        var created = await (await (await As("admin")).PostJsonAsync(url, body)).ShouldBe(HttpStatusCode.Created);
        return TargetOf(created, key);
    }

    public static Target TargetOf(JsonElement record, string key) => new(
        record.GetProperty(key).ValueKind == JsonValueKind.Number ? record.GetProperty(key).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : record.GetProperty(key).GetString()!,
        record.GetProperty("version").GetInt64());

    /// <summary>An article of <paramref name="unit"/>, written by its own account, submitted, and approved by the expert seat.</summary>
    public async Task<Target> ArticleAsync(ArticleStage stage, string unit)
    {
        var author = await As(Authors[unit]);
        var article = await (await author.PostJsonAsync("/api/knowledge/articles", new
        {
            content = Content($"矩阵测试文章 {Next()}", "停水期间请储备生活用水，恢复供水后先放水冲洗管道。", category: "供水", keywords: ["停水"]),
        })).ShouldBe(HttpStatusCode.Created);
        if (stage >= ArticleStage.InReview)
        {
            article = await (await author.PostJsonAsync($"/api/knowledge/articles/{article.GetProperty("id").GetInt64()}/submit", new { version = article.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        }

        if (stage == ArticleStage.Published)
        {
            var expert = await As("expert");
            article = await (await expert.PostJsonAsync($"/api/knowledge/articles/{article.GetProperty("id").GetInt64()}/approve", new { version = article.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        }

        return TargetOf(article, "id");
    }

    /// <summary>A notice on <paramref name="unit"/> (ten working days), signed and answered by the unit's own account, or listed.</summary>
    public async Task<Target> NoticeAsync(NoticeStage stage, string unit)
    {
        var supervisor = await As("supervisor");
        var opened = await (await supervisor.PostJsonAsync("/api/supervision/notices", new
        {
            unitIds = new[] { UnitId(unit) },
            reason = "矩阵测试",
            demand = "请整改",
            deadlineWorkingDays = 10,
            method = "document",
        })).ShouldBe(HttpStatusCode.OK);
        var notice = opened.GetProperty("notices")[0];
        var (id, version) = (notice.GetProperty("id").GetInt64(), notice.GetProperty("version").GetInt64());
        async Task Step(HttpClient client, string action, Dictionary<string, object?> body)
        {
            body["version"] = version;
            version = (await (await client.PostJsonAsync($"/api/supervision/notices/{id}/{action}", body)).ShouldBe(HttpStatusCode.OK)).GetProperty("summary").GetProperty("version").GetInt64();
        }

        if (stage is NoticeStage.InHand or NoticeStage.Answered)
        {
            var own = await As(Authors[unit]);
            await Step(own, "sign", []);
            if (stage == NoticeStage.Answered)
            {
                await Step(own, "answer", new() { ["measures"] = "已整改" });
            }
        }

        if (stage == NoticeStage.Listed)
        {
            await Step(supervisor, "list", new() { ["publicMatter"] = "矩阵测试事项", ["listingDeadline"] = ListingDeadline() });
        }

        return new Target(id.ToString(System.Globalization.CultureInfo.InvariantCulture), version);
    }

    /// <summary>A listing deadline the next day (local): before any notice's deadline of ten working days.</summary>
    public string ListingDeadline() =>
        global::Hotline.Domain.Calendar.ChinaTime.LocalDate(app.Time.GetUtcNow()).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<Target> ModelAsync()
    {
        await new PlantedOrders(app).PlantAsync(PlantedOrders.ClosedFromFixture(step: 40));
        var trained = await (await As("admin")).PostJsonAsync("/api/routing/models/train", new { activate = false }).ShouldBeOk();
        var stored = trained.EnumerateArray().Select(o => o.GetProperty("stored")).FirstOrDefault(s => s.ValueKind == JsonValueKind.Object);
        Assert.True(stored.ValueKind == JsonValueKind.Object, $"training stored no model: {trained}");
        return new Target(stored.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<Target> ProposalAsync(string unit)
    {
        var orderId = await Orders.PlantAsync(OrderStage.Dispatched, unit);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var order = await db.Set<global::Hotline.Domain.WorkOrders.WorkOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId);
        var proposal = global::Hotline.Domain.Supervision.SupervisionProposal.Raise(
            "red-light", global::Hotline.Domain.Supervision.ProposalSubject.Order, order.Id, order.LeadUnitId!.Value, order.LeadUnitName!, order.LeadUnitPath!, order.Number, app.Time.GetUtcNow().UtcDateTime);
        db.Add(proposal);
        await db.SaveChangesAsync();
        return new Target(proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), proposal.Version);
    }

    public async Task<Target> HotSpotAsync(string unit)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var run = HotSpotRun.Create(HotSpotPeriod.Week, now, now.AddDays(-7), now, now.AddDays(-14), 3, 1, 1);
        db.Add(run);
        await db.SaveChangesAsync();
        var spot = HotSpot.Create(run.Id, HotSpotListKind.Events, 1, null, 1, "990102001", "东华街道", 3, 0, null, true, now.AddDays(-2), now, ["电梯"], [], "0101", [UnitId(unit)]);
        db.Add(spot);
        await db.SaveChangesAsync();
        return new Target(spot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<Target> WarningAsync(string unit)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var (id, path) = _units[unit];
        var warning = EarlyWarning.Seasonal(
            $"matrix:{Next()}", new DateOnly(2026, 4, 1), "0101", "矩阵测试预警", "去年同月电梯报修较多。", 12, ["电梯"], [], now, [new EarlyWarningUnit(id, path, unit)]);
        db.Add(warning);
        await db.SaveChangesAsync();
        var version = await db.Set<EarlyWarning>().AsNoTracking().Where(w => w.Id == warning.Id).Select(w => w.Version).SingleAsync();
        return new Target(warning.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), version);
    }

    /// <summary>A notice on <paramref name="unit"/> opened through the aggregate and the store (its endpoints are another part's).</summary>
    public async Task<Target> NoticeAsync(string unit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var user = await db.Set<global::Hotline.Domain.Organisation.User>().Include(u => u.Unit).Include(u => u.Roles).SingleAsync(u => u.UserName == "supervisor");
        var actor = new global::Hotline.Domain.WorkOrders.Actor(user.Id, user.DisplayName, user.RoleSet.ToHashSet(), user.UnitId, user.Unit!.Name, global::Hotline.Domain.Organisation.AccessScope.Platform);
        var target = await db.Units.SingleAsync(u => u.Code == unit);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var terms = new global::Hotline.Domain.Supervision.NoticeTerms("manual", "矩阵测试", "限期整改", 5, global::Hotline.Domain.Supervision.SupervisionMethod.Document);
        global::Hotline.Domain.Supervision.SupervisionNotice? notice = null;
        await scope.ServiceProvider.GetRequiredService<global::Hotline.Features.Supervision.NoticeStore>().AddAsync(
            [number => notice = global::Hotline.Domain.Supervision.SupervisionNotice.Open(number, terms, target, [], actor, scope.ServiceProvider.GetRequiredService<global::Hotline.Features.Calendar.CalendarService>().Current, now)],
            now, CancellationToken.None);
        return new Target(notice!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Version);
    }

    public async Task<Target> SpecialReportAsync(string unit, bool sent)
    {
        var notice = await NoticeAsync(unit);
        var supervisor = await As("supervisor");
        var report = await (await supervisor.PostJsonAsync($"/api/supervision/notices/{notice.Value}/special-reports", new { })).ShouldBe(HttpStatusCode.OK);
        if (sent)
        {
            var leaders = await supervisor.GetAsync("/api/supervision/special-reports/leaders").ShouldBeOk();
            var leader = leaders.EnumerateArray().Single(l => l.GetProperty("name").GetString() == "林峰").GetProperty("id").GetInt64();
            report = await (await supervisor.PostJsonAsync($"/api/supervision/special-reports/{report.GetProperty("id").GetInt64()}/send", new
            {
                leaderUserId = leader,
                version = report.GetProperty("version").GetInt64(),
            })).ShouldBe(HttpStatusCode.OK);
        }

        return TargetOf(report, "id");
    }

    public async Task<Target> NotificationAsync(string unit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var notification = global::Hotline.Domain.Notifications.Notification.Create(
            global::Hotline.Domain.Notifications.NotificationKind.Reminder, global::Hotline.Domain.Notifications.Audience.Unit(_units[unit].Id), null, null, null, app.Time.GetUtcNow().UtcDateTime, null);
        db.Add(notification);
        await db.SaveChangesAsync();
        return new Target(notification.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), notification.Version);
    }
}
