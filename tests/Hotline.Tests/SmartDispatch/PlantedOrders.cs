using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.SmartDispatch;

/// <summary>One order to plant: its text, place and caller, when it was registered, and how far it got.</summary>
internal sealed record PlantedOrder(
    string Subject,
    string Events,
    string Category = "010101",
    string? Region = "990102001",
    string? Phone = "13900000000",
    DateTimeOffset? RegisteredAt = null,
    string? Unit = null,
    bool Close = false);

/// <summary>
/// Plants work orders straight through the aggregate's verbs (register, dispatch, sign, reply, accept, callback) with
/// their timeline entries, as the demo seeding does: hundreds of orders at chosen times, far faster than over HTTP.
/// </summary>
internal sealed class PlantedOrders(AppFixture app)
{
    /// <summary>The shipped routing fixture's labels as the demo platform's units and categories.</summary>
    public static readonly IReadOnlyDictionary<string, (string Unit, string Category)> FixtureLabels = new Dictionary<string, (string, string)>
    {
        ["住房和城乡建设局"] = ("AL-DC-ZJ", "010101"),
        ["交通运输局"] = ("AL-JT", "030101"),
        ["人力资源和社会保障局"] = ("AL-RS", "050101"),
        ["卫生健康委员会"] = ("AL-WJ", "070101"),
        ["城市管理局"] = ("AL-DC-CG", "090301"),
        ["市场监督管理局"] = ("AL-SJ", "060101"),
        ["教育局"] = ("AL-JY", "040101"),
        ["生态环境局"] = ("AL-HB", "020101"),
        ["自来水公司"] = ("AL-WATER", "080101"),
    };

    /// <summary>Closed orders made of the routing fixture's texts (every <paramref name="step"/>-th line), each handled by its label's unit.</summary>
    public static List<PlantedOrder> ClosedFromFixture(int step = 1, int skip = 0) => RoutingFixture.Load()
        .Where((_, i) => i % step == skip)
        .Select(t => new PlantedOrder(t.Text.Length > 30 ? t.Text[..30] : t.Text, t.Text, FixtureLabels[t.Label].Category, "990102001", null, null, FixtureLabels[t.Label].Unit, Close: true))
        .ToList();

    public async Task<List<long>> PlantAsync(IEnumerable<PlantedOrder> orders)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var clocks = scope.ServiceProvider.GetRequiredService<WorkOrderClocks>();
        var numbers = scope.ServiceProvider.GetRequiredService<WorkOrderNumbers>();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code);
        var centre = units["AL-HC"];
        var agent = Centre(centre, Role.IntakeAgent);
        var dispatcher = Centre(centre, Role.Dispatcher);
        var callback = Centre(centre, Role.CallbackAgent);
        var planted = new List<WorkOrder>();
        foreach (var o in orders)
        {
            var clock = clocks.For(RequestType.Complaint, o.Category, Urgency.Normal) with { Now = o.RegisteredAt ?? app.Time.GetUtcNow() };
            var content = new WorkOrderContent(
                Channel.Phone, RequestType.Complaint, o.Category, Urgency.Normal, new Caller("市民", o.Phone, false, false),
                new Location(o.Region, null, null, null, null), o.Subject, o.Events, "请尽快处理。", null, null, null, null, []);
            var order = WorkOrder.Register(await numbers.NextAsync(clock.Now, default), content, agent, clock);
            if (o.Unit is { } code)
            {
                var unit = units[code];
                order.Dispatch(dispatcher, clock, unit, [], null);
                if (o.Close)
                {
                    var holder = new Actor(0, $"{unit.Name} 承办人", new HashSet<Role> { Role.UnitHandler }, unit.Id, unit.Name, new AccessScope(unit.Path));
                    order.Sign(holder, clock);
                    order.Reply(holder, clock, "已处理并告知市民。", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
                    order.AcceptReply(dispatcher, clock, null);
                    order.Callback(callback, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Satisfied, null);
                }
            }

            db.Add(order);
            db.AddRange(order.PendingEvents);
            planted.Add(order);
        }

        await db.SaveChangesAsync();
        return planted.Select(o => o.Id).ToList();
    }

    private static Actor Centre(Unit centre, Role role) => new(0, role.ToString(), new HashSet<Role> { role }, centre.Id, centre.Name, AccessScope.Platform);
}
