using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Seeding.History;

/// <summary>
/// Lives an order through the aggregate's own verbs, step by step on a simulated clock, so that its columns and its
/// timeline are exactly what the application writes: answered or refused at intake, three-way calls, merges of a
/// duplicate, repeats after closure, send-backs, dispatch with co-units, returns (some late) approved or rejected,
/// re-dispatch, late signing, extensions approved or rejected, replies on time or late, rejected replies, callbacks
/// satisfied, unsatisfied (redo or close under policy), unreachable after three working days, exempt cases. The alert
/// light job is replayed at its check times. A step that would fall after now is not taken: recent orders stay open at
/// whatever stage they reached, some past their deadline.
/// </summary>
public sealed partial class HistoryLifecycle(HistoryWorld world, HistoryActors actors, Random random, DateTime nowUtc, Func<DateTime, (long Id, string Number)> allocate)
{
    private static readonly Action<WorkOrder, long> SetId = typeof(WorkOrder).GetProperty(nameof(WorkOrder.Id))!.SetMethod!.CreateDelegate<Action<WorkOrder, long>>();

    private readonly RecentOrders _recent = new();
    private readonly List<(long, WorkOrderEvent)> _others = [];
    private WorkOrderClock _clock = null!;
    private DateTime _t;

    public IReadOnlyList<GeneratedOrder> Run(DateTime registeredAtUtc, WorkOrderContent content, Category category, bool allowPair)
    {
        _t = registeredAtUtc;
        _clock = new WorkOrderClock(new DateTimeOffset(_t), world.Calendar, world.TimeframesFor(content.RequestType, content.CategoryCode, content.Urgency));
        var (id, number) = allocate(_t);
        var agent = Pick(actors.Agents);
        var lead = LeadFor(content.CategoryCode, content.Location.RegionCode!);
        var u = random.NextDouble();
        WorkOrder order;
        if (content.RequestType == RequestType.Inquiry && u < 0.72)
        {
            order = WorkOrder.RegisterAnswered(number, content, agent, _clock, Pick(HistoryTexts.Answers), null);
            return Done(id, order);
        }

        if (u < 0.03)
        {
            order = RegisterRejected(number, content, agent);
            return Done(id, order);
        }

        if (u < 0.045)
        {
            order = WorkOrder.RegisterThreeWayCall(number, content, agent, _clock, lead, "三方通话中承办单位当场答复了市民的诉求，市民表示清楚。");
            return Done(id, order);
        }

        order = WorkOrder.Register(number, content, agent, _clock);
        SetId(order, id);
        _others.Clear();
        var result = new List<GeneratedOrder>(2);
        var duplicate = random.NextDouble() < 0.015 && allowPair && _t.AddMinutes(6) < nowUtc ? Duplicate(order, content) : null;
        if (random.NextDouble() < 0.05 && _t.AddMinutes(2) < nowUtc)
        {
            LinkRepeat(order, agent, content);
        }

        try
        {
            Handle(order, content, lead);
        }
        catch (DomainException)
        {
            // A verb refused (a rule the draw did not foresee): the order stays as the last accepted step left it.
        }

        result.Add(new GeneratedOrder(id, order, [.. _others]));
        if (duplicate is not null)
        {
            result.Add(duplicate);
        }

        _recent.Add(new RecentOrder(id, order.Number, order.RegisteredAtUtc, order.ClosedAtUtc, content.CategoryCode, content.Location.RegionCode));
        return result;
    }

    private IReadOnlyList<GeneratedOrder> Done(long id, WorkOrder order)
    {
        SetId(order, id);
        Tick(order, nowUtc);
        return [new GeneratedOrder(id, order, [])];
    }

    private WorkOrder RegisterRejected(string number, WorkOrderContent content, Actor agent)
    {
        var u = random.NextDouble();
        var (reason, transfer, note) = u switch
        {
            < 0.15 => (RejectionReason.Emergency, (EmergencyService?)(EmergencyService)random.Next(4), "已转接紧急服务电话。"),
            < 0.45 => (RejectionReason.StatutoryRoute, null, "告知市民通过诉讼或行政复议途径解决。"),
            < 0.7 => (RejectionReason.OutsideAdministrativePower, null, "属于民事纠纷，建议通过人民调解或诉讼解决。"),
            < 0.85 => (RejectionReason.AbuseOrNoContent, null, "来电无实质诉求内容。"),
            _ => (RejectionReason.AlreadyHandled, null, "同一事项已依法办结，无新的事实和理由。"),
        };
        return WorkOrder.RegisterRejected(number, content, agent, _clock, reason, transfer, note);
    }

    /// <summary>A second citizen reports the same thing minutes later; the agent merges the duplicate into the first order.</summary>
    private GeneratedOrder Duplicate(WorkOrder first, WorkOrderContent content)
    {
        var registered = _t.AddMinutes(1 + random.Next(3));
        var (id, number) = allocate(registered);
        var agent = Pick(actors.Agents);
        var clock = _clock with { Now = new DateTimeOffset(registered) };
        var second = WorkOrder.Register(number, content with { Caller = new Caller(HistoryTexts.Name(random), HistoryTexts.Phone(random), false, false) }, agent, clock);
        SetId(second, id);
        second.MergeInto(agent, clock with { Now = clock.Now.AddMinutes(1) }, first);
        _t = registered.AddMinutes(2);
        return new GeneratedOrder(id, second, []);
    }

    /// <summary>The citizen asks again about something already closed (重复诉求): linked to the earlier order.</summary>
    private void LinkRepeat(WorkOrder order, Actor agent, WorkOrderContent content)
    {
        if (_recent.FindClosed(content.CategoryCode, content.Location.RegionCode, _t) is not { } earlier)
        {
            return;
        }

        // The earlier order as it stood then (closed): only the entry the link adds to its timeline is kept.
        var stub = WorkOrder.RegisterAnswered(earlier.Number, content, agent, _clock with { Now = new DateTimeOffset(earlier.RegisteredAtUtc) }, "-", null);
        SetId(stub, earlier.Id);
        stub.ClearPendingEvents();
        At(1);
        order.LinkRepeatOf(agent, _clock, stub);
        _others.AddRange(stub.PendingEvents.Select(e => (earlier.Id, e)));
    }

    private void Handle(WorkOrder order, WorkOrderContent content, Unit lead)
    {
        var dispatcher = Pick(actors.Dispatchers);
        if (random.NextDouble() < 0.02)
        {
            if (!Step(order, Minutes(20, 120)))
            {
                return;
            }

            order.SendBack(dispatcher, _clock, SendBackReason.Correction, "事发地址不完整，请补充具体门牌号。", null);
            if (!Step(order, Minutes(10, 90)))
            {
                return;
            }

            order.Correct(Pick(actors.Agents), _clock, content with { Location = content.Location with { Address = content.Location.Address + "东侧" } }, "已补充地址。");
        }

        var delay = random.NextDouble() switch { < 0.7 => Minutes(5, 90), < 0.95 => Minutes(90, 480), _ => Minutes(480, 2400) };
        if (!Step(order, delay))
        {
            return;
        }

        IReadOnlyList<Unit> coUnits = random.NextDouble() < 0.07 ? [OtherUnit(lead, content.Location.RegionCode!)] : [];
        order.Dispatch(dispatcher, _clock, lead, coUnits, null);
        for (var cycle = 0; cycle < 4; cycle++)
        {
            if (!WithUnit(order, content, ref lead, cycle) || !Concluded(order, content, ref lead))
            {
                return;
            }

            if (order.Status != WorkOrderStatus.Dispatched)
            {
                return;
            }
        }
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(min + (random.NextDouble() * (max - min)));

    /// <summary>Moves the clock on by <paramref name="delay"/> and replays the light job up to then; false when that is after now.</summary>
    private bool Step(WorkOrder order, TimeSpan delay) => StepTo(order, _t + delay);

    private bool StepTo(WorkOrder order, DateTime at)
    {
        if (at <= _t)
        {
            at = _t.AddMinutes(1);
        }

        if (at > nowUtc)
        {
            Tick(order, nowUtc);
            return false;
        }

        Tick(order, at);
        _t = at;
        _clock = _clock with { Now = new DateTimeOffset(at) };
        return true;
    }

    private void At(int minutes)
    {
        _t = _t.AddMinutes(minutes);
        _clock = _clock with { Now = new DateTimeOffset(_t) };
    }

    /// <summary>The alert-light job as it would have run: at each check time up to <paramref name="until"/>.</summary>
    private void Tick(WorkOrder order, DateTime until)
    {
        for (var i = 0; i < 8 && order.NextClockCheckUtc is { } check && check <= until; i++)
        {
            if (!order.ApplyClock(_clock with { Now = new DateTimeOffset(check) }))
            {
                break;
            }
        }
    }

    private sealed record RecentOrder(long Id, string Number, DateTime RegisteredAtUtc, DateTime? ClosedAtUtc, string Category, string? Region);

    /// <summary>The last few hundred dispatched orders, to find the earlier order a repeat links to.</summary>
    private sealed class RecentOrders
    {
        private readonly RecentOrder?[] _ring = new RecentOrder?[1024];
        private int _next;

        public void Add(RecentOrder order) => _ring[_next++ % _ring.Length] = order;

        public RecentOrder? FindClosed(string category, string? region, DateTime before)
        {
            RecentOrder? sameCategory = null;
            for (var i = 1; i <= _ring.Length; i++)
            {
                var o = _ring[((_next - i) % _ring.Length + _ring.Length) % _ring.Length];
                if (o is null || o.ClosedAtUtc is not { } closed || closed >= before || o.Category != category)
                {
                    continue;
                }

                if (o.Region == region)
                {
                    return o;
                }

                sameCategory ??= o;
            }

            return sameCategory;
        }
    }
}
