using System.Globalization;
using System.Text;
using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Emergencies;

/// <summary>
/// The report of an emergency to the city government's departments concerned (向市政府有关部门报告, issue 15), made from
/// the order as Markdown: what happened where, when it was raised and confirmed, where it was sent, the confirming calls.
/// Never the caller's identity: the report leaves the platform.
/// </summary>
public static class EmergencyReportText
{
    public static string Compose(WorkOrder order, string categoryName, IReadOnlyList<string> departments, string by, DateTime atUtc)
    {
        var e = order.Emergency ?? throw new InvalidOperationException("The order has no emergency.");
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# 紧急事项报告（工单 {order.Number}）\n\n");
        text.Append(CultureInfo.InvariantCulture, $"报送单位：{string.Join("、", departments)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- 事项类别：{categoryName}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 事项标题：{order.Subject}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 发生地点：{string.Join(" ", new[] { order.Street, order.Address }.Where(s => !string.IsNullOrWhiteSpace(s)))}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 受理时间：{Local(order.RegisteredAtUtc)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 紧急上报：{Local(e.RaisedAtUtc)}，{e.RaisedBy}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 值班班长核实：{(e.CheckedAtUtc is { } c ? $"{Local(c)}，{e.CheckedBy}" : "未核实")}\n");
        text.Append(CultureInfo.InvariantCulture, $"- 承办单位：{(order.LeadUnitName is { } lead ? string.Join("、", order.CoUnits.Select(u => u.UnitName).Prepend(lead + "（主办）")) : "尚未派单")}\n\n");
        text.Append("## 事件经过\n\n").Append(order.Events.Trim()).Append("\n\n");
        text.Append("## 群众诉求\n\n").Append(order.Demand.Trim()).Append("\n\n");
        if (order.EmergencyCalls.Count > 0)
        {
            text.Append("## 与职能部门联系情况\n\n");
            foreach (var call in order.EmergencyCalls)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {Local(call.CalledAtUtc)} {call.RecordedBy} 联系 {call.Department} {call.Contact}：{call.Agreed}\n");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"报告人：{by}　报告时间：{Local(atUtc)}\n");
        return text.ToString();
    }

    private static string Local(DateTime utc) => ChinaTime.ToLocal(new DateTimeOffset(utc, TimeSpan.Zero)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
