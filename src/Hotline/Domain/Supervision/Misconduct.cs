using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>The codes of misconduct (S8).</summary>
public enum MisconductCode
{
    /// <summary>推诿扯皮: passing the buck between units.</summary>
    BuckPassing,

    /// <summary>谎报瞒报: false or concealed reporting.</summary>
    FalseReporting,

    /// <summary>弄虚作假: falsification.</summary>
    Falsification,

    /// <summary>不作为: inaction.</summary>
    Inaction,

    /// <summary>慢作为: slow action.</summary>
    SlowAction,

    /// <summary>乱作为: arbitrary action.</summary>
    ArbitraryAction,

    /// <summary>不当退单: an improper return of a work order.</summary>
    ImproperReturn,
}

/// <summary>The sanction of a misconduct record (S8).</summary>
public enum Sanction
{
    /// <summary>约谈: an interview with the unit's head.</summary>
    Interview,

    /// <summary>通报: a circular.</summary>
    Circular,

    /// <summary>曝光: public exposure.</summary>
    PublicExposure,

    /// <summary>问责: accountability.</summary>
    Accountability,
}

/// <summary>The zh-CN names of the codes and sanctions, as printed in exported ledgers.</summary>
public static class MisconductNames
{
    public static string Zh(MisconductCode code) => code switch
    {
        MisconductCode.BuckPassing => "推诿扯皮",
        MisconductCode.FalseReporting => "谎报瞒报",
        MisconductCode.Falsification => "弄虚作假",
        MisconductCode.Inaction => "不作为",
        MisconductCode.SlowAction => "慢作为",
        MisconductCode.ArbitraryAction => "乱作为",
        _ => "不当退单",
    };

    public static string Zh(Sanction sanction) => sanction switch
    {
        Sanction.Interview => "约谈",
        Sanction.Circular => "通报",
        Sanction.PublicExposure => "曝光",
        _ => "问责",
    };
}

/// <summary>
/// A misconduct record (S8): a unit (and optionally a member of its staff, never a citizen) found to have misbehaved, with
/// the code, the sanction, the facts and links to the notice, correction or work order it came from. Every record counts
/// in assessment; inaction and slow action feed the interview list. A record is written once and never changed.
/// </summary>
public sealed class MisconductRecord
{
    /// <summary>Who records misconduct: the centre's supervisors and manager.</summary>
    public static IReadOnlySet<Role> RecordingRoles => Correction.CentreRoles;

    private MisconductRecord()
    {
        UnitName = UnitPath = Facts = RecordedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    /// <summary>The member of the unit's staff concerned, by name, if the record is about one.</summary>
    public string? StaffName { get; private set; }

    public MisconductCode Code { get; private set; }

    public Sanction Sanction { get; private set; }

    public string Facts { get; private set; }

    public long? NoticeId { get; private set; }

    public long? CorrectionId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public long RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; }

    public static MisconductRecord Create(
        Unit unit, string? staffName, MisconductCode code, Sanction sanction, string facts, long? noticeId, long? correctionId, string? workOrderNumber, Actor centre, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(code))
        {
            errors["code"] = ["Choose a misconduct code."];
        }

        if (!Enum.IsDefined(sanction))
        {
            errors["sanction"] = ["Choose a sanction."];
        }

        if (string.IsNullOrWhiteSpace(facts))
        {
            errors["facts"] = ["State the facts."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if (!centre.IsCentre || !centre.Roles.Overlaps(RecordingRoles) || !centre.Scope.Covers(unit.Path))
        {
            throw new ForbiddenException("misconduct_centre_only", "Only the hotline centre's supervisors record misconduct of a unit in their scope.");
        }

        return new MisconductRecord
        {
            UnitId = unit.Id,
            UnitName = unit.Name,
            UnitPath = unit.Path,
            StaffName = string.IsNullOrWhiteSpace(staffName) ? null : staffName.Trim(),
            Code = code,
            Sanction = sanction,
            Facts = facts.Trim(),
            NoticeId = noticeId,
            CorrectionId = correctionId,
            WorkOrderNumber = string.IsNullOrWhiteSpace(workOrderNumber) ? null : workOrderNumber.Trim(),
            RecordedAtUtc = nowUtc,
            RecordedByUserId = centre.UserId,
            RecordedByName = centre.Name,
        };
    }

    /// <summary>Whether the code puts the unit on the interview list (S9: a unit found inactive or slow).</summary>
    public static bool FeedsInterviewList(MisconductCode code) => code is MisconductCode.Inaction or MisconductCode.SlowAction;
}
