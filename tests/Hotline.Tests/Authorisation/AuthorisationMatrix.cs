using System.Net;
using Hotline.Domain.Organisation;
using Hotline.Seeding;
using Hotline.Tests.Foundation;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using static Hotline.Tests.Authorisation.OrderStage;
using static Hotline.Tests.Knowledge.KnowledgeApi;
using AT = Hotline.Tests.Authorisation.AssessmentTargets;
using P = Hotline.Infrastructure.Security.Policies;
using ST = Hotline.Tests.Authorisation.SupervisionTargets;
using T = Hotline.Tests.Authorisation.TargetKind;

namespace Hotline.Tests.Authorisation;

/// <summary>Whether, beyond the role, the unit a record belongs to decides who may call an operation on it.</summary>
internal enum Reach
{
    /// <summary>The role alone decides.</summary>
    Anywhere,

    /// <summary>Within what the caller sees: its own subtree, a county hotline office its county, the centre everything. Outside: 404.</summary>
    InScope,

    /// <summary>
    /// The unit's own act (the holder's, or a co-unit's): the centre's roles among the operation's, or the unit itself.
    /// A caller who only oversees the unit (a county hotline office) is refused with 403; outside its scope: 404.
    /// </summary>
    AsTheUnit,

    /// <summary>Addressed to one unit (a workbench notification): that unit's own users; everyone else 404, the centre too.</summary>
    Addressee,
}

/// <summary>A 4xx an allowed caller may get instead of a 2xx, and why that is the right answer.</summary>
/// <param name="Code">The problem's code; null for an answer that is not a problem document (Open311's error list).</param>
internal sealed record Accepted(HttpStatusCode Status, string? Code, string Why);

/// <summary>What a cell's body is made from: the caller (null when anonymous), the target's unit and the target itself.</summary>
internal sealed record CellContext(MatrixWorld World, string? Caller, string TargetUnit, Target Target);

/// <summary>One row of the matrix: an operation of the OpenAPI document, who may call it and where.</summary>
/// <param name="Key">"METHOD /path" as the OpenAPI document spells it.</param>
/// <param name="Policy">The route policy whose roles may call it (<see cref="PolicyRolesTests.Expected"/>); null when it is public.</param>
/// <param name="Mutates">An allowed call changes its target, so each allowed cell gets a target of its own.</param>
/// <param name="OwnSession">Each cell signs in a client of its own (sign-in and sign-out change the session itself).</param>
internal sealed record Operation(
    string Key, string? Policy, Reach Reach, TargetKind Target, Func<CellContext, Task<object?>>? Body, string Query, bool Mutates, Accepted? Accept, bool OwnSession)
{
    public string Method => Key[..Key.IndexOf(' ', StringComparison.Ordinal)];

    public string Path => Key[(Key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
}

/// <summary>One demo account per role, and the county office: the unit it answers for, and what it oversees (null: the whole platform).</summary>
internal sealed record Caller(string UserName, string OwnUnit, string? Oversees)
{
    public IReadOnlySet<Role> Roles { get; } = DemoData.Accounts.Single(a => a.UserName == UserName).Roles.ToHashSet();
}

/// <summary>
/// The authorisation matrix, written once: for every operation of the API, which policy's roles may call it and whether
/// the unit of its record decides too. <see cref="AuthorisationMatrixTests"/> calls each operation as every caller on a
/// record of each target unit and compares the answer with <see cref="Expect"/>.
/// </summary>
internal static class AuthorisationMatrix
{
    public static readonly Caller[] Callers =
    [
        new("admin", "AL-HC", null), new("agent", "AL-HC", null), new("teamlead", "AL-HC", null), new("sitemanager", "AL-HC", null), new("dispatcher", "AL-HC", null),
        new("callback", "AL-HC", null), new("inspector", "AL-HC", null), new("supervisor", "AL-HC", null), new("expert", "AL-HC", null),
        new("manager", "AL-HC", null), new("handler", "AL-DC-ZJ", "AL-DC-ZJ"), new("liaison", "AL-DC-ZJ", "AL-DC-ZJ"),
        new("unitlead", "AL-DC-ZJ", "AL-DC-ZJ"), new("leader", "AL", null), new("dcoffice", "AL-DC-HO", "AL-DC"),
        new("bianban", "AL-BB", "AL-BB"), // issue 15: the organisation office sees only the orders taken to it
        new("jiwei", "AL-JW", "AL-JW"), // issue 16: the discipline commission sees only the notices escalated to it
    ];

    /// <summary>
    /// The units records belong to: the unit of handler, liaison and unitlead (a unit of 东城区, overseen by dcoffice), a
    /// unit of 西城区 (no demo caller's but the centre's), and 东城区's county hotline office itself (dcoffice's own).
    /// </summary>
    public static readonly string[] TargetUnits = ["AL-DC-ZJ", "AL-XC-CG", "AL-DC-HO"];

    private static readonly Accepted WeakPassword = new(HttpStatusCode.BadRequest, "validation_failed", "a weak new password is refused before anything changes, so the demo accounts keep theirs");

    private static readonly Accepted OtherLevel = new(HttpStatusCode.Forbidden, "work_order.not_hard_case_level", "a hard case is decided at the level it has reached; the other level is refused");

    private static readonly Accepted NotEscalatedHere = new(HttpStatusCode.NotFound, "notice_not_found", "a notice with the centre is seen by the centre; the levels above see it only once it is escalated to them");

    private static readonly Accepted NotSentHere = new(HttpStatusCode.NotFound, "special_report_not_found", "a special report is seen by the centre and by the leader it was sent to");

    private static readonly Accepted NotTheAddressee = new(HttpStatusCode.Forbidden, "special_report_not_addressee", "only the leader the report was sent to instructs on it");

    private static readonly Accepted NoSuchOrder = new(HttpStatusCode.BadRequest, "validation_failed", "an appeal names an order its unit held; the matrix names none, so an allowed caller reaches the check and nothing is written");

    private static readonly Accepted NotALetter = new(HttpStatusCode.NotFound, "letter.not_found", "the target is a web submission, not a mayor's mailbox letter: whoever may publish is told there is no such letter");

    private static readonly Accepted NoCitizenToken = new(HttpStatusCode.Unauthorized, "citizen.token_required", "the citizen API answers a staff session as any caller without a verified phone: a 401 that asks for a code");

    private static readonly TargetKind NoConversation = new("conversation", (_, _) => Task.FromResult(new Target("999999999")));

    private static readonly Accepted NoChatKey = new(HttpStatusCode.NotFound, "chat.not_found", "a conversation is named by the key its browser holds; a caller without it finds none");

    private static readonly Accepted NotTaken = new(HttpStatusCode.NotFound, "chat.not_found", "only the agent who took a conversation reads it, and nobody took the matrix's");

    private static readonly Accepted QueueEmpty = new(HttpStatusCode.Conflict, "chat.queue_empty", "nobody waits in the matrix's queue");

    private static readonly Accepted NotAMobile = new(HttpStatusCode.BadRequest, "validation_failed", "the matrix sends no mobile number, so no SMS goes out and no rate limit is spent");

    private static readonly Accepted Open311NotForm = new(HttpStatusCode.BadRequest, null, "Open311's POST takes form fields; the matrix sends JSON, so nothing is sent to the queue");

    private static readonly Accepted Open311NotFound = new(HttpStatusCode.NotFound, null, "Open311 is public: the matrix names no request or token, so every caller gets the spec's 404 error list");

    private static readonly Accepted NowhereBelow = new(HttpStatusCode.Conflict, "work_order.outside_scope", "a unit with no units below it has nowhere inside its own subtree to pass the order on to");

    public static readonly IReadOnlyDictionary<string, Operation> Operations = new[]
    {
        Op("GET /api/search", P.Staff, query: "?kind=knowledge.article&q=%E5%81%9C%E6%B0%B4"),
        Op("POST /api/callers/history", P.Intake, body: _ => new { phone = "13812345678" }),
        Op("GET /api/work-orders/{id}/routing-suggestions", P.IntakeAssist, Reach.InScope, T.Order(Dispatched)),
        Op("POST /api/repeat-candidates", P.IntakeAssist, body: _ => new { phone = "13812345678", subject = "电梯故障", events = "电梯停运两周" }),
        Op("GET /api/work-orders/{id}/repeat-candidates", P.IntakeAssist, Reach.InScope, T.Order(Dispatched)),
        Op("POST /api/auth/login", null, body: c => new { userName = c.Caller ?? "agent", password = DemoData.DefaultPassword }, ownSession: true),
        Op("POST /api/auth/logout", null, ownSession: true),
        Op("GET /api/auth/me", P.Staff),
        Op("GET /api/home", P.Staff),
        Op("GET /api/notifications", P.Staff),
        Op("POST /api/notifications/{id}/acknowledge", P.Staff, Reach.Addressee, T.Notification, mutates: true, body: Versioned),
        Op("POST /api/auth/change-password", P.Staff, body: _ => new { currentPassword = "not-the-password", newPassword = "weak" }, accept: WeakPassword),

        // Organisation and calendar
        Op("GET /api/units", P.Staff),
        Op("POST /api/units", P.AdministerOrganisation, body: c => new
        {
            code = $"MX-{c.World.Next()}", name = "矩阵测试单位", kind = "department", parentId = c.World.UnitId("AL-DC"), regionCode = "990102",
            liaisons = new[] { new { name = "联络员", phone = "0999-6000000" } },
        }),
        Op("GET /api/units/{id}", P.Staff, Reach.InScope, T.Unit),
        Op("PUT /api/units/{id}", P.AdministerOrganisation, Reach.InScope, T.Unit, bodyAsync: SameUnitAsync),
        Op("GET /api/units/directory", P.Staff),
        Op("POST /api/users/search", P.AdministerOrganisation, body: _ => new { q = "handler" }),
        Op("POST /api/users", P.AdministerOrganisation, body: c => new
        {
            userName = $"matrix{c.World.Next()}", displayName = "矩阵测试", unitId = c.World.UnitId("AL-HC"), roles = new[] { "intakeAgent" }, password = "Good-Password-1",
        }),
        Op("GET /api/users/{id}", P.AdministerOrganisation, target: T.User),
        Op("PUT /api/users/{id}", P.AdministerOrganisation, target: T.User, mutates: true, body: c => new
        {
            displayName = "矩阵测试（改）", unitId = c.World.UnitId("AL-HC"), roles = new[] { "intakeAgent" }, isActive = true, version = c.Target.Version,
        }),
        Op("POST /api/users/{id}/reset-password", P.AdministerOrganisation, target: T.User, body: _ => new { password = "Good-Password-2" }),
        Op("POST /api/users/{id}/unlock", P.AdministerOrganisation, target: T.User),
        Op("GET /api/users/sign-in-events", P.AdministerOrganisation),
        Op("GET /api/calendar/deadline", null, query: "?from=2026-03-02T09:00:00%2B08:00&workingDays=5"),
        Op("GET /api/calendar/years", P.Staff),
        Op("GET /api/calendar/years/{year}", P.Staff, target: T.Year(2026)),
        Op("PUT /api/calendar/years/{year}", P.AdministerCalendar, target: T.Year(2030), body: _ => new { source = "矩阵测试", days = Array.Empty<object>() }),
        Op("DELETE /api/calendar/years/{year}", P.AdministerCalendar, target: T.PublishedYear(2031), mutates: true),
        Op("GET /api/calendar/warnings", P.AdministerCalendar),

        // Knowledge (S10)
        Op("GET /api/knowledge/articles", P.KnowledgeMaintain),
        Op("POST /api/knowledge/articles", P.KnowledgeAuthor, Reach.InScope, T.Unit, body: c => new { ownerUnitId = c.Target.Id, content = ArticleContent(c) }),
        Op("GET /api/knowledge/articles/{id}", P.Staff, target: T.Article(ArticleStage.Published)),
        Op("PUT /api/knowledge/articles/{id}", P.KnowledgeAuthor, Reach.InScope, T.Article(ArticleStage.Draft), mutates: true, body: c => new { content = ArticleContent(c), version = c.Target.Version }),
        Op("POST /api/knowledge/articles/{id}/submit", P.KnowledgeAuthor, Reach.InScope, T.Article(ArticleStage.Draft), mutates: true, body: Versioned),
        Op("POST /api/knowledge/articles/{id}/recall", P.KnowledgeAuthor, Reach.InScope, T.Article(ArticleStage.InReview), mutates: true, body: Versioned),
        Op("POST /api/knowledge/articles/{id}/approve", P.KnowledgeReview, Reach.InScope, T.Article(ArticleStage.InReview), mutates: true, body: Versioned),
        Op("POST /api/knowledge/articles/{id}/reject", P.KnowledgeReview, Reach.InScope, T.Article(ArticleStage.InReview), mutates: true, body: Noted),
        Op("POST /api/knowledge/articles/{id}/withdraw", P.KnowledgeMaintain, Reach.InScope, T.Article(ArticleStage.Published), mutates: true, body: Noted),
        Op("GET /api/knowledge/articles/{id}/timeline", P.KnowledgeMaintain, Reach.InScope, T.Article(ArticleStage.Published)),
        Op("GET /api/knowledge/articles/{id}/versions", P.KnowledgeMaintain, Reach.InScope, T.Article(ArticleStage.Published)),
        Op("POST /api/knowledge/articles/{id}/used", P.Staff, target: T.Article(ArticleStage.Published), body: _ => new { workOrderId = (long?)null }),
        Op("GET /api/knowledge/search", P.Staff, query: "?q=%E5%81%9C%E6%B0%B4"),
        Op("POST /api/knowledge/suggestions", P.Staff, body: _ => new { text = "停水" }),
        Op("GET /api/knowledge/categories", P.Staff),
        Op("POST /api/knowledge/articles/{id}/error-reports", P.Staff, target: T.Article(ArticleStage.Published), body: _ => new { text = "电话号码已变更" }),
        Op("GET /api/knowledge/error-reports", P.KnowledgeMaintain),
        Op("POST /api/knowledge/error-reports/{id}/resolve", P.KnowledgeMaintain, Reach.InScope, T.ErrorReport, mutates: true, body: c => new
        {
            outcome = "noChangeNeeded", note = "核实无误", version = c.Target.Version,
        }),
        Op("GET /api/knowledge/expiry-warnings", P.KnowledgeMaintain),
        Op("GET /api/portal/knowledge", null, query: "?q=%E5%81%9C%E6%B0%B4"),
        Op("GET /api/portal/knowledge/{id}", null, target: T.Article(ArticleStage.Published)),

        // Work orders (S3–S8)
        Op("GET /api/work-orders", P.Staff),
        Op("GET /api/work-orders/export", P.Staff, query: "?number=NO-SUCH-NUMBER"),
        Op("POST /api/work-orders", P.Intake, body: _ => WorkOrderApi.Order()),
        Op("GET /api/work-orders/search", P.Staff, query: "?q=%E7%94%B5%E6%A2%AF"),
        Op("GET /api/work-orders/{id}", P.Staff, Reach.InScope, T.Order(Dispatched)),
        Op("GET /api/work-orders/{id}/timeline", P.Staff, Reach.InScope, T.Order(Dispatched)),
        Op("POST /api/work-orders/{id}/reveal-caller", P.RevealCaller, Reach.AsTheUnit, T.Order(InProgress), body: _ => new { reason = "联系市民核实地址" }),
        Op("POST /api/work-orders/{id}/correct", P.Intake, target: T.Order(AwaitingDispatch), body: _ => WorkOrderApi.Order()),
        Op("POST /api/work-orders/{id}/answer-directly", P.Intake, target: T.Order(SentBackToIntake), mutates: true, body: _ => new { answer = "已按知识库口径答复市民" }),
        // issue 15, intake (S3): handled directly by the centre, the one-go notice
        Op("POST /api/work-orders/{id}/handle-directly", P.Intake, target: T.Order(SentBackToIntake), mutates: true, body: _ => new { centreAction = "中心已联系物业公司处理" }),
        Op("POST /api/work-orders/{id}/one-go-notice", P.Intake, target: T.Order(AwaitingDispatch), body: _ => new { text = "请携带身份证到街道办理" }),
        Op("POST /api/work-orders/{id}/reject-at-intake", P.Intake, target: T.Order(SentBackToIntake), mutates: true, body: _ => new { reason = "statutoryRoute", note = "告知诉讼途径" }),
        Op("POST /api/work-orders/{id}/link-repeat", P.Repeats, target: T.Order(AwaitingDispatch), mutates: true, bodyAsync: async c => new
        {
            earlierId = await c.World.Orders.PlantAsync(AwaitingDispatch, "AL-DC-ZJ", TimeSpan.FromDays(1)),
        }),
        Op("POST /api/work-orders/{id}/merge", P.Merge, target: T.Order(AwaitingDispatch), mutates: true, bodyAsync: async c => new { targetId = await c.World.Orders.PlantAsync(AwaitingDispatch, "AL-DC-ZJ") }),
        Op("POST /api/work-orders/{id}/dispatch", P.Dispatch, target: T.Order(AwaitingDispatch), mutates: true, body: c => new { leadUnitId = c.World.UnitId("AL-DC-ZJ") }),
        Op("POST /api/work-orders/{id}/send-back", P.Dispatch, target: T.Order(AwaitingDispatch), mutates: true, body: _ => new { reason = "correction", note = "补充详细地址" }),
        Op("POST /api/work-orders/{id}/redispatch", P.Redispatch, Reach.InScope, T.Order(InProgress), mutates: true, accept: NowhereBelow, body: c => new
        {
            leadUnitId = c.World.UnitId("AL-DC-DH"), note = "属地街道办理",
        }),
        Op("POST /api/work-orders/{id}/approve-return", P.Dispatch, Reach.InScope, T.Order(Returned), mutates: true, body: _ => new { note = "同意退回" }),
        Op("POST /api/work-orders/{id}/reject-return", P.Dispatch, Reach.InScope, T.Order(Returned), mutates: true, body: _ => new { reason = "属于你单位职责" }),
        Op("POST /api/work-orders/{id}/sign", P.Handle, Reach.AsTheUnit, T.Order(Dispatched), mutates: true),
        Op("POST /api/work-orders/{id}/return", P.Handle, Reach.AsTheUnit, T.Order(InProgress), mutates: true, body: c => new
        {
            reason = "不属本单位职责", basis = "职责清单", suggestedUnitId = c.World.UnitId("AL-WATER"),
        }),
        Op("POST /api/work-orders/{id}/request-extension", P.Handle, Reach.AsTheUnit, T.Order(InProgress), mutates: true, body: _ => new { days = 2, reason = "需协调维保公司" }),
        Op("POST /api/work-orders/{id}/approve-extension", P.ReviewExtension, Reach.InScope, T.Order(PendingExtension), mutates: true),
        Op("POST /api/work-orders/{id}/reject-extension", P.ReviewExtension, Reach.InScope, T.Order(PendingExtension), mutates: true, body: _ => new { reason = "理由不足" }),
        Op("POST /api/work-orders/{id}/progress-report", P.Handle, Reach.AsTheUnit, T.Order(InProgress), body: _ => new { text = "已联系物业", committedDate = "2026-03-06" }),
        Op("POST /api/work-orders/{id}/co-reply", P.Handle, Reach.AsTheUnit, T.Order(CoUnitInProgress), mutates: true, body: _ => new { text = "已协调物业" }),
        Op("POST /api/work-orders/{id}/reply", P.Handle, Reach.AsTheUnit, T.Order(InProgress), mutates: true, body: _ => new
        {
            result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved",
        }),
        // issue 18, attachments: the upload (multipart), downloads and thumbnails in the order's scope, files added to an order
        Op("POST /api/attachments", P.UploadAttachments, body: _ => new { file = "matrix" }, accept: AttachmentTargets.NotAnUpload),
        Op("GET /api/attachments/{id}", P.Staff, Reach.InScope, AttachmentTargets.AttachedFile),
        Op("GET /api/attachments/{id}/thumbnail", P.Staff, Reach.InScope, AttachmentTargets.AttachedFile),
        Op("POST /api/work-orders/{id}/attachments", P.AddAttachments, target: T.Order(AwaitingDispatch), body: _ => new { attachmentIds = new[] { 987_654_321L } }, accept: AttachmentTargets.NoSuchUpload),
        Op("POST /api/work-orders/{id}/accept-reply", P.ReviewReply, Reach.InScope, T.Order(Replied), mutates: true),
        Op("POST /api/work-orders/{id}/reject-reply", P.ReviewReply, Reach.InScope, T.Order(Replied), mutates: true, body: _ => new { reason = "答复不完整" }),
        Op("POST /api/work-orders/{id}/callback", P.Callback, Reach.InScope, T.Order(AwaitingCallback), mutates: true, body: _ => new
        {
            method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied",
        }),
        Op("POST /api/work-orders/{id}/redo", P.Conclude, Reach.InScope, T.Order(CallbackUnsatisfied), mutates: true, body: c => new
        {
            reason = "诉求合理", leadUnitId = c.World.UnitId(c.TargetUnit),
        }),
        Op("POST /api/work-orders/{id}/close", P.Conclude, Reach.InScope, T.Order(AwaitingCallback), mutates: true, body: _ => new { reason = "policyCompliant", note = "答复符合政策" }),
        Op("POST /api/work-orders/{id}/archive", P.Archive, Reach.InScope, T.Order(Closed), mutates: true),
        Op("POST /api/work-orders/{id}/remind", P.Supervise, Reach.InScope, T.Order(Dispatched), body: _ => new { text = "请加快办理" }),

        // Emergency work orders (S4, issue 15)
        Op("POST /api/work-orders/{id}/raise-emergency", P.Intake, target: T.Order(AwaitingDispatch), mutates: true, body: _ => new { note = "矩阵测试" }),
        Op("POST /api/work-orders/{id}/confirm-emergency", P.CheckEmergency, target: T.Order(EmergencyRaised), mutates: true),
        Op("POST /api/work-orders/{id}/dismiss-emergency", P.CheckEmergency, target: T.Order(EmergencyRaised), mutates: true, body: _ => new { reason = "经核实不属紧急事项" }),
        Op("POST /api/work-orders/{id}/record-emergency-call", P.Dispatch, target: T.Order(EmergencyRaised), body: _ => new { department = "市水务局", contact = "值班室", agreed = "立即派员处置" }),
        Op("POST /api/work-orders/{id}/report-emergency", P.ReportEmergency, target: T.Order(EmergencyConfirmed), body: _ => new { departments = new[] { "市政府办公室" } }),
        Op("GET /api/work-orders/{id}/emergency-plan", P.Dispatch, target: T.Order(EmergencyRaised)),
        Op("GET /api/duty-roster", P.Staff),
        Op("GET /api/duty-roster/now", P.Staff),
        Op("GET /api/duty-roster/candidates", P.EditDutyRoster),
        Op("PUT /api/duty-roster/{date}", P.EditDutyRoster, target: T.RosterDate, mutates: true, bodyAsync: async c => new
        {
            shift = "day", siteManagerUserId = (await (await c.World.As("manager")).GetAsync("/api/duty-roster/candidates").ShouldBeOk()).GetProperty("siteManagers")[0].GetProperty("id").GetInt64(),
        }),
        Op("GET /api/emergency-plans", P.ReadCatalogue),
        Op("POST /api/emergency-plans", P.ManageEmergencyPlans, bodyAsync: async c => new
        {
            categoryCode = (await T.Category.Make(c.World, "AL-HC")).Value, name = "矩阵测试预案", leadUnitId = c.World.UnitId("AL-WATER"), leadContact = "调度室",
        }),
        Op("PUT /api/emergency-plans/{id}", P.ManageEmergencyPlans, target: T.EmergencyPlan, mutates: true, bodyAsync: async c => new
        {
            categoryCode = (await T.Category.Make(c.World, "AL-HC")).Value, name = "矩阵测试预案（改）", leadUnitId = c.World.UnitId("AL-WATER"), leadContact = "调度室", version = c.Target.Version,
        }),
        Op("DELETE /api/emergency-plans/{id}", P.ManageEmergencyPlans, target: T.EmergencyPlan, mutates: true),
        // issue 15: hard cases, responsibility disputes, coordination by the government, lateness judged
        Op("POST /api/work-orders/{id}/escalate-hard-case", P.EscalateHardCase, target: T.Order(AwaitingDispatch), mutates: true, accept: OtherLevel, body: _ => new { reason = "职责不清" }),
        Op("POST /api/work-orders/{id}/dispatch-hard-case", P.DecideHardCase, target: T.Order(HardCaseAtTeamLeader), mutates: true, accept: OtherLevel, body: c => new
        {
            leadUnitId = c.World.UnitId("AL-DC-ZJ"),
        }),
        Op("POST /api/work-orders/{id}/send-back-hard-case", P.DecideHardCase, target: T.Order(HardCaseAtTeamLeader), mutates: true, accept: OtherLevel, body: _ => new
        {
            reason = "correction", note = "补充详细地址",
        }),
        Op("POST /api/work-orders/{id}/convene-units", P.DecideHardCase, target: T.Order(HardCaseAtTeamLeader), accept: OtherLevel, body: c => new
        {
            unitIds = new[] { c.World.UnitId("AL-DC-ZJ"), c.World.UnitId("AL-XC-CG") }, heldOn = "2026-02-02", outcome = "住建局牵头",
        }),
        Op("POST /api/work-orders/{id}/request-arbitration", P.Handle, Reach.AsTheUnit, T.Order(ReturnRejected), mutates: true, body: _ => new { reason = "三定方案未列此项" }),
        Op("POST /api/work-orders/{id}/decide-arbitration", P.Arbitrate, target: T.Order(InArbitration), mutates: true, body: c => new
        {
            unitId = c.World.UnitId("AL-XC-CG"), decision = "由西城区城管局负责",
        }),
        Op("POST /api/work-orders/{id}/report-to-government", P.Handle, Reach.AsTheUnit, T.Order(InProgress), mutates: true, body: _ => new { matter = "需多部门协调" }),
        Op("POST /api/work-orders/{id}/record-coordination", P.Handle, Reach.AsTheUnit, T.Order(CoordinationOpen), mutates: true, body: _ => new { result = "区政府已协调" }),
        Op("POST /api/work-orders/{id}/explain-lateness", P.Handle, Reach.AsTheUnit, T.Order(RepliedLate), mutates: true, body: _ => new { reason = "等待检测结果" }),
        Op("POST /api/work-orders/{id}/judge-lateness", P.Supervise, Reach.InScope, T.Order(RepliedLate), mutates: true, body: _ => new
        {
            judgement = "withoutGoodReason", note = "无正当理由",
        }),

        // issue 16: multi-unit cases convened, the escalation chain, special reports to leaders
        Op("POST /api/work-orders/{id}/convene-lead", P.ConveneLead, Reach.InScope, T.Order(InProgress), mutates: true, body: c => new
        {
            unitIds = new[] { c.World.UnitId(c.TargetUnit), c.World.UnitId("AL-XC-ZJ") }, leadUnitId = c.World.UnitId("AL-XC-ZJ"), heldOn = "2026-03-02", outcome = "西城区住建局牵头",
        }),
        Op("GET /api/supervision/escalated", P.Escalation),
        Op("GET /api/supervision/notices/{id}/escalation", P.Escalation, target: T.EscalationNotice, accept: NotEscalatedHere),
        Op("POST /api/supervision/notices/{id}/escalate", P.Escalation, target: T.EscalationNotice, mutates: true, accept: NotEscalatedHere, body: c => new
        {
            to = "organisationOffice", reason = "逾期未整改", handOver = "请督促落实", version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/joint-handling", P.Escalation, target: T.EscalationNotice, mutates: true, accept: NotEscalatedHere, body: c => new
        {
            partners = new[] { "petitionsBureau" }, agreed = "信访局接访化解", agreedOn = "2026-03-02", version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/special-reports", P.SpecialReports, target: T.EscalationNotice, accept: NotEscalatedHere),
        Op("GET /api/supervision/special-reports", P.SpecialReports),
        Op("GET /api/supervision/special-reports/leaders", P.SpecialReports),
        Op("GET /api/supervision/special-reports/{id}", P.SpecialReports, target: T.DraftReport, accept: NotSentHere),
        Op("PUT /api/supervision/special-reports/{id}", P.SpecialReports, target: T.DraftReport, mutates: true, accept: NotSentHere, body: c => new
        {
            title = "矩阵测试专报", body = "正文", version = c.Target.Version,
        }),
        Op("POST /api/supervision/special-reports/{id}/send", P.SpecialReports, target: T.DraftReport, mutates: true, accept: NotSentHere, bodyAsync: async c => new
        {
            leaderUserId = (await (await c.World.As("supervisor")).GetAsync("/api/supervision/special-reports/leaders").ShouldBeOk())[0].GetProperty("id").GetInt64(),
            version = c.Target.Version,
        }),
        Op("POST /api/supervision/special-reports/{id}/instruction", P.SpecialReports, target: T.SentReport, mutates: true, accept: NotTheAddressee, body: c => new
        {
            text = "请限期解决", unitId = c.World.UnitId(c.TargetUnit), deadlineWorkingDays = 5, version = c.Target.Version,
        }),
        Op("GET /api/supervision/special-reports/{id}/docx", P.SpecialReports, target: T.DraftReport, accept: NotSentHere),
        Op("GET /api/supervision/special-reports/{id}/print", P.SpecialReports, target: T.DraftReport, accept: NotSentHere),

        // issue 17, the assessment core: scores, a unit's figures and the orders behind them, in scope; rules; appeals
        Op("GET /api/assessment/formulas", P.ReadAssessment),
        Op("GET /api/assessment/scores", P.ReadAssessment, query: "?year=2026&month=3"),
        Op("GET /api/assessment/units/{unitId}", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3"),
        Op("GET /api/assessment/units/{unitId}/orders", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3&formula=on-time-completion&part=denominator"),
        Op("GET /api/assessment/units/{unitId}/ledger", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3&formula=supervision-notices"),
        Op("GET /api/assessment/units/{unitId}/ledger/export", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3&formula=supervision-notices"),
        Op("GET /api/assessment/scores/export", P.ReadAssessment, query: "?year=2026&month=3"),
        Op("GET /api/assessment/units/{unitId}/export", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3"),
        Op("GET /api/assessment/units/{unitId}/orders/export", P.ReadAssessment, Reach.InScope, T.Unit, query: "?year=2026&month=3&formula=on-time-completion&part=denominator"),
        Op("POST /api/assessment/rollups/rebuild", P.RebuildAssessment),
        Op("GET /api/assessment/rules", P.ReadAssessment),
        Op("POST /api/assessment/rules", P.ManageAssessmentRules, body: c => new
        {
            effectiveFrom = new DateOnly(2030, 1, 1).AddDays(c.World.Next()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            responseWeight = 30, solveWeight = 35, satisfactionWeight = 35, excludeInvalid = true, excludeDuplicate = true, excludeUnreasonable = true, excludeExempt = true,
        }),
        Op("GET /api/assessment/appeals", P.ReadAssessment),
        Op("POST /api/assessment/appeals", P.FileAssessmentAppeal, body: _ => new { workOrderNumber = "NO-SUCH-ORDER", formula = "on-time-completion", reason = "矩阵测试", evidence = "矩阵测试" }, accept: NoSuchOrder),
        Op("POST /api/assessment/appeals/{id}/decision", P.DecideAssessmentAppeal, Reach.InScope, ST.Appeal, mutates: true, body: c => new { approve = false, note = "矩阵测试", version = c.Target.Version }),

        // Dispatch catalogue and deadline rules (S4)
        Op("GET /api/categories", P.Staff),
        Op("POST /api/categories", P.AdministerOrganisation, body: c => new { code = c.World.NewCategoryCode(), name = "矩阵测试类别", parentCode = "97" }),
        Op("PUT /api/categories/{code}", P.AdministerOrganisation, target: T.Category, mutates: true, body: c => new { name = "矩阵测试类别（改）", version = c.Target.Version }),
        Op("GET /api/dispatch-catalogue", P.ReadCatalogue),
        Op("POST /api/dispatch-catalogue", P.AdministerOrganisation, body: c => new { categoryCode = "97", regionCode = c.World.UniqueRegion(), unitId = c.World.UnitId("AL-DC-ZJ") }),
        Op("GET /api/dispatch-catalogue/proposal", P.ReadCatalogue, query: "?categoryCode=010101&regionCode=990102001"),
        Op("PUT /api/dispatch-catalogue/{id}", P.AdministerOrganisation, target: T.CatalogueEntry, mutates: true, body: c => new
        {
            categoryCode = "97", regionCode = c.World.UniqueRegion(), unitId = c.World.UnitId("AL-DC-ZJ"), version = c.Target.Version,
        }),
        Op("DELETE /api/dispatch-catalogue/{id}", P.AdministerOrganisation, target: T.CatalogueEntry, mutates: true),
        Op("GET /api/deadline-rules", P.Staff),
        Op("POST /api/deadline-rules", P.AdministerOrganisation, body: _ => new { categoryCode = "97", handlingWorkingDays = 5, callbackWorkingDays = 3 }),
        Op("PUT /api/deadline-rules/{id}", P.AdministerOrganisation, target: T.DeadlineRule, mutates: true, body: c => new
        {
            categoryCode = "97", handlingWorkingDays = 4, callbackWorkingDays = 3, version = c.Target.Version,
        }),
        Op("DELETE /api/deadline-rules/{id}", P.AdministerOrganisation, target: T.DeadlineRule, mutates: true),

        // Supervision, smart dispatch, analysis (S7, S8, S11)
        Op("GET /api/supervision/wallboard", P.Oversee),
        Op("GET /api/supervision/reminders", P.Oversee),
        // issue 16: supervision notices (督办单), the ledger, the public listing
        Op("POST /api/supervision/notices", P.SuperviseNotices, body: c => new
        {
            unitIds = new[] { c.World.UnitId("AL-DC-ZJ") }, reason = "矩阵测试", demand = "请整改", deadlineWorkingDays = 5, method = "document",
        }),
        Op("GET /api/supervision/notices", P.ReadNotices),
        Op("GET /api/supervision/notices/by-unit", P.ReadNotices, query: "?from=2026-01-01&to=2026-12-31"),
        Op("GET /api/supervision/notices/export", P.ReadNotices, query: "?state=issued"),
        Op("GET /api/assessment/agents", P.ReadAgentPerformance, query: "?from=2026-03-01&to=2026-03-31"), // issue 17
        Op("GET /api/assessment/agents/export", P.ReadAgentPerformance, query: "?from=2026-03-01&to=2026-03-31"),
        Op("GET /api/assessment/sampling/template", P.ReadSampling),
        Op("POST /api/assessment/sampling/batches", P.ImportSampling, body: _ => new { file = "matrix" }, accept: AssessmentTargets.NotMultipart),
        Op("GET /api/assessment/sampling/batches", P.ReadSamplingBatches),
        Op("GET /api/assessment/sampling/batches/{id}/rejects", P.ReadSamplingBatches, target: AssessmentTargets.SamplingBatch),
        Op("GET /api/assessment/sampling/rates", P.ReadSampling, query: "?from=2026-03-01&to=2026-03-31"),
        // S14: quality inspection (质检)
        Op("GET /api/quality-inspections", P.ReadQualityInspections, query: "?stage=intake&state=pending"),
        Op("GET /api/quality-inspections/export", P.ReadQualityInspections, query: "?from=2026-03-01&to=2026-03-31"),
        Op("GET /api/quality-inspections/{id}", P.ReadQualityInspections, Reach.InScope, QualityTargets.Inspection, accept: QualityTargets.NotTheirs),
        Op("POST /api/quality-inspections/draws", P.InspectQuality, body: _ => new { stage = "intake", from = "2026-03-01", to = "2026-03-01", perAgent = 1 }),
        Op("POST /api/quality-inspections/{id}/score", P.InspectQuality, Reach.InScope, QualityTargets.Inspection, mutates: true, body: QualityTargets.FullScore),
        Op("GET /api/quality-inspections/checklists", P.ReadQualityInspections),
        Op("PUT /api/quality-inspections/checklists/{stage}", P.InspectQuality, target: new TargetKind("stage", (_, _) => Task.FromResult(new Target("intake"))), body: QualityTargets.DefaultChecklist),
        // S1: the register of merged hotline numbers (热线归并)
        Op("GET /api/merged-hotlines", P.ReadMergedHotlines),
        Op("POST /api/merged-hotlines", P.ManageMergedHotlines, body: c => new
        {
            number = $"9600{c.World.Next():D6}", name = "矩阵测试热线", ownerUnitId = c.World.UnitId("AL-ZJ"), ownerLevel = "national", mode = "whole", since = "2026-01-01", until = "2026-02-01",
        }),
        Op("PUT /api/merged-hotlines/{id}/until", P.ManageMergedHotlines, target: MergedHotlineTargets.MergedHotline, mutates: true, body: c => new { until = "2026-05-31", version = c.Target.Version }),
        Op("POST /api/merged-hotlines/{id}/go-live", P.ManageMergedHotlines, target: MergedHotlineTargets.MergedHotline, mutates: true, body: c => new { outcome = "forward", on = "2026-06-30", version = c.Target.Version }),
        Op("GET /api/supervision/notices/{id}", P.ReadNotices, Reach.InScope, T.Notice(NoticeStage.Issued)),
        Op("POST /api/supervision/notices/{id}/sign", P.AnswerNotices, Reach.AsTheUnit, T.Notice(NoticeStage.Issued), mutates: true, body: Versioned),
        Op("POST /api/supervision/notices/{id}/answer", P.AnswerNotices, Reach.AsTheUnit, T.Notice(NoticeStage.InHand), mutates: true, body: c => new
        {
            measures = "已整改", version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/accept", P.SuperviseNotices, Reach.InScope, T.Notice(NoticeStage.Answered), mutates: true, body: Versioned),
        Op("POST /api/supervision/notices/{id}/reject", P.SuperviseNotices, Reach.InScope, T.Notice(NoticeStage.Answered), mutates: true, body: c => new
        {
            reason = "措施不具体", version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/remind", P.SuperviseNotices, Reach.InScope, T.Notice(NoticeStage.Issued), mutates: true, body: c => new
        {
            text = "请尽快签收", version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/list", P.SuperviseNotices, Reach.InScope, T.Notice(NoticeStage.InHand), mutates: true, body: c => new
        {
            publicMatter = "矩阵测试事项", listingDeadline = c.World.ListingDeadline(), inMedia = false, version = c.Target.Version,
        }),
        Op("POST /api/supervision/notices/{id}/delist", P.SuperviseNotices, Reach.InScope, T.Notice(NoticeStage.Listed), mutates: true, body: c => new
        {
            reason = "已整改", version = c.Target.Version,
        }),
        Op("GET /api/public/supervision-listings", null),
        Op("POST /api/routing/suggestions", P.IntakeAssist, body: _ => new { subject = "电梯故障", events = "小区电梯停运两周" }),
        Op("GET /api/routing/acceptance", P.Oversee),
        Op("GET /api/routing/models", P.ManageSmartDispatch),
        Op("GET /api/routing/models/{id}", P.ManageSmartDispatch, target: T.Model),
        Op("POST /api/routing/models/train", P.ManageSmartDispatch, body: _ => new { activate = false }),
        Op("POST /api/routing/models/{id}/activate", P.ManageSmartDispatch, target: T.Model),
        Op("GET /api/hot-spots", P.Oversee),
        Op("GET /api/hot-spots/{id}", P.Oversee, target: T.HotSpot),
        Op("POST /api/hot-spots/run", P.RunHotSpots),
        Op("GET /api/early-warnings", P.EarlyWarnings),
        Op("GET /api/early-warnings/{id}", P.EarlyWarnings, Reach.InScope, T.Warning),
        Op("POST /api/early-warnings/{id}/acknowledge", P.EarlyWarnings, Reach.InScope, T.Warning, mutates: true, body: Versioned),

        // issue 17: the S11 dashboards (each caller's figures on its own scope)
        Op("GET /api/dashboards/volume", P.Dashboards, query: "?from=2026-03-01&to=2026-03-02&grain=day"),
        Op("GET /api/dashboards/breakdown", P.Dashboards, query: "?dimension=category&from=2026-03-01&to=2026-03-02"),
        Op("GET /api/dashboards/rising", P.Dashboards, query: "?from=2026-03-01&to=2026-03-02"),
        Op("GET /api/dashboards/forecast", P.Dashboards, query: "?dimension=region"),
        Op("GET /api/dashboards/volume/export", P.Dashboards, query: "?from=2026-03-01&to=2026-03-02&grain=day"),
        Op("GET /api/dashboards/breakdown/export", P.Dashboards, query: "?dimension=category&from=2026-03-01&to=2026-03-02"),
        Op("GET /api/dashboards/rising/export", P.Dashboards, query: "?from=2026-03-01&to=2026-03-02"),
        Op("GET /api/dashboards/forecast/export", P.Dashboards, query: "?dimension=region"),
        Op("GET /api/dashboards/scores-trend", P.ReadAssessment, query: "?from=2026-01-01&to=2026-03-31"),
        Op("GET /api/dashboards/scores-trend/export", P.ReadAssessment, query: "?from=2026-01-01&to=2026-03-31"),

        // issue 16, supervision proposals and the key difficult issues store
        Op("GET /api/supervision/proposals", P.SupervisionProposals),
        Op("POST /api/supervision/proposals/{id}/open", P.SupervisionProposals, Reach.InScope, T.Proposal, mutates: true, body: Versioned),
        Op("POST /api/supervision/proposals/{id}/dismiss", P.SupervisionProposals, Reach.InScope, T.Proposal, mutates: true, body: c => new { version = c.Target.Version, reason = "矩阵测试" }),
        Op("GET /api/supervision/triggers", P.ReadSupervisionTriggers),
        Op("PUT /api/supervision/triggers/{code}", P.ManageSupervisionTriggers, target: T.Trigger, bodyAsync: async c => new
        {
            version = (await (await c.World.As("manager")).GetAsync("/api/supervision/triggers").ShouldBeOk()).EnumerateArray().Single(t => t.GetProperty("code").GetString() == "falling-rank").GetProperty("version").GetInt64(),
        }),
        Op("GET /api/supervision/difficult-issues", P.SupervisionProposals),
        Op("GET /api/supervision/difficult-issues/{id}", P.SupervisionProposals, Reach.InScope, T.DifficultIssue),
        Op("POST /api/supervision/difficult-issues", P.SupervisionProposals, body: c => new { title = "矩阵测试事项", description = "矩阵测试", unitId = c.World.UnitId("AL-DC-ZJ") }),
        Op("PUT /api/supervision/difficult-issues/{id}", P.SupervisionProposals, Reach.InScope, T.DifficultIssue, mutates: true, body: c => new
        {
            title = "矩阵测试事项（改）", description = "矩阵测试", unitId = c.World.UnitId(c.TargetUnit), version = c.Target.Version,
        }),
        Op("POST /api/supervision/difficult-issues/{id}/resolve", P.SupervisionProposals, Reach.InScope, T.DifficultIssue, mutates: true, body: c => new { version = c.Target.Version, resolution = "已解决" }),
        Op("POST /api/supervision/difficult-issues/{id}/open-notice", P.SupervisionProposals, Reach.InScope, T.DifficultIssue, body: _ => new { demand = "请答复", deadlineWorkingDays = 5 }),
        // Correction and accountability (S8, issue 16)
        Op("GET /api/supervision/corrections", P.ReadCorrections),
        Op("POST /api/supervision/corrections", P.SuperviseCorrection, body: c => new { unitId = c.World.UnitId("AL-DC-ZJ"), suggestions = "请建立退单审核制度", deadlineWorkingDays = 5 }),
        Op("GET /api/supervision/corrections/{id}", P.ReadCorrections, Reach.InScope, ST.Correction(CorrectionStage.Issued)),
        Op("GET /api/supervision/corrections/{id}/timeline", P.ReadCorrections, Reach.InScope, ST.Correction(CorrectionStage.Issued)),
        Op("POST /api/supervision/corrections/{id}/accept", P.RespondCorrection, Reach.AsTheUnit, ST.Correction(CorrectionStage.Issued), mutates: true, body: Versioned),
        Op("POST /api/supervision/corrections/{id}/report", P.RespondCorrection, Reach.AsTheUnit, ST.Correction(CorrectionStage.Issued), mutates: true, body: c => new
        {
            report = "已建立退单审核制度", evidence = "制度文件", version = c.Target.Version,
        }),
        Op("POST /api/supervision/corrections/{id}/refuse", P.RespondCorrection, Reach.AsTheUnit, ST.Correction(CorrectionStage.Issued), mutates: true, body: c => new
        {
            reason = "不属本单位职责", version = c.Target.Version,
        }),
        Op("POST /api/supervision/corrections/{id}/check", P.SuperviseCorrection, Reach.InScope, ST.Correction(CorrectionStage.Reported), mutates: true, body: c => new
        {
            outcome = "passed", version = c.Target.Version,
        }),
        Op("POST /api/supervision/corrections/{id}/circular", P.SuperviseCorrection, Reach.InScope, ST.Correction(CorrectionStage.Refused), mutates: true, body: c => new
        {
            facts = "拒不整改", text = "予以通报", version = c.Target.Version,
        }),
        Op("POST /api/supervision/misconduct", P.SuperviseCorrection, body: c => new { unitId = c.World.UnitId("AL-DC-ZJ"), code = "slowAction", sanction = "interview", facts = "多次逾期签收" }),
        Op("GET /api/supervision/misconduct", P.ReadMisconduct),
        Op("GET /api/supervision/misconduct/by-unit", P.ReadMisconduct, query: "?from=2026-01-01&to=2026-12-31"),
        Op("POST /api/supervision/circulars/generate", P.SuperviseCorrection, query: "?month=2026-02"),
        Op("GET /api/supervision/circulars", P.ReadCorrections),
        Op("GET /api/supervision/circulars/{id}", P.ReadCorrections, Reach.InScope, ST.Circular),
        Op("GET /api/supervision/circulars/{id}/print", P.ReadCorrections, Reach.InScope, ST.Circular),
        // The analysis report (分析专报, issue 17): figures and drafts on the caller's scope, saved reports in scope, their prints
        Op("GET /api/assessment/reports/draft", P.ReadAnalysisReports, query: "?year=2026&month=3"),
        Op("GET /api/assessment/reports/draft/docx", P.ReadAnalysisReports, query: "?year=2026&month=3"),
        Op("GET /api/assessment/reports/draft/html", P.ReadAnalysisReports, query: "?year=2026&month=3"),
        Op("GET /api/assessment/reports", P.ReadAnalysisReports),
        Op("POST /api/assessment/reports", P.WriteAnalysisReports, body: _ => new
        {
            year = 2026, month = 3, title = "矩阵测试专报",
            sections = new { volume = "", categories = "", regions = "", hotSpots = "", rates = "", rankings = "", interviews = "" },
        }),
        Op("GET /api/assessment/reports/{id}", P.ReadAnalysisReports, Reach.InScope, AT.Report),
        Op("PUT /api/assessment/reports/{id}", P.WriteAnalysisReports, Reach.InScope, AT.Report, mutates: true, body: c => new { title = "矩阵测试专报（改）", version = c.Target.Version }),
        Op("GET /api/assessment/reports/{id}/docx", P.ReadAnalysisReports, Reach.InScope, AT.Report),
        Op("GET /api/assessment/reports/{id}/html", P.ReadAnalysisReports, Reach.InScope, AT.Report),

        // Rankings, the interview list, targets, qualitative items, circulation (S9, issue 17)
        Op("GET /api/assessment/rankings", P.ReadRankings, query: "?month=2026-02"),
        Op("GET /api/assessment/rankings/export", P.ReadRankings, query: "?month=2026-02"),
        Op("GET /api/assessment/ranking-settings", P.ReadRankings),
        Op("POST /api/assessment/ranking-settings", P.ManageRankings, body: _ => new { key = "callbackTarget", value = 99, effectiveFrom = "2026-04" }),
        Op("GET /api/assessment/interviews", P.ReadRankings),
        Op("POST /api/assessment/interviews/propose", P.ManageRankings, query: "?month=2026-02"),
        Op("POST /api/assessment/interviews/{id}/confirm", P.ManageRankings, Reach.InScope, AT.Interview(Hotline.Domain.Assessment.InterviewState.Proposed), mutates: true, body: Versioned),
        Op("POST /api/assessment/interviews/{id}/dismiss", P.ManageRankings, Reach.InScope, AT.Interview(Hotline.Domain.Assessment.InterviewState.Proposed), mutates: true, body: c => new { reason = "矩阵测试", version = c.Target.Version }),
        Op("POST /api/assessment/interviews/{id}/record", P.ManageRankings, Reach.InScope, AT.Interview(Hotline.Domain.Assessment.InterviewState.Confirmed), mutates: true, body: c => new
        {
            date = "2026-03-01", interviewer = "分管副市长", unitHead = "单位主要负责人", outcome = "限期整改", version = c.Target.Version,
        }),
        Op("GET /api/assessment/qualitative", P.ReadRankings, query: "?month=2026-02"),
        Op("POST /api/assessment/qualitative", P.ManageRankings, body: c => new { unitId = c.World.UnitId("AL-XC-CG"), month = AT.Month(c.World.Next() + 500), item = "rulesMade", points = 1, reason = "矩阵测试" }),
        Op("PUT /api/assessment/qualitative/{id}", P.ManageRankings, Reach.InScope, AT.Qualitative, mutates: true, body: c => new { points = 2, reason = "矩阵测试", version = c.Target.Version }),
        Op("POST /api/assessment/circulations", P.ManageRankings, body: c => new { month = AT.Month(c.World.Next() + 700) }),
        Op("GET /api/assessment/circulations", P.ReadRankings),
        Op("GET /api/assessment/circulations/{month}", P.ReadRankings, target: AT.Circulated),
        Op("GET /api/assessment/targets", P.ReadRankings, query: "?month=2026-02"),
        Op("GET /api/assessment/targets/export", P.ReadRankings, query: "?month=2026-02"),
        Op("GET /api/assessment/interviews/export", P.ReadRankings),
        Op("GET /api/assessment/qualitative/export", P.ReadRankings, query: "?month=2026-02"),
        Op("GET /api/assessment/circulations/{month}/export", P.ReadRankings, target: AT.Circulated),
        Op("GET /api/assessment/sampling/rates/export", P.ReadSampling, query: "?from=2026-03-01&to=2026-03-31"),

        // Issue 18: the citizen API (public: the channel key and the citizen token decide), the online intake queue, channel keys
        Op("POST /api/citizen/codes", null, body: _ => new { phone = "12345", purpose = "track" }, accept: NotAMobile),
        Op("POST /api/citizen/codes/verify", null, body: _ => new { phone = "12345", purpose = "track", code = "000000" }, accept: NotAMobile),
        Op("GET /api/citizen/categories", null),
        Op("GET /api/citizen/regions", null),
        Op("POST /api/citizen/submissions", null, body: _ => new { requestType = "complaint" }, accept: NoCitizenToken),
        Op("GET /api/citizen/submissions", null, accept: NoCitizenToken),
        Op("GET /api/citizen/submissions/{number}", null, target: new TargetKind("submission number", (_, _) => Task.FromResult(new Target("W202603020000000000"))), accept: NoCitizenToken),
        Op("POST /api/citizen/submissions/{number}/rating", null, target: new TargetKind("submission number", (_, _) => Task.FromResult(new Target("W202603020000000000"))), accept: NoCitizenToken),
        Op("POST /api/citizen/uploads", null, body: _ => new { file = "matrix" }, accept: NoCitizenToken), // issue 18, photos
        Op("POST /api/citizen/submissions/{number}/service-rating", null, target: new TargetKind("submission number", (_, _) => Task.FromResult(new Target("W202603020000000000"))), accept: NoCitizenToken), // issue 18, 好差评
        Op("GET /api/service-ratings/bad", P.FollowUpServiceRatings),
        Op("POST /api/service-ratings/{id}/follow-up", P.FollowUpServiceRatings, Reach.InScope, CitizenTargets.BadRating, mutates: true, body: c => new { outcome = "verified", note = "矩阵测试", version = c.Target.Version }),
        Op("GET /api/citizen/uploads/{id}/thumbnail", null, target: new TargetKind("citizen upload", (_, _) => Task.FromResult(new Target("1"))), accept: NoCitizenToken),
        Op("POST /api/development/citizen-codes/last", null, body: _ => new { phone = "13900000000" }),
        // Issue 18: online customer service. The citizen's side is public (the conversation key decides); the agents' side by role,
        // and a conversation is read only by the agent who took it (the matrix's conversation was taken by nobody).
        Op("POST /api/citizen/chat", null),
        Op("GET /api/citizen/chat/{id}", null, target: NoConversation, accept: NoChatKey),
        Op("POST /api/citizen/chat/{id}/messages", null, target: NoConversation, body: _ => new { text = "你好" }, accept: NoChatKey),
        Op("POST /api/citizen/chat/{id}/handover", null, target: NoConversation, accept: NoChatKey),
        Op("POST /api/citizen/chat/{id}/ticket", null, target: NoConversation, accept: NoChatKey),
        Op("POST /api/citizen/chat/{id}/close", null, target: NoConversation, accept: NoChatKey),
        Op("GET /api/chat/queue", P.OnlineChat),
        Op("POST /api/chat/availability", P.OnlineChat, body: _ => new { availability = "away" }),
        Op("POST /api/chat/take-next", P.OnlineChat, accept: QueueEmpty),
        Op("GET /api/chat/conversations/{id}", P.OnlineChat, target: NoConversation, accept: NotTaken),
        Op("POST /api/chat/conversations/{id}/messages", P.OnlineChat, target: NoConversation, body: _ => new { text = "您好" }, accept: NotTaken),
        Op("POST /api/chat/conversations/{id}/reveal", P.OnlineChat, target: NoConversation, body: _ => new { reason = "矩阵测试" }, accept: NotTaken),
        Op("GET /api/chat/conversations/{id}/history", P.OnlineChat, target: NoConversation, accept: NotTaken),
        Op("POST /api/chat/conversations/{id}/work-order", P.OnlineChat, target: NoConversation, body: _ => new { version = 0 }, accept: NotTaken),
        Op("POST /api/chat/conversations/{id}/close", P.OnlineChat, target: NoConversation, body: _ => new { version = 0 }, accept: NotTaken),
        Op("GET /api/chat/handover-rates", P.ChatFigures, query: "?from=2026-03-01&to=2026-03-02"),
        Op("GET /api/work-orders/{id}/chat", P.Staff, Reach.InScope, T.Order(Dispatched)),
        Op("GET /api/online-intake", P.OnlineIntake),
        Op("GET /api/online-intake/{id}", P.OnlineIntake, target: CitizenTargets.Submission),
        Op("POST /api/online-intake/{id}/accept", P.OnlineIntake, target: CitizenTargets.Submission, mutates: true, body: CitizenTargets.Acceptance),
        Op("POST /api/online-intake/{id}/refuse", P.OnlineIntake, target: CitizenTargets.Submission, mutates: true, body: c => new { reason = "statutoryRoute", version = c.Target.Version }),
        // Issue 18: Open311 GeoReport v2 (public; a channel key decides a POST). A target fills the first path parameter: for
        // two, it names the first and ends the path (the rest becomes the query).
        Op("GET /open311/v2/discovery.{format}", null, target: Open311Target("json")),
        Op("GET /open311/v2/services.{format}", null, target: Open311Target("json")),
        Op("GET /open311/v2/services/{code}.{format}", null, target: Open311Target("0101.xml?x=")),
        Op("POST /open311/v2/requests.{format}", null, target: Open311Target("json"), accept: Open311NotForm),
        Op("GET /open311/v2/requests.{format}", null, target: Open311Target("xml")),
        Op("GET /open311/v2/requests/{id}.{format}", null, target: Open311Target("NOPE.json?x="), accept: Open311NotFound),
        Op("GET /open311/v2/tokens/{token}.{format}", null, target: Open311Target("W000.json?x="), accept: Open311NotFound),
        Op("GET /api/channel-keys", P.AdministerChannelKeys),
        Op("POST /api/channel-keys", P.AdministerChannelKeys, body: _ => new { name = "矩阵测试", channel = "app" }),
        Op("POST /api/channel-keys/{id}/rotate", P.AdministerChannelKeys, target: CitizenTargets.Key, mutates: true, body: Versioned),
        Op("POST /api/channel-keys/{id}/revoke", P.AdministerChannelKeys, target: CitizenTargets.Key, mutates: true, body: Versioned),

        // Issue 18: the mayor's mailbox, the interception of internet submissions
        Op("POST /api/citizen/mailbox/letters", null, body: _ => new { title = "矩阵测试" }, accept: NoCitizenToken),
        Op("GET /api/portal/mailbox/letters", null),
        Op("GET /api/portal/mailbox/letters/{id}", null, target: new TargetKind("published letter", (_, _) => Task.FromResult(new Target("1"))), accept: new(HttpStatusCode.NotFound, "letter.not_found", "no letter is published in the matrix's world")),
        Op("GET /api/mailbox/letters", P.PublishLetters),
        Op("GET /api/mailbox/letters/{submissionId}/proposal", P.PublishLetters, target: CitizenTargets.Submission, accept: NotALetter),
        Op("POST /api/mailbox/letters/{submissionId}/publish", P.PublishLetters, target: CitizenTargets.Submission, body: _ => new { title = "矩阵测试", letter = "矩阵测试", reply = "矩阵测试" }, accept: NotALetter),
        Op("POST /api/mailbox/letters/{submissionId}/unpublish", P.PublishLetters, target: CitizenTargets.Submission, body: Versioned, accept: NotALetter),
        Op("GET /api/interceptions", P.ReviewInterceptions),
        Op("GET /api/interceptions/counts", P.ReviewInterceptions),
        Op("GET /api/interceptions/{id}", P.ReviewInterceptions, target: CitizenTargets.Interception),
        Op("POST /api/interceptions/{id}/release", P.ReviewInterceptions, target: CitizenTargets.Interception, mutates: true, body: c => new { reason = "矩阵测试", version = c.Target.Version }),
        Op("GET /api/interception-words", P.EditInterceptionWords),
        Op("POST /api/interception-words", P.EditInterceptionWords, body: c => new { word = $"矩阵测试{c.World.Next()}" }),
        Op("DELETE /api/interception-words/{id}", P.EditInterceptionWords, target: CitizenTargets.Word, mutates: true),
    }.ToDictionary(o => o.Key);

    /// <summary>What <paramref name="caller"/> (null: anonymous) should get from <paramref name="operation"/> on a record of <paramref name="unit"/>.</summary>
    public static Expected Expect(Operation operation, Caller? caller, string unit, Func<string, string, bool> within)
    {
        if (caller is null)
        {
            return operation.Policy is null ? Expected.Allowed : Expected.SignIn;
        }

        var roles = operation.Policy is null ? Enum.GetValues<Role>() : PolicyRolesTests.Expected[operation.Policy];
        if (!caller.Roles.Overlaps(roles))
        {
            return Expected.RoleRefused;
        }

        var sees = caller.Oversees is null || within(unit, caller.Oversees);
        return operation.Reach switch
        {
            Reach.Anywhere => Expected.Allowed,
            Reach.InScope => sees ? Expected.Allowed : Expected.OutOfScope,
            Reach.AsTheUnit when caller.Roles.Any(r => r.IsCentreRole() && roles.Contains(r)) || within(unit, caller.OwnUnit) => Expected.Allowed,
            Reach.AsTheUnit => sees ? Expected.NotTheUnit : Expected.OutOfScope,
            Reach.Addressee => caller.OwnUnit == unit && caller.Roles.Any(r => r.IsUnitRole()) ? Expected.Allowed : Expected.OutOfScope,
        };
    }

    private static TargetKind Open311Target(string value) => new("open311 " + value, (_, _) => Task.FromResult(new Target(value)));

    private static Operation Op(
        string key, string? policy, Reach reach = Reach.Anywhere, TargetKind? target = null, Func<CellContext, object?>? body = null,
        Func<CellContext, Task<object?>>? bodyAsync = null, string query = "", bool mutates = false, Accepted? accept = null, bool ownSession = false) =>
        new(key, policy, reach, target ?? T.None, bodyAsync ?? (body is null ? null : c => Task.FromResult(body(c))), query, mutates, accept, ownSession);

    private static object Versioned(CellContext c) => new { version = c.Target.Version };

    private static object Noted(CellContext c) => new { note = "矩阵测试", version = c.Target.Version };

    private static object ArticleContent(CellContext c) =>
        Content($"矩阵测试文章 {c.World.Next()}", "停水期间请储备生活用水。", category: "供水", keywords: ["停水"]);

    /// <summary>The unit as it is, sent back with its current version: an edit that changes nothing but passes every check.</summary>
    private static async Task<object?> SameUnitAsync(CellContext c)
    {
        var unit = await (await c.World.As("admin")).GetAsync($"/api/units/{c.Target.Value}").ShouldBeOk();
        return new
        {
            name = unit.GetProperty("name").GetString(),
            regionCode = unit.GetProperty("regionCode").GetString(),
            isActive = true,
            liaisons = unit.GetProperty("liaisons"),
            version = unit.GetProperty("version").GetInt64(),
        };
    }
}

/// <summary>The answer a cell should get.</summary>
public enum Expected
{
    /// <summary>2xx, or the operation's <see cref="Accepted"/> refusal.</summary>
    Allowed,

    /// <summary>401: not signed in.</summary>
    SignIn,

    /// <summary>403 <c>auth.forbidden</c>: the route's policy does not admit any of the caller's roles.</summary>
    RoleRefused,

    /// <summary>403 with the domain's code: the caller sees the record but is not the unit whose act it is.</summary>
    NotTheUnit,

    /// <summary>404: the record lies outside what the caller sees.</summary>
    OutOfScope,
}
