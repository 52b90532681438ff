using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Authorisation;

/// <summary>Where in its life an order stands, for an action that needs it there.</summary>
internal enum OrderStage
{
    AwaitingDispatch,
    SentBackToIntake,
    Dispatched,
    InProgress,
    PendingExtension,
    Returned,
    Replied,
    AwaitingCallback,
    CallbackUnsatisfied,
    Closed,

    /// <summary>In progress at the water company, with the target unit as its co-unit.</summary>
    CoUnitInProgress,

    // emergency work orders (issue 15)

    /// <summary>Dispatched to the unit after an emergency was raised (nobody on the roster), not yet checked.</summary>
    EmergencyRaised,

    /// <summary>As <see cref="EmergencyRaised"/>, confirmed by the centre manager.</summary>
    EmergencyConfirmed,
    // issue 15, hard cases and disputes

    /// <summary>A hard case escalated by the dispatcher: the team leader decides it.</summary>
    HardCaseAtTeamLeader,

    /// <summary>In progress after the unit's return was rejected: it may take the dispute to the organisation office.</summary>
    ReturnRejected,

    /// <summary>A responsibility dispute waiting for the organisation office.</summary>
    InArbitration,

    /// <summary>In progress with a matter at the government at the unit's level.</summary>
    CoordinationOpen,

    /// <summary>Replied a week after the handling deadline.</summary>
    RepliedLate,
}

/// <summary>
/// Work orders for the matrix, driven to a stage through the aggregate's verbs and saved through the API's save path
/// (as the demo seeding does): hundreds of orders in a few seconds, where HTTP would take minutes.
/// </summary>
internal sealed class MatrixOrders(AppFixture app)
{
    public async Task<long> PlantAsync(OrderStage stage, string unitCode, TimeSpan? registeredAgo = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var clocks = scope.ServiceProvider.GetRequiredService<WorkOrderClocks>();
        var numbers = scope.ServiceProvider.GetRequiredService<WorkOrderNumbers>();
        var store = scope.ServiceProvider.GetRequiredService<WorkOrderStore>();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code);
        var centre = units["AL-HC"];
        var (agent, dispatcher, callback, manager) = (Centre(centre, Role.IntakeAgent), Centre(centre, Role.Dispatcher), Centre(centre, Role.CallbackAgent), Centre(centre, Role.CentreManager));

        var clock = clocks.For(RequestType.Complaint, "010101", Urgency.Normal);
        clock = clock with { Now = clock.Now - (registeredAgo ?? TimeSpan.Zero) };
        var order = WorkOrder.Register(await numbers.NextAsync(clock.Now, default), Content(), agent, clock);
        var lead = units[stage == OrderStage.CoUnitInProgress ? "AL-WATER" : unitCode];
        var holder = new Actor(0, $"{lead.Name} 承办人", new HashSet<Role> { Role.UnitHandler }, lead.Id, lead.Name, new AccessScope(lead.Path));
        switch (stage)
        {
            case OrderStage.AwaitingDispatch:
                break;
            case OrderStage.SentBackToIntake:
                order.SendBack(dispatcher, clock, SendBackReason.Correction, "补充详细地址", null);
                break;
            case OrderStage.Dispatched:
                order.Dispatch(dispatcher, clock, lead, [], null);
                break;
            case OrderStage.Returned:
                order.Dispatch(dispatcher, clock, lead, [], null);
                order.Return(holder, clock, "不属本单位职责", "职责清单", units["AL-WATER"]);
                break;
            case OrderStage.EmergencyRaised or OrderStage.EmergencyConfirmed:
                order.RaiseEmergency(agent, clock, Hotline.Domain.Emergencies.DutyOfficers.None, null);
                order.Dispatch(dispatcher, clock, lead, [], null);
                if (stage == OrderStage.EmergencyConfirmed)
                {
                    order.ConfirmEmergency(manager, clock, null);
                }

                break;
            case OrderStage.CoUnitInProgress:
                order.Dispatch(dispatcher, clock, lead, [units[unitCode]], null);
                order.Sign(holder, clock);
                break;
            case OrderStage.HardCaseAtTeamLeader:
                order.EscalateHardCase(dispatcher, clock, "职责不清");
                break;
            case OrderStage.ReturnRejected or OrderStage.InArbitration:
                order.Dispatch(dispatcher, clock, lead, [], null);
                order.Sign(holder, clock);
                order.Return(holder, clock, "不属本单位职责", "职责清单", units["AL-WATER"]);
                order.RejectReturn(dispatcher, clock, "属于你单位职责");
                if (stage == OrderStage.InArbitration)
                {
                    order.RequestArbitration(holder, clock, "三定方案未列此项");
                }

                break;
            case OrderStage.CoordinationOpen:
                order.Dispatch(dispatcher, clock, lead, [], null);
                order.Sign(holder, clock);
                order.ReportToGovernment(holder, clock, units["AL-DC"], "需多部门协调");
                break;
            case OrderStage.RepliedLate:
                order.Dispatch(dispatcher, clock, lead, [], null);
                order.Sign(holder, clock);
                order.Reply(holder, clock with { Now = clock.Now + TimeSpan.FromDays(30) }, "已处理", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
                break;
            default:
                order.Dispatch(dispatcher, clock, lead, [], null);
                order.Sign(holder, clock);
                Handle(order, stage, clock, holder, manager, callback);
                break;
        }

        db.Add(order);
        await store.SaveAsync([order], default);
        return order.Id;
    }

    /// <summary>From in progress to <paramref name="stage"/>.</summary>
    private static void Handle(WorkOrder order, OrderStage stage, WorkOrderClock clock, Actor holder, Actor manager, Actor callback)
    {
        if (stage == OrderStage.PendingExtension)
        {
            order.RequestExtension(holder, clock, 2, "需协调维保公司");
        }

        if (stage is OrderStage.InProgress or OrderStage.PendingExtension)
        {
            return;
        }

        order.Reply(holder, clock, "已督促物业修复电梯，并电话告知市民。", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
        if (stage == OrderStage.Replied)
        {
            return;
        }

        order.AcceptReply(manager, clock, null);
        if (stage == OrderStage.CallbackUnsatisfied)
        {
            order.Callback(callback, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Unsatisfied, "电梯仍未修好");
        }
        else if (stage == OrderStage.Closed)
        {
            order.Callback(callback, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Satisfied, "市民表示满意");
        }
    }

    private static WorkOrderContent Content() => new(
        Channel.Phone, RequestType.Complaint, "010101", Urgency.Normal, new Hotline.Domain.WorkOrders.Caller("张三丰", "13812345678", false, false),
        new Location("990102001", "东华街道", "明珠小区3栋", null, null), "电梯故障", "小区3栋电梯停运两周，物业不修。", "尽快修复电梯。",
        null, "明珠物业", null, null, []);

    private static Actor Centre(Unit centre, Role role) => new(0, role.ToString(), new HashSet<Role> { role }, centre.Id, centre.Name, AccessScope.Platform);
}
