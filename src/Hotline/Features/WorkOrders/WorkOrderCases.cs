using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Features.WorkOrders;

/// <summary>Issue 15: what the work-order list adds for hard cases, disputes and judged lateness.</summary>
public static class CaseQueries
{
    /// <summary>
    /// The orders a user may list: their scope, except that the organisation office (whose own unit holds no orders) sees
    /// the orders taken to it for arbitration, platform-wide.
    /// </summary>
    public static IQueryable<WorkOrder> Listable(IQueryable<WorkOrder> query, AccessScope scope, Actor actor) =>
        actor.Roles.Contains(Role.OrganisationOffice) ? query.Where(w => w.ArbitrationCount > 0) : query.InScope(scope);

    /// <summary>The list's filters of issue 15: the level deciding a hard case, and lateness judged without good reason.</summary>
    public static IQueryable<WorkOrder> Filter(IQueryable<WorkOrder> query, string? hardCaseLevel, bool? lateWithoutGoodReason)
    {
        if (!string.IsNullOrWhiteSpace(hardCaseLevel))
        {
            if (!Enum.TryParse<Role>(hardCaseLevel.Trim(), ignoreCase: true, out var level) || level is not (Role.TeamLeader or Role.SiteManager))
            {
                throw ValidationException.For("hardCaseLevel", "A hard case is decided by teamLeader or siteManager.");
            }

            Role? value = level;
            query = query.Where(w => w.HardCaseLevel == value);
        }

        if (lateWithoutGoodReason is { } flag)
        {
            query = query.Where(w => w.LateWithoutGoodReason == flag);
        }

        return query;
    }
}

/// <summary>Issue 15, on the order: the hard case, the consultations, the disputes, the government's coordination, judged lateness, the answer to the citizen.</summary>
/// <param name="AnswerToCitizen">What the callback reads to the citizen and the citizen sees: the centre's one-voice answer, else the unit's reply.</param>
public sealed record CaseView(
    Role? HardCaseLevel, IReadOnlyList<HardCaseStep> HardCaseSteps, IReadOnlyList<Consultation> Consultations, IReadOnlyList<ArbitrationRecord> Arbitrations,
    IReadOnlyList<CoordinationRecord> Coordinations, LatenessRecord? Lateness, bool LateWithoutGoodReason, string? CitizenAnswer, string? AnswerToCitizen)
{
    public static CaseView From(WorkOrder o) => new(
        o.HardCaseLevel, o.HardCaseSteps, o.Consultations, o.Arbitrations, o.Coordinations, o.Lateness, o.LateWithoutGoodReason, o.CitizenAnswer, o.AnswerToCitizen);
}

/// <summary>Who answers the citizen (configuration section <c>Reply</c>, key <c>Voice</c>: <c>Unit</c> or <c>Centre</c>).</summary>
public sealed class ReplyOptions
{
    public const string Section = "Reply";

    public ReplyVoice Voice { get; set; } = ReplyVoice.Unit;
}
