using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Features.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Supervision;

/// <summary>
/// Notices for tests of issue 16's escalation part: opened as the demo supervisor, and answered and accepted, through the
/// aggregate and the store (the notices' own endpoints belong to another part of issue 16).
/// </summary>
internal static class NoticeSeed
{
    public static async Task<(long Id, string Number)> OpenAsync(AppFixture app, string unitCode, long? orderId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var centre = await ActorAsync(db, "supervisor", AccessScope.Platform);
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        var orders = orderId is { } oid
            ? await db.Set<WorkOrder>().Where(o => o.Id == oid).Select(o => new NoticeOrderRef(o.Id, o.Number, o.Subject, o.LeadUnitPath)).ToListAsync()
            : [];
        var now = app.Time.GetUtcNow().UtcDateTime;
        var terms = new NoticeTerms("manual", "单位逾期未办结", "限期整改并答复", 5, SupervisionMethod.Document);
        SupervisionNotice? opened = null;
        await scope.ServiceProvider.GetRequiredService<NoticeStore>().AddAsync(
            [number => opened = SupervisionNotice.Open(number, terms, unit, orders, centre, scope.ServiceProvider.GetRequiredService<CalendarService>().Current, now)],
            now, CancellationToken.None);
        return (opened!.Id, opened.Number);
    }

    /// <summary>Acts on a notice as a handler of <paramref name="unitCode"/> and as the demo supervisor, and saves it.</summary>
    public static async Task ActAsync(AppFixture app, long id, string unitCode, Action<SupervisionNotice, Actor, Actor, DateTime> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        var unitActor = new Actor(1, "承办人", new HashSet<Role> { Role.UnitHandler }, unit.Id, unit.Name, new AccessScope(unit.Path));
        var store = scope.ServiceProvider.GetRequiredService<NoticeStore>();
        var notice = await store.LoadAsync(id, null, CancellationToken.None);
        act(notice, unitActor, await ActorAsync(db, "supervisor", AccessScope.Platform), app.Time.GetUtcNow().UtcDateTime);
        await store.SaveAsync(notice, CancellationToken.None);
    }

    public static async Task<long> UserIdAsync(AppFixture app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<User>().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<Actor> ActorAsync(HotlineDbContext db, string userName, AccessScope scope)
    {
        var user = await db.Set<User>().Include(u => u.Unit).Include(u => u.Roles).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, user.RoleSet.ToHashSet(), user.UnitId, user.Unit!.Name, scope);
    }
}
