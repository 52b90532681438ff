using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>One entry of a supervision notice's own timeline: append-only, written in the transaction of the change it records.</summary>
public sealed class NoticeEvent
{
    private NoticeEvent()
    {
        ActorName = ActorUnitName = string.Empty;
    }

    public long Id { get; private set; }

    public long NoticeId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public NoticeAction Action { get; private set; }

    public long? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorUnitName { get; private set; }

    /// <summary>The words of the step: the demand, the measures, the reason for rejecting, the hand-over text.</summary>
    public string? Text { get; private set; }

    /// <summary>Other facts of the entry ("light": "Red", "deadline": "…", "kind": "Automatic").</summary>
    public Dictionary<string, string?> Details { get; private set; } = [];

    internal static NoticeEvent Create(SupervisionNotice notice, Actor actor, DateTime atUtc, NoticeAction action, string? text, Dictionary<string, string?>? details) => new()
    {
        Notice = notice,
        AtUtc = atUtc,
        Action = action,
        ActorUserId = actor.UserId == 0 ? null : actor.UserId,
        ActorName = actor.Name,
        ActorUnitName = actor.UnitName,
        Text = text,
        Details = details ?? [],
    };

    internal SupervisionNotice? Notice { get; private set; }
}
