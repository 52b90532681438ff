using System.Text;

namespace Hotline.Domain.Supervision;

/// <summary>
/// The first text of a special report (专报), in Chinese as leaders read it: the facts of the notice, the orders by number
/// and subject, the units, the timeline and the unit's measures. Only what the notice itself holds: never a caller's data.
/// </summary>
public static class SpecialReportText
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    public static (string Title, string Body) Compose(SupervisionNotice notice, IReadOnlyList<NoticeEvent> timeline)
    {
        var title = $"关于{notice.UnitName}督办事项（督办单 {notice.Number}）办理情况的专报";
        var b = new StringBuilder();
        b.AppendLine("一、基本情况");
        b.AppendLine(Inv, $"督办单号：{notice.Number}");
        b.AppendLine(Inv, $"督办事由：{notice.Reason}");
        b.AppendLine(Inv, $"督办要求：{notice.Demand}");
        b.AppendLine(Inv, $"督办方式：{Method(notice.Method)}");
        b.AppendLine(Inv, $"承办单位：{notice.UnitName}");
        b.AppendLine(Inv, $"下发时间：{SupervisionNotice.Local(notice.IssuedAtUtc)}；答复期限：{SupervisionNotice.Local(notice.DueAtUtc)}");
        b.AppendLine(Inv, $"当前状态：{State(notice.State)}；预警：{Light(notice.Light)}；退回 {notice.RejectCount} 次，逾期答复 {notice.LateAnswerCount} 次，催办 {notice.ReminderCount} 次");
        b.AppendLine(Inv, $"升级层级：{Level(notice.EscalationLevel)}");
        b.AppendLine();
        b.AppendLine("二、涉及工单");
        if (notice.Orders.Count == 0)
        {
            b.AppendLine("（针对单位的督办，不涉及具体工单）");
        }

        foreach (var order in notice.Orders)
        {
            b.AppendLine(Inv, $"{order.Number}　{order.Subject}");
        }

        b.AppendLine();
        b.AppendLine("三、办理经过");
        foreach (var e in timeline.OrderBy(e => e.AtUtc).ThenBy(e => e.Id))
        {
            var who = string.IsNullOrEmpty(e.ActorUnitName) ? e.ActorName : $"{e.ActorName}（{e.ActorUnitName}）";
            b.AppendLine(Inv, $"{SupervisionNotice.Local(e.AtUtc)}　{who}　{Action(e.Action)}{(string.IsNullOrWhiteSpace(e.Text) ? string.Empty : "：" + e.Text)}");
        }

        b.AppendLine();
        b.AppendLine("四、整改措施");
        b.AppendLine(notice.Measures ?? "承办单位尚未答复。");
        if (notice.Evidence is { } evidence)
        {
            b.AppendLine(Inv, $"佐证材料：{evidence}");
        }

        b.AppendLine();
        b.AppendLine("五、意见建议");
        b.AppendLine("（请填写中心的意见建议，呈领导批示。）");
        return (title, b.ToString().TrimEnd());
    }

    private static string Method(SupervisionMethod method) => method switch
    {
        SupervisionMethod.Document => "发函督办",
        SupervisionMethod.Meeting => "会议督办",
        SupervisionMethod.OnSite => "现场督办",
        SupervisionMethod.UnannouncedVisit => "暗访督办",
        SupervisionMethod.CoordinationMeeting => "专题协调会",
        SupervisionMethod.InterviewReminder => "约谈提醒",
    };

    private static string State(NoticeState state) => state switch
    {
        NoticeState.Issued => "待签收",
        NoticeState.InHand => "办理中",
        NoticeState.Answered => "待审核",
        NoticeState.Closed => "已办结",
    };

    private static string Light(WorkOrders.Light light) => light switch
    {
        WorkOrders.Light.None => "正常",
        WorkOrders.Light.Yellow => "黄灯",
        WorkOrders.Light.Red => "红灯",
        _ => light.ToString(),
    };

    public static string Level(EscalationLevel level) => level switch
    {
        EscalationLevel.Centre => "热线中心",
        EscalationLevel.OrganisationOffice => "编办",
        EscalationLevel.Leader => "市领导（督查室）",
        EscalationLevel.DisciplineCommission => "纪委监委",
        EscalationLevel.Government => "本级政府",
    };

    private static string Action(NoticeAction action) => action switch
    {
        NoticeAction.Open => "下发督办单",
        NoticeAction.Sign => "签收",
        NoticeAction.Answer => "答复",
        NoticeAction.Accept => "审核通过",
        NoticeAction.Reject => "退回重办",
        NoticeAction.Remind => "催办",
        NoticeAction.LightChanged => "预警变化",
        NoticeAction.List => "挂牌督办",
        NoticeAction.Delist => "摘牌",
        NoticeAction.Escalate => "升级督办",
        NoticeAction.JointHandling => "协同联办",
        _ => action.ToString(),
    };
}
