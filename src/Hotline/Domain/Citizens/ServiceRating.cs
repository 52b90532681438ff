using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>The five levels of the national 政务服务“好差评” rating; the last two are 差评.</summary>
public enum ServiceGrade
{
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
    VeryUnsatisfied,
}

/// <summary>What the centre did about a 差评: checked the facts (核实), had it put right (整改), or explained (解释说明).</summary>
public enum FollowUpOutcome
{
    Verified,
    Rectified,
    Explained,
}

/// <summary>
/// A citizen's public 好差评 rating of the service of one of their own closed work orders (issue 18, S9): once per order,
/// from the portal or the citizen API. A 差评 (unsatisfied or very unsatisfied) needs a comment and is followed up by the
/// centre within <see cref="ServiceRatingRules.FollowUpWorkingDays"/> working days: checked, put right or explained.
/// The rating is counted for the order's lead unit at the moment of rating (<see cref="UnitId"/>), on the local day it
/// was given (<see cref="ServiceRatingRules"/>).
/// </summary>
public sealed class ServiceRating
{
    private ServiceRating()
    {
        WorkOrderNumber = UnitPath = string.Empty;
    }

    public long Id { get; private set; }

    public long WorkOrderId { get; private set; }

    public string WorkOrderNumber { get; private set; }

    /// <summary>The order's lead unit when rated; null for an order the centre finished itself (counted for no unit).</summary>
    public long? UnitId { get; private set; }

    public string? UnitName { get; private set; }

    /// <summary>The lead unit's path ("/" without one): who may see the 差评 in the follow-up list.</summary>
    public string UnitPath { get; private set; }

    public ServiceGrade Grade { get; private set; }

    /// <summary>Stored beside the grade so the lists and figures filter on it (enums are stored by name).</summary>
    public bool IsBad { get; private set; }

    public string? Comment { get; private set; }

    public Channel Channel { get; private set; }

    public DateTime RatedAtUtc { get; private set; }

    /// <summary>The end of the follow-up's last working day; null for a good rating.</summary>
    public DateTime? FollowUpDueUtc { get; private set; }

    public FollowUpOutcome? FollowUpOutcome { get; private set; }

    public string? FollowUpNote { get; private set; }

    public DateTime? FollowedUpAtUtc { get; private set; }

    public string? FollowedUpByName { get; private set; }

    public long Version { get; private set; }

    /// <summary>Followed up, by its deadline.</summary>
    public bool FollowedUpInTime => FollowedUpAtUtc is { } at && at <= FollowUpDueUtc;

    /// <summary>
    /// The citizen rates the service of <paramref name="order"/>: only a closed (or archived) order, and a 差评 only with a
    /// comment. That the order is the citizen's own, and rated only once, the caller checks (the rating's unique order).
    /// </summary>
    public static ServiceRating Give(WorkOrder order, ServiceGrade? grade, string? comment, Channel channel, WorkingDayCalendar calendar, DateTime nowUtc)
    {
        if (order.Status is not (WorkOrderStatus.Closed or WorkOrderStatus.Archived))
        {
            throw new DomainException("service_rating.not_closed", "办结后才能评价该诉求的服务。");
        }

        if (grade is not { } g || !Enum.IsDefined(g))
        {
            throw ValidationException.For("grade", "请选择评价等级。");
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var bad = ServiceRatingRules.IsBad(g);
        if (bad && text is null)
        {
            throw ValidationException.For("comment", "差评请写明不满意的原因，以便我们核实整改。");
        }

        return new ServiceRating
        {
            WorkOrderId = order.Id,
            WorkOrderNumber = order.Number,
            UnitId = order.LeadUnitId,
            UnitName = order.LeadUnitName,
            UnitPath = order.LeadUnitPath ?? AccessScope.Platform.Path,
            Grade = g,
            IsBad = bad,
            Comment = text,
            Channel = channel,
            RatedAtUtc = nowUtc,
            FollowUpDueUtc = bad ? ServiceRatingRules.FollowUpDue(calendar, nowUtc) : null,
        };
    }

    /// <summary>The centre records its follow-up of a 差评: what it did and what it found. Once: a second is 409.</summary>
    public void RecordFollowUp(Actor actor, FollowUpOutcome? outcome, string? note, DateTime nowUtc)
    {
        if (!actor.IsCentre || !ServiceRatingRules.FollowUpRoles.Overlaps(actor.Roles))
        {
            throw new ForbiddenException("service_rating.centre_only", "Only the hotline centre follows up a bad rating.");
        }

        if (!IsBad)
        {
            throw new DomainException("service_rating.not_bad", "Only a bad rating (差评) is followed up.");
        }

        if (FollowedUpAtUtc is not null)
        {
            throw new DomainException("service_rating.followed_up", "The follow-up of this rating is recorded already.");
        }

        var errors = new Dictionary<string, string[]>();
        if (outcome is not { } o || !Enum.IsDefined(o))
        {
            errors["outcome"] = ["Choose the follow-up: verified, rectified or explained."];
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            errors["note"] = ["Say what was found and done."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        FollowUpOutcome = outcome;
        FollowUpNote = note!.Trim();
        FollowedUpAtUtc = nowUtc;
        FollowedUpByName = actor.Name;
    }
}

/// <summary>The 好差评 rules written once: which grades are 差评, the follow-up's deadline and who follows up.</summary>
public static class ServiceRatingRules
{
    /// <summary>
    /// A 差评 is followed up within 5 working days of the rating (to the end of the 5th working day), on the work orders'
    /// calendar: the national 好差评 practice asks for 整改 or 回访 "within 15 working days"; a hotline that calls back within
    /// 3 working days (S6) can answer a bad rating in 5.
    /// </summary>
    public const int FollowUpWorkingDays = 5;

    /// <summary>Who follows up: the callback agents, quality inspectors, team leaders, site and centre managers.</summary>
    public static readonly IReadOnlySet<Role> FollowUpRoles = new HashSet<Role>
    {
        Role.CallbackAgent, Role.QualityInspector, Role.TeamLeader, Role.SiteManager, Role.CentreManager,
    };

    public static readonly ServiceGrade[] Good = [ServiceGrade.VerySatisfied, ServiceGrade.Satisfied, ServiceGrade.BasicallySatisfied];

    public static bool IsBad(ServiceGrade grade) => grade is ServiceGrade.Unsatisfied or ServiceGrade.VeryUnsatisfied;

    public static DateTime FollowUpDue(WorkingDayCalendar calendar, DateTime ratedAtUtc) =>
        calendar.AddWorkingDays(new DateTimeOffset(DateTime.SpecifyKind(ratedAtUtc, DateTimeKind.Utc)), FollowUpWorkingDays).At.UtcDateTime;
}
