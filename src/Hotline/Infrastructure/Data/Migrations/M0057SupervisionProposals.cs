using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Supervision proposals (issue 16): the triggers as data (seeded with the S8 triggers; the unit-figure ones disabled
/// until the assessment issue provides the figures), the proposals the job raises, and the key difficult issues store.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0057_SupervisionProposals")]
public sealed class M0057SupervisionProposals : Migration
{
    private static readonly (string Code, string Name, string Kind, string Parameters, bool Enabled, string Method, int Days, string Demand)[] Triggers =
    [
        ("red-light", "红灯工单", "order-light", """{"light":"Red"}""", true, "Document", 3, "请说明工单超期未办结的原因，立即办理并答复办理结果。"),
        ("redo", "重办工单", "order-redo", """{"minRedoCount":"1"}""", true, "Document", 5, "请查明群众不满意的原因，重新办理到位并答复。"),
        ("repeat-after-closure", "办结后重复诉求", "order-repeat", "{}", true, "Document", 5, "请核查原办理结果，彻底解决群众反复反映的问题。"),
        ("slow-sign", "签收缓慢", "order-unsigned", """{"workingDays":"1"}""", true, "Document", 1, "请立即签收并办理，说明未及时签收的原因。"),
        ("late-without-good-reason", "无正当理由逾期", "order-lateness", "{}", true, "Document", 3, "请说明无正当理由逾期的原因并提出整改措施。"),
        ("knowledge-expired", "知识过期未更新", "knowledge-expired", "{}", true, "Document", 5, "请及时更新或撤回已过期的知识条目。"),
        ("knowledge-error-report", "知识纠错未处理", "knowledge-error-reports", """{"minOpenReports":"1"}""", true, "Document", 5, "请及时处理知识纠错意见并更正知识条目。"),
        ("low-rate", "考核指标偏低", "unit-figure", """{"figure":"onTimeRate","below":"0.8"}""", false, "InterviewReminder", 10, "请分析指标偏低的原因，制定并落实整改措施。"),
        ("falling-rank", "考核排名下滑", "unit-figure", """{"figure":"rankFall","above":"3"}""", false, "InterviewReminder", 10, "请分析排名下滑的原因，制定并落实整改措施。"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "supervision_triggers",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                code = table.Column<string>(maxLength: 32, nullable: false),
                name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                source_kind = table.Column<string>(maxLength: 32, nullable: false),
                parameters = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                enabled = table.Column<bool>(nullable: false),
                default_method = table.Column<string>(maxLength: 32, nullable: false),
                default_deadline_working_days = table.Column<int>(nullable: false),
                default_demand = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_supervision_triggers", x => x.id));
        migrationBuilder.CreateIndex("ix_supervision_triggers_code", "supervision_triggers", "code", unique: true);
        foreach (var t in Triggers)
        {
            migrationBuilder.Sql(
                "INSERT INTO supervision_triggers (code, name, source_kind, parameters, enabled, default_method, default_deadline_working_days, default_demand, version) VALUES " +
                $"('{t.Code}', '{t.Name}', '{t.Kind}', '{t.Parameters}', {(t.Enabled ? "TRUE" : "FALSE")}, '{t.Method}', {t.Days}, '{t.Demand}', 0);");
        }

        migrationBuilder.CreateTable(
            name: "supervision_proposals",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                trigger_code = table.Column<string>(maxLength: 32, nullable: false),
                subject_kind = table.Column<string>(maxLength: 32, nullable: false),
                subject_id = table.Column<long>(nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                facts = table.Column<string>(maxLength: Limits.Reason, nullable: false),
                first_seen_utc = table.Column<DateTime>(nullable: false),
                last_seen_utc = table.Column<DateTime>(nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                ended_at_utc = table.Column<DateTime>(nullable: true),
                notice_id = table.Column<long>(nullable: true),
                dismiss_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                dismissed_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                dismissed_at_utc = table.Column<DateTime>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_supervision_proposals", x => x.id));
        migrationBuilder.CreateIndex("ix_supervision_proposals_trigger_code_ended_at_utc_subject_id", "supervision_proposals", ["trigger_code", "ended_at_utc", "subject_id"]);
        migrationBuilder.CreateIndex("ix_supervision_proposals_state_last_seen_utc", "supervision_proposals", ["state", "last_seen_utc"]);
        migrationBuilder.CreateIndex("ix_supervision_proposals_unit_path", "supervision_proposals", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        // The triggers' conditions on work orders, each a partial index holding only the orders it can hold for.
        migrationBuilder.CreateIndex("ix_work_orders_status_red", "work_orders", "status", filter: "light = 'Red'");
        migrationBuilder.CreateIndex("ix_work_orders_status_redone", "work_orders", "status", filter: "redo_count > 0");
        migrationBuilder.CreateIndex("ix_work_orders_status_repeat_after_closure", "work_orders", "status", filter: "is_repeat_after_closure");
        migrationBuilder.CreateIndex("ix_work_orders_status_late_without_good_reason", "work_orders", "status", filter: "late_without_good_reason");

        migrationBuilder.CreateTable(
            name: "supervision_difficult_issues",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                title = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                description = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                category_code = table.Column<string>(maxLength: Limits.Code, nullable: true),
                region_code = table.Column<string>(maxLength: Limits.Code, nullable: true),
                unit_id = table.Column<long>(nullable: true),
                unit_name = table.Column<string>(maxLength: 100, nullable: true),
                unit_path = table.Column<string>(maxLength: 400, nullable: true),
                scope_path = table.Column<string>(maxLength: 400, nullable: false),
                work_order_ids = table.Column<string>(nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                resolution = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                resolved_at_utc = table.Column<DateTime>(nullable: true),
                created_by_id = table.Column<long>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_supervision_difficult_issues", x => x.id));
        migrationBuilder.CreateIndex("ix_supervision_difficult_issues_scope_path", "supervision_difficult_issues", "scope_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_supervision_difficult_issues_state_created_at_utc", "supervision_difficult_issues", ["state", "created_at_utc"]);
    }
}
