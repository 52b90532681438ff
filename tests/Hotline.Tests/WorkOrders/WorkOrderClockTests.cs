using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.WorkOrders;

/// <summary>Each clock across holidays and make-up working days, with a clock the test sets.</summary>
public sealed class WorkOrderClockTests
{
    private static DateTimeOffset China(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Local(DateTime? utc) => Hotline.Domain.Calendar.ChinaTime.ToLocal(new DateTimeOffset(utc!.Value, TimeSpan.Zero));

    private static DateTimeOffset EndOf(int y, int m, int d) => new(y, m, d, 23, 59, 59, TimeSpan.FromHours(8));

    [Fact]
    public void Register_DispatchDueIsOneWorkingDay_AcrossSpringFestival()
    {
        // Friday 13 Feb 2026: the next working day is Saturday 14 Feb (make-up day).
        var order = Registered(China(2026, 2, 13));

        Assert.Equal(EndOf(2026, 2, 14), Local(order.DispatchDueUtc));
    }

    [Fact]
    public void Dispatch_BeforeNationalDay_SetsReturnHandlingWarnAndRedAcrossTheHoliday()
    {
        var order = Registered(China(2026, 9, 30));

        order.Dispatch(Dispatcher, At(China(2026, 9, 30, 11)), Housing, [], null);

        // Working days after 30 Sep 2026: 8 Oct, 9 Oct, 10 Oct (Sat, make-up), 12 Oct, 13 Oct, 14 Oct.
        Assert.Equal(EndOf(2026, 10, 9), Local(order.ReturnDueUtc));
        Assert.Equal(EndOf(2026, 10, 13), Local(order.HandlingDueUtc));
        Assert.Equal(EndOf(2026, 10, 12), Local(order.WarnAtUtc));
        Assert.Equal(EndOf(2026, 10, 14), Local(order.RedAtUtc));
        Assert.Equal(order.WarnAtUtc, order.NextClockCheckUtc);
        Assert.False(order.DeadlineProvisional);
    }

    [Fact]
    public void Dispatch_ProvincialTicket_HasOneWorkingDayToReturn()
    {
        var order = Registered(China(2026, 9, 30), Content(channel: Channel.Province));

        order.Dispatch(Dispatcher, At(China(2026, 9, 30, 11)), Housing, [], null);

        Assert.Equal(EndOf(2026, 10, 8), Local(order.ReturnDueUtc));
    }

    [Fact]
    public void Return_AfterTheReturnWindow_IsAllowedButCountsAsOverdue()
    {
        var order = Registered(China(2026, 3, 2));
        order.Dispatch(Dispatcher, At(China(2026, 3, 2, 11)), Housing, [], null);

        order.Return(HousingHandler, At(China(2026, 3, 5, 9)), "非本单位职责", "三定方案", Water);

        Assert.True(order.ReturnedLate);
        Assert.True(order.Returns.Single().Late);
        Assert.Equal(WorkOrderStatus.Returned, order.Status);
    }

    [Fact]
    public void Return_WithinTheWindow_IsNotLate()
    {
        var order = Registered(China(2026, 3, 2));
        order.Dispatch(Dispatcher, At(China(2026, 3, 2, 11)), Housing, [], null);

        order.Return(HousingHandler, At(China(2026, 3, 4, 23, 30)), "非本单位职责", "三定方案", Water);

        Assert.False(order.ReturnedLate);
    }

    [Fact]
    public void Emergency_FirstResponseInTwoWallClockHours_ResultInThreeWorkingDays()
    {
        var order = Registered(China(2026, 2, 13, 22), Content(Urgency.Emergency));
        Assert.Equal(China(2026, 2, 13, 22, 30), Local(order.DispatchDueUtc));

        order.Dispatch(Dispatcher, At(China(2026, 2, 13, 22, 10), Timeframes.Emergency), Water, [], null);

        Assert.Equal(China(2026, 2, 14, 0, 10), Local(order.FirstResponseDueUtc));
        // 14 Feb (make-up), then the festival to 23 Feb: 24, 25 Feb.
        Assert.Equal(EndOf(2026, 2, 25), Local(order.HandlingDueUtc));
        Assert.Equal(order.FirstResponseDueUtc, order.NextClockCheckUtc);
    }

    [Fact]
    public void AcceptReply_CallbackDueInThreeWorkingDays_OrOneForEmergencies()
    {
        var normal = TransitionTo(WorkOrderStatus.Replied);
        normal.AcceptReply(Manager, At(China(2026, 9, 30, 16)), null);
        Assert.Equal(EndOf(2026, 10, 10), Local(normal.CallbackDueUtc));

        var emergency = Registered(China(2026, 9, 30), Content(Urgency.Emergency));
        var clock = At(China(2026, 9, 30, 11), Timeframes.Emergency);
        emergency.Dispatch(Dispatcher, clock, Water, [], null);
        emergency.Sign(WaterHandler, clock);
        emergency.Reply(WaterHandler, clock, "已抢修恢复供水", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
        emergency.AcceptReply(Manager, At(China(2026, 9, 30, 16), Timeframes.Emergency), null);
        Assert.Equal(EndOf(2026, 10, 8), Local(emergency.CallbackDueUtc));
    }

    [Fact]
    public void Extension_ApprovedOverAHoliday_MovesTheDeadlineByWorkingDays()
    {
        var order = Registered(China(2026, 9, 24));
        order.Dispatch(Dispatcher, At(China(2026, 9, 24, 11)), Housing, [], null);
        order.Sign(HousingHandler, At(China(2026, 9, 24, 12)));
        // 5 working days after Thu 24 Sep: 28, 29, 30 Sep, 8, 9 Oct.
        Assert.Equal(EndOf(2026, 10, 9), Local(order.HandlingDueUtc));

        order.RequestExtension(HousingHandler, At(China(2026, 9, 30)), 3, "需要等待维保配件");
        Assert.Equal(EndOf(2026, 10, 9), Local(order.HandlingDueUtc)); // a request alone moves nothing

        order.ApproveExtension(Manager, At(China(2026, 9, 30, 15)), 2, null);

        Assert.Equal(EndOf(2026, 10, 12), Local(order.HandlingDueUtc)); // 10 Oct (Sat, make-up), 12 Oct
        Assert.Equal(PendingState.Approved, order.Extensions.Single().State);
        Assert.Equal(2, order.Extensions.Single().GrantedDays);
    }

    [Fact]
    public void Extension_Rejected_LeavesTheDeadline()
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);
        var due = order.HandlingDueUtc;
        order.RequestExtension(HousingHandler, At(Monday), 2, "需要时间");

        order.RejectExtension(Manager, At(Monday), "可以按期办结");

        Assert.Equal(due, order.HandlingDueUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Extension_OutsideOneToFiveDays_IsRefusedNamingDays(int days)
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);

        var error = Assert.Throws<ValidationException>(() => order.RequestExtension(HousingHandler, At(Monday), days, "需要时间"));

        Assert.True(error.Errors.ContainsKey("days"));
    }

    [Fact]
    public void Extension_AfterTheDeadline_IsRefused()
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);

        var error = Assert.Throws<DomainException>(() => order.RequestExtension(HousingHandler, At(China(2026, 3, 10)), 2, "需要时间"));

        Assert.Equal("work_order.extension_too_late", error.Code);
    }

    [Fact]
    public void Extension_ProvincialTicket_LessThanOneWorkingDayBefore_IsRefused()
    {
        var order = Registered(Monday, Content(channel: Channel.Province));
        order.Dispatch(Dispatcher, At(Monday), Housing, [], null);
        order.Sign(HousingHandler, At(Monday));
        // Due Monday 9 March; the last moment to ask is the end of Friday 6 March.
        Assert.Equal("work_order.extension_too_late", Assert.Throws<DomainException>(() =>
            order.RequestExtension(HousingHandler, At(China(2026, 3, 9, 9)), 2, "需要时间")).Code);

        order.RequestExtension(HousingHandler, At(China(2026, 3, 6, 17)), 2, "需要时间");
        Assert.NotNull(order.PendingExtension);
    }

    [Fact]
    public void Extension_SecondWhileOnePending_IsRefused()
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);
        order.RequestExtension(HousingHandler, At(Monday), 2, "需要时间");

        Assert.Equal("work_order.extension_pending", Assert.Throws<DomainException>(() => order.RequestExtension(HousingHandler, At(Monday), 1, "再要一天")).Code);
    }

    [Fact]
    public void Lights_YellowAtOneWorkingDay_RedPastOne_WithOneAutomaticReminder()
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);
        // Dispatched Monday 2 March 10:00: due Mon 9 March, warn Fri 6 March 23:59:59, red Tue 10 March 23:59:59.
        Assert.False(order.ApplyClock(At(China(2026, 3, 6, 12))));
        Assert.Equal(Light.None, order.Light);

        Assert.True(order.ApplyClock(At(China(2026, 3, 7, 0, 1))));
        Assert.Equal(Light.Yellow, order.Light);
        Assert.Empty(order.Reminders);

        Assert.False(order.ApplyClock(At(China(2026, 3, 10, 12)))); // overdue, but not by more than a working day
        Assert.True(order.ApplyClock(At(China(2026, 3, 11, 0, 1))));
        Assert.Equal(Light.Red, order.Light);
        var reminder = Assert.Single(order.Reminders);
        Assert.Equal(ReminderKind.Automatic, reminder.Kind);
        Assert.Null(order.NextClockCheckUtc);

        Assert.False(order.ApplyClock(At(China(2026, 3, 12))));
        Assert.Single(order.Reminders);
    }

    [Fact]
    public void Lights_StopWhenTheUnitReplies_AndResumeWhenTheReplyIsRejected()
    {
        var order = TransitionTo(WorkOrderStatus.InProgress);
        order.ApplyClock(At(China(2026, 3, 7, 1)));
        Assert.Equal(Light.Yellow, order.Light);

        order.Reply(HousingHandler, At(China(2026, 3, 7, 2)), "已处理", false, null, ReplyOutcome.Resolved, null);
        Assert.Equal(Light.None, order.Light);
        Assert.Null(order.NextClockCheckUtc);

        order.RejectReply(Manager, At(China(2026, 3, 11, 9)), "未说明维修时间");
        Assert.Equal(WorkOrderStatus.InProgress, order.Status);
        Assert.Equal(Light.Yellow, order.Light);
        Assert.True(order.ApplyClock(At(China(2026, 3, 11, 9, 1))));
        Assert.Equal(Light.Red, order.Light);
    }

    [Fact]
    public void Emergency_WithoutFirstResponse_IsRemindedOnce_AndAProgressReportCounts()
    {
        var order = Registered(Monday, Content(Urgency.Emergency));
        order.Dispatch(Dispatcher, At(Monday, Timeframes.Emergency), Water, [], null);
        order.Sign(WaterHandler, At(Monday.AddMinutes(10), Timeframes.Emergency));

        Assert.True(order.ApplyClock(At(Monday.AddHours(2).AddMinutes(1), Timeframes.Emergency)));
        Assert.Single(order.Reminders);
        Assert.True(order.FirstResponseReminded);
        Assert.False(order.ApplyClock(At(Monday.AddHours(3), Timeframes.Emergency)));

        order.ReportProgress(WaterHandler, At(Monday.AddHours(3), Timeframes.Emergency), "抢修队已到场", DateOnly.FromDateTime(Monday.Date.AddDays(1)));
        Assert.NotNull(order.FirstRespondedAtUtc);
    }

    [Fact]
    public void Callback_UnreachableThreeTimesOnOneDay_IsNotYetUnreachable_ButOnThreeWorkingDaysIs()
    {
        var order = TransitionTo(WorkOrderStatus.AwaitingCallback);
        for (var i = 0; i < 3; i++)
        {
            order.Callback(CallbackAgent, At(China(2026, 3, 6, 9 + i)), ContactMethod.Phone, false, null, null, "无人接听");
        }

        Assert.False(order.CallbackUnreachable);
        Assert.Equal("work_order.not_unreachable", Assert.Throws<DomainException>(() => order.Close(Manager, At(China(2026, 3, 6, 15)), CloseReason.Unreachable, null)).Code);

        order.Callback(CallbackAgent, At(China(2026, 3, 7, 10)), ContactMethod.Phone, false, null, null, "周六，无人接听"); // Saturday: not a working day
        Assert.False(order.CallbackUnreachable);
        order.Callback(CallbackAgent, At(China(2026, 3, 9, 10)), ContactMethod.Sms, false, null, null, null);
        Assert.False(order.CallbackUnreachable);
        order.Callback(CallbackAgent, At(China(2026, 3, 10, 10)), ContactMethod.Phone, false, null, null, null);
        Assert.True(order.CallbackUnreachable);

        order.Close(Manager, At(China(2026, 3, 10, 11)), CloseReason.Unreachable, null);
        Assert.Equal(WorkOrderStatus.Closed, order.Status);
    }

    [Fact]
    public void Callback_Satisfied_ClosesTheOrder_UnsatisfiedLeavesRedoOrClose()
    {
        var satisfied = TransitionTo(WorkOrderStatus.AwaitingCallback);
        satisfied.Callback(CallbackAgent, At(Monday), ContactMethod.Phone, true, Rating.Satisfied, Rating.BasicallySatisfied, null);
        Assert.Equal(WorkOrderStatus.Closed, satisfied.Status);
        Assert.Equal(CloseReason.Satisfied, satisfied.CloseReason);

        var unsatisfied = TransitionTo(WorkOrderStatus.AwaitingCallback);
        unsatisfied.Callback(CallbackAgent, At(Monday), ContactMethod.Phone, true, Rating.Satisfied, Rating.Unsatisfied, "电梯还是坏的");
        Assert.Equal(WorkOrderStatus.AwaitingCallback, unsatisfied.Status);
        Assert.True(unsatisfied.CallbackUnsatisfied);
    }

    [Fact]
    public void Callback_ReachedWithoutRatings_NamesBothFields()
    {
        var order = TransitionTo(WorkOrderStatus.AwaitingCallback);

        var error = Assert.Throws<ValidationException>(() => order.Callback(CallbackAgent, At(Monday), ContactMethod.Phone, true, null, null, null));

        Assert.True(error.Errors.ContainsKey("processRating"));
        Assert.True(error.Errors.ContainsKey("resultRating"));
    }

    [Fact]
    public void Redo_StartsANewHandlingCycleAndCounts()
    {
        var order = TransitionTo(WorkOrderStatus.AwaitingCallback);
        order.Callback(CallbackAgent, At(Monday), ContactMethod.Phone, true, Rating.Unsatisfied, Rating.Unsatisfied, null);

        order.Redo(Manager, At(China(2026, 3, 4)), "电梯未修复，诉求合理", Housing);

        Assert.Equal(WorkOrderStatus.Dispatched, order.Status);
        Assert.Equal(1, order.RedoCount);
        Assert.Equal(EndOf(2026, 3, 11), Local(order.HandlingDueUtc));
        Assert.Null(order.CallbackDueUtc);
    }

    [Fact]
    public void Redo_WithoutUnsatisfiedCallback_IsRefused()
    {
        var order = TransitionTo(WorkOrderStatus.AwaitingCallback);

        Assert.Equal("work_order.redo_needs_unsatisfied_callback", Assert.Throws<DomainException>(() => order.Redo(Manager, At(Monday), "重办", Housing)).Code);
    }

    [Fact]
    public void Redispatch_ByCountyOffice_StaysInsideTheCountyAndKeepsTheDeadline()
    {
        var order = Registered();
        order.Dispatch(Dispatcher, At(Monday), CountyOffice, [], null);
        var due = order.HandlingDueUtc;

        order.Redispatch(OfficeHandler, At(Monday.AddHours(2)), Street, [], "属地街道办理");

        Assert.Equal(Street.Id, order.LeadUnitId);
        Assert.Equal(due, order.HandlingDueUtc);
        Assert.Equal("work_order.outside_scope", Assert.Throws<DomainException>(() =>
            order.Redispatch(OfficeHandler, At(Monday.AddHours(3)), WestOffice, [], null)).Code);
    }

    [Fact]
    public void Merge_ClosesTheMergedOrder_AndBothTimelinesSaySo()
    {
        var first = Registered();
        var second = Registered();

        second.MergeInto(Agent, At(Monday), first);

        Assert.Equal(WorkOrderStatus.Closed, second.Status);
        Assert.Equal(CloseReason.Merged, second.CloseReason);
        Assert.Equal(first.Id, second.MergedIntoId);
        Assert.Contains(second.PendingEvents, e => e.Action == WorkOrderAction.Merge);
        Assert.Contains(first.PendingEvents, e => e.Action == WorkOrderAction.Merge && e.Details["merged"] == second.Number);
    }

    [Fact]
    public void Merge_IntoAClosedOrder_IsRefused()
    {
        var closed = TransitionTo(WorkOrderStatus.Closed);
        var open = Registered();

        Assert.Equal("work_order.merge_target_not_open", Assert.Throws<DomainException>(() => open.MergeInto(Agent, At(Monday), closed)).Code);
    }

    [Fact]
    public void LinkRepeat_ToAClosedOrder_CountsAsRepeatAfterClosure()
    {
        var earlier = TransitionTo(WorkOrderStatus.Closed);
        var later = Registered(Monday.AddDays(1));

        later.LinkRepeatOf(Agent, At(Monday.AddDays(1)), earlier);

        Assert.Equal(earlier.Id, later.RepeatOfId);
        Assert.True(later.IsRepeatAfterClosure);
    }

    [Fact]
    public void RevealCaller_ConfidentialOrder_IsRefusedToTheUnit_AndAllowedToTheCentre()
    {
        var order = Registered(Monday, Content(confidential: true));
        order.Dispatch(Dispatcher, At(Monday), Housing, [], null);
        order.ClearPendingEvents();

        Assert.Equal("work_order.reveal_not_allowed", Assert.Throws<ForbiddenException>(() => order.RevealCaller(HousingHandler, At(Monday), "联系市民")).Code);
        Assert.Empty(order.PendingEvents);

        var caller = order.RevealCaller(Manager, At(Monday), "核实情况");
        Assert.Equal("13812345678", caller.Phone);
        Assert.Equal(WorkOrderAction.RevealCaller, Assert.Single(order.PendingEvents).Action);
    }

    [Fact]
    public void Timeline_NeverCarriesCallerValues()
    {
        var order = Registered();
        order.SendBack(Dispatcher, At(Monday), SendBackReason.Correction, "电话号码有误", null);

        order.Correct(Agent, At(Monday), Content() with { Caller = new Caller("李四", "13900000000", false, false) }, "更正电话");

        var entry = order.PendingEvents[^1];
        Assert.Equal("changed (values not recorded)", entry.Details["caller"]);
        Assert.DoesNotContain(entry.Details.Values, v => v is not null && (v.Contains("1390", StringComparison.Ordinal) || v.Contains("李四", StringComparison.Ordinal)));
    }

    [Fact]
    public void Masking_HidesTheMiddleOfPhonesAndAllButTheSurname()
    {
        Assert.Equal("138****5678", Masking.Phone("13812345678"));
        Assert.Equal("0999****2345", Masking.Phone("0999-6012345"));
        Assert.Equal("*10", Masking.Phone("110"));
        Assert.Equal("张**", Masking.Name("张三丰"));
        Assert.Null(Masking.Name(null));
    }

    private static WorkOrder TransitionTo(WorkOrderStatus status) => WorkOrderTransitionTests.InStatus(status);
}
