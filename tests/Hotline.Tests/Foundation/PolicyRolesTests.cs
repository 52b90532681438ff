using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Security;

namespace Hotline.Tests.Foundation;

/// <summary>
/// The roles each route policy admits, written out by hand. The work-order policies are derived from the aggregate's
/// rules table; this pins what they admit, so a change to the table that would open or close a route shows here.
/// </summary>
public sealed class PolicyRolesTests
{
    private static readonly Role[] UnitRoles = [Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader];

    private static readonly Role[] OverseeRoles = [Role.Supervisor, Role.CentreManager, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.Leader, Role.QualityInspector];

    /// <summary>The roles each policy admits, by hand; the authorisation matrix reads who may call an operation from here.</summary>
    internal static readonly IReadOnlyDictionary<string, Role[]> Expected = new Dictionary<string, Role[]>
    {
        [Policies.Staff] = Enum.GetValues<Role>(),
        [Policies.AdministerOrganisation] = [Role.Administrator],
        [Policies.AdministerCalendar] = [Role.Administrator],
        [Policies.KnowledgeAuthor] = [.. UnitRoles, Role.ExpertSeat],
        [Policies.KnowledgeReview] = [Role.TeamLeader, Role.ExpertSeat, Role.CentreManager],
        [Policies.KnowledgeMaintain] = [.. UnitRoles, Role.ExpertSeat, Role.TeamLeader, Role.CentreManager],
        [Policies.Intake] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher],
        [Policies.Dispatch] = [Role.Dispatcher, Role.TeamLeader, Role.CentreManager],
        [Policies.Redispatch] = [Role.Dispatcher, Role.TeamLeader, Role.CentreManager, .. UnitRoles],
        [Policies.Handle] = UnitRoles,
        [Policies.ReviewExtension] = [Role.Dispatcher, Role.TeamLeader, Role.CentreManager, Role.Supervisor],
        [Policies.ReviewReply] = [Role.Dispatcher, Role.TeamLeader, Role.CentreManager, Role.QualityInspector],
        [Policies.Callback] = [Role.CallbackAgent, Role.TeamLeader, Role.CentreManager],
        [Policies.Conclude] = [Role.CallbackAgent, Role.TeamLeader, Role.CentreManager, Role.Supervisor],
        [Policies.Archive] = [Role.TeamLeader, Role.CentreManager],
        [Policies.Supervise] = [Role.Supervisor, Role.CentreManager, Role.TeamLeader, Role.Dispatcher],
        [Policies.Repeats] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher],
        [Policies.Merge] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher, Role.CentreManager],
        [Policies.RevealCaller] =
        [
            Role.IntakeAgent, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.CallbackAgent, Role.QualityInspector, Role.Supervisor,
            Role.ExpertSeat, Role.CentreManager, .. UnitRoles,
        ],
        [Policies.ReadCatalogue] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher, Role.CentreManager, Role.Administrator],
        [Policies.Oversee] = OverseeRoles,
        [Policies.IntakeAssist] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher, Role.CentreManager],
        [Policies.ManageSmartDispatch] = [Role.Administrator, Role.CentreManager],
        [Policies.RunHotSpots] = [Role.Administrator, Role.CentreManager, Role.Supervisor, Role.Leader],
        [Policies.EarlyWarnings] = [.. OverseeRoles, .. UnitRoles],
        [Policies.Dashboards] = [.. OverseeRoles, .. UnitRoles], // issue 17: the S11 dashboards, each on its own scope
        [Policies.ReadMetrics] = [Role.Administrator, Role.Supervisor, Role.CentreManager],
        [Policies.CheckEmergency] = [Role.TeamLeader, Role.SiteManager, Role.CentreManager],
        [Policies.ReportEmergency] = [Role.Dispatcher, Role.TeamLeader, Role.SiteManager, Role.CentreManager],
        [Policies.EditDutyRoster] = [Role.CentreManager],
        [Policies.ManageEmergencyPlans] = [Role.Administrator, Role.CentreManager],
        [Policies.EscalateHardCase] = [Role.Dispatcher, Role.TeamLeader], // issue 15, hard cases and disputes
        [Policies.DecideHardCase] = [Role.TeamLeader, Role.SiteManager],
        [Policies.Arbitrate] = [Role.OrganisationOffice],
        [Policies.SuperviseNotices] = [Role.Supervisor, Role.CentreManager], // issue 16, supervision notices
        [Policies.AnswerNotices] = UnitRoles,
        [Policies.ReadNotices] = [Role.Supervisor, Role.CentreManager, Role.Leader, .. UnitRoles],
        [Policies.SupervisionProposals] = [Role.Supervisor, Role.CentreManager], // issue 16, proposals
        [Policies.ReadSupervisionTriggers] = [Role.Administrator, Role.Supervisor, Role.CentreManager],
        [Policies.ManageSupervisionTriggers] = [Role.Administrator, Role.CentreManager],
        [Policies.SuperviseCorrection] = [Role.Supervisor, Role.CentreManager], // issue 16, correction and accountability
        [Policies.RespondCorrection] = [.. UnitRoles],
        [Policies.ReadCorrections] = [Role.Supervisor, Role.CentreManager, Role.Leader, .. UnitRoles],
        [Policies.ReadMisconduct] = [Role.Supervisor, Role.CentreManager, Role.Leader],
        [Policies.Escalation] = [Role.Supervisor, Role.CentreManager, Role.OrganisationOffice, Role.Leader, Role.DisciplineCommission], // issue 16
        [Policies.SpecialReports] = [Role.Supervisor, Role.CentreManager, Role.Leader],
        [Policies.ConveneLead] = [Role.Supervisor, Role.CentreManager, Role.TeamLeader, Role.Dispatcher],
        [Policies.ManageRankings] = [Role.CentreManager], // issue 17, rankings
        [Policies.ReadRankings] = [Role.Supervisor, Role.CentreManager, Role.Leader, .. UnitRoles],
        [Policies.ReadAgentPerformance] = [Role.TeamLeader, Role.SiteManager, Role.CentreManager, Role.QualityInspector, Role.IntakeAgent, Role.CallbackAgent], // issue 17
        [Policies.ImportSampling] = [Role.CentreManager, Role.QualityInspector],
        [Policies.ReadSampling] = [Role.Leader, Role.CentreManager, Role.Supervisor, Role.QualityInspector, .. UnitRoles],
        [Policies.ReadSamplingBatches] = [Role.CentreManager, Role.QualityInspector, Role.Leader, Role.Supervisor],
        [Policies.InspectQuality] = [Role.QualityInspector, Role.CentreManager], // S14, quality inspection
        [Policies.ReadQualityInspections] = [Role.QualityInspector, Role.CentreManager, Role.TeamLeader, Role.SiteManager, Role.IntakeAgent, Role.CallbackAgent],
        [Policies.ManageMergedHotlines] = [Role.Administrator, Role.CentreManager], // S1, merged hotlines
        [Policies.ReadMergedHotlines] = [Role.Administrator, Role.CentreManager, Role.Supervisor, Role.Leader],
        [Policies.ReadAssessment] = [Role.Leader, Role.CentreManager, Role.Supervisor, .. UnitRoles], // issue 17, assessment
        [Policies.ManageAssessmentRules] = [Role.CentreManager],
        [Policies.RebuildAssessment] = [Role.Administrator],
        [Policies.FileAssessmentAppeal] = [Role.UnitLeader, Role.UnitLiaison],
        [Policies.DecideAssessmentAppeal] = [Role.Supervisor, Role.CentreManager],
        [Policies.ReadAnalysisReports] = [.. OverseeRoles, .. UnitRoles], // issue 17, analysis report (the dashboards' readers)
        [Policies.WriteAnalysisReports] = [Role.Leader, Role.CentreManager],
        [Policies.OnlineIntake] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher], // issue 18: whoever registers
        [Policies.AdministerChannelKeys] = [Role.Administrator],
        [Policies.ReviewInterceptions] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher, Role.CentreManager, Role.SiteManager], // issue 18, interception
        [Policies.EditInterceptionWords] = [Role.Administrator, Role.CentreManager],
        [Policies.PublishLetters] = [Role.TeamLeader, Role.SiteManager, Role.CentreManager], // issue 18, mayor's mailbox
        [Policies.OnlineChat] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher], // issue 18: who takes calls and online intake
        [Policies.ChatFigures] = [Role.TeamLeader, Role.SiteManager, Role.CentreManager, Role.QualityInspector],
        [Policies.UploadAttachments] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher, .. UnitRoles], // issue 18, attachments
        [Policies.AddAttachments] = [Role.IntakeAgent, Role.TeamLeader, Role.ExpertSeat, Role.Dispatcher],
        [Policies.FollowUpServiceRatings] = [Role.CallbackAgent, Role.QualityInspector, Role.TeamLeader, Role.SiteManager, Role.CentreManager], // issue 18, 好差评
    };

    [Fact]
    public void RolesByPolicy_NamesExactlyTheKnownPolicies() =>
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Policies.RolesByPolicy.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void RolesByPolicy_EachPolicy_AdmitsTheRolesWrittenHere() =>
        Assert.All(Expected, e => Assert.True(
            Policies.RolesByPolicy[e.Key].SetEquals(e.Value),
            $"{e.Key}: expected {string.Join(",", e.Value.Order())}, got {string.Join(",", Policies.RolesByPolicy[e.Key].Order())}"));
}
