using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>The knowledge base (S10): articles and notices, their timeline, published versions, error reports, expiry warnings, usage.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0011_Knowledge")]
public sealed class M0011Knowledge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "knowledge_articles",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                owner_unit_id = table.Column<long>(nullable: false),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                title = table.Column<string>(maxLength: 200, nullable: false),
                body = table.Column<string>(nullable: false),
                category = table.Column<string>(maxLength: 50, nullable: false),
                region_codes = table.Column<string>(maxLength: 700, nullable: false),
                keywords = table.Column<string>(maxLength: 500, nullable: false),
                is_citizen_visible = table.Column<bool>(nullable: false),
                effective_from_utc = table.Column<DateTime>(nullable: true),
                expires_at_utc = table.Column<DateTime>(nullable: true),
                period_start_utc = table.Column<DateTime>(nullable: true),
                period_end_utc = table.Column<DateTime>(nullable: true),
                status = table.Column<string>(maxLength: 32, nullable: false),
                live_version = table.Column<int>(nullable: true),
                live_expires_at_utc = table.Column<DateTime>(nullable: true),
                published_versions = table.Column<int>(nullable: false),
                submitted_by_id = table.Column<long>(nullable: true),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_id = table.Column<long>(nullable: true),
                created_by_name = table.Column<string>(maxLength: 100, nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
                view_count = table.Column<long>(nullable: false),
                use_count = table.Column<long>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_articles", x => x.id);
                table.ForeignKey("fk_knowledge_articles_units_owner_unit_id", x => x.owner_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_knowledge_articles_owner_unit_id", "knowledge_articles", "owner_unit_id");
        migrationBuilder.CreateIndex("ix_knowledge_articles_status", "knowledge_articles", "status");
        migrationBuilder.CreateIndex("ix_knowledge_articles_live_expires_at_utc", "knowledge_articles", "live_expires_at_utc");

        migrationBuilder.CreateTable(
            name: "knowledge_article_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                article_id = table.Column<long>(nullable: false),
                action = table.Column<string>(maxLength: 32, nullable: false),
                actor_id = table.Column<long>(nullable: true),
                actor_name = table.Column<string>(maxLength: 100, nullable: false),
                actor_unit_id = table.Column<long>(nullable: true),
                at_utc = table.Column<DateTime>(nullable: false),
                note = table.Column<string>(maxLength: 600, nullable: true),
                article_version = table.Column<int>(nullable: true),
                changed_fields = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_article_events", x => x.id);
                table.ForeignKey("fk_knowledge_article_events_knowledge_articles_article_id", x => x.article_id, "knowledge_articles", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_knowledge_article_events_article_id", "knowledge_article_events", "article_id");

        migrationBuilder.CreateTable(
            name: "knowledge_article_versions",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                article_id = table.Column<long>(nullable: false),
                number = table.Column<int>(nullable: false),
                content = table.Column<string>(nullable: false),
                changed_fields = table.Column<string>(maxLength: 200, nullable: true),
                note = table.Column<string>(maxLength: 500, nullable: true),
                approved_by_id = table.Column<long>(nullable: true),
                approved_by_name = table.Column<string>(maxLength: 100, nullable: false),
                published_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_article_versions", x => x.id);
                table.ForeignKey("fk_knowledge_article_versions_knowledge_articles_article_id", x => x.article_id, "knowledge_articles", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_knowledge_article_versions_article_id_number", "knowledge_article_versions", ["article_id", "number"], unique: true);

        migrationBuilder.CreateTable(
            name: "knowledge_error_reports",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                article_id = table.Column<long>(nullable: false),
                owner_unit_id = table.Column<long>(nullable: false),
                text = table.Column<string>(maxLength: 1000, nullable: false),
                reported_by_id = table.Column<long>(nullable: false),
                reported_by_name = table.Column<string>(maxLength: 100, nullable: false),
                reported_at_utc = table.Column<DateTime>(nullable: false),
                status = table.Column<string>(maxLength: 32, nullable: false),
                outcome = table.Column<string>(maxLength: 32, nullable: true),
                resolution_note = table.Column<string>(maxLength: 500, nullable: true),
                resolved_by_id = table.Column<long>(nullable: true),
                resolved_by_name = table.Column<string>(maxLength: 100, nullable: true),
                resolved_at_utc = table.Column<DateTime>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_error_reports", x => x.id);
                table.ForeignKey("fk_knowledge_error_reports_knowledge_articles_article_id", x => x.article_id, "knowledge_articles", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_knowledge_error_reports_units_owner_unit_id", x => x.owner_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_knowledge_error_reports_article_id", "knowledge_error_reports", "article_id");
        migrationBuilder.CreateIndex("ix_knowledge_error_reports_owner_unit_id_status", "knowledge_error_reports", ["owner_unit_id", "status"]);

        migrationBuilder.CreateTable(
            name: "knowledge_expiry_warnings",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                article_id = table.Column<long>(nullable: false),
                owner_unit_id = table.Column<long>(nullable: false),
                expires_at_utc = table.Column<DateTime>(nullable: false),
                warned_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_expiry_warnings", x => x.id);
                table.ForeignKey("fk_knowledge_expiry_warnings_knowledge_articles_article_id", x => x.article_id, "knowledge_articles", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_knowledge_expiry_warnings_article_id_expires_at_utc", "knowledge_expiry_warnings", ["article_id", "expires_at_utc"], unique: true);
        migrationBuilder.CreateIndex("ix_knowledge_expiry_warnings_owner_unit_id", "knowledge_expiry_warnings", "owner_unit_id");

        migrationBuilder.CreateTable(
            name: "knowledge_usages",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                article_id = table.Column<long>(nullable: false),
                article_version = table.Column<int>(nullable: true),
                user_id = table.Column<long>(nullable: false),
                unit_id = table.Column<long>(nullable: false),
                work_order_id = table.Column<long>(nullable: true),
                at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_knowledge_usages", x => x.id);
                table.ForeignKey("fk_knowledge_usages_knowledge_articles_article_id", x => x.article_id, "knowledge_articles", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_knowledge_usages_article_id", "knowledge_usages", "article_id");
    }
}
