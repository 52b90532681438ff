using System.Text.Json;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// The intake write path that bypasses EF's change tracker must store exactly what <c>SaveChanges</c> stores: every
/// column of the order (the JSON ones included), its timeline entry and its search document, for every kind of
/// registration. Each case is registered twice, once through EF and once through the store, and the rows are compared
/// as JSON with only the keys and the number left out; then both are read back through EF.
/// </summary>
[SingleDatabase("PostgresRegistrationStore is the PostgreSQL write path; on SQLite registrations go through EF alone")]
public sealed class PostgresRegistrationStoreTests(PostgresApp app) : IClassFixture<PostgresApp>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Kinds => ["dispatch", "attachments", "answered", "threeWayCall", "rejected", "emergency"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task StoresWhatEntityFrameworkStores(string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var agent = await AgentAsync(db);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.IsActive && u.Id != agent.UnitId);
        var clocks = scope.ServiceProvider.GetRequiredService<WorkOrderClocks>();
        var prefix = "PS" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        WorkOrder Create(string number) => Make(kind, number);
        WorkOrder Make(string kind, string number)
        {
            var content = Content(kind);
            var clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency);
            return kind switch
            {
                "answered" => WorkOrder.RegisterAnswered(number, content, agent, clock, "已告知办理地点和所需材料。", null),
                "threeWayCall" => WorkOrder.RegisterThreeWayCall(number, content, agent, clock, unit, "三方通话后单位答复本周内处理。"),
                "rejected" => WorkOrder.RegisterRejected(number, content, agent, clock, RejectionReason.Emergency, EmergencyService.Fire119, "已转119"),
                _ => WorkOrder.Register(number, content, agent, clock, unit.Id),
            };
        }

        var viaEf = Create(prefix + "E");
        db.Set<WorkOrder>().Add(viaEf);
        await scope.ServiceProvider.GetRequiredService<WorkOrderStore>().SaveAsync([viaEf], CancellationToken.None);
        db.ChangeTracker.Clear();

        // The store writes a batch as one statement per table: the order under test sits between two of other kinds.
        var viaStore = Create(prefix + "S");
        WorkOrder[] batch = [Make(kind == "answered" ? "rejected" : "answered", prefix + "A"), viaStore, Make(kind == "attachments" ? "dispatch" : "attachments", prefix + "B")];
        Assert.All(batch, o => Assert.True(PostgresRegistrationStore.CanWrite(o)));
        var entries = batch.Sum(o => o.PendingEvents.Count);
        await PostgresRegistrationStore.For(db.Model).SaveAsync(db, batch, scope.ServiceProvider.GetRequiredService<ISearchIndex>(), WorkOrderSearchSource.ToDocument, CancellationToken.None);
        Assert.Equal(3, batch.Select(o => o.Id).Distinct().Count());
        Assert.Equal(entries, await db.Set<WorkOrderEvent>().CountAsync(e => batch.Select(o => o.Id).Contains(e.WorkOrderId)));
        Assert.True(viaStore.Id > 0);
        Assert.NotEqual(viaEf.Id, viaStore.Id);

        Assert.Equal(
            await RowAsync(db, $"SELECT (to_jsonb(w) - 'id' - 'number')::text AS \"Value\" FROM work_orders w WHERE id = {viaEf.Id}"),
            await RowAsync(db, $"SELECT (to_jsonb(w) - 'id' - 'number')::text AS \"Value\" FROM work_orders w WHERE id = {viaStore.Id}"));
        Assert.Equal(
            await RowAsync(db, $"SELECT jsonb_agg(to_jsonb(e) - 'id' - 'work_order_id' ORDER BY e.id)::text AS \"Value\" FROM work_order_events e WHERE work_order_id = {viaEf.Id}"),
            await RowAsync(db, $"SELECT jsonb_agg(to_jsonb(e) - 'id' - 'work_order_id' ORDER BY e.id)::text AS \"Value\" FROM work_order_events e WHERE work_order_id = {viaStore.Id}"));

        // The search document differs only where the number is (the keywords and the terms made from them).
        Assert.Equal(
            await RowAsync(db, $"SELECT (to_jsonb(d) - 'id' - 'entity_id' - 'keywords' - 'terms')::text AS \"Value\" FROM search_documents d WHERE kind = 'work_order' AND entity_id = {viaEf.Id}"),
            await RowAsync(db, $"SELECT (to_jsonb(d) - 'id' - 'entity_id' - 'keywords' - 'terms')::text AS \"Value\" FROM search_documents d WHERE kind = 'work_order' AND entity_id = {viaStore.Id}"));

        var loaded = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == viaEf.Id || w.Id == viaStore.Id).OrderBy(w => w.Id).ToListAsync();
        Assert.Equal(2, loaded.Count);
        var (a, b) = (loaded.Single(w => w.Id == viaEf.Id), loaded.Single(w => w.Id == viaStore.Id));
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Attachments, b.Attachments);
        Assert.Equal(Json(a.Resolution), Json(b.Resolution));
        Assert.Equal(a.HandlingDueUtc, b.HandlingDueUtc);
        Assert.Equal(kind == "attachments" ? 2 : 0, b.Attachments.Count);
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private static async Task<string> RowAsync(HotlineDbContext db, FormattableString sql) =>
        await db.Database.SqlQuery<string>(sql).SingleAsync();

    private static async Task<Actor> AgentAsync(HotlineDbContext db)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == "agent");
        var unit = await db.Units.SingleAsync(u => u.Id == user.UnitId);
        return new Actor(user.Id, user.DisplayName, new HashSet<Role> { Role.IntakeAgent }, unit.Id, unit.Name, AccessScope.Platform);
    }

    private static WorkOrderContent Content(string kind) => new(
        kind == "attachments" ? Channel.Web : Channel.Phone,
        kind == "answered" ? RequestType.Inquiry : RequestType.Complaint,
        "010101",
        kind == "emergency" ? Urgency.Emergency : Urgency.Normal,
        new Caller("王五", "13700002222", kind == "rejected", kind == "attachments"),
        new Location("990102001", "东华街道", "明珠小区5栋", null, null),
        "楼道堆放杂物存在消防隐患",
        "5栋楼道长期堆放纸箱和电动车，拨打13700002222的王五多次反映无果。",
        "请清理楼道杂物。",
        kind == "dispatch" ? "建议消防部门检查" : null,
        kind == "dispatch" ? "明珠物业" : null,
        kind == "dispatch" ? "REC-001" : null,
        null,
        kind == "attachments"
            ? [new Attachment("现场照片.jpg", "image/jpeg", 204_800, "att/2026/11/a1"), new Attachment("说明.pdf", "application/pdf", 51_200, "att/2026/11/a2")]
            : []);
}
