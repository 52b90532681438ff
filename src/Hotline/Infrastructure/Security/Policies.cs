using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using A = Hotline.Domain.WorkOrders.WorkOrderAction;

namespace Hotline.Infrastructure.Security;

/// <summary>
/// Authorisation policies by capability. Every endpoint names one (or is explicitly public); the fallback policy
/// refuses anonymous callers for anything that forgot.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "staff";

    public const string AdministerOrganisation = "administer-organisation";

    public const string AdministerCalendar = "administer-calendar";

    /// <summary>Write and maintain a unit's own knowledge articles (within the unit's scope); the centre's expert seat writes too.</summary>
    public const string KnowledgeAuthor = "knowledge-author";

    /// <summary>Approve or reject knowledge submissions: the centre's team leaders, expert seats and manager.</summary>
    public const string KnowledgeReview = "knowledge-review";

    /// <summary>Authors and reviewers: article lists, timelines, versions, withdrawal, error reports, expiry warnings.</summary>
    public const string KnowledgeMaintain = "knowledge-maintain";

    public const string Intake = "intake";

    public const string Dispatch = "dispatch";

    /// <summary>Re-dispatch: centre dispatchers anywhere, units within their own subtree, a county hotline office within its county (checked by the aggregate).</summary>
    public const string Redispatch = "redispatch";

    public const string Handle = "handle";

    public const string ReviewExtension = "review-extension";

    public const string ReviewReply = "review-reply";

    public const string Callback = "callback";

    public const string Conclude = "conclude";

    public const string Archive = "archive";

    public const string Supervise = "supervise";

    public const string Repeats = "repeats";

    public const string Merge = "merge";

    public const string RevealCaller = "reveal-caller";

    public const string ReadCatalogue = "read-catalogue";

    /// <summary>Dashboards and supervision lists: the centre's supervisors and managers, and leaders (read-only).</summary>
    public const string Oversee = "oversee";

    /// <summary>Routing suggestions and repeat candidates while registering or dispatching: intake and dispatch roles.</summary>
    public const string IntakeAssist = "intake-assist";

    /// <summary>Routing model versions (train, activate): administrators and centre managers.</summary>
    public const string ManageSmartDispatch = "manage-smart-dispatch";

    /// <summary>Running the hot-spot analysis now: those who manage smart dispatch, and supervisors and leaders, who act on its result.</summary>
    public const string RunHotSpots = "run-hot-spots";

    /// <summary>Early warnings: those who oversee (all of them), and unit roles (the warnings routed to their units).</summary>
    public const string EarlyWarnings = "early-warnings";

    /// <summary>Issue 17: the S11 dashboards, on the caller's scope (<see cref="Hotline.Domain.Analytics.DashboardRules.ReaderRoles"/>).</summary>
    public const string Dashboards = "dashboards";

    /// <summary>The metrics at /metrics: administrators, supervisors and centre managers (and a scraper's token, Infrastructure/Observability).</summary>
    public const string ReadMetrics = "read-metrics";

    // emergency work orders (issue 15)

    /// <summary>The duty team leader's check of a raised emergency (confirm or dismiss), and site management above them.</summary>
    public const string CheckEmergency = "check-emergency";

    /// <summary>The report of an emergency to the city government's departments concerned.</summary>
    public const string ReportEmergency = "report-emergency";

    /// <summary>The duty roster (值班表): kept by the centre manager.</summary>
    public const string EditDutyRoster = "edit-duty-roster";

    /// <summary>The emergency plan catalogue (应急预案): administrators and the centre manager.</summary>
    public const string ManageEmergencyPlans = "manage-emergency-plans";
    // issue 15, hard cases and disputes

    /// <summary>Escalate a hard case: the dispatcher to the team leader, the team leader to the site manager.</summary>
    public const string EscalateHardCase = "escalate-hard-case";

    /// <summary>Decide a hard case at its level (dispatch, send back, convene the units): team leaders and site managers.</summary>
    public const string DecideHardCase = "decide-hard-case";

    /// <summary>Decide a responsibility dispute (职责确认): the organisation office (编办).</summary>
    public const string Arbitrate = "arbitrate";
    // issue 16, escalation and special reports

    /// <summary>The escalation chain of supervision notices: the centre's supervisors and the levels it reaches (the notice checks which level acts).</summary>
    public const string Escalation = "escalation";

    /// <summary>Special reports (专报): the centre's supervisors write and send them, leaders read and instruct on those sent to them.</summary>
    public const string SpecialReports = "special-reports";

    /// <summary>Convene the units of a multi-unit case and name the lead unit.</summary>
    public const string ConveneLead = "convene-lead";

    // issue 16, supervision notices (督办单)

    /// <summary>Open supervision notices and decide on them (accept, reject, remind, list, delist): supervisors and the centre manager.</summary>
    public const string SuperviseNotices = "supervise-notices";

    /// <summary>Sign for and answer a supervision notice: the unit it is addressed to (checked by the aggregate).</summary>
    public const string AnswerNotices = "answer-notices";

    /// <summary>The ledger of supervision notices and its figures: those who supervise, leaders (read-only), and units (their own notices).</summary>
    public const string ReadNotices = "read-notices";

    private static readonly HashSet<Role> NoticeSupervisors = [Role.Supervisor, Role.CentreManager];
    // issue 16, supervision proposals

    /// <summary>Supervision proposals (open in one click, dismiss) and the key difficult issues store: supervisors and the centre manager.</summary>
    public const string SupervisionProposals = "supervision-proposals";

    /// <summary>Read the supervision triggers: those who act on proposals, and administrators.</summary>
    public const string ReadSupervisionTriggers = "read-supervision-triggers";

    /// <summary>Enable, disable and tune the supervision triggers: administrators and the centre manager.</summary>
    public const string ManageSupervisionTriggers = "manage-supervision-triggers";
    // issue 16, correction and accountability

    /// <summary>Send correction suggestions, check reports, issue accountability circulars, record misconduct, generate circulars: the centre's supervisors and manager.</summary>
    public const string SuperviseCorrection = "supervise-correction";

    /// <summary>Accept, report or refuse a correction: the unit's own roles (the aggregate checks it is their unit).</summary>
    public const string RespondCorrection = "respond-correction";

    /// <summary>Corrections and the parent units' circulars, in scope: the centre's supervisors and manager, leaders, units.</summary>
    public const string ReadCorrections = "read-corrections";

    /// <summary>Misconduct records and their counts per unit: the centre's supervisors and manager, and leaders.</summary>
    public const string ReadMisconduct = "read-misconduct";

    // issue 17, rankings, the interview list, service targets, qualitative items, circulation

    /// <summary>Configure the minimum sample and the service targets, decide on the interview list, score qualitative items, circulate: the centre manager.</summary>
    public const string ManageRankings = "manage-rankings";

    /// <summary>Rankings, the interview list, targets, qualitative scores, circulated results: supervisors, the centre manager and leaders read all, units their own.</summary>
    public const string ReadRankings = "read-rankings";
    // issue 17, agent performance and third-party sampling

    /// <summary>Agent performance: team leaders, site managers, the centre manager and quality inspectors; agents their own row (the domain decides which).</summary>
    public const string ReadAgentPerformance = "read-agent-performance";

    /// <summary>Import third-party sampling results (第三方抽样回访): the centre manager and quality inspectors.</summary>
    public const string ImportSampling = "import-sampling";

    /// <summary>Read the sampling batches and the sampled rates: as assessment (leaders, the centre manager, supervisors; units their subtree).</summary>
    public const string ReadSampling = "read-sampling";

    /// <summary>The sampling import batches and their reject files: the importers, leaders and supervisors (not units: a batch spans every unit).</summary>
    public const string ReadSamplingBatches = "read-sampling-batches";

    /// <summary>Quality inspection (质检, S14): draw samples, score them and keep the checklists: quality inspectors and the centre manager.</summary>
    public const string InspectQuality = "inspect-quality";

    /// <summary>Read quality inspections: the inspecting roles, team leaders and site managers; intake and callback agents their own scored ones.</summary>
    public const string ReadQualityInspections = "read-quality-inspections";

    /// <summary>Keep the register of merged hotline numbers (热线归并, S1): the administrator and the centre manager.</summary>
    public const string ManageMergedHotlines = "manage-merged-hotlines";

    /// <summary>Read the register of merged hotline numbers: its keepers, supervisors and leaders.</summary>
    public const string ReadMergedHotlines = "read-merged-hotlines";
    // Issue 17, assessment (the role sets are the domain's: Domain/Assessment).

    /// <summary>Scores, a unit's figures with their formulas, the orders behind a figure, appeals and rule versions, in scope.</summary>
    public const string ReadAssessment = "read-assessment";

    /// <summary>A new version of the assessment's weights and exclusion switches: the centre manager.</summary>
    public const string ManageAssessmentRules = "manage-assessment-rules";

    /// <summary>Rebuilding the assessment facts and rollups: administrators.</summary>
    public const string RebuildAssessment = "rebuild-assessment";

    /// <summary>A unit appeals one order's count: its leader or liaison.</summary>
    public const string FileAssessmentAppeal = "file-assessment-appeal";

    /// <summary>Approving or rejecting an appeal: the centre's supervisors and manager.</summary>
    public const string DecideAssessmentAppeal = "decide-assessment-appeal";

    /// <summary>Issue 17: an analysis report's figures, drafts, saved reports and prints, on the caller's scope (the dashboards' readers).</summary>
    public const string ReadAnalysisReports = "read-analysis-reports";

    /// <summary>Issue 17: saving an edited analysis report: leaders and the centre manager.</summary>
    public const string WriteAnalysisReports = "write-analysis-reports";

    // Issue 18, the citizens' own channels (the role sets are the domain's: Domain/Citizens/CitizenRules).

    /// <summary>The online intake queue: accept a submission into a work order or refuse it; whoever may register an order.</summary>
    public const string OnlineIntake = "online-intake";

    /// <summary>Online customer service (在线客服): take and answer conversations; the roles that take calls and online intake.</summary>
    public const string OnlineChat = "online-chat";

    /// <summary>The online customer service's hand-over rate per day.</summary>
    public const string ChatFigures = "chat-figures";

    /// <summary>The channels' API keys (create, rotate, revoke): administrators.</summary>
    public const string AdministerChannelKeys = "administer-channel-keys";

    /// <summary>Issue 18: the intercepted internet submissions (list, open, release a false positive, counts).</summary>
    public const string ReviewInterceptions = "review-interceptions";

    /// <summary>Issue 18: the abusive-wording list of the interception rules.</summary>
    public const string EditInterceptionWords = "edit-interception-words";

    /// <summary>Issue 18: publishing mayor's mailbox letters with their replies.</summary>
    public const string PublishLetters = "publish-letters";

    /// <summary>Issue 18: uploading a file, by those who register, edit or reply to an order.</summary>
    public const string UploadAttachments = "upload-attachments";

    /// <summary>Issue 18: adding files to an existing order, by those who may edit it (a correction's roles).</summary>
    public const string AddAttachments = "add-attachments";

    /// <summary>Issue 18: the 差评 follow-up list and its recording (好差评), the centre's callback and quality roles and managers.</summary>
    public const string FollowUpServiceRatings = "follow-up-service-ratings";

    private static readonly HashSet<Role> OverseeRoles = [Role.Supervisor, Role.CentreManager, Role.TeamLeader, Role.SiteManager, Role.Dispatcher, Role.Leader, Role.QualityInspector];

    /// <summary>
    /// Which roles each policy admits; <see cref="Staff"/> admits every role. A work-order route admits whoever the
    /// aggregate's rules table lets take one of the actions it serves; the aggregate then checks the status and the party.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Role>> RolesByPolicy = new Dictionary<string, IReadOnlySet<Role>>
    {
        [Staff] = Enum.GetValues<Role>().ToHashSet(),
        [AdministerOrganisation] = new HashSet<Role> { Role.Administrator },
        [AdministerCalendar] = new HashSet<Role> { Role.Administrator },
        [KnowledgeAuthor] = new HashSet<Role> { Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader, Role.ExpertSeat },
        [KnowledgeReview] = new HashSet<Role> { Role.TeamLeader, Role.ExpertSeat, Role.CentreManager },
        [KnowledgeMaintain] = new HashSet<Role> { Role.UnitHandler, Role.UnitLiaison, Role.UnitLeader, Role.ExpertSeat, Role.TeamLeader, Role.CentreManager },
        [Intake] = Acting(A.Register, A.ThreeWayCall, A.AnswerDirectly, A.RejectAtIntake, A.Correct, A.RaiseEmergency),
        [Dispatch] = Acting(A.Dispatch, A.SendBack, A.ApproveReturn, A.RejectReturn, A.RecordEmergencyCall),
        [Redispatch] = Acting(A.Redispatch),
        [Handle] = Acting(A.Sign, A.Return, A.RequestExtension, A.ProgressReport, A.CoReply, A.Reply),
        [ReviewExtension] = Acting(A.ApproveExtension, A.RejectExtension),
        [ReviewReply] = Acting(A.AcceptReply, A.RejectReply),
        [Callback] = Acting(A.Callback),
        [Conclude] = Acting(A.Redo, A.Close),
        [Archive] = Acting(A.Archive),
        [Supervise] = Acting(A.Remind),
        [Repeats] = Acting(A.LinkRepeat),
        [Merge] = Acting(A.Merge),
        [RevealCaller] = Acting(A.RevealCaller),
        [ReadCatalogue] = Acting(A.Register, A.Dispatch).Append(Role.Administrator).ToHashSet(),
        [Oversee] = OverseeRoles,
        [IntakeAssist] = Acting(A.Register, A.Dispatch),
        [ManageSmartDispatch] = new HashSet<Role> { Role.Administrator, Role.CentreManager },
        [RunHotSpots] = new HashSet<Role> { Role.Administrator, Role.CentreManager, Role.Supervisor, Role.Leader },
        [EarlyWarnings] = OverseeRoles.Union(Roles.Unit).ToHashSet(),
        [Dashboards] = Hotline.Domain.Analytics.DashboardRules.ReaderRoles, // issue 17
        [ReadMetrics] = new HashSet<Role> { Role.Administrator, Role.Supervisor, Role.CentreManager },
        [CheckEmergency] = Acting(A.ConfirmEmergency, A.DismissEmergency),
        [ReportEmergency] = Acting(A.ReportEmergency),
        [EditDutyRoster] = Hotline.Domain.Emergencies.DutyRoster.EditRoles,
        [ManageEmergencyPlans] = new HashSet<Role> { Role.Administrator, Role.CentreManager },
        [EscalateHardCase] = Acting(A.EscalateHardCase), // issue 15, hard cases and disputes
        [DecideHardCase] = Acting(A.DispatchHardCase, A.SendBackHardCase, A.ConveneUnits),
        [Arbitrate] = Acting(A.DecideArbitration),
        [SuperviseNotices] = NoticeSupervisors, // issue 16, supervision notices
        [AnswerNotices] = Roles.Unit,
        [ReadNotices] = NoticeSupervisors.Append(Role.Leader).Union(Roles.Unit).ToHashSet(),
        [SupervisionProposals] = new HashSet<Role> { Role.Supervisor, Role.CentreManager }, // issue 16, proposals
        [ReadSupervisionTriggers] = new HashSet<Role> { Role.Administrator, Role.Supervisor, Role.CentreManager },
        [ManageSupervisionTriggers] = new HashSet<Role> { Role.Administrator, Role.CentreManager },
        [SuperviseCorrection] = Hotline.Domain.Supervision.Correction.CentreRoles, // issue 16, correction and accountability
        [RespondCorrection] = Hotline.Domain.Supervision.Correction.UnitRoles,
        [ReadCorrections] = Hotline.Domain.Supervision.Correction.CentreRoles.Union(Hotline.Domain.Supervision.Correction.UnitRoles).Append(Role.Leader).ToHashSet(),
        [ReadMisconduct] = Hotline.Domain.Supervision.MisconductRecord.RecordingRoles.Append(Role.Leader).ToHashSet(),
        [Escalation] = Hotline.Domain.Supervision.EscalationChain.ActingRoles, // issue 16
        [SpecialReports] = Hotline.Domain.Supervision.EscalationChain.CentreRoles.Append(Role.Leader).ToHashSet(),
        [ConveneLead] = Acting(A.ConveneLead),
        [ManageRankings] = Hotline.Domain.Assessment.AssessmentSetting.ConfigureRoles, // issue 17, rankings
        [ReadRankings] = Hotline.Domain.Assessment.RankingAccess.ReadRoles,
        [ReadAgentPerformance] = Hotline.Domain.Assessment.AgentPerformance.AllReaders.ToHashSet(), // issue 17
        [ImportSampling] = Hotline.Domain.Assessment.ThirdPartySampling.Importers.ToHashSet(),
        [ReadSampling] = Hotline.Domain.Assessment.ThirdPartySampling.Readers.ToHashSet(),
        [ReadSamplingBatches] = Hotline.Domain.Assessment.ThirdPartySampling.BatchReaders.ToHashSet(),
        [InspectQuality] = Hotline.Domain.QualityInspection.Inspection.InspectingRoles,
        [ReadQualityInspections] = Hotline.Domain.QualityInspection.Inspection.ReadingRoles.Union(Hotline.Domain.QualityInspection.Inspection.OwnReaders).ToHashSet(),
        [ManageMergedHotlines] = Hotline.Domain.Organisation.MergedHotline.Keepers, // S1, 热线归并
        [ReadMergedHotlines] = Hotline.Domain.Organisation.MergedHotline.Readers,
        [ReadAssessment] = Hotline.Domain.Assessment.AssessmentRoles.Read, // issue 17, assessment
        [ManageAssessmentRules] = Hotline.Domain.Assessment.AssessmentRoles.ManageRules,
        [RebuildAssessment] = Hotline.Domain.Assessment.AssessmentRoles.Rebuild,
        [FileAssessmentAppeal] = Hotline.Domain.Assessment.AssessmentAppeal.FilingRoles,
        [DecideAssessmentAppeal] = Hotline.Domain.Assessment.AssessmentAppeal.DecidingRoles,
        [ReadAnalysisReports] = Hotline.Domain.Analytics.AnalysisReport.Readers, // issue 17, analysis report
        [WriteAnalysisReports] = Hotline.Domain.Analytics.AnalysisReport.Editors,
        [OnlineIntake] = Hotline.Domain.Citizens.CitizenRules.IntakeRoles, // issue 18
        [AdministerChannelKeys] = Hotline.Domain.Citizens.CitizenRules.KeyAdministrators,
        [ReviewInterceptions] = Hotline.Domain.Citizens.Interception.InterceptionRoles.Reviewers, // issue 18, mailbox and interception
        [EditInterceptionWords] = Hotline.Domain.Citizens.Interception.InterceptionRoles.WordListEditors,
        [PublishLetters] = Hotline.Domain.Citizens.Interception.InterceptionRoles.LetterPublishers,
        [OnlineChat] = Hotline.Domain.Chat.ChatRules.AgentRoles, // issue 18, online customer service
        [ChatFigures] = Hotline.Domain.Chat.ChatRules.FigureReaders,
        [UploadAttachments] = Acting(A.Register, A.Correct, A.Reply), // issue 18, attachments
        [AddAttachments] = Acting(A.Correct),
        [FollowUpServiceRatings] = Hotline.Domain.Citizens.ServiceRatingRules.FollowUpRoles, // issue 18, 好差评
    };

    private static IReadOnlySet<Role> Acting(params A[] actions) => WorkOrderTransitions.RolesFor(actions);

    public static void Register(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesByPolicy)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        }

        options.FallbackPolicy = options.GetPolicy(Staff);
    }
}
