using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using static Hotline.Tests.WorkOrders.DomainFixtures;

namespace Hotline.Tests.Supervision;

/// <summary>The notice's scope rule without HTTP: a supervisor whose scope is narrower than the platform (a county's) opens only inside it.</summary>
public sealed class NoticeRulesTests
{
    private static readonly NoticeTerms Terms = new(NoticeTerms.ManualTrigger, "超期未办结", "请整改并答复", 3, SupervisionMethod.Document);

    private static readonly Actor CountySupervisor = new(30, "东城督办员", new HashSet<Role> { Role.Supervisor }, CountyOffice.Id, CountyOffice.Name, AccessScope.For(CountyOffice, District.Path));

    [Fact]
    public void Open_OnAUnitOrAnOrderOutsideTheSupervisorsScope_IsRefused()
    {
        var now = Monday.UtcDateTime;
        var outsideOrder = new NoticeOrderRef(1, "W1", "电梯故障", WestOffice.Path);
        var insideOrder = new NoticeOrderRef(2, "W2", "电梯故障", Housing.Path);
        Assert.Equal("notice_outside_scope", Assert.Throws<ForbiddenException>(() => SupervisionNotice.Open("DB1", Terms, WestOffice, [], CountySupervisor, Calendar, now)).Code);
        Assert.Equal("notice_outside_scope", Assert.Throws<ForbiddenException>(() => SupervisionNotice.Open("DB1", Terms, Housing, [insideOrder, outsideOrder], CountySupervisor, Calendar, now)).Code);
        var notice = SupervisionNotice.Open("DB1", Terms, Housing, [insideOrder], CountySupervisor, Calendar, now);
        Assert.Equal(Housing.Path, notice.UnitPath);
        Assert.Equal([NoticeAction.Remind, NoticeAction.List], notice.ActionsFor(CountySupervisor));
        Assert.Equal([NoticeAction.Sign], notice.ActionsFor(HousingHandler));
        Assert.Empty(notice.ActionsFor(WestHandler));
        Assert.Empty(notice.ActionsFor(OfficeHandler));
    }
}
