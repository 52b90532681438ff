using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.WorkOrders;

/// <summary>The clocks as a value on their own, without an order: each rule across holidays and make-up working days.</summary>
public sealed class WorkOrderDeadlinesTests
{
    private static WorkOrderDeadlines None => new();

    private static DateTimeOffset China(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset Local(DateTime? utc) => Hotline.Domain.Calendar.ChinaTime.ToLocal(new DateTimeOffset(utc!.Value, TimeSpan.Zero));

    private static DateTimeOffset EndOf(int y, int m, int d) => new(y, m, d, 23, 59, 59, TimeSpan.FromHours(8));

    private static DateTime Utc(DateTimeOffset local) => local.UtcDateTime;

    /// <summary>Handling started Wednesday 30 Sep 2026 11:00: deadline 13 Oct, yellow from the end of 12 Oct, red from the end of 14 Oct.</summary>
    private static WorkOrderDeadlines HandlingFromNationalDayEve(Urgency urgency = Urgency.Normal) =>
        None.StartHandling(At(China(2026, 9, 30, 11), urgency == Urgency.Emergency ? Timeframes.Emergency : null), urgency, fromProvince: false);

    [Fact]
    public void QueuedForDispatch_Normal_IsDueAtTheEndOfTheNextWorkingDay_AMakeUpSaturday()
    {
        // Friday 13 Feb 2026: the next working day is Saturday 14 Feb (make-up day before the Spring Festival).
        var clocks = None.QueuedForDispatch(At(China(2026, 2, 13)), emergency: false);

        Assert.Equal(EndOf(2026, 2, 14), Local(clocks.DispatchDueUtc));
        Assert.False(clocks.Provisional);
    }

    [Fact]
    public void QueuedForDispatch_Emergency_IsDueInThirtyWallClockMinutes()
    {
        var clocks = None.QueuedForDispatch(At(China(2026, 2, 13, 22)), emergency: true);

        Assert.Equal(China(2026, 2, 13, 22, 30), Local(clocks.DispatchDueUtc));
    }

    [Fact]
    public void StartHandling_BeforeNationalDay_SetsReturnHandlingWarnAndRedAcrossTheHoliday()
    {
        var clocks = HandlingFromNationalDayEve();

        // Working days after 30 Sep 2026: 8 Oct, 9 Oct, 10 Oct (Sat, make-up), 12 Oct, 13 Oct, 14 Oct.
        Assert.Equal(EndOf(2026, 10, 9), Local(clocks.ReturnDueUtc));
        Assert.Equal(EndOf(2026, 10, 13), Local(clocks.HandlingDueUtc));
        Assert.Equal(EndOf(2026, 10, 12), Local(clocks.WarnAtUtc));
        Assert.Equal(EndOf(2026, 10, 14), Local(clocks.RedAtUtc));
        Assert.Equal(Light.None, clocks.Light);
        Assert.Equal(clocks.WarnAtUtc, clocks.NextCheckUtc);
        Assert.Null(clocks.DispatchDueUtc);
    }

    [Fact]
    public void StartHandling_ProvincialTicket_HasOneWorkingDayToReturn()
    {
        var clocks = None.StartHandling(At(China(2026, 9, 30, 11)), Urgency.Normal, fromProvince: true);

        Assert.Equal(EndOf(2026, 10, 8), Local(clocks.ReturnDueUtc));
    }

    [Fact]
    public void StartHandling_Emergency_ChecksTheTwoHourFirstResponseBeforeTheLight()
    {
        var clocks = HandlingFromNationalDayEve(Urgency.Emergency);

        Assert.Equal(China(2026, 9, 30, 13), Local(clocks.FirstResponseDueUtc));
        Assert.Equal(clocks.FirstResponseDueUtc, clocks.NextCheckUtc);
    }

    [Fact]
    public void StartHandling_IntoAYearNotYetPublished_IsProvisional()
    {
        // The built-in calendar ends with 2026: five working days from 30 Dec reach into 2027.
        var clocks = None.StartHandling(At(China(2026, 12, 30)), Urgency.Normal, fromProvince: false);

        Assert.True(clocks.Provisional);
    }

    [Fact]
    public void StartHandling_AfterAnEarlierCycle_ClearsTheDispatchAndCallbackDueTimes()
    {
        var earlier = None.QueuedForDispatch(At(China(2026, 3, 2)), emergency: false).CallbackWindowOpened(At(China(2026, 3, 2)));

        var clocks = earlier.StartHandling(At(China(2026, 3, 3)), Urgency.Normal, fromProvince: false);

        Assert.Null(clocks.DispatchDueUtc);
        Assert.Null(clocks.CallbackDueUtc);
    }

    [Fact]
    public void Check_BeforeTheNextCheck_ChangesNothing()
    {
        var clocks = HandlingFromNationalDayEve();

        var check = clocks.Check(Utc(China(2026, 10, 12, 23)), Urgency.Normal);

        Assert.False(check.Due);
        Assert.Equal(clocks, check.Deadlines);
    }

    [Fact]
    public void Check_PastTheWarningMark_TurnsYellow_AndLooksNextAtTheRedMark()
    {
        var clocks = HandlingFromNationalDayEve();

        var check = clocks.Check(Utc(China(2026, 10, 13, 9)), Urgency.Normal);

        Assert.True(check.Due);
        Assert.Equal(Light.None, check.LightBefore);
        Assert.Equal(Light.Yellow, check.Deadlines.Light);
        Assert.Equal(clocks.RedAtUtc, check.Deadlines.NextCheckUtc);
    }

    [Fact]
    public void Check_PastTheRedMark_TurnsRed_AndLeavesNothingToCheck()
    {
        var yellow = HandlingFromNationalDayEve().Check(Utc(China(2026, 10, 13, 9)), Urgency.Normal).Deadlines;

        var check = yellow.Check(Utc(China(2026, 10, 15, 9)), Urgency.Normal);

        Assert.Equal(Light.Yellow, check.LightBefore);
        Assert.Equal(Light.Red, check.Deadlines.Light);
        Assert.Null(check.Deadlines.NextCheckUtc);
    }

    [Fact]
    public void Check_EmergencyWithoutFirstResponse_IsOverdueOnce()
    {
        var clocks = HandlingFromNationalDayEve(Urgency.Emergency);

        var first = clocks.Check(Utc(China(2026, 9, 30, 13, 1)), Urgency.Emergency);
        var second = first.Deadlines.Check(Utc(China(2026, 9, 30, 15)), Urgency.Emergency);

        Assert.True(first.FirstResponseOverdue);
        Assert.Null(first.LightBefore);
        Assert.Equal(clocks.WarnAtUtc, first.Deadlines.NextCheckUtc);
        Assert.False(second.Due);
    }

    [Fact]
    public void Responded_Emergency_DropsTheFirstResponseCheck()
    {
        var clocks = HandlingFromNationalDayEve(Urgency.Emergency);

        var responded = clocks.Responded(Utc(China(2026, 9, 30, 12)), Urgency.Emergency);

        Assert.Equal(China(2026, 9, 30, 12), Local(responded.FirstRespondedAtUtc));
        Assert.Equal(clocks.WarnAtUtc, responded.NextCheckUtc);
        Assert.False(responded.Check(Utc(China(2026, 9, 30, 14)), Urgency.Emergency).Due);
    }

    [Fact]
    public void Resumed_PastTheRedMark_IsYellowUntilTheLightJobTurnsItRed()
    {
        var clocks = HandlingFromNationalDayEve().Stopped();

        var resumed = clocks.Resumed(Utc(China(2026, 10, 16)), Urgency.Normal);

        Assert.Equal(Light.Yellow, resumed.Light);
        Assert.Equal(clocks.RedAtUtc, resumed.NextCheckUtc);
        Assert.Equal(Light.Red, resumed.Check(Utc(China(2026, 10, 16)), Urgency.Normal).Deadlines.Light);
    }

    [Fact]
    public void Stopped_TurnsTheLightOff_AndLeavesNothingToCheck()
    {
        var yellow = HandlingFromNationalDayEve().Check(Utc(China(2026, 10, 13, 9)), Urgency.Normal).Deadlines;

        var stopped = yellow.Stopped();

        Assert.Equal(Light.None, stopped.Light);
        Assert.Null(stopped.NextCheckUtc);
        Assert.Equal(yellow.HandlingDueUtc, stopped.HandlingDueUtc);
    }

    [Fact]
    public void Extend_WhileYellow_MovesDeadlineAndMarksByWorkingDays_AndTheLightGoesOff()
    {
        var yellow = HandlingFromNationalDayEve().Check(Utc(China(2026, 10, 13, 9)), Urgency.Normal).Deadlines;

        var extended = yellow.Extend(At(China(2026, 10, 13, 9)), 2, Urgency.Normal);

        // Two working days after 13 Oct: 14, 15 Oct.
        Assert.Equal(EndOf(2026, 10, 15), Local(extended.HandlingDueUtc));
        Assert.Equal(EndOf(2026, 10, 14), Local(extended.WarnAtUtc));
        Assert.Equal(EndOf(2026, 10, 16), Local(extended.RedAtUtc));
        Assert.Equal(Light.None, extended.Light);
        Assert.Equal(extended.WarnAtUtc, extended.NextCheckUtc);
    }

    [Fact]
    public void Extend_WhileRedAndStillPastTheNewWarningMark_StaysRed()
    {
        var red = HandlingFromNationalDayEve().Check(Utc(China(2026, 10, 15, 9)), Urgency.Normal).Deadlines;

        var extended = red.Extend(At(China(2026, 10, 15, 9)), 1, Urgency.Normal);

        Assert.Equal(Light.Red, extended.Light);
        Assert.Null(extended.NextCheckUtc);
    }

    [Fact]
    public void CallbackWindowOpened_IsThreeWorkingDaysAcrossTheHoliday()
    {
        var clocks = None.CallbackWindowOpened(At(China(2026, 9, 30, 16)));

        // 8 Oct, 9 Oct, 10 Oct (make-up Saturday).
        Assert.Equal(EndOf(2026, 10, 10), Local(clocks.CallbackDueUtc));
    }

    [Fact]
    public void Closed_LeavesNothingDue()
    {
        var clocks = HandlingFromNationalDayEve().CallbackWindowOpened(At(China(2026, 10, 9))).QueuedForDispatch(At(China(2026, 10, 9)), emergency: false);

        var closed = clocks.Closed();

        Assert.Null(closed.DispatchDueUtc);
        Assert.Null(closed.CallbackDueUtc);
        Assert.Null(closed.NextCheckUtc);
        Assert.Equal(Light.None, closed.Light);
    }

    [Fact]
    public void IsReturnLate_AfterTheEndOfTheReturnWindow_IsTrue()
    {
        var clocks = HandlingFromNationalDayEve();

        Assert.False(clocks.IsReturnLate(Utc(China(2026, 10, 9, 23, 30))));
        Assert.True(clocks.IsReturnLate(Utc(China(2026, 10, 10, 0, 1))));
    }

    [Fact]
    public void IsReplyLate_AfterTheHandlingDeadline_IsTrue_AndWithoutOneNever()
    {
        var clocks = HandlingFromNationalDayEve();

        Assert.False(clocks.IsReplyLate(Utc(China(2026, 10, 13, 23))));
        Assert.True(clocks.IsReplyLate(Utc(China(2026, 10, 14, 9))));
        Assert.False(None.IsReplyLate(Utc(China(2030, 1, 1))));
    }

    [Fact]
    public void CheckExtensionRequest_ProvincialTicketOnTheLastWorkingDay_IsTooLate_ButANormalOneIsNot()
    {
        var clocks = HandlingFromNationalDayEve();
        var lastDay = At(China(2026, 10, 13, 9));

        clocks.CheckExtensionRequest(lastDay, fromProvince: false);
        var error = Assert.Throws<DomainException>(() => clocks.CheckExtensionRequest(lastDay, fromProvince: true));

        Assert.Equal("work_order.extension_too_late", error.Code);
    }

    [Fact]
    public void CheckExtensionRequest_AfterTheDeadline_IsTooLate()
    {
        var clocks = HandlingFromNationalDayEve();

        var error = Assert.Throws<DomainException>(() => clocks.CheckExtensionRequest(At(China(2026, 10, 14, 9)), fromProvince: false));

        Assert.Equal("work_order.extension_too_late", error.Code);
    }
}
