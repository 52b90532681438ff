using Hotline.Domain.Notifications;
using Hotline.Domain.Organisation;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Seeding;

/// <summary>
/// A day's worth of demo work orders in every stage of the lifecycle, created through the aggregate's own verbs so
/// that their clocks and timelines are real. Seeded once, with the demo platform, into a database without orders.
/// </summary>
public static class DemoWorkOrders
{
    private sealed record Sample(string Subject, string Category, string Region, string Events, string Demand, RequestType Type, Urgency Urgency, string Unit, string Stage, bool Confidential = false);

    private static readonly Sample[] Samples =
    [
        new("小区电梯停运两周无人维修", "010101", "990102001", "明珠小区3栋电梯停运两周，多次找物业无人处理，老人上下楼困难。", "督促物业尽快修复电梯。", RequestType.Complaint, Urgency.Normal, "AL-DC-ZJ", "awaitingDispatch"),
        new("楼下烧烤店油烟扰民", "020201", "990103001", "西湖路烧烤店每晚油烟直排，住户无法开窗。", "要求安装油烟净化设备。", RequestType.Complaint, Urgency.Normal, "AL-XC-CG", "awaitingDispatch"),
        new("燃气管道疑似泄漏", "080301", "990102002", "新桥社区5号楼楼道有明显燃气味。", "立即派人检修。", RequestType.HelpRequest, Urgency.Emergency, "AL-GAS", "awaitingDispatch"),
        new("物业费上涨未公示", "010102", "990102001", "物业公司今年起物业费每平米上涨0.5元，未经业主大会。", "核查涨价是否合规。", RequestType.Complaint, Urgency.Normal, "AL-DC-ZJ", "dispatched"),
        new("小区停水未提前通知", "080101", "990102001", "东华社区今早起停水，没有任何通知。", "尽快恢复供水并说明原因。", RequestType.Complaint, Urgency.Normal, "AL-WATER", "dispatched"),
        new("夜间施工噪音扰民", "010501", "990102001", "某工地连续一周夜间施工到凌晨两点。", "停止夜间违规施工。", RequestType.Complaint, Urgency.Normal, "AL-DC-ZJ", "inProgress"),
        new("公租房维修申请无人受理", "010201", "990102002", "公租房卫生间漏水，申请维修一个月无人处理。", "尽快维修。", RequestType.HelpRequest, Urgency.Normal, "AL-DC-ZJ", "inProgress", Confidential: true),
        new("道路井盖缺失", "010303", "990103002", "江南路与学府路交叉口井盖缺失，存在安全隐患。", "尽快补装井盖。", RequestType.Report, Urgency.Normal, "AL-XC-CG", "returned"),
        new("拖欠三个月工资", "050101", "990102001", "某装修公司拖欠12名工人三个月工资共计18万元。", "督促公司支付工资。", RequestType.Complaint, Urgency.Normal, "AL-RS", "replied"),
        new("暖气不热", "080401", "990102001", "明珠小区2栋室温只有14度。", "排查原因，提高供暖温度。", RequestType.Complaint, Urgency.Normal, "AL-DC-ZJ", "awaitingCallback"),
        new("咨询新生儿医保办理", "050202", "990102001", "咨询新生儿如何参加城乡居民医保。", "告知办理流程。", RequestType.Inquiry, Urgency.Normal, "AL-RS", "closed"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        if (await db.Set<WorkOrder>().AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        if (!units.TryGetValue("AL-HC", out var centre))
        {
            return;
        }

        var clocks = scope.ServiceProvider.GetRequiredService<WorkOrderClocks>();
        var numbers = scope.ServiceProvider.GetRequiredService<WorkOrderNumbers>();
        var indexer = scope.ServiceProvider.GetRequiredService<WorkOrderStore>();
        // The demo accounts themselves, so that each entry credits the person it names (agent performance, quality inspection).
        // Without them (renamed before the first start), no demo orders.
        var people = await db.Users.AsNoTracking().Where(u => u.UnitId == centre.Id).ToDictionaryAsync(u => u.UserName, ct);
        if (Centre(people, "agent", Role.IntakeAgent, centre) is not { } agent
            || Centre(people, "dispatcher", Role.Dispatcher, centre) is not { } dispatcher
            || Centre(people, "callback", Role.CallbackAgent, centre) is not { } callback)
        {
            return;
        }

        var index = 0;
        foreach (var s in Samples)
        {
            index++;
            var clock = clocks.For(s.Type, s.Category, s.Urgency);
            var content = new WorkOrderContent(
                Channel.Phone, s.Type, s.Category, s.Urgency,
                new Caller($"{"张王李赵刘陈杨黄周吴"[index % 10]}先生", $"1390000{index:D4}", false, s.Confidential),
                new Location(s.Region, null, null, null, null), s.Subject, s.Events, s.Demand, null, null, null, null, []);
            var order = WorkOrder.Register(await numbers.NextAsync(clock.Now, ct), content, agent, clock);
            var lead = units[s.Unit];
            var holder = new Actor(0, $"{lead.Name} 承办人", new HashSet<Role> { Role.UnitHandler }, lead.Id, lead.Name, new AccessScope(lead.Path));
            if (s.Stage != "awaitingDispatch")
            {
                order.Dispatch(dispatcher, clock, lead, [], null);
            }

            if (s.Stage == "returned")
            {
                order.Return(holder, clock, "井盖产权属于燃气公司", "市政设施权属清单", units["AL-GAS"]);
            }

            if (s.Stage is "inProgress" or "replied" or "awaitingCallback" or "closed")
            {
                order.Sign(holder, clock);
            }

            if (s.Stage is "replied" or "awaitingCallback" or "closed")
            {
                order.Reply(holder, clock, "已联系相关方处理，并电话告知市民处理结果。", true, ContactMethod.Phone, ReplyOutcome.Resolved, null);
            }

            if (s.Stage is "awaitingCallback" or "closed")
            {
                order.AcceptReply(dispatcher, clock, null);
            }

            if (s.Stage == "closed")
            {
                order.Callback(callback, clock, ContactMethod.Phone, true, Rating.Satisfied, Rating.Satisfied, "市民表示满意");
            }

            db.Add(order);
            await indexer.SaveAsync([order], ct);
        }

        if (Centre(people, "inspector", Role.QualityInspector, centre) is { } inspector)
        {
            await SeedQualityInspectionsAsync(db, centre, agent, inspector, clocks.Now, ct);
        }
    }

    /// <summary>
    /// Three of the demo agent's intake calls drawn for quality inspection: one scored in full, one with two deductions and
    /// their notes, one still to score (S14).
    /// </summary>
    private static async Task SeedQualityInspectionsAsync(HotlineDbContext db, Unit centre, Actor agent, Actor inspector, DateTimeOffset now, CancellationToken ct)
    {
        var calls = await (
            from e in db.Set<WorkOrderEvent>().AsNoTracking()
            join w in db.Set<WorkOrder>() on e.WorkOrderId equals w.Id
            where e.Action == WorkOrderAction.Register && e.ActorUserId == agent.UserId
            orderby e.Id
            select new { e.Id, w.Number, e.WorkOrderId, e.AtUtc, w.RecordingId })
            .Take(3).ToListAsync(ct);
        var checklist = Checklist.Defaults(InspectionStage.Intake);
        var full = checklist.Select(l => new ItemScoreInput(l.Code, l.MaxPoints, null)).ToList();
        var deducted = checklist.Select(l => l.Code switch
        {
            "record" => new ItemScoreInput(l.Code, l.MaxPoints - 5, "未记录电梯停运的具体楼栋和单元"),
            "outcome" => new ItemScoreInput(l.Code, l.MaxPoints - 3, "未一次性告知办理时限"),
            _ => new ItemScoreInput(l.Code, l.MaxPoints, null),
        }).ToList();
        var inspections = new List<Inspection>();
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var inspection = Inspection.Draw(
                new InspectionCandidate(call.Id, call.WorkOrderId, call.Number, InspectionStage.Intake, agent.UserId, agent.Name, centre.Path, call.AtUtc, call.RecordingId),
                inspector.Name, now.UtcDateTime);
            if (i < 2)
            {
                inspection.Record(checklist, i == 0 ? [.. full] : [.. deducted], false, null, i == 0 ? "用语规范，记录完整。" : "整体良好，注意记录要素。", inspector, now.UtcDateTime);
            }

            db.Add(inspection);
            inspections.Add(inspection);
        }

        await db.SaveChangesAsync(ct);
        db.AddRange(inspections.Where(i => i.State == InspectionState.Scored).Select(i => QualityNotices.Scored(i, now.UtcDateTime)));
        await db.SaveChangesAsync(ct);
    }

    private static Actor? Centre(Dictionary<string, User> people, string userName, Role role, Unit centre) =>
        people.TryGetValue(userName, out var user) ? new(user.Id, user.DisplayName, new HashSet<Role> { role }, centre.Id, centre.Name, AccessScope.Platform) : null;
}
