using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.WorkOrders;

/// <summary>Every action tried in every status: the transition table is the whole truth, and nothing else sneaks through.</summary>
public sealed class WorkOrderTransitionTests
{
    private static readonly WorkOrderAction[] Verbs = Enum.GetValues<WorkOrderAction>()
        .Where(a => a is not (WorkOrderAction.Register or WorkOrderAction.ThreeWayCall or WorkOrderAction.LightChanged))
        .ToArray();

    public static TheoryData<WorkOrderStatus, WorkOrderAction> Cells()
    {
        var data = new TheoryData<WorkOrderStatus, WorkOrderAction>();
        foreach (var status in Enum.GetValues<WorkOrderStatus>())
        {
            foreach (var action in Verbs)
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Action_InStatus_FollowsTheTransitionTable(WorkOrderStatus status, WorkOrderAction action)
    {
        var order = InStatus(status);
        var other = InStatus(WorkOrderStatus.Dispatched);
        Prepare(order, action);
        var versionBefore = order.PendingEvents.Count;

        if (WorkOrderTransitions.IsAllowed(status, action))
        {
            Invoke(order, other, action);
            Assert.True(order.PendingEvents.Count > versionBefore, $"{action} in {status} left no timeline entry");
        }
        else
        {
            var error = Assert.ThrowsAny<DomainException>(() => Invoke(order, other, action));
            Assert.Equal("work_order.transition_not_allowed", error.Code);
            Assert.Equal(status, order.Status);
        }
    }

    [Fact]
    public void TransitionTable_ListsEveryStatus() =>
        Assert.All(Enum.GetValues<WorkOrderStatus>(), s => Assert.NotEmpty(WorkOrderTransitions.AllowedIn(s)));

    [Theory]
    [InlineData(WorkOrderAction.Sign)]
    [InlineData(WorkOrderAction.Reply)]
    [InlineData(WorkOrderAction.Return)]
    public void UnitAction_ByAnotherUnit_IsForbidden(WorkOrderAction action)
    {
        var order = InStatus(action == WorkOrderAction.Sign ? WorkOrderStatus.Dispatched : WorkOrderStatus.InProgress);

        var error = Assert.Throws<ForbiddenException>(() => Invoke(order, order, action, WestHandler));

        Assert.Equal("work_order.not_holder", error.Code);
    }

    [Fact]
    public void Dispatch_ByIntakeAgent_IsForbidden()
    {
        var order = Registered();

        Assert.Equal("work_order.role_not_allowed", Assert.Throws<ForbiddenException>(() => order.Dispatch(Agent, At(Monday), Housing, [], null)).Code);
    }

    [Fact]
    public void AvailableActions_ForUnitHandler_AreExactlyTheHoldersActions()
    {
        var order = InStatus(WorkOrderStatus.InProgress);

        var actions = order.AvailableActions(HousingHandler);

        Assert.Equal(
            [WorkOrderAction.Redispatch, WorkOrderAction.Return, WorkOrderAction.RequestExtension, WorkOrderAction.ProgressReport, WorkOrderAction.Reply, WorkOrderAction.RevealCaller],
            actions.Order());
        Assert.Empty(order.AvailableActions(WestHandler));
    }

    /// <summary>Drives a fresh order through real transitions to the wanted status.</summary>
    internal static WorkOrder InStatus(WorkOrderStatus status)
    {
        var clock = At(Monday);
        var order = Registered();
        switch (status)
        {
            case WorkOrderStatus.AwaitingDispatch:
                break;
            case WorkOrderStatus.SentBackToIntake:
                order.SendBack(Dispatcher, clock, SendBackReason.Correction, "地址不清", null);
                break;
            case WorkOrderStatus.NotAccepted:
                order.SendBack(Dispatcher, clock, SendBackReason.Correction, "地址不清", null);
                order.RejectAtIntake(Agent, clock, RejectionReason.AbuseOrNoContent, null, "无实质内容");
                break;
            default:
                order.Dispatch(Dispatcher, clock, Housing, [Street], null);
                if (status == WorkOrderStatus.Dispatched)
                {
                    break;
                }

                if (status == WorkOrderStatus.Returned)
                {
                    order.Return(HousingHandler, clock, "不属本单位职责", "三定方案", Water);
                    break;
                }

                order.Sign(HousingHandler, clock);
                if (status == WorkOrderStatus.InProgress)
                {
                    break;
                }

                order.Reply(HousingHandler, clock, "已督促物业修复电梯", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
                if (status == WorkOrderStatus.Replied)
                {
                    break;
                }

                order.AcceptReply(Manager, clock, null);
                if (status == WorkOrderStatus.AwaitingCallback)
                {
                    break;
                }

                order.Callback(CallbackAgent, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Satisfied, null);
                if (status == WorkOrderStatus.Archived)
                {
                    order.Archive(Manager, clock);
                }

                break;
        }

        Assert.Equal(status, order.Status);
        order.ClearPendingEvents();
        return order;
    }

    /// <summary>Sets up what an allowed action needs besides the status (a pending request, an unsatisfied callback).</summary>
    private static void Prepare(WorkOrder order, WorkOrderAction action)
    {
        var clock = At(Monday);
        if (order.Status == WorkOrderStatus.InProgress && action is WorkOrderAction.ApproveExtension or WorkOrderAction.RejectExtension)
        {
            order.RequestExtension(HousingHandler, clock, 2, "需要协调维保公司");
        }

        if (order.Status == WorkOrderStatus.AwaitingCallback && action == WorkOrderAction.Redo)
        {
            order.Callback(CallbackAgent, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Unsatisfied, "电梯仍未修好");
        }

        order.ClearPendingEvents();
    }

    private static void Invoke(WorkOrder order, WorkOrder other, WorkOrderAction action, Actor? unitActor = null)
    {
        var clock = At(Monday);
        var holder = unitActor ?? HousingHandler;
        switch (action)
        {
            case WorkOrderAction.AnswerDirectly: order.AnswerDirectly(Agent, clock, "按知识库答复", 1); break;
            case WorkOrderAction.RejectAtIntake: order.RejectAtIntake(Agent, clock, RejectionReason.StatutoryRoute, null, "告知诉讼途径"); break;
            case WorkOrderAction.Dispatch: order.Dispatch(Dispatcher, clock, Housing, [], null); break;
            case WorkOrderAction.SendBack: order.SendBack(Dispatcher, clock, SendBackReason.Correction, "补充地址", null); break;
            case WorkOrderAction.Correct: order.Correct(Agent, clock, Content(), "已补充"); break;
            case WorkOrderAction.Redispatch: order.Redispatch(Dispatcher, clock, Water, [], null); break;
            case WorkOrderAction.Sign: order.Sign(holder, clock); break;
            case WorkOrderAction.Return: order.Return(holder, clock, "非本单位职责", "职责清单", Water); break;
            case WorkOrderAction.ApproveReturn: order.ApproveReturn(Dispatcher, clock, null, Water, []); break;
            case WorkOrderAction.RejectReturn: order.RejectReturn(Dispatcher, clock, "属于你单位职责"); break;
            case WorkOrderAction.RequestExtension: order.RequestExtension(holder, clock, 2, "需要时间"); break;
            case WorkOrderAction.ApproveExtension: order.ApproveExtension(Manager, clock, null, null); break;
            case WorkOrderAction.RejectExtension: order.RejectExtension(Manager, clock, "理由不足"); break;
            case WorkOrderAction.ProgressReport: order.ReportProgress(holder, clock, "已联系物业", DateOnly.FromDateTime(Monday.Date.AddDays(3))); break;
            case WorkOrderAction.CoReply: order.CoReply(UnitActorFor(Street), clock, "街道已协调"); break;
            case WorkOrderAction.Reply: order.Reply(holder, clock, "已处理", false, null, ReplyOutcome.Resolved, null); break;
            case WorkOrderAction.AcceptReply: order.AcceptReply(Manager, clock, null); break;
            case WorkOrderAction.RejectReply: order.RejectReply(Manager, clock, "答复不完整"); break;
            case WorkOrderAction.Callback: order.Callback(CallbackAgent, clock, ContactMethod.Phone, false, null, null, "无人接听"); break;
            case WorkOrderAction.Redo: order.Redo(Manager, clock, "诉求合理", Housing); break;
            case WorkOrderAction.Close: order.Close(Manager, clock, CloseReason.PolicyCompliant, "答复符合政策"); break;
            case WorkOrderAction.Archive: order.Archive(Manager, clock); break;
            case WorkOrderAction.Remind: order.Remind(Supervisor, clock, "请加快办理"); break;
            case WorkOrderAction.LinkRepeat: order.LinkRepeatOf(Agent, clock, Registered(Monday.AddDays(-1))); break;
            case WorkOrderAction.Merge: order.MergeInto(Agent, clock, other); break;
            case WorkOrderAction.RevealCaller: order.RevealCaller(Manager, clock, "回访需要"); break;
            case WorkOrderAction.Register:
            case WorkOrderAction.ThreeWayCall:
            case WorkOrderAction.LightChanged:
                throw new InvalidOperationException($"{action} is not a verb on an existing order.");
        }
    }

    private static Actor UnitActorFor(Hotline.Domain.Organisation.Unit unit) =>
        new(30, "co", new HashSet<Hotline.Domain.Organisation.Role> { Hotline.Domain.Organisation.Role.UnitHandler }, unit.Id, unit.Name, new Hotline.Domain.Organisation.AccessScope(unit.Path));
}
