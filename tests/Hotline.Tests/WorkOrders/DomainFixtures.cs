using System.Reflection;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Tests.WorkOrders;

/// <summary>Units, actors and orders for domain tests: real objects driven through real transitions, no database.</summary>
internal static class DomainFixtures
{
    public static readonly WorkingDayCalendar Calendar = new(HolidayFile.BuiltIn());

    public static readonly Unit City = WithId(Unit.Create("AL", "安澜市人民政府", UnitKind.City, null, "990100"), 1);
    public static readonly Unit Centre = WithId(Unit.Create("AL-HC", "热线中心", UnitKind.HotlineCentre, City, "990100"), 2);
    public static readonly Unit District = WithId(Unit.Create("AL-DC", "东城区人民政府", UnitKind.District, City, "990102"), 3);
    public static readonly Unit CountyOffice = WithId(Unit.Create("AL-DC-HO", "东城区热线工作机构", UnitKind.CountyHotlineOffice, District, "990102"), 4);
    public static readonly Unit Housing = WithId(Unit.Create("AL-DC-ZJ", "东城区住建局", UnitKind.Department, District, "990102"), 5);
    public static readonly Unit Street = WithId(Unit.Create("AL-DC-DH", "东华街道", UnitKind.Street, District, "990102001"), 6);
    public static readonly Unit Water = WithId(Unit.Create("AL-WATER", "自来水公司", UnitKind.Utility, City, "990100"), 7);
    public static readonly Unit West = WithId(Unit.Create("AL-XC", "西城区人民政府", UnitKind.District, City, "990103"), 8);
    public static readonly Unit WestOffice = WithId(Unit.Create("AL-XC-CG", "西城区城管局", UnitKind.Department, West, "990103"), 9);

    public static readonly Actor Agent = CentreActor(10, "agent", Role.IntakeAgent);
    public static readonly Actor Dispatcher = CentreActor(11, "dispatcher", Role.Dispatcher);
    public static readonly Actor CallbackAgent = CentreActor(12, "callback", Role.CallbackAgent);
    public static readonly Actor Supervisor = CentreActor(13, "supervisor", Role.Supervisor);
    public static readonly Actor Manager = CentreActor(14, "manager", Role.CentreManager);
    public static readonly Actor Administrator = CentreActor(15, "admin", Role.Administrator);
    public static readonly Actor HousingHandler = UnitActor(20, "handler", Housing, Role.UnitHandler);
    public static readonly Actor WaterHandler = UnitActor(21, "water", Water, Role.UnitHandler);
    public static readonly Actor WestHandler = UnitActor(22, "handler2", WestOffice, Role.UnitHandler);
    public static readonly Actor OfficeHandler = new(23, "dcoffice", new HashSet<Role> { Role.UnitHandler }, CountyOffice.Id, CountyOffice.Name, AccessScope.For(CountyOffice, District.Path));

    /// <summary>Monday 2 March 2026, 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    public static WorkOrderClock At(DateTimeOffset now, Timeframes? timeframes = null) => new(now, Calendar, timeframes ?? Timeframes.Normal);

    public static WorkOrderContent Content(Urgency urgency = Urgency.Normal, Channel channel = Channel.Phone, bool confidential = false) => new(
        channel, RequestType.Complaint, "010101", urgency,
        new Caller("张三丰", "13812345678", false, confidential),
        new Location("990102001", "东华街道", "明珠小区3栋", null, null),
        "电梯故障", "小区3栋电梯停运两周，物业不修。", "尽快修复电梯。", null, "明珠物业", null,
        channel == Channel.Province ? "HN-2026-001" : null, []);

    private static int _sequence;

    public static WorkOrder Registered(DateTimeOffset? at = null, WorkOrderContent? content = null)
    {
        var clock = At(at ?? Monday, content?.Urgency == Urgency.Emergency ? Timeframes.Emergency : Timeframes.Normal);
        var order = WorkOrder.Register($"AL20260302{Interlocked.Increment(ref _sequence):D6}", content ?? Content(), Agent, clock);
        typeof(WorkOrder).GetProperty(nameof(WorkOrder.Id))!.SetValue(order, (long)_sequence);
        return order;
    }

    public static Unit WithId(Unit unit, long id)
    {
        typeof(Unit).GetProperty(nameof(Unit.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(unit, id);
        return unit;
    }

    private static Actor CentreActor(long id, string name, Role role) => new(id, name, new HashSet<Role> { role }, Centre.Id, Centre.Name, AccessScope.Platform);

    private static Actor UnitActor(long id, string name, Unit unit, Role role) => new(id, name, new HashSet<Role> { role }, unit.Id, unit.Name, new AccessScope(unit.Path));
}
