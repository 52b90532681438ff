using System.Globalization;
using Hotline.Domain.QualityInspection;

namespace Hotline.Domain.Notifications;

/// <summary>
/// S14: an inspection is for the agent to learn from, so the agent is told in the workbench each time one of their calls is
/// scored or its score corrected: the order's number, the score and the inspection to open (its notes are read there).
/// </summary>
public static class QualityNotices
{
    public static Notification Scored(Inspection inspection, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        if (inspection.State != InspectionState.Scored || inspection.Score is not { } score)
        {
            throw new InvalidOperationException("Only a scored inspection is told to its agent.");
        }

        var facts = new Dictionary<string, string?>
        {
            ["number"] = inspection.WorkOrderNumber,
            ["score"] = score.ToString("0.#", CultureInfo.InvariantCulture),
            ["inspectionId"] = inspection.Id.ToString(CultureInfo.InvariantCulture),
        };
        return Notification.Create(NotificationKind.QualityScored, Audience.User(inspection.AgentUserId), inspection.WorkOrderId, inspection.WorkOrderNumber, facts, nowUtc, null);
    }
}
