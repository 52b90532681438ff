using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.Clocks;

/// <summary>
/// The clocks of issue 15 on the aggregate, worked across the 2026 National Day holiday (1–7 October) and its make-up
/// working day (Saturday 10 October): the dispatch window and its light, the callback's target and limit, the progress
/// report's committed date, and the dispatch hops.
/// </summary>
public sealed class StageClockTests
{
    private static readonly IReadOnlyList<DeadlineRule> Henan = DeadlineRule.HenanDefaults();

    private static DateTimeOffset China(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Local(DateTime? utc) => Hotline.Domain.Calendar.ChinaTime.ToLocal(new DateTimeOffset(utc!.Value, TimeSpan.Zero));

    private static DateTimeOffset EndOf(int y, int m, int d) => new(y, m, d, 23, 59, 59, TimeSpan.FromHours(8));

    private static WorkOrderClock HenanAt(DateTimeOffset now, RequestType type = RequestType.Complaint, string category = "010101", Urgency urgency = Urgency.Normal) =>
        At(now, DeadlineRule.Resolve(Henan, type, category, urgency));

    private static WorkOrder RegisteredAs(DateTimeOffset at, RequestType type, string category = "010101")
    {
        var content = Content() with { RequestType = type, CategoryCode = category };
        return WorkOrder.Register($"AL20261001{Random.Shared.Next(999999):D6}", content, Agent, HenanAt(at, type, category));
    }

    [Fact]
    public void DispatchDeadline_ComplaintInHenan_AtOnce()
    {
        // The eve of the holiday does not matter: "at once" is wall-clock minutes.
        var order = RegisteredAs(China(2026, 9, 30, 17, 50), RequestType.Complaint);

        Assert.Equal(China(2026, 9, 30, 18, 20), Local(order.DispatchDueUtc));
        Assert.Equal(China(2026, 9, 30, 18, 5), Local(order.DispatchWarnAtUtc));
        Assert.Equal(order.DispatchWarnAtUtc, order.NextClockCheckUtc);
        Assert.Equal(RunningClock.Dispatch, order.Deadlines.Running);

        Assert.True(order.ApplyClock(HenanAt(China(2026, 9, 30, 18, 6))));
        Assert.Equal(Light.Yellow, order.Light);
        Assert.Empty(order.Reminders);

        Assert.True(order.ApplyClock(HenanAt(China(2026, 9, 30, 18, 21))));
        Assert.Equal(Light.Red, order.Light);
        var reminder = Assert.Single(order.Reminders);
        Assert.Equal(ReminderKind.Automatic, reminder.Kind);
        Assert.Equal(0, reminder.UnitId);
        Assert.Contains("派单时限", reminder.Text, StringComparison.Ordinal);
        var entry = order.PendingEvents.Last(e => e.Action == WorkOrderAction.Remind);
        Assert.Equal(ReminderClock.Dispatch, entry.Details["clock"]);
        Assert.Null(order.NextClockCheckUtc);
    }

    [Theory]
    [InlineData(RequestType.Report, "010101")]
    [InlineData(RequestType.HelpRequest, "0901")] // law enforcement (城管执法): illegal building
    [InlineData(RequestType.Inquiry, "0902")] // street vending
    public void DispatchDeadline_ReportsAndLawEnforcementInHenan_AtOnce(RequestType type, string category)
    {
        var order = RegisteredAs(China(2026, 3, 2, 9), type, category);

        Assert.Equal(China(2026, 3, 2, 9, 30), Local(order.DispatchDueUtc));
    }

    [Fact]
    public void DispatchDeadline_HelpRequestInHenan_OneWorkingDay_AcrossNationalDay()
    {
        var order = RegisteredAs(China(2026, 9, 30, 11), RequestType.HelpRequest);

        // The next working day after 30 September is Thursday 8 October; yellow on that day, red after it.
        Assert.Equal(EndOf(2026, 10, 8), Local(order.DispatchDueUtc));
        Assert.Equal(China(2026, 10, 8, 0, 0), Local(order.DispatchWarnAtUtc));
        Assert.False(order.ApplyClock(HenanAt(China(2026, 10, 7, 23, 0), RequestType.HelpRequest)));
        Assert.True(order.ApplyClock(HenanAt(China(2026, 10, 8, 9), RequestType.HelpRequest)));
        Assert.Equal(Light.Yellow, order.Light);
    }

    [Fact]
    public void DispatchLight_GoesOut_WhenTheOrderIsDispatched_AndTheLightShowsTheHandlingClock()
    {
        var order = RegisteredAs(China(2026, 9, 30, 17, 50), RequestType.Complaint);
        order.ApplyClock(HenanAt(China(2026, 9, 30, 18, 21)));
        Assert.Equal(Light.Red, order.Light);

        order.Dispatch(Dispatcher, HenanAt(China(2026, 9, 30, 18, 30)), Housing, [], null);

        Assert.Equal(Light.None, order.Light);
        Assert.Null(order.DispatchDueUtc);
        Assert.Null(order.DispatchWarnAtUtc);
        Assert.Equal(RunningClock.Handling, order.Deadlines.Running);
        Assert.Equal(order.WarnAtUtc, order.NextClockCheckUtc);
    }

    [Fact]
    public void Callback_DueNextWorkingDay_AtMostThree()
    {
        var order = Replied(China(2026, 10, 9, 9));

        order.AcceptReply(Dispatcher, HenanAt(China(2026, 10, 9, 10)), null);

        // Accepted Friday 9 October: the target is the make-up Saturday 10 October, the limit three working days
        // (10, 12, 13 October).
        Assert.Equal(EndOf(2026, 10, 10), Local(order.CallbackWarnAtUtc));
        Assert.Equal(EndOf(2026, 10, 13), Local(order.CallbackDueUtc));
        Assert.Equal(RunningClock.Callback, order.Deadlines.Running);
        Assert.True(order.ApplyClock(HenanAt(China(2026, 10, 11, 9))));
        Assert.Equal(Light.Yellow, order.Light);
        Assert.Empty(order.Reminders);

        Assert.True(order.ApplyClock(HenanAt(China(2026, 10, 14, 0, 1))));
        Assert.Equal(Light.Red, order.Light);
        var reminder = Assert.Single(order.Reminders);
        Assert.Contains("回访时限", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(ReminderClock.Callback, order.PendingEvents.Last(e => e.Action == WorkOrderAction.Remind).Details["clock"]);
    }

    [Fact]
    public void Callback_Emergency_TargetIsTheLimit_OneWorkingDay()
    {
        var order = Replied(China(2026, 10, 9, 9));

        order.AcceptReply(Dispatcher, At(China(2026, 10, 9, 10), DeadlineRule.Resolve(Henan, RequestType.Complaint, "010101", Urgency.Emergency)), null);

        Assert.Equal(EndOf(2026, 10, 10), Local(order.CallbackDueUtc));
        Assert.Equal(order.CallbackDueUtc, order.CallbackWarnAtUtc);
    }

    [Fact]
    public void Callback_StricterCategoryRule_Overrides_ALongerOneCannot()
    {
        var stricter = DeadlineRule.Create(null, "0101", null, 5, 2);
        Assert.Equal(2, DeadlineRule.Resolve([stricter], RequestType.Complaint, "010101", Urgency.Normal).CallbackWorkingDays);
        Assert.Equal(1, DeadlineRule.Resolve([stricter], RequestType.Complaint, "010101", Urgency.Emergency).CallbackWorkingDays);

        var error = Assert.Throws<Hotline.Domain.ValidationException>(() => DeadlineRule.Create(null, "0101", null, 5, 4));
        Assert.Contains("callbackWorkingDays", error.Errors.Keys);
    }

    [Fact]
    public void Callback_ReachedButUnsatisfied_StopsTheCallbackClock()
    {
        var order = Replied(China(2026, 10, 9, 9));
        order.AcceptReply(Dispatcher, HenanAt(China(2026, 10, 9, 10)), null);

        order.Callback(CallbackAgent, HenanAt(China(2026, 10, 10, 10)), ContactMethod.Phone, true, Rating.Unsatisfied, Rating.Satisfied, null);

        Assert.Null(order.CallbackDueUtc);
        Assert.Null(order.NextClockCheckUtc);
        Assert.Equal(Light.None, order.Light);
    }

    [Fact]
    public void ProgressReport_CommittedDatePassed_Reminds()
    {
        var order = SignedOn29September();

        // Committed to Wednesday 30 September: the check comes at the end of that day, before the handling clock's marks.
        order.ReportProgress(HousingHandler, HenanAt(China(2026, 9, 29, 15), RequestType.HelpRequest), "已联系施工方，假期前完成", new DateOnly(2026, 9, 30));
        Assert.Equal(EndOf(2026, 9, 30), Local(order.ProgressDueUtc));
        Assert.Equal(order.ProgressDueUtc, order.NextClockCheckUtc);

        Assert.True(order.ApplyClock(HenanAt(China(2026, 10, 1, 9), RequestType.HelpRequest)));
        var reminder = Assert.Single(order.Reminders);
        Assert.Equal(Housing.Id, reminder.UnitId);
        Assert.Contains("2026-09-30", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(ReminderClock.Progress, order.PendingEvents.Last(e => e.Action == WorkOrderAction.Remind).Details["clock"]);
        Assert.Equal(Light.None, order.Light);
        Assert.Equal(order.WarnAtUtc, order.NextClockCheckUtc);

        // Once only; a new report commits to a new date and re-arms the clock.
        Assert.False(order.ApplyClock(HenanAt(China(2026, 10, 2, 9), RequestType.HelpRequest)));
        order.ReportProgress(HousingHandler, HenanAt(China(2026, 10, 8, 9), RequestType.HelpRequest), "施工队已进场", new DateOnly(2026, 10, 9));
        Assert.False(order.ProgressReminded);
        Assert.Equal(EndOf(2026, 10, 9), Local(order.NextClockCheckUtc));
    }

    [Fact]
    public void ProgressReport_ReplyBeforeTheDate_StopsTheClock()
    {
        var order = SignedOn29September();
        order.ReportProgress(HousingHandler, HenanAt(China(2026, 9, 29, 15), RequestType.HelpRequest), "已联系施工方", new DateOnly(2026, 9, 30));

        order.Reply(HousingHandler, HenanAt(China(2026, 9, 30, 9), RequestType.HelpRequest), "已修复", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);

        Assert.Null(order.ProgressDueUtc);
        Assert.Null(order.NextClockCheckUtc);
    }

    [Fact]
    public void Hops_CountEachPassToAnotherUnit()
    {
        var order = RegisteredAs(China(2026, 3, 2, 9), RequestType.HelpRequest);
        var clock = HenanAt(China(2026, 3, 2, 10), RequestType.HelpRequest);

        order.Dispatch(Dispatcher, clock, Housing, [], null);
        Assert.Equal(1, order.Hops);

        order.Return(HousingHandler, clock, "非本单位职责", "三定方案", Water);
        order.ApproveReturn(Dispatcher, clock, null, Water, []);
        Assert.Equal(2, order.Hops);

        order.Redispatch(Dispatcher, clock, WestOffice, [], null);
        Assert.Equal(3, order.Hops);

        order.Return(WestHandler, clock, "非本单位职责", "三定方案", Water);
        order.ApproveReturn(Dispatcher, clock, null, null, []);
        order.Dispatch(Dispatcher, clock, WestOffice, [], null);
        Assert.Equal(4, order.Hops); // back through the dispatch queue counts as a new pass
        Assert.Equal(order.DispatchCount, order.Hops);
    }

    private static WorkOrder SignedOn29September()
    {
        var order = RegisteredAs(China(2026, 9, 29, 9), RequestType.HelpRequest);
        order.Dispatch(Dispatcher, HenanAt(China(2026, 9, 29, 10), RequestType.HelpRequest), Housing, [], null);
        order.Sign(HousingHandler, HenanAt(China(2026, 9, 29, 11), RequestType.HelpRequest));
        return order;
    }

    private static WorkOrder Replied(DateTimeOffset at)
    {
        var order = RegisteredAs(at.AddHours(-1), RequestType.HelpRequest);
        order.Dispatch(Dispatcher, HenanAt(at.AddMinutes(-50)), Housing, [], null);
        order.Sign(HousingHandler, HenanAt(at.AddMinutes(-40)));
        order.Reply(HousingHandler, HenanAt(at), "已修复", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
        return order;
    }
}
