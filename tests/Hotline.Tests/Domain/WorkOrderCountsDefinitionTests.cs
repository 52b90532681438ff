using Hotline.Domain.WorkOrders;

namespace Hotline.Tests.Domain;

/// <summary>The domain's definition of each count: the stages partition the open orders; lights and clocks count orders with units only.</summary>
public sealed class WorkOrderCountsDefinitionTests
{
    [Fact]
    public void TheStagesAddUpToTheOpenOrders_AndFinishedOrdersAreNotCounted()
    {
        var tallies = Enum.GetValues<WorkOrderStatus>().Select((s, i) => new WorkOrderTally(s, Light.None, i + 1, 0, 0)).ToList();

        var c = WorkOrderCounts.From(tallies);

        Assert.Equal(StatusGroups.Open.Sum(s => (int)s + 1), c.Open);
        Assert.Equal(c.Open, c.AwaitingDispatch + c.SentBackToIntake + c.WithUnits + c.AtCentreReview + c.AwaitingCallback + c.AwaitingDecision);
        Assert.Equal((int)WorkOrderStatus.HardCase + 1 + (int)WorkOrderStatus.InArbitration + 1, c.AwaitingDecision);
        Assert.Equal((int)WorkOrderStatus.Dispatched + 1, c.ToSign);
        Assert.Equal((int)WorkOrderStatus.Returned + 1 + (int)WorkOrderStatus.Replied + 1, c.AtCentreReview);
    }

    [Fact]
    public void LightsAndDeadlinesCount_OnlyOrdersWithUnits()
    {
        WorkOrderTally[] tallies =
        [
            new(WorkOrderStatus.InProgress, Light.Red, 2, 0, 2),
            new(WorkOrderStatus.Dispatched, Light.Yellow, 3, 1, 0),
            new(WorkOrderStatus.Replied, Light.Red, 5, 5, 5), // the unit has replied: its clock no longer counts
            new(WorkOrderStatus.AwaitingDispatch, Light.Red, 4, 0, 0), // the dispatch clock's light is the dispatch queue's (issue 15)
            new(WorkOrderStatus.AwaitingCallback, Light.Yellow, 6, 0, 0), // the callback clock's light is the callback queue's
            new(WorkOrderStatus.Closed, Light.Red, 7, 7, 7),
        ];

        var c = WorkOrderCounts.From(tallies);

        Assert.Equal((2, 3, 1, 2), (c.Red, c.Yellow, c.DueToday, c.Overdue));
        Assert.Equal(20, c.Open);
    }

    [Fact]
    public void TheWindow_EndsAtMidnightInChina()
    {
        var window = CountWindow.At(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateTime(2026, 3, 9, 15, 59, 59, DateTimeKind.Utc), window.EndOfTodayUtc.AddTicks(-(window.EndOfTodayUtc.Ticks % TimeSpan.TicksPerSecond)));
        Assert.True(window.IsDueToday(WorkOrderStatus.InProgress, new DateTime(2026, 3, 9, 15, 0, 0, DateTimeKind.Utc)));
        Assert.False(window.IsDueToday(WorkOrderStatus.Replied, new DateTime(2026, 3, 9, 15, 0, 0, DateTimeKind.Utc)));
        Assert.True(window.IsOverdue(WorkOrderStatus.Dispatched, new DateTime(2026, 3, 9, 1, 0, 0, DateTimeKind.Utc)));
    }
}
