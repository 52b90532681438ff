using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// What a county hotline office may do on an order, in the aggregate: oversee and re-dispatch inside its county, act as
/// the unit only where it holds the order itself, reveal the caller only on the grounds anyone else has.
/// </summary>
public sealed class CountyOfficeRightsTests
{
    [Theory]
    [InlineData(WorkOrderAction.Sign)]
    [InlineData(WorkOrderAction.Return)]
    [InlineData(WorkOrderAction.RequestExtension)]
    [InlineData(WorkOrderAction.ProgressReport)]
    [InlineData(WorkOrderAction.Reply)]
    public void HoldersAction_ByTheCountyOffice_OnAnOrderHeldByACountyUnit_IsForbidden(WorkOrderAction action)
    {
        var order = WorkOrderTransitionTests.InStatus(action == WorkOrderAction.Sign ? WorkOrderStatus.Dispatched : WorkOrderStatus.InProgress);

        var error = Assert.Throws<ForbiddenException>(() => Take(order, action, OfficeHandler));

        Assert.Equal("work_order.not_holder", error.Code);
        Assert.Empty(order.PendingEvents);
    }

    [Fact]
    public void RevealCaller_ByTheCountyOffice_OnAnOrderHeldByACountyUnit_IsForbidden()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.InProgress);

        Assert.False(order.MayReveal(OfficeHandler));
        Assert.Equal("work_order.reveal_not_allowed", Assert.Throws<ForbiddenException>(() => order.RevealCaller(OfficeHandler, At(Monday), "核实地址")).Code);
    }

    [Fact]
    public void CoReply_ByTheCountyOffice_ForACoUnitOfItsCounty_IsForbidden()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.InProgress);

        Assert.Equal("work_order.not_co_unit", Assert.Throws<ForbiddenException>(() => order.CoReply(OfficeHandler, At(Monday), "街道已协调")).Code);
    }

    [Theory]
    [InlineData(WorkOrderStatus.Dispatched)]
    [InlineData(WorkOrderStatus.InProgress)]
    public void AvailableActions_ForTheCountyOffice_OnACountyUnitsOrder_AreTheRedispatchOnly(WorkOrderStatus status)
    {
        var order = WorkOrderTransitionTests.InStatus(status);

        Assert.True(order.IsVisibleTo(OfficeHandler));
        Assert.Equal([WorkOrderAction.Redispatch], order.AvailableActions(OfficeHandler));
    }

    [Fact]
    public void Redispatch_ByTheCountyOffice_OfACountyUnitsOrder_MovesItInsideTheCountyOnly()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.InProgress);
        var due = order.HandlingDueUtc;

        order.Redispatch(OfficeHandler, At(Monday.AddHours(1)), Street, [], "属地街道办理");

        Assert.Equal(Street.Id, order.LeadUnitId);
        Assert.Equal(due, order.HandlingDueUtc);
        Assert.Equal("work_order.outside_scope", Assert.Throws<DomainException>(() => order.Redispatch(OfficeHandler, At(Monday.AddHours(2)), WestOffice, [], null)).Code);
    }

    [Fact]
    public void CountyOffice_HoldingTheOrderItself_TakesTheHoldersActions()
    {
        var order = Registered();
        order.Dispatch(Dispatcher, At(Monday), CountyOffice, [], null);

        Assert.Equal([WorkOrderAction.Redispatch, WorkOrderAction.Sign, WorkOrderAction.Return, WorkOrderAction.RevealCaller], order.AvailableActions(OfficeHandler));
        order.Sign(OfficeHandler, At(Monday));
        Assert.Equal("13812345678", order.RevealCaller(OfficeHandler, At(Monday), "联系市民").Phone);
        order.Reply(OfficeHandler, At(Monday), "已答复市民", true, ContactMethod.Phone, ReplyOutcome.Explained, null);
        Assert.Equal(WorkOrderStatus.Replied, order.Status);
    }

    [Fact]
    public void Scope_OfTheCountyOffice_CoversItsCounty_ButItActsOnlyForItsOwnUnit()
    {
        var scope = AccessScope.For(CountyOffice, District.Path);

        Assert.True(scope.Covers(Housing.Path));
        Assert.False(scope.ActsFor(Housing.Path));
        Assert.True(scope.ActsFor(CountyOffice.Path));
        Assert.False(scope.Covers(WestOffice.Path));
    }

    [Fact]
    public void Scope_OfAnOrdinaryUnit_ActsForWhatItCovers()
    {
        var scope = AccessScope.For(Housing, District.Path);

        Assert.True(scope.ActsFor(Housing.Path));
        Assert.Equal(Housing.Path, scope.Path);
        Assert.False(scope.Covers(Street.Path));
    }

    private static void Take(WorkOrder order, WorkOrderAction action, Actor actor)
    {
        var clock = At(Monday);
        switch (action)
        {
            case WorkOrderAction.Sign: order.Sign(actor, clock); break;
            case WorkOrderAction.Return: order.Return(actor, clock, "不属本单位职责", "职责清单", Street); break;
            case WorkOrderAction.RequestExtension: order.RequestExtension(actor, clock, 2, "需要时间"); break;
            case WorkOrderAction.ProgressReport: order.ReportProgress(actor, clock, "已联系物业", DateOnly.FromDateTime(Monday.Date.AddDays(3))); break;
            case WorkOrderAction.Reply: order.Reply(actor, clock, "已处理", false, null, ReplyOutcome.Resolved, null); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
