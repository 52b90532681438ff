using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.Domain;

/// <summary>
/// The supervision notice's rules without a database (S8, issue 16): the deadline in working days, the party that may
/// take each step, the lights and the one automatic reminder, rejection counted, the public listing's deadline.
/// </summary>
public sealed class SupervisionNoticeRuleTests
{
    /// <summary>Monday 2 March 2026, 10:00 in Shanghai, as UTC.</summary>
    private static readonly DateTime Now = Monday.UtcDateTime;

    private static readonly NoticeTerms Terms = new("red-light", "工单逾期未办结", "三个工作日内答复整改措施", 3, SupervisionMethod.Document);

    private static SupervisionNotice Open(NoticeTerms? terms = null, Actor? by = null) =>
        SupervisionNotice.Open("DB20260302-0001", terms ?? Terms, Housing, [new NoticeOrderRef(1, "AL202603020001", "电梯故障", Housing.Path)], by ?? Supervisor, Calendar, Now);

    [Fact]
    public void Open_CountsTheDeadlineInWorkingDays_AndWarnsOneWorkingDayBefore()
    {
        var notice = Open();
        Assert.Equal(NoticeState.Issued, notice.State);
        // Monday + 3 working days = the end of Thursday 5 March, as work orders count; yellow from the end of Wednesday.
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 23, 59, 59, TimeSpan.FromHours(8)).UtcDateTime, notice.DueAtUtc);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 23, 59, 59, TimeSpan.FromHours(8)).UtcDateTime, notice.WarnAtUtc);
        Assert.Equal(notice.WarnAtUtc, notice.NextCheckUtc);
        var entry = Assert.Single(notice.PendingEvents);
        Assert.Equal(NoticeAction.Open, entry.Action);
        Assert.Equal("AL202603020001", entry.Details["orders"]);
    }

    [Theory]
    [InlineData("", "r", "d", 3, "trigger")]
    [InlineData("manual", " ", "d", 3, "reason")]
    [InlineData("manual", "r", "", 3, "demand")]
    [InlineData("manual", "r", "d", 0, "deadlineWorkingDays")]
    [InlineData("manual", "r", "d", 61, "deadlineWorkingDays")]
    public void Open_RefusesIncompleteTerms_NamingTheField(string trigger, string reason, string demand, int days, string field)
    {
        var e = Assert.Throws<ValidationException>(() => Open(new NoticeTerms(trigger, reason, demand, days, SupervisionMethod.Meeting)));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public void Open_ByAUnit_OrOutsideTheSupervisorsScope_IsRefused()
    {
        Assert.Equal("supervision_centre_only", Assert.Throws<ForbiddenException>(() => Open(by: HousingHandler)).Code);
        var countySupervisor = Supervisor with { Scope = new Hotline.Domain.Organisation.AccessScope(West.Path) };
        Assert.Equal("notice_outside_scope", Assert.Throws<ForbiddenException>(() => Open(by: countySupervisor)).Code);
    }

    [Fact]
    public void OnlyTheAddressedUnit_Signs_AndAnswers()
    {
        var notice = Open();
        Assert.Throws<ForbiddenException>(() => notice.Sign(WestHandler, Now));
        Assert.Throws<ForbiddenException>(() => notice.Sign(Supervisor, Now));
        notice.Sign(HousingHandler, Now.AddHours(1));
        Assert.Equal(NoticeState.InHand, notice.State);
        Assert.Equal("notice_invalid_state", Assert.Throws<DomainException>(() => notice.Sign(HousingHandler, Now)).Code);
        Assert.Contains("measures", Assert.Throws<ValidationException>(() => notice.Answer(HousingHandler, " ", null, Now)).Errors.Keys);
        notice.Answer(HousingHandler, "已约谈物业公司并修复电梯", "维修记录", Now.AddHours(2));
        Assert.Equal(NoticeState.Answered, notice.State);
        Assert.Equal(0, notice.LateAnswerCount);
        Assert.Null(notice.NextCheckUtc);
    }

    [Fact]
    public void LateAnswer_TurnsYellowThenRed_IsRemindedOnce_AndCountedLate()
    {
        var notice = Open();
        Assert.False(notice.ApplyClock(Now.AddHours(1)));
        Assert.True(notice.ApplyClock(notice.WarnAtUtc));
        Assert.Equal(Light.Yellow, notice.Light);
        Assert.True(notice.ApplyClock(notice.DueAtUtc.AddMinutes(1)));
        Assert.Equal(Light.Red, notice.Light);
        Assert.Equal(1, notice.ReminderCount);
        Assert.Null(notice.NextCheckUtc);
        Assert.False(notice.ApplyClock(notice.DueAtUtc.AddDays(3)));
        Assert.Equal(1, notice.ReminderCount);
        Assert.Single(notice.PendingEvents, e => e.Action == NoticeAction.Remind && e.Details["kind"] == "Automatic");

        notice.Sign(HousingHandler, notice.DueAtUtc.AddDays(3));
        notice.Answer(HousingHandler, "已整改", null, notice.DueAtUtc.AddDays(3));
        Assert.Equal(1, notice.LateAnswerCount);
    }

    [Fact]
    public void Rejection_SendsTheNoticeBack_IsCounted_AndTheSecondAnswerCanBeAccepted()
    {
        var notice = Open();
        notice.Sign(HousingHandler, Now);
        notice.Answer(HousingHandler, "已处理", null, Now.AddHours(1));
        Assert.Throws<ForbiddenException>(() => notice.Reject(HousingHandler, "不行", Now));
        Assert.Contains("reason", Assert.Throws<ValidationException>(() => notice.Reject(Supervisor, "", Now)).Errors.Keys);
        notice.Reject(Supervisor, "措施不具体", Now.AddHours(2));
        Assert.Equal(NoticeState.InHand, notice.State);
        Assert.Equal(1, notice.RejectCount);
        Assert.NotNull(notice.NextCheckUtc);
        notice.Answer(HousingHandler, "已更换电梯主板并组织验收", "验收单", Now.AddHours(3));
        notice.Accept(Supervisor, "措施到位", Now.AddHours(4));
        Assert.Equal(NoticeState.Closed, notice.State);
        Assert.False(notice.IsOpen);
        Assert.Equal(1, notice.RejectCount);
        Assert.Throws<DomainException>(() => notice.Reject(Supervisor, "再看看", Now.AddHours(5)));
    }

    [Fact]
    public void Listing_DeadlineLaterThanTheNoticesFirstDeadline_IsRefused_AndDelistingIsRecorded()
    {
        var notice = Open();
        var late = Assert.Throws<ValidationException>(() => notice.List(Supervisor, "某小区电梯长期停运", notice.DueAtUtc.AddMinutes(1), false, Now));
        Assert.Contains("listingDeadline", late.Errors.Keys);
        Assert.Contains("publicMatter", Assert.Throws<ValidationException>(() => notice.List(Supervisor, " ", notice.DueAtUtc, false, Now)).Errors.Keys);
        Assert.Throws<ForbiddenException>(() => notice.List(HousingHandler, "x", notice.DueAtUtc, false, Now));

        notice.List(Supervisor, "某小区电梯长期停运", notice.DueAtUtc, true, Now);
        Assert.True(notice.IsListed);
        Assert.True(notice.ListingInMedia);
        Assert.Equal("notice_already_listed", Assert.Throws<DomainException>(() => notice.List(Supervisor, "x", notice.DueAtUtc, false, Now)).Code);
        notice.Delist(Supervisor, "已整改到位", Now.AddHours(1));
        Assert.False(notice.IsListed);
        Assert.Equal("已整改到位", notice.DelistReason);
        Assert.Contains(notice.PendingEvents, e => e.Action == NoticeAction.Delist);
    }
}
