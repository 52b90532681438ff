using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.WorkOrders;

/// <summary>Timeline entries name their units by id (for followers) as well as by name (for display).</summary>
public sealed class TimelineUnitIdsTests
{
    [Fact]
    public void Dispatch_Entry_CarriesTheLeadUnitAndCoUnitIds_BesideTheirNames()
    {
        var order = Registered();

        order.Dispatch(Dispatcher, At(Monday), Housing, [Street], null);

        var entry = order.PendingEvents[^1];
        Assert.Equal(Housing.Id, entry.UnitId);
        Assert.Equal([Street.Id], entry.CoUnitIds ?? []);
        Assert.Equal(Housing.Name, entry.Details["leadUnit"]);
        Assert.Equal(Street.Name, entry.Details["coUnits"]);
    }

    [Fact]
    public void Return_Entry_CarriesTheSuggestedUnitId()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.InProgress);

        order.Return(HousingHandler, At(Monday), "非本单位职责", "三定方案", Water);

        Assert.Equal(Water.Id, order.PendingEvents[^1].UnitId);
        Assert.Null(order.PendingEvents[^1].CoUnitIds);
    }

    [Fact]
    public void ApproveReturn_ToANextUnit_CarriesItsId_AndBackToTheQueueCarriesNone()
    {
        var toUnit = WorkOrderTransitionTests.InStatus(WorkOrderStatus.Returned);
        var toQueue = WorkOrderTransitionTests.InStatus(WorkOrderStatus.Returned);

        toUnit.ApproveReturn(Dispatcher, At(Monday), null, Water, []);
        toQueue.ApproveReturn(Dispatcher, At(Monday), null, null, []);

        Assert.Equal(Water.Id, toUnit.PendingEvents[^1].UnitId);
        Assert.Null(toQueue.PendingEvents[^1].UnitId);
    }

    [Fact]
    public void Redispatch_ByCountyOffice_CarriesTheNewLeadUnitId()
    {
        var order = Registered();
        order.Dispatch(Dispatcher, At(Monday), CountyOffice, [], null);

        order.Redispatch(OfficeHandler, At(Monday), Street, [], "属地街道办理");

        Assert.Equal(Street.Id, order.PendingEvents[^1].UnitId);
    }

    [Fact]
    public void Redo_Entry_CarriesTheUnitSentTheOrderAgain()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.AwaitingCallback);
        order.Callback(CallbackAgent, At(Monday), ContactMethod.Phone, true, Rating.Satisfied, Rating.Unsatisfied, "电梯仍未修好");

        order.Redo(Manager, At(Monday), "诉求合理", Housing);

        Assert.Equal(Housing.Id, order.PendingEvents[^1].UnitId);
    }

    [Fact]
    public void Sign_Entry_CarriesNoUnitId()
    {
        var order = WorkOrderTransitionTests.InStatus(WorkOrderStatus.Dispatched);

        order.Sign(HousingHandler, At(Monday));

        Assert.Null(order.PendingEvents[^1].UnitId);
    }
}
