using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 16, escalation: the level a supervision notice has reached on the escalation chain, and special reports (专报)
/// to leaders with the leader's instruction and the notice that carries it out.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0059_Escalation")]
public sealed class M0059Escalation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "escalation_level", table: "supervision_notices", maxLength: 32, nullable: false, defaultValue: "Centre"); // the model's default too: every notice starts with the centre
        migrationBuilder.AddColumn<DateTime>(name: "escalated_at_utc", table: "supervision_notices", nullable: true);
        migrationBuilder.CreateIndex("ix_supervision_notices_escalation_level", "supervision_notices", "escalation_level");

        migrationBuilder.CreateTable(
            name: "supervision_special_reports",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                notice_id = table.Column<long>(nullable: false),
                notice_number = table.Column<string>(maxLength: 32, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                title = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                body = table.Column<string>(maxLength: Limits.ArticleBody, nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                created_by_user_id = table.Column<long>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                author_unit_id = table.Column<long>(nullable: false),
                author_unit_name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                author_scope_path = table.Column<string>(maxLength: 400, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
                sent_to_user_id = table.Column<long>(nullable: true),
                sent_to_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                sent_at_utc = table.Column<DateTime>(nullable: true),
                instruction_text = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                instructed_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                instructed_at_utc = table.Column<DateTime>(nullable: true),
                instruction_unit_name = table.Column<string>(maxLength: Limits.LongName, nullable: true),
                instruction_notice_id = table.Column<long>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_special_reports", x => x.id);
                table.ForeignKey("fk_supervision_special_reports_supervision_notices_notice_id", x => x.notice_id, "supervision_notices", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_supervision_special_reports_supervision_notices_instruction~", x => x.instruction_notice_id, "supervision_notices", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_supervision_special_reports_notice_id", "supervision_special_reports", "notice_id");
        migrationBuilder.CreateIndex("ix_supervision_special_reports_instruction_notice_id", "supervision_special_reports", "instruction_notice_id");
        migrationBuilder.CreateIndex("ix_supervision_special_reports_sent_to_user_id", "supervision_special_reports", "sent_to_user_id");
    }
}
