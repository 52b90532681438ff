using System.Globalization;
using Hotline.Domain.Analytics;

namespace Hotline.Domain.Notifications;

/// <summary>
/// S10: "a new or emerging issue reminds the owning unit to complete the knowledge base". When a hot spot or an emerging
/// issue is first warned about, and when a warning that lasts comes to concern another unit, each unit it is routed to is
/// asked, in the workbench, to write or update the answer wording (答复口径) agents will need for it. Seasonal reminders
/// ask the unit to prepare, not to write: they remind nobody of the knowledge base.
/// </summary>
public static class KnowledgeReminders
{
    public static IReadOnlyList<Notification> For(EarlyWarning warning, IEnumerable<EarlyWarningUnit> units, DateTime nowUtc)
    {
        if (warning.Kind is not (EarlyWarningKind.HotSpot or EarlyWarningKind.EmergingIssue))
        {
            return [];
        }

        // The facts are the warning's place, keywords and size: no order and no caller.
        var facts = new Dictionary<string, string?>
        {
            ["place"] = warning.PlaceName ?? warning.RegionCode ?? string.Empty,
            ["terms"] = string.Join("、", warning.Terms.Take(3)),
            ["size"] = warning.Size.ToString(CultureInfo.InvariantCulture),
        };
        return units.Select(u => Notification.Create(NotificationKind.KnowledgeForIssue, Audience.Unit(u.UnitId), null, null, facts, nowUtc, null)).ToList();
    }
}
