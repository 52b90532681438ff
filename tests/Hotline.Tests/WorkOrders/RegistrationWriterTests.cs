using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Group commit at intake: registrations queued together are written together, each still whole (order, first timeline
/// entry, search document), and one that the database refuses fails alone while the others commit.
/// </summary>
public abstract class RegistrationWriterTests(AppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConcurrentRegistrations_AreEachSavedWhole_AndARefusedOneFailsAlone()
    {
        var writer = app.Services.GetRequiredService<RegistrationWriter>();
        var clock = app.Services.GetRequiredService<WorkOrderClocks>().For(RequestType.Complaint, "010101", Urgency.Normal);
        var agent = await AgentAsync();
        var prefix = "RW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var taken = await writer.WriteAsync(WorkOrder.Register(prefix + "000", Content("已登记的工单"), agent, clock), CancellationToken.None);

        // Forty registrations at once, the thirteenth reusing a number that already exists (unique in the database).
        var numbers = Enumerable.Range(1, 40).Select(i => i == 13 ? taken.Number : prefix + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var writes = numbers.Select(n => Task.Run(() => writer.WriteAsync(WorkOrder.Register(n, Content("批量登记" + n), agent, clock), CancellationToken.None))).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                return (Order: await w, Error: (Exception?)null);
            }
            catch (DbUpdateException e)
            {
                return (Order: (WorkOrder?)null, Error: (Exception?)e);
            }
        }));

        Assert.Single(outcomes, o => o.Error is not null);
        Assert.Null(outcomes[12].Order);
        var saved = outcomes.Where(o => o.Order is not null).Select(o => o.Order!).ToList();
        Assert.Equal(39, saved.Count);
        Assert.All(saved, o => Assert.True(o.Id > 0));
        Assert.Equal(39, saved.Select(o => o.Id).Distinct().Count());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var ids = saved.Select(o => o.Id).Append(taken.Id).ToList();
        var stored = await db.Set<WorkOrder>().Where(w => w.Number.StartsWith(prefix)).Select(w => new { w.Id, w.Number }).ToListAsync();
        Assert.Equal(40, stored.Count);
        Assert.Equal(ids.Order(), stored.Select(s => s.Id).Order());
        Assert.Single(stored, s => s.Number == taken.Number);

        var events = await db.Set<WorkOrderEvent>().Where(e => ids.Contains(e.WorkOrderId)).GroupBy(e => e.WorkOrderId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(40, events.Count);
        Assert.All(events, c => Assert.Equal(1, c));

        var indexed = (await db.Database.SqlQuery<long>($"SELECT entity_id AS \"Value\" FROM search_documents WHERE kind = 'work_order'").ToListAsync())
            .Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), indexed.Order());
    }

    private async Task<Actor> AgentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == "agent");
        var unit = await db.Units.SingleAsync(u => u.Id == user.UnitId);
        return new Actor(user.Id, user.DisplayName, new HashSet<Role> { Role.IntakeAgent }, unit.Id, unit.Name, AccessScope.Platform);
    }

    private static WorkOrderContent Content(string subject) => new(
        Channel.Phone, RequestType.Complaint, "010101", Urgency.Normal,
        new Caller("李四", "13900001111", false, false),
        new Location("990102001", "东华街道", "明珠小区3栋", null, null),
        subject, "小区路灯坏了一个月没人修。", "尽快修好路灯。", null, null, null, null, []);
}

public sealed class RegistrationWriterTests_Sqlite(SqliteApp app) : RegistrationWriterTests(app), IClassFixture<SqliteApp>;

public sealed class RegistrationWriterTests_Postgres(PostgresApp app) : RegistrationWriterTests(app), IClassFixture<PostgresApp>;
